import type { ResolvedAttribute } from '../schema/registry.ts';

/**
 * Reads a member of a JSON object by its canonical name, falling back to a case-insensitive match because
 * attribute names are case-insensitive (RFC 7643 §2.1) and resources may come from clients that spell them oddly.
 */
export function getMember(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  const direct = object[name];
  if (direct !== undefined) return direct;
  const lowered = name.toLowerCase();
  for (const key of Object.keys(object)) if (key.toLowerCase() === lowered) return object[key];
  return undefined;
}

/** A function reading a resolved attribute from a full resource: extension attributes live under their URN key. */
export function attributeReader(resolved: Pick<ResolvedAttribute, 'inExtension' | 'schemaUrn' | 'def'>): (resource: unknown) => unknown {
  const name = resolved.def.name;
  const urn = resolved.schemaUrn;
  if (!resolved.inExtension || urn === undefined) return (resource) => getMember(resource, name);
  return (resource) => getMember(getMember(resource, urn), name);
}

/** RFC 7644 `pr`: not null, not "", not [], and a complex value with at least one present member. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (typeof value === 'object') return Object.values(value).some(isPresent);
  return true;
}
