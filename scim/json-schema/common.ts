/**
 * Fragments shared by the JSON Schemas of SCIM bodies (draft 2020-12).
 * Objects stay open (no additionalProperties:false) wherever RFC 7643 §3.3 lets a resource carry attributes from
 * other schemas; only attributes whose shape the RFC fixes are constrained.
 */
export type JsonSchema = Record<string, unknown>;

/** `schemas` must be a non-empty list of URNs that names `urn` (ajv's strict mode wants `contains: {const}`). */
export function schemasListing(urn: string): JsonSchema {
  return { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, contains: { const: urn } };
}

/** xsd:dateTime with a zone offset, as P-CREATE-10 requires; ajv-formats' RFC 3339 check is exactly that. */
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };

/** `$ref` values may be absolute or relative URIs (RFC 7643 §2.3.7). */
export const reference: JsonSchema = { type: 'string', format: 'uri-reference' };

/** meta (RFC 7643 §3.1): every member optional because `attributes=` projection may drop it. */
export const meta: JsonSchema = {
  type: 'object',
  properties: {
    resourceType: { type: 'string', minLength: 1 },
    created: dateTime,
    lastModified: dateTime,
    // A URI reference, not necessarily absolute (RFC 7643 §2.3.7; RFC 7231 §3.1.4.2 Content-Location is one too).
    location: reference,
    version: { type: 'string' },
  },
};

/** id, externalId and meta on every resource. id is `returned:always`, so it is required under any projection. */
export const commonProperties: Record<string, JsonSchema> = {
  id: { type: 'string', minLength: 1 },
  externalId: { type: 'string' },
  meta,
};

/** One value of a multi-valued complex attribute such as emails (RFC 7643 §2.4). */
export function multiValued(value: JsonSchema = { type: 'string' }, extra: Record<string, JsonSchema> = {}): JsonSchema {
  return {
    type: 'array',
    items: {
      type: 'object',
      properties: { value, display: { type: 'string' }, type: { type: 'string' }, primary: { type: 'boolean' }, ...extra },
    },
  };
}
