/** JSON Schemas of the RFC 7644 messages: ListResponse, Error, PatchOp, BulkResponse. */
import { URN } from '../urns.ts';
import { type JsonSchema, reference, schemasListing } from './common.ts';

const nonNegative = { type: 'integer', minimum: 0 };

/**
 * Generic: each item is validated by its own kind in a second pass (see validate.ts).
 * `Resources` is REQUIRED when totalResults > 0, except for a page of zero items (count=0, §22 A14), which a server
 * reports with itemsPerPage 0. RFC 9865 cursor members are allowed (§22 A23).
 */
export const listResponse: JsonSchema = {
  $id: 'scim:ListResponse',
  type: 'object',
  required: ['schemas', 'totalResults'],
  properties: {
    schemas: schemasListing(URN.ListResponse),
    totalResults: nonNegative,
    startIndex: { type: 'integer', minimum: 1 },
    itemsPerPage: nonNegative,
    Resources: { type: 'array', items: { type: 'object' } },
    nextCursor: { type: 'string' },
    previousCursor: { type: 'string' },
  },
  if: {
    type: 'object',
    required: ['totalResults'],
    properties: { totalResults: { type: 'integer', minimum: 1 } },
    not: { type: 'object', required: ['itemsPerPage'], properties: { itemsPerPage: { const: 0 } } },
  },
  then: { type: 'object', required: ['Resources'] },
};

/** scimType values of RFC 7644 Table 9, plus `sensitive` (§7.5.2) and RFC 9865 §2.1 Table 3 (cursor pagination). */
export const SCIM_TYPES = [
  'invalidFilter', 'tooMany', 'uniqueness', 'mutability', 'invalidSyntax', 'invalidPath', 'noTarget', 'invalidValue',
  'invalidVers', 'sensitive', 'invalidCursor', 'expiredCursor', 'invalidCount',
] as const;

/** Error (RFC 7644 §3.12): `status` is the HTTP code as a JSON string (§22 A4: a number is a deviation). */
export const error: JsonSchema = {
  $id: 'scim:Error',
  type: 'object',
  required: ['schemas', 'status'],
  properties: {
    schemas: schemasListing(URN.Error),
    status: { type: 'string', pattern: '^[1-5][0-9][0-9]$' },
    scimType: { enum: [...SCIM_TYPES] },
    detail: { type: 'string' },
  },
};

/** `op` is matched case-insensitively: Entra sends "Replace" (§22 A10). */
const opNamed = (name: string): JsonSchema => ({
  type: 'string',
  pattern: `^${[...name].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('')}$`,
});

/** PatchOp (RFC 7644 §3.5.2): remove needs a path; add and replace need a value. */
export const patchOp: JsonSchema = {
  $id: 'scim:PatchOp',
  type: 'object',
  required: ['schemas', 'Operations'],
  properties: {
    schemas: schemasListing(URN.PatchOp),
    Operations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['op'],
        properties: {
          op: { description: 'add, remove or replace (any case)', anyOf: [opNamed('add'), opNamed('remove'), opNamed('replace')] },
          path: { type: 'string', minLength: 1 },
        },
        allOf: [
          { if: { type: 'object', properties: { op: opNamed('remove') } }, then: { type: 'object', required: ['path'] } },
          {
            if: { type: 'object', properties: { op: { anyOf: [opNamed('add'), opNamed('replace')] } } },
            then: { type: 'object', required: ['value'] },
          },
        ],
      },
    },
  },
};

/** Bulk `status`: the text says an object with `code`, later examples a bare string; both are accepted (§22 A5). */
const bulkStatus: JsonSchema = {
  description: 'an HTTP status code as a string, or {"code": "<status>"}',
  anyOf: [
    { type: 'string', pattern: '^[1-5][0-9][0-9]$' },
    { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[1-5][0-9][0-9]$' } } },
  ],
};

/** BulkResponse (RFC 7644 §3.7.3). */
export const bulkResponse: JsonSchema = {
  $id: 'scim:BulkResponse',
  type: 'object',
  required: ['schemas', 'Operations'],
  properties: {
    schemas: schemasListing(URN.BulkResponse),
    Operations: {
      type: 'array',
      items: {
        type: 'object',
        required: ['method', 'status'],
        properties: {
          method: { enum: ['POST', 'PUT', 'PATCH', 'DELETE'] },
          bulkId: { type: 'string' },
          version: { type: 'string' },
          location: reference,
          status: bulkStatus,
          response: { type: 'object' },
        },
      },
    },
  },
};
