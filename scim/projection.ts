import { isObject } from './resource/json.ts';
import { findAttribute, type SchemaRegistry } from './schema/registry.ts';
import type { AttributeDef, ResourceTypeDef } from './schema/types.ts';

export interface ProjectionOptions {
  attributes?: string[];
  excludedAttributes?: string[];
}

/** Splits a comma-separated `attributes` / `excludedAttributes` value (RFC 7644 §3.4.2.5); undefined when empty. */
export function parseAttributeList(param: string | undefined): string[] | undefined {
  const names = (param ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  return names.length ? names : undefined;
}

/**
 * The attributes a list of names selects. Keys are `<location>|<attribute>` in lower case, where location is ''
 * for common and base-schema attributes and the lower-cased URN for extension attributes.
 */
interface Selection {
  /** Whole attributes named (`emails`, `urn:...:enterprise:2.0:User:manager`). */
  whole: Set<string>;
  /** Sub-attributes named, by attribute key (`name.givenName` → 'name' → {'givenname'}). */
  subs: Map<string, Set<string>>;
  /** Extensions named by their bare URN: every attribute in them. */
  extensions: Set<string>;
}

const keyOf = (location: string, name: string) => `${location}|${name.toLowerCase()}`;

function selectionOf(names: string[], rt: ResourceTypeDef, registry: SchemaRegistry): Selection {
  const selection: Selection = { whole: new Set(), subs: new Map(), extensions: new Set() };
  for (const name of names) {
    const ext = registry.extension(rt, name);
    if (ext) {
      selection.extensions.add(ext.id.toLowerCase());
      continue;
    }
    // Unknown names select nothing and are not an error (RFC 7644 §3.9 leaves them undefined; IdPs send extras).
    const resolved = registry.resolvePath(rt, name);
    if (!resolved) continue;
    const key = keyOf(resolved.inExtension ? resolved.schemaUrn!.toLowerCase() : '', resolved.def.name);
    if (!resolved.subDef) selection.whole.add(key);
    else selection.subs.set(key, (selection.subs.get(key) ?? new Set()).add(resolved.subDef.name.toLowerCase()));
  }
  return selection;
}

/**
 * Applies the `returned` characteristics (RFC 7643 §7) and attributes/excludedAttributes (RFC 7644 §3.4.2.5, §3.9)
 * to a full resource. `returned: never` (password) is always removed (P-PROJ-05); `always` (id) and `schemas`
 * always stay (P-PROJ-02/04); `request` attributes only when named (P-PROJ-12). Names may be dotted or URN-qualified,
 * or a bare extension URN for the whole extension, in any case (P-PROJ-06..08). When both lists are given,
 * `attributes` wins (RFC 7644 §3.9 calls them mutually exclusive; A21 leaves the outcome open).
 */
export function project(
  resource: Record<string, unknown>,
  rt: ResourceTypeDef,
  registry: SchemaRegistry,
  options: ProjectionOptions,
): Record<string, unknown> {
  if (!options.attributes?.length && !options.excludedAttributes?.length) {
    const hidden = hiddenByDefault(rt, registry);
    if (hidden) return withoutHidden(resource, hidden);
  }
  const only = options.attributes?.length ? selectionOf(options.attributes, rt, registry) : undefined;
  const excluded = !only && options.excludedAttributes?.length ? selectionOf(options.excludedAttributes, rt, registry) : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (isUnassigned(value)) continue;
    if (key === 'schemas') {
      out[key] = value;
      continue;
    }
    const ext = registry.extension(rt, key);
    if (ext) {
      const location = ext.id.toLowerCase();
      if (!isObject(value) || excluded?.extensions.has(location)) continue;
      const inner = projectObject(value, ext.attributes, location, only, excluded, only?.extensions.has(location) ?? false);
      if (Object.keys(inner).length) out[key] = inner;
      continue;
    }
    const def = registry.resolve(rt, { attr: key })?.def;
    const kept = projectAttribute(def, key, value, '', only, excluded, false);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/**
 * The attributes a default representation leaves out (`returned: never` or `request`), lower-cased, by location:
 * '' for the base schema, the lower-cased URN for an extension. Undefined when some sub-attribute is hidden too,
 * which the general walk handles. Computed once per registry and resource type: this is every plain GET's path.
 */
type Hidden = Map<string, Set<string>>;
const hiddenCache = new WeakMap<SchemaRegistry, Map<string, Hidden | undefined>>();

function hiddenByDefault(rt: ResourceTypeDef, registry: SchemaRegistry): Hidden | undefined {
  let byType = hiddenCache.get(registry);
  if (!byType) hiddenCache.set(registry, (byType = new Map()));
  if (byType.has(rt.name)) return byType.get(rt.name);
  const isHidden = (a: AttributeDef) => a.returned === 'never' || a.returned === 'request';
  const locations: Array<[string, AttributeDef[]]> = [
    ['', registry.schema(rt.schema)?.attributes ?? []],
    ...rt.schemaExtensions.map((e): [string, AttributeDef[]] => [e.schema.toLowerCase(), registry.schema(e.schema)?.attributes ?? []]),
  ];
  let hidden: Hidden | undefined = new Map();
  for (const [location, attributes] of locations) {
    if (attributes.some((a) => a.subAttributes?.some(isHidden))) hidden = undefined;
    hidden?.set(location, new Set(attributes.filter(isHidden).map((a) => a.name.toLowerCase())));
  }
  byType.set(rt.name, hidden);
  return hidden;
}

function withoutHidden(resource: Record<string, unknown>, hidden: Hidden): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const base = hidden.get('')!;
  for (const key of Object.keys(resource)) {
    const value = resource[key];
    const lowered = key.toLowerCase();
    const inExtension = hidden.get(lowered);
    if (inExtension !== undefined && lowered !== '') {
      if (!isObject(value)) continue;
      const inner: Record<string, unknown> = {};
      for (const k of Object.keys(value)) if (!inExtension.has(k.toLowerCase()) && !isUnassigned(value[k])) inner[k] = value[k];
      if (Object.keys(inner).length) out[key] = inner;
    } else if (!base.has(lowered) && !isUnassigned(value)) {
      out[key] = value;
    }
  }
  return out;
}

/** RFC 7643 §2.5: null and [] mean unassigned, and an unassigned attribute is left out of a representation. */
function isUnassigned(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

function projectObject(
  object: Record<string, unknown>,
  attributes: AttributeDef[],
  location: string,
  only: Selection | undefined,
  excluded: Selection | undefined,
  wholeLocation: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (isUnassigned(value)) continue;
    const kept = projectAttribute(findAttribute(attributes, key), key, value, location, only, excluded, wholeLocation);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** One top-level (or extension) attribute: its value as returned, or undefined to leave it out. */
function projectAttribute(
  def: AttributeDef | undefined,
  name: string,
  value: unknown,
  location: string,
  only: Selection | undefined,
  excluded: Selection | undefined,
  wholeLocation: boolean,
): unknown {
  const returned = def?.returned ?? 'default';
  if (returned === 'never') return undefined;
  const key = keyOf(location, def?.name ?? name);
  if (returned === 'always') return def ? projectSubAttributes(def, value, () => true) : value;
  if (only) {
    if (wholeLocation || only.whole.has(key)) return def ? projectSubAttributes(def, value, (sub) => sub.returned !== 'request') : value;
    const named = only.subs.get(key);
    if (!named || !def) return undefined;
    return projectSubAttributes(def, value, (sub) => sub.returned === 'always' || named.has(sub.name.toLowerCase()), false);
  }
  if (returned === 'request') return undefined;
  if (excluded?.whole.has(key)) return undefined;
  if (!def) return value;
  const dropped = excluded?.subs.get(key);
  return projectSubAttributes(
    def,
    value,
    (sub) => sub.returned === 'always' || (sub.returned !== 'request' && !dropped?.has(sub.name.toLowerCase())),
  );
}

/**
 * Keeps the sub-attributes of a complex value (each element when multi-valued) that `keep` accepts, never a
 * `returned: never` one; sub-attributes the schema does not define stay unless specific sub-attributes were named.
 */
function projectSubAttributes(def: AttributeDef, value: unknown, keep: (sub: AttributeDef) => boolean, keepUnknown = true): unknown {
  if (def.type !== 'complex') return value;
  const filterElement = (element: unknown) => {
    if (!isObject(element)) return element;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(element)) {
      const sub = findAttribute(def.subAttributes, key);
      if (sub ? sub.returned !== 'never' && keep(sub) : keepUnknown) out[key] = inner;
    }
    return Object.keys(out).length ? out : undefined;
  };
  if (!Array.isArray(value)) return filterElement(value);
  const list = value.map(filterElement).filter((element) => element !== undefined);
  return list.length ? list : undefined;
}
