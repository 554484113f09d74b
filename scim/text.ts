/**
 * Case-folding for caseExact=false comparisons and uniqueness keys: a PRECIS-style preparation
 * (RFC 8265 UsernameCaseMapped: width mapping via NFKC, Unicode lower-casing, NFC) so that
 * "ÉLISE" and "élise" collide while ASCII-only lower-casing would miss them (§22 A15).
 */
export function foldCase(value: string): string {
  return value.normalize('NFKC').toLowerCase().normalize('NFC');
}
