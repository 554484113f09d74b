import { invalidValue } from '../errors.ts';
import { parseDateTime } from '../compare.ts';
import { findAttribute } from '../schema/registry.ts';
import type { AttributeDef } from '../schema/types.ts';
import { isObject } from './json.ts';

/** xsd:dateTime: date, 'T', time, optional fraction, optional zone (RFC 7643 §2.3.5, P-CREATE-10). */
const DATE_TIME = /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/;
/** Base64 (RFC 4648 §4) without line breaks, as RFC 7643 §2.3.6 asks. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const NUMERIC = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Type-checks one attribute value against its definition and returns its canonical form: sub-attribute names
 * spelled as the schema spells them, unassigned parts (null, [], {}) left out, `undefined` when nothing is left.
 * Throws 400 invalidValue naming `path` when the value does not fit. canonicalValues are not enforced (RFC 7643
 * §7 only recommends them).
 *
 * Lenient mode tolerates only what IdPs are known to send: "True"/"False" strings for booleans (X-ENTRA-02),
 * numeric strings for numbers, a lone object as the one value of a multi-valued attribute, and, for a single-valued complex attribute (Entra's manager, X-ENTRA-06), a
 * one-element array or a bare id string. A wrong JSON type anywhere else is refused in every mode: accepting
 * `"userName": 123` or `"emails": "a@b"` would hide exactly the client bugs the suite exists to show (P-ERR-05).
 */
export function coerceValue(def: AttributeDef, value: unknown, path: string, lenient: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  if (def.multiValued) {
    let list = value;
    if (!Array.isArray(list)) {
      // A lone object is one value of the list (a single member in a PATCH add); a lone scalar is a type error.
      if (!(lenient && isObject(list))) throw invalidValue(`"${path}" is multi-valued: send a JSON array of values.`);
      list = [list];
    }
    const out = (list as unknown[])
      .map((item, i) => coerceSingle(def, item, `${path}[${i}]`, lenient))
      .filter((item) => item !== undefined);
    return out.length ? out : undefined;
  }
  let single = value;
  if (Array.isArray(single)) {
    if (!(lenient && def.type === 'complex' && single.length <= 1)) {
      throw invalidValue(`"${path}" is single-valued: send one value, not an array.`);
    }
    single = single[0];
  }
  return coerceSingle(def, single, path, lenient);
}

function coerceSingle(def: AttributeDef, value: unknown, path: string, lenient: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  switch (def.type) {
    case 'complex':
      return coerceComplex(def, value, path, lenient);
    case 'string':
      if (typeof value === 'string') return value;
      throw mismatch(path, 'a string', value);
    case 'reference':
      if (typeof value === 'string') return value;
      throw mismatch(path, 'a reference (URI string)', value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (lenient && typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw mismatch(path, 'a JSON boolean (true or false)', value);
    case 'integer': {
      const n = lenientNumber(value, lenient);
      if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
      throw mismatch(path, 'an integer', value);
    }
    case 'decimal': {
      const n = lenientNumber(value, lenient);
      if (typeof n === 'number' && Number.isFinite(n)) return n;
      throw mismatch(path, 'a decimal number', value);
    }
    case 'dateTime':
      if (typeof value === 'string' && DATE_TIME.test(value) && parseDateTime(value) !== undefined) return value;
      throw mismatch(path, 'an xsd:dateTime such as "2024-05-01T12:00:00Z"', value);
    case 'binary':
      if (typeof value === 'string' && BASE64.test(value)) return value;
      throw mismatch(path, 'base64-encoded binary data', value);
  }
}

function coerceComplex(def: AttributeDef, value: unknown, path: string, lenient: boolean): unknown {
  if (lenient && !def.multiValued && typeof value === 'string' && findAttribute(def.subAttributes, 'value')) return { value };
  if (!isObject(value)) throw mismatch(path, `a complex value (JSON object) with sub-attributes of "${def.name}"`, value);
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [key, raw] of Object.entries(value)) {
    const sub = findAttribute(def.subAttributes, key);
    if (!sub) {
      if (lenient) continue;
      const known = (def.subAttributes ?? []).map((s) => s.name).join(', ');
      throw invalidValue(`"${path}.${key}" is not a sub-attribute of "${def.name}" (known: ${known}).`);
    }
    if (seen.has(sub.name)) throw invalidValue(`"${path}" names the sub-attribute "${sub.name}" twice (names are case-insensitive).`);
    seen.add(sub.name);
    const coerced = coerceValue(sub, raw, `${path}.${sub.name}`, lenient);
    if (coerced !== undefined) out[sub.name] = coerced;
  }
  return Object.keys(out).length ? out : undefined;
}

function lenientNumber(value: unknown, lenient: boolean): unknown {
  return lenient && typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value;
}

function mismatch(path: string, expected: string, value: unknown) {
  const shown = JSON.stringify(value);
  const got = shown && shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  return invalidValue(`"${path}" must be ${expected}; got ${got}.`);
}

/**
 * Drops readOnly sub-attributes (members.display, manager.displayName, ...) from an already coerced value: the
 * server owns them, so a client copy is ignored rather than refused (RFC 7644 §3.3, §3.5.1).
 */
export function withoutReadOnlySubAttributes(def: AttributeDef, value: unknown): unknown {
  if (def.type !== 'complex' || value === undefined) return value;
  const strip = (element: unknown) => {
    if (!isObject(element)) return element;
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(element)) {
      if (findAttribute(def.subAttributes, key)?.mutability !== 'readOnly') out[key] = sub;
    }
    return Object.keys(out).length ? out : undefined;
  };
  if (!def.multiValued) return strip(value);
  const list = (value as unknown[]).map(strip).filter((e) => e !== undefined);
  return list.length ? list : undefined;
}
