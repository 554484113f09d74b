/** JSON Schemas of the discovery resources (RFC 7643 §5-§7): ServiceProviderConfig, ResourceType, Schema. */
import { URN } from '../urns.ts';
import { type JsonSchema, meta, schemasListing } from './common.ts';

const supported = (extra: Record<string, JsonSchema> = {}, required: string[] = []): JsonSchema => ({
  type: 'object',
  required: ['supported', ...required],
  properties: { supported: { type: 'boolean' }, ...extra },
});
const count = { type: 'integer', minimum: 0 };

/** Every capability block is REQUIRED by RFC 7643 §5, and so are the limits of bulk and filter. */
export const serviceProviderConfig: JsonSchema = {
  $id: 'scim:ServiceProviderConfig',
  type: 'object',
  required: ['schemas', 'patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag', 'authenticationSchemes'],
  properties: {
    schemas: schemasListing(URN.ServiceProviderConfig),
    documentationUri: { type: 'string', format: 'uri' },
    patch: supported(),
    bulk: supported({ maxOperations: count, maxPayloadSize: count }, ['maxOperations', 'maxPayloadSize']),
    filter: supported({ maxResults: count }, ['maxResults']),
    changePassword: supported(),
    sort: supported(),
    etag: supported(),
    authenticationSchemes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'name', 'description'],
        properties: {
          type: { type: 'string' },
          name: { type: 'string' },
          description: { type: 'string' },
          specUri: { type: 'string', format: 'uri' },
          documentationUri: { type: 'string', format: 'uri' },
          primary: { type: 'boolean' },
        },
      },
    },
    meta,
  },
};

const extensionRef: JsonSchema = {
  type: 'object',
  required: ['schema', 'required'],
  properties: { schema: { type: 'string', format: 'uri' }, required: { type: 'boolean' } },
};

/** `schemaExtensions` is declared single-valued in §8.7.2 yet is a list (§22 A17): a lone object is accepted too. */
export const resourceType: JsonSchema = {
  $id: 'scim:ResourceType',
  type: 'object',
  required: ['schemas', 'name', 'endpoint', 'schema'],
  properties: {
    schemas: schemasListing(URN.ResourceType),
    id: { type: 'string' },
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    endpoint: { type: 'string', minLength: 1 },
    schema: { type: 'string', format: 'uri' },
    schemaExtensions: { description: 'a list of {schema, required}', anyOf: [{ type: 'array', items: extensionRef }, extensionRef] },
    meta,
  },
};

/** The attribute-type list includes `binary`, which §7 omits though x509Certificates uses it (§22 A17). */
const attribute: JsonSchema = {
  type: 'object',
  required: ['name', 'type'],
  properties: {
    name: { type: 'string', minLength: 1 },
    type: { enum: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex'] },
    multiValued: { type: 'boolean' },
    description: { type: 'string' },
    required: { type: 'boolean' },
    caseExact: { type: 'boolean' },
    canonicalValues: { type: 'array' },
    mutability: { enum: ['readOnly', 'readWrite', 'immutable', 'writeOnly'] },
    returned: { enum: ['always', 'never', 'default', 'request'] },
    uniqueness: { enum: ['none', 'server', 'global'] },
    referenceTypes: { type: 'array', items: { type: 'string' } },
    subAttributes: { type: 'array', items: { $ref: '#/$defs/attribute' } },
  },
};

/**
 * Schema resource (RFC 7643 §7). The RFC's own /Schemas examples carry no `schemas` member, so it is optional here,
 * but must name the Schema URN when present. Validated structurally, never byte-for-byte against the RFC (§22 A17).
 */
export const schema: JsonSchema = {
  $id: 'scim:Schema',
  type: 'object',
  required: ['id', 'attributes'],
  properties: {
    schemas: schemasListing(URN.Schema),
    id: { type: 'string', minLength: 1 },
    name: { type: 'string' },
    description: { type: 'string' },
    attributes: { type: 'array', items: { $ref: '#/$defs/attribute' } },
    meta,
  },
  $defs: { attribute },
};
