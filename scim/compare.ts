import type { AttributeDef } from './schema/types.ts';

/**
 * Case folding for caseExact=false strings: NFKC first, so composed and decomposed forms (and full-width letters)
 * compare equal, then lower case, so ÉLISE equals élise (A15). ASCII skips the normaliser, which is the hot path.
 */
export function foldCase(s: string): string {
  return ASCII.test(s) ? s.toLowerCase() : s.normalize('NFKC').toLowerCase();
}
const ASCII = /^[\x00-\x7f]*$/;

const identity = (s: string) => s;

/** How strings of this attribute are brought to comparable form, honouring its caseExact characteristic. */
export function stringNormaliser(def: AttributeDef): (s: string) => string {
  return def.caseExact ? identity : foldCase;
}

// xsd:dateTime (RFC 7643 §2.3.5), plus a date alone and a space instead of T, which some clients send.
const DATE_TIME =
  /^(-?\d{4,})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Milliseconds since the epoch, or undefined when the text is no dateTime. Parsed by hand rather than Date.parse
 * because Date.parse reads a time without an offset as local time, which would make results depend on the
 * machine's time zone; here it is UTC. Digits after the milliseconds (.NET sends 7) are dropped.
 */
export function parseDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', , sign, offH, offM] = m;
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(year), mo - 1, d, h, mi, s, ms);
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM)) : 0;
  return utc - offset * 60_000;
}

/** Ordering of two sort keys of the same attribute (numbers or normalised strings), by code unit for strings:
 * deterministic on every machine, unlike localeCompare. */
export function compareKeys(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
