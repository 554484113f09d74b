import { parseDateTime, stringNormaliser } from '../compare.ts';
import { findAttribute } from '../schema/registry.ts';
import type { AttributeDef } from '../schema/types.ts';
import { isObject } from './json.ts';

/** Equality of two single values of `def` (not arrays), honouring caseExact (RFC 7643 §2.3.1, §7). */
export function elementEqual(def: AttributeDef, a: unknown, b: unknown): boolean {
  if (def.type === 'complex') {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const sub = findAttribute(def.subAttributes, key);
      if (!sub) {
        if (a[key] !== b[key]) return false;
      } else if (!valuesEqual(sub, a[key], b[key])) return false;
    }
    return true;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (def.type === 'dateTime') return a === b || (parseDateTime(a) ?? NaN) === parseDateTime(b);
    // References and binary data are always compared exactly.
    if (def.type === 'reference' || def.type === 'binary') return a === b;
    const normalise = stringNormaliser(def);
    return normalise(a) === normalise(b);
  }
  return a === b;
}

/** Equality of two values of `def`; multi-valued values compare as sets (order has no meaning, RFC 7643 §2.4). */
export function valuesEqual(def: AttributeDef, a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (!def.multiValued) return elementEqual(def, a, b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x) => b.some((y) => elementEqual(def, x, y))) && b.every((y) => a.some((x) => elementEqual(def, x, y)));
}

/**
 * Whether two elements of a multi-valued attribute denote the same value: for attributes with a `value`
 * sub-attribute that is the (value, type) pair of RFC 7643 §2.4 (a missing type matches any type, so re-adding
 * a member without its type is recognised); for others, every sub-attribute must be equal.
 */
export function sameElement(def: AttributeDef, a: unknown, b: unknown): boolean {
  const valueDef = findAttribute(def.subAttributes, 'value');
  if (!valueDef || !isObject(a) || !isObject(b) || a.value === undefined || b.value === undefined) {
    return elementEqual(def, a, b);
  }
  if (!elementEqual(valueDef, a.value, b.value)) return false;
  const typeDef = findAttribute(def.subAttributes, 'type');
  if (!typeDef || a.type === undefined || b.type === undefined) return true;
  return elementEqual(typeDef, a.type, b.type);
}
