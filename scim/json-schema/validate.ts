/** Validates SCIM bodies against the JSON Schemas of this folder, with one readable message per problem. */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { URN } from '../urns.ts';
import type { JsonSchema } from './common.ts';
import { resourceType, schema, serviceProviderConfig } from './discovery.ts';
import { bulkResponse, error, listResponse, patchOp } from './messages.ts';
import { enterpriseUser, group, user } from './resources.ts';

export type ScimBodyKind =
  | 'User' | 'EnterpriseUser' | 'Group' | 'ListResponse' | 'Error' | 'PatchOp' | 'BulkResponse'
  | 'ServiceProviderConfig' | 'ResourceType' | 'Schema';

const schemaByKind: Record<ScimBodyKind, JsonSchema> = {
  User: user, EnterpriseUser: enterpriseUser, Group: group, ListResponse: listResponse, Error: error, PatchOp: patchOp,
  BulkResponse: bulkResponse, ServiceProviderConfig: serviceProviderConfig, ResourceType: resourceType, Schema: schema,
};

// verbose: the message formatter needs each failing keyword's schema (e.g. which URN `contains` wanted).
// strictRequired off: `required` in then/allOf branches names properties declared by the enclosing schema.
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false });
addFormats.default(ajv);
// EnterpriseUser refers to User by $id, so User is registered up front; everything else compiles on first use.
ajv.addSchema(user);
const compiled = new Map<ScimBodyKind, ValidateFunction>();

function validatorFor(kind: ScimBodyKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (!validate) {
    const definition = schemaByKind[kind];
    validate = (ajv.getSchema(String(definition.$id)) as ValidateFunction | undefined) ?? ajv.compile(definition);
    compiled.set(kind, validate);
  }
  return validate;
}

/**
 * Null and unassigned are the same state (RFC 7643 §2.5), so members whose value is null are dropped before
 * validation rather than reported as type errors.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

const describe = (v: unknown): string =>
  v === undefined ? 'nothing' : Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `${typeof v} ${String(JSON.stringify(v)).slice(0, 60)}`;

/** One line per ajv error: "<JSON pointer>: <what is wrong> (got <what was there>)". */
function formatError(e: ErrorObject, prefix: string): string | undefined {
  const path = prefix + e.instancePath;
  const at = path || '/';
  switch (e.keyword) {
    case 'if': // the failing `then` branch is reported on its own
      return undefined;
    case 'anyOf': {
      const accepted = (e.parentSchema as { description?: string } | undefined)?.description ?? 'one of the accepted forms';
      return `${at}: must be ${accepted} (got ${describe(e.data)})`;
    }
    case 'required':
      return `${path}/${(e.params as { missingProperty: string }).missingProperty}: is required but missing`;
    case 'false schema':
      return `${at}: must not be present (got ${describe(e.data)})`;
    case 'type':
      return `${at}: must be ${(e.params as { type: string }).type} (got ${describe(e.data)})`;
    case 'enum':
      return `${at}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')} (got ${describe(e.data)})`;
    case 'contains': {
      const wanted = (e.parentSchema as { contains?: { const?: unknown } } | undefined)?.contains?.const;
      return wanted ? `${at}: must list "${String(wanted)}" (got ${JSON.stringify(e.data)})` : `${at}: ${e.message}`;
    }
    default:
      return `${at}: ${e.message ?? e.keyword} (got ${describe(e.data)})`;
  }
}

/** Errors inside `contains` or `anyOf` branches only explain the enclosing error, which is reported by itself. */
const isBranchDetail = (e: ErrorObject) => /\/(contains|anyOf)\//.test(e.schemaPath);

function errorsOf(validate: ValidateFunction, body: unknown, prefix = ''): string[] {
  if (validate(body)) return [];
  const messages = (validate.errors ?? []).filter((e) => !isBranchDetail(e)).map((e) => formatError(e, prefix)).filter((m): m is string => m !== undefined);
  return [...new Set(messages)];
}

/** The kind of a ListResponse item, read from its `schemas` (undefined: not a kind this module knows). */
function itemKind(item: unknown): ScimBodyKind | undefined {
  const schemas = (item as { schemas?: unknown })?.schemas;
  if (!Array.isArray(schemas)) return undefined;
  const has = (urn: string) => schemas.some((s) => typeof s === 'string' && s.toLowerCase() === urn.toLowerCase());
  if (has(URN.User)) return 'User';
  if (has(URN.Group)) return 'Group';
  if (has(URN.ResourceType)) return 'ResourceType';
  if (has(URN.Schema)) return 'Schema';
  return undefined;
}

/** Problems with `body` as a SCIM `kind` body: empty when valid; each message starts with the JSON pointer. */
export function validateBody(kind: ScimBodyKind, body: unknown): string[] {
  const cleaned = withoutNulls(body);
  const problems = errorsOf(validatorFor(kind), cleaned);
  const resources = (cleaned as { Resources?: unknown })?.Resources;
  if (kind === 'ListResponse' && Array.isArray(resources)) {
    resources.forEach((item, i) => {
      const k = itemKind(item);
      if (k) problems.push(...errorsOf(validatorFor(k), item, `/Resources/${i}`));
      else if (!item || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'string') {
        problems.push(`/Resources/${i}/id: every resource needs a non-empty id`);
      }
    });
  }
  return problems;
}
