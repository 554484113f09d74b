/**
 * Checks a resource against the attribute definitions the target itself publishes at /Schemas and /ResourceTypes
 * (RFC 7643 §6, §7): types, multiValued, required attributes that are returned by default, no `returned:never`
 * attribute, sub-attributes. Attribute names match case-insensitively (RFC 7643 §2.1).
 * Written by hand rather than by translating /Schemas to JSON Schema so that each message can say which published
 * characteristic was broken.
 */
import { withoutNulls } from './validate.ts';

interface PublishedAttribute {
  name: string;
  type?: string;
  multiValued?: boolean;
  required?: boolean;
  returned?: string;
  subAttributes?: PublishedAttribute[];
}
interface PublishedSchema { id: string; attributes: PublishedAttribute[] }
interface ExtensionRef { schema: string; required: boolean }

/** id, externalId and meta are common attributes outside every schema (RFC 7643 §3.1); validateBody covers them. */
const COMMON = new Set(['schemas', 'id', 'externalId', 'meta'].map((n) => n.toLowerCase()));

/**
 * §22 A17: RFC 7643 §8.7.2 declares ResourceType `schemaExtensions` single-valued although it is a list, and servers
 * copy that definition; a list there is not reported.
 */
const LIST_DECLARED_SINGLE = new Set(['urn:ietf:params:scim:schemas:core:2.0:resourcetype:schemaextensions']);

const XSD_DATE_TIME = /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const findByName = (defs: PublishedAttribute[] | undefined, name: string) => defs?.find((d) => same(d.name, name));
const shown = (v: unknown) => (Array.isArray(v) ? 'a list' : isObject(v) ? 'an object' : `${typeof v} ${String(JSON.stringify(v)).slice(0, 60)}`);

/** The schemas a target published: its /Schemas ListResponse, or a plain array of Schema resources. */
function publishedSchemas(schemas: unknown): PublishedSchema[] {
  const list = Array.isArray(schemas) ? schemas : isObject(schemas) && Array.isArray(schemas.Resources) ? schemas.Resources : [];
  return list.filter(
    (s): s is PublishedSchema => isObject(s) && typeof s.id === 'string' && Array.isArray(s.attributes),
  );
}

function extensionsOf(resourceType: Record<string, unknown>): ExtensionRef[] {
  const raw = resourceType.schemaExtensions;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : []; // a lone object: §22 A17
  return list.filter((e): e is ExtensionRef => isObject(e) && typeof e.schema === 'string')
    .map((e) => ({ schema: e.schema, required: e.required === true }));
}

function typeProblem(type: string | undefined, value: unknown): string | undefined {
  const ok = (() => {
    switch (type) {
      case 'string': case 'reference': return typeof value === 'string';
      case 'boolean': return typeof value === 'boolean';
      case 'decimal': return typeof value === 'number';
      case 'integer': return Number.isInteger(value);
      case 'dateTime': return typeof value === 'string' && XSD_DATE_TIME.test(value);
      case 'binary': return typeof value === 'string' && BASE64.test(value);
      case 'complex': return isObject(value);
      default: return true; // a type this checker does not know is the /Schemas validation's business
    }
  })();
  return ok ? undefined : `must be ${type} as published (got ${shown(value)})`;
}

/** A returned-by-default attribute the schema marks required must be present in a full representation. */
const mustBePresent = (def: PublishedAttribute) => def.required === true && def.returned !== 'never' && def.returned !== 'request';

function checkAttributes(path: string, object: Record<string, unknown>, defs: PublishedAttribute[], schemaId: string, out: string[]) {
  for (const def of defs) {
    if (mustBePresent(def) && !COMMON.has(def.name.toLowerCase()) && !Object.keys(object).some((k) => same(k, def.name))) {
      out.push(`${path}/${def.name}: required by the published schema ${schemaId} but missing`);
    }
  }
  for (const [key, value] of Object.entries(object)) {
    const def = findByName(defs, key);
    if (!def) out.push(`${path}/${key}: not defined by the published schema ${schemaId}`);
    else checkValue(`${path}/${key}`, def, value, schemaId, out);
  }
}

function checkValue(path: string, def: PublishedAttribute, value: unknown, schemaId: string, out: string[]) {
  if (def.returned === 'never') {
    out.push(`${path}: must never be returned (returned:never in ${schemaId})`);
    return;
  }
  const tolerated = LIST_DECLARED_SINGLE.has(`${schemaId}:${def.name}`.toLowerCase());
  if (def.multiValued && !Array.isArray(value)) {
    out.push(`${path}: must be a list (multiValued in ${schemaId}) (got ${shown(value)})`);
    return;
  }
  if (!def.multiValued && Array.isArray(value) && !tolerated) {
    out.push(`${path}: must be a single value (not multiValued in ${schemaId}) (got a list)`);
    return;
  }
  const values = Array.isArray(value) ? value.map((v, i) => [`${path}/${i}`, v] as const) : [[path, value] as const];
  for (const [at, v] of values) {
    const problem = typeProblem(def.type, v);
    if (problem) out.push(`${at}: ${problem}`);
    else if (def.type === 'complex' && isObject(v) && def.subAttributes) checkAttributes(at, v, def.subAttributes, schemaId, out);
  }
}

/**
 * Problems with `resource` (a full representation) measured against the target's own /Schemas ListResponse and the
 * ResourceType it belongs to. Empty when consistent.
 */
export function validateAgainstPublishedSchemas(resource: unknown, schemas: unknown, resourceType: unknown): string[] {
  if (!isObject(resource)) return [`/: a resource must be an object (got ${shown(resource)})`];
  if (!isObject(resourceType) || typeof resourceType.schema !== 'string') {
    return ['ResourceType: has no "schema" to check against'];
  }
  const published = publishedSchemas(schemas);
  const find = (id: string) => published.find((s) => same(s.id, id));
  const core = find(resourceType.schema);
  if (!core) return [`/Schemas: does not publish ${resourceType.schema}, which ResourceType ${String(resourceType.name)} names`];

  const out: string[] = [];
  const body = withoutNulls(resource) as Record<string, unknown>;
  const listed = Array.isArray(body.schemas) ? body.schemas.filter((s): s is string => typeof s === 'string') : [];
  if (!listed.some((s) => same(s, core.id))) out.push(`/schemas: must list ${core.id}`);

  const extensions = extensionsOf(resourceType);
  const coreAttributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (COMMON.has(key.toLowerCase())) continue;
    const extension = extensions.find((e) => same(e.schema, key));
    if (!extension) {
      coreAttributes[key] = value;
      continue;
    }
    const extensionSchema = find(extension.schema);
    if (!listed.some((s) => same(s, extension.schema))) out.push(`/schemas: must list ${extension.schema}, whose data is present`);
    if (!isObject(value)) out.push(`/${key}: extension data must be an object (got ${shown(value)})`);
    else if (!extensionSchema) out.push(`/Schemas: does not publish ${extension.schema}, which ResourceType ${String(resourceType.name)} names`);
    else checkAttributes(`/${key}`, value, extensionSchema.attributes, extensionSchema.id, out);
  }
  for (const extension of extensions) {
    if (extension.required && !Object.keys(body).some((k) => same(k, extension.schema))) {
      out.push(`/${extension.schema}: the ResourceType marks this extension required but it is missing`);
    }
  }
  checkAttributes('', coreAttributes, core.attributes, core.id, out);
  return out;
}
