import { compareKeys, parseDateTime, stringNormaliser } from './compare.ts';
import { invalidValue } from './errors.ts';
import { attributeReader, getMember, isPresent } from './filter/access.ts';
import { findAttribute, type SchemaRegistry } from './schema/registry.ts';
import type { AttributeDef, ResourceTypeDef } from './schema/types.ts';

export type Resource = Record<string, unknown>;
type SortKey = string | number | undefined;

/**
 * Returns a comparator implementing RFC 7644 §3.4.2.3: sortBy path (may be URN-qualified, sub-attribute),
 * ascending default; caseExact-false strings case-insensitively; missing values last when ascending and first
 * when descending; multi-valued → the primary value, else the first; a complex attribute without a sub-attribute
 * sorts by its `value` sub-attribute. Ties compare as 0: Array.prototype.sort is stable, so they keep their
 * original order. Unknown or unsortable sortBy, or a sortOrder other than ascending/descending → 400 invalidValue.
 * Sort keys are cached per resource object for the comparator's lifetime: compile one comparator per query.
 */
export function compileSort(
  sortBy: string,
  sortOrder: string | undefined,
  rt: ResourceTypeDef,
  registry: SchemaRegistry,
): (a: Resource, b: Resource) => number {
  const direction = sortDirection(sortOrder);
  const key = sortKeyReader(sortBy, rt, registry);
  // Keys are computed once per resource, not once per comparison (n log n), since folding and date parsing cost.
  const keys = new WeakMap<Resource, SortKey>();
  const keyOf = (resource: Resource): SortKey => {
    if (keys.has(resource)) return keys.get(resource);
    const value = key(resource);
    keys.set(resource, value);
    return value;
  };
  return (a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    // Missing sorts after everything; flipping the whole comparison for descending puts it first (RFC 7644 §3.4.2.3).
    if (ka === undefined || kb === undefined) return direction * ((ka === undefined ? 1 : 0) - (kb === undefined ? 1 : 0));
    return direction * compareKeys(ka, kb);
  };
}

function sortDirection(sortOrder: string | undefined): 1 | -1 {
  if (sortOrder === undefined) return 1;
  const order = sortOrder.toLowerCase();
  if (order === 'ascending') return 1;
  if (order === 'descending') return -1;
  throw invalidValue(`sortOrder must be "ascending" or "descending", not "${sortOrder}"`);
}

function sortKeyReader(sortBy: string, rt: ResourceTypeDef, registry: SchemaRegistry): (resource: Resource) => SortKey {
  const resolved = registry.resolvePath(rt, sortBy.trim());
  if (!resolved) throw invalidValue(`Cannot sort by "${sortBy}": the ${rt.name} resource type defines no such attribute`);
  const { def } = resolved;
  if (def.returned === 'never' || def.mutability === 'writeOnly') {
    throw invalidValue(`Cannot sort by "${sortBy}": it is never returned`);
  }
  let leaf = resolved.subDef ?? def;
  if (leaf.type === 'complex') {
    const value = findAttribute(def.subAttributes, 'value');
    if (!value) throw invalidValue(`Cannot sort by "${sortBy}": it is complex; sort by one of its sub-attributes`);
    leaf = value;
  }
  const read = attributeReader(resolved);
  const subName = def.type === 'complex' ? leaf.name : undefined;
  const toKey = keyConverter(leaf);
  return (resource) => {
    const element = representative(read(resource));
    const value = subName === undefined ? element : representative(getMember(element, subName));
    return isPresent(value) ? toKey(value) : undefined;
  };
}

/** The value a multi-valued attribute sorts by: the element marked primary, else the first (RFC 7644 §3.4.2.3). */
function representative(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.find((element) => getMember(element, 'primary') === true) ?? value[0];
}

/** A value of the wrong JSON type counts as missing rather than breaking the order of the rest. */
function keyConverter(def: AttributeDef): (value: unknown) => SortKey {
  switch (def.type) {
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? Number(value) : undefined);
    case 'integer':
    case 'decimal':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
    case 'dateTime':
      return (value) => (typeof value === 'string' ? parseDateTime(value) : undefined);
    default: {
      const normalise = stringNormaliser(def);
      return (value) => (typeof value === 'string' ? normalise(value) : undefined);
    }
  }
}
