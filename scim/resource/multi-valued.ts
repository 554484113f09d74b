import { parseDateTime, stringNormaliser } from '../compare.ts';
import { invalidValue } from '../errors.ts';
import { findAttribute } from '../schema/registry.ts';
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

/** Removes exact duplicates (equal under the attribute's caseExact rules), keeping the first (S-ATTR-07). O(n). */
export function withoutDuplicates(def: AttributeDef, elements: unknown[]): unknown[] {
  const out: unknown[] = [];
  const index = new ElementIndex(def, out);
  for (const element of elements) {
    if (index.find(element, (kept) => elementEqual(def, kept, element)) < 0) index.push(element);
  }
  return out;
}

/**
 * A bucket key for an element of a multi-valued attribute: two elements that are equal (elementEqual) or denote the
 * same value (sameElement) always get the same key, so lookups compare only within one bucket. For attributes with a
 * `value` sub-attribute the key is that value as the sub-attribute compares it; for simple ones, the value itself.
 */
export function elementKey(def: AttributeDef, element: unknown): string {
  if (def.type !== 'complex') return scalarKey(def, element);
  if (!isObject(element)) return 'x';
  const valueDef = findAttribute(def.subAttributes, 'value');
  if (!valueDef || element.value === undefined) return 'c';
  return scalarKey(valueDef, element.value);
}

function scalarKey(def: AttributeDef, value: unknown): string {
  if (typeof value !== 'string') return typeof value === 'object' ? 'o' : `${typeof value}:${String(value)}`;
  if (def.type === 'dateTime') {
    const at = parseDateTime(value);
    return at === undefined ? `s:${value}` : `d:${at}`;
  }
  if (def.type === 'reference' || def.type === 'binary') return `s:${value}`;
  return `s:${stringNormaliser(def)(value)}`;
}

/**
 * The elements of one multi-valued attribute, indexed by elementKey, so that finding an element costs O(1) instead
 * of a scan: without it, N PATCH operations each adding one email cost O(N²). `list` is the indexed array itself;
 * change it only through push/set so the index stays true.
 */
export class ElementIndex {
  private readonly buckets = new Map<string, number[]>();
  /** Positions holding `primary: true`, so demoting the others costs O(1) rather than a scan. */
  private readonly primaries = new Set<number>();

  constructor(private readonly def: AttributeDef, readonly list: unknown[]) {
    list.forEach((element, i) => this.note(element, i));
  }

  /** Position of the first element `matches` accepts among those sharing `probe`'s key, or -1. */
  find(probe: unknown, matches: (candidate: unknown) => boolean): number {
    const bucket = this.buckets.get(elementKey(this.def, probe));
    if (!bucket) return -1;
    for (const i of bucket) if (matches(this.list[i])) return i;
    return -1;
  }

  push(element: unknown): number {
    const at = this.list.push(element) - 1;
    this.note(element, at);
    return at;
  }

  /** Replaces the element at `at` with one of the same key (a merge of the same value). */
  set(at: number, element: unknown): void {
    this.list[at] = element;
    if (isPrimary(element)) this.primaries.add(at);
    else this.primaries.delete(at);
  }

  /** demoteOtherPrimaries for the element at `chosen`, in O(number of primaries). */
  demoteOthers(chosen: number): void {
    for (const at of [...this.primaries]) {
      if (at === chosen) continue;
      const { primary: _dropped, ...rest } = this.list[at] as Record<string, unknown>;
      this.list[at] = rest;
      this.primaries.delete(at);
    }
  }

  /** How many elements the index knows; differs from list.length once the list was changed behind its back. */
  get size(): number {
    return this.known;
  }

  private known = 0;

  private note(element: unknown, at: number): void {
    this.known++;
    if (isPrimary(element)) this.primaries.add(at);
    const key = elementKey(this.def, element);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(at);
    else this.buckets.set(key, [at]);
  }
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
