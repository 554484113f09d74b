import { invalidSyntax, invalidValue, mutability } from '../errors.ts';
import { commonAttributes } from '../schema/core.ts';
import { findAttribute, type SchemaRegistry } from '../schema/registry.ts';
import type { AttributeDef, ResourceTypeDef, SchemaDef } from '../schema/types.ts';
import { coerceValue, withoutReadOnlySubAttributes } from './coerce.ts';
import { valuesEqual } from './equality.ts';
import { isObject } from './json.ts';
import { assertWithinLimits } from './limits.ts';
import { canonicalMember, isGroupMembers, type MemberType } from './members.ts';
import { assertSinglePrimary, withoutDuplicates } from './multi-valued.ts';
import { schemasWithData } from './schemas.ts';

export { coerceValue } from './coerce.ts';

export interface NormalizeOptions {
  registry: SchemaRegistry;
  rt: ResourceTypeDef;
  lenient: boolean;
  mode: 'create' | 'replace';
}

export interface NormalizedResource {
  data: Record<string, unknown>;
  schemas: string[];
  /** Group members, when the body carried `members` at all (`[]` for null or an empty list); undefined otherwise. */
  members?: { value: string; type: MemberType }[];
}

/**
 * Validates and canonicalises a POST/PUT body (RFC 7643 §2-§4, RFC 7644 §3.3, §3.5.1): canonical attribute names
 * (S-ATTR-01), extension attributes under their canonical URN key, readOnly attributes dropped (P-CREATE-07,
 * P-PUT-03), unassigned values dropped (P-CREATE-16), values coerced per their definition, required attributes
 * checked, at most one primary (A22: rejected), exact duplicates removed (S-ATTR-07). Unknown attributes and schema
 * URNs are 400 invalidValue, or ignored in lenient mode (X-ENTRA-07). Group members come back apart from `data`.
 */
export function normalizeResource(body: unknown, options: NormalizeOptions): NormalizedResource {
  const { registry, rt, lenient, mode } = options;
  const verb = mode === 'create' ? 'create (POST)' : 'replace (PUT)';
  if (!isObject(body)) throw invalidSyntax(`The body of a ${verb} must be a JSON object holding the resource.`);
  assertWithinLimits(body, 'body');

  const listed = listedSchemas(body, options, verb);
  const base = registry.schema(rt.schema);
  if (!base) throw new Error(`resource type ${rt.name} names unknown schema ${rt.schema}`);

  const data: Record<string, unknown> = {};
  let members: NormalizedResource['members'];
  const seen = new Set<string>();
  const claim = (key: string, where: string) => {
    const lowered = key.toLowerCase();
    if (seen.has(lowered)) throw invalidValue(`${where} is given twice (attribute names are case-insensitive).`);
    seen.add(lowered);
  };

  for (const [key, raw] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas') continue;
    const ext = registry.extension(rt, key);
    if (ext) {
      claim(ext.id, `The extension "${ext.id}"`);
      const extData = normalizeExtension(ext, raw, options);
      if (!extData) continue;
      if (!lenient && !listed.has(ext.id.toLowerCase())) {
        throw invalidValue(`The body has data for "${ext.id}" but "schemas" does not list that URN.`);
      }
      data[ext.id] = extData;
      continue;
    }
    const def = findAttribute(commonAttributes, key) ?? findAttribute(base.attributes, key);
    if (!def) {
      if (lenient) continue;
      throw invalidValue(`"${key}" is not an attribute of the ${rt.name} resource type (schema ${rt.schema}).`);
    }
    claim(def.name, `"${def.name}"`);
    // readOnly values belong to the server: ignored, not refused (RFC 7644 §3.3, §3.5.1).
    if (def.mutability === 'readOnly') continue;
    if (isGroupMembers(rt, def)) {
      members = normalizeMembers(def, raw, lenient);
      continue;
    }
    const value = normalizeAttribute(def, raw, def.name, lenient);
    if (value !== undefined) data[def.name] = value;
  }

  assertRequired(base, data, rt, verb);
  for (const ref of rt.schemaExtensions) {
    const ext = registry.schema(ref.schema);
    if (ref.required && ext && !isObject(data[ext.id])) {
      throw invalidValue(`The ${rt.name} resource type requires the extension "${ext.id}"; the body has no data for it.`);
    }
  }
  return { data, schemas: schemasWithData(registry, rt, data), ...(members ? { members } : {}) };
}

/** The URNs of `schemas`, lower-cased; checks presence (S-RES-03), the base URN (S-RES-04) and unknown URNs. */
function listedSchemas(body: Record<string, unknown>, options: NormalizeOptions, verb: string): Set<string> {
  const { registry, rt, lenient } = options;
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'schemas');
  const value = key === undefined ? undefined : body[key];
  if (value === undefined || value === null) {
    throw invalidSyntax(`The body of a ${verb} must carry "schemas" listing "${rt.schema}" (RFC 7643 §3).`);
  }
  if (!Array.isArray(value) || !value.every((u) => typeof u === 'string')) {
    throw invalidSyntax(`"schemas" must be an array of schema URN strings.`);
  }
  const known = new Set(registry.schemaUrns(rt).map((u) => u.toLowerCase()));
  const listed = new Set(value.map((u) => u.toLowerCase()));
  if (!listed.has(rt.schema.toLowerCase())) {
    throw invalidValue(`"schemas" must include the base schema "${rt.schema}" of the ${rt.name} resource type.`);
  }
  const unknown = value.filter((u) => !known.has(u.toLowerCase()));
  if (unknown.length && !lenient) {
    throw invalidValue(`"schemas" lists ${unknown.map((u) => `"${u}"`).join(', ')}, not a schema of the ${rt.name} resource type.`);
  }
  return listed;
}

function normalizeExtension(ext: SchemaDef, raw: unknown, options: NormalizeOptions): Record<string, unknown> | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (!isObject(raw)) throw invalidValue(`"${ext.id}" must be a JSON object holding the extension's attributes.`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const def = findAttribute(ext.attributes, key);
    if (!def) {
      if (options.lenient) continue;
      throw invalidValue(`"${key}" is not an attribute of the extension "${ext.id}".`);
    }
    if (def.name in out) throw invalidValue(`"${ext.id}:${def.name}" is given twice (attribute names are case-insensitive).`);
    if (def.mutability === 'readOnly') continue;
    const coerced = normalizeAttribute(def, value, `${ext.id}:${def.name}`, options.lenient);
    if (coerced !== undefined) out[def.name] = coerced;
  }
  return Object.keys(out).length ? out : undefined;
}

function normalizeAttribute(def: AttributeDef, raw: unknown, path: string, lenient: boolean): unknown {
  const value = withoutReadOnlySubAttributes(def, coerceValue(def, raw, path, lenient));
  if (!def.multiValued || value === undefined) return value;
  const list = withoutDuplicates(def, value as unknown[]);
  assertSinglePrimary(def, list, path);
  return list;
}

function normalizeMembers(def: AttributeDef, raw: unknown, lenient: boolean): { value: string; type: MemberType }[] {
  const list = (coerceValue(def, raw, def.name, lenient) as unknown[] | undefined) ?? [];
  const out: { value: string; type: MemberType }[] = [];
  list.forEach((element, i) => {
    const member = canonicalMember(element, `members[${i}]`);
    const type = member.type ?? 'User';
    if (!out.some((m) => m.value === member.value && m.type === type)) out.push({ value: member.value, type });
  });
  return out;
}

function assertRequired(base: SchemaDef, data: Record<string, unknown>, rt: ResourceTypeDef, verb: string): void {
  for (const def of base.attributes) {
    if (!def.required || def.mutability === 'readOnly') continue;
    const value = data[def.name];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      throw invalidValue(`"${def.name}" is required for a ${rt.name}; the ${verb} has no non-empty value for it.`);
    }
  }
}

/**
 * RFC 7644 §3.5.1: an immutable attribute that already has a value must keep it (P-PUT-04: 400 mutability); one
 * without a value may be set (P-PUT-05). A PUT that omits the attribute changes nothing here: the caller decides
 * whether omitted attributes are kept. Compares top-level attributes and sub-attributes of single-valued complex
 * attributes; multi-valued records (Group members) are replaced as a whole by PUT (P-PUT-09).
 */
export function checkImmutable(
  oldData: Record<string, unknown>,
  newData: Record<string, unknown>,
  rt: ResourceTypeDef,
  registry: SchemaRegistry,
): void {
  const check = (attributes: AttributeDef[], before: unknown, after: unknown, prefix: string) => {
    if (!isObject(before) || !isObject(after)) return;
    for (const def of attributes) {
      const [was, now] = [before[def.name], after[def.name]];
      if (was === undefined || now === undefined) continue;
      if (def.mutability === 'immutable' && !valuesEqual(def, was, now)) {
        throw mutability(`"${prefix}${def.name}" is immutable and already set to ${JSON.stringify(was)}; it cannot be changed.`);
      }
      if (def.type === 'complex' && !def.multiValued && def.subAttributes) check(def.subAttributes, was, now, `${prefix}${def.name}.`);
    }
  };
  check([...commonAttributes, ...(registry.schema(rt.schema)?.attributes ?? [])], oldData, newData, '');
  for (const ref of rt.schemaExtensions) {
    const ext = registry.schema(ref.schema);
    if (ext) check(ext.attributes, oldData[ext.id], newData[ext.id], `${ext.id}:`);
  }
}
