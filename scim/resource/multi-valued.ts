import { invalidValue } from '../errors.ts';
import type { AttributeDef } from '../schema/types.ts';
import { elementEqual } from './equality.ts';
import { isObject } from './json.ts';

const isPrimary = (element: unknown) => isObject(element) && element.primary === true;

/** RFC 7643 §2.4: `primary: true` appears at most once per multi-valued attribute (S-ATTR-05, A22: reject). */
export function assertSinglePrimary(def: AttributeDef, elements: unknown[], path: string): void {
  if (elements.filter(isPrimary).length > 1) {
    throw invalidValue(`"${path}" has more than one value with "primary": true; at most one ${def.name} value may be primary.`);
  }
}

/** Removes exact duplicates (equal under the attribute's caseExact rules), keeping the first (S-ATTR-07). */
export function withoutDuplicates(def: AttributeDef, elements: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const element of elements) if (!out.some((kept) => elementEqual(def, kept, element))) out.push(element);
  return out;
}

/**
 * Keeps `primary: true` only on `chosen` (P-PATCH-25: making one value primary demotes the others). Demoted
 * elements lose the `primary` key rather than getting `false`, as an unassigned boolean reads the same.
 */
export function demoteOtherPrimaries(elements: unknown[], chosen: unknown): void {
  elements.forEach((element, i) => {
    if (element !== chosen && isObject(element) && element.primary === true) {
      const { primary: _dropped, ...rest } = element;
      elements[i] = rest;
    }
  });
}
