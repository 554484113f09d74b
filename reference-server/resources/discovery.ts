import type { SchemaRegistry } from '../../scim/schema/registry.ts';
import type { AttributeDef, ResourceTypeDef, SchemaDef } from '../../scim/schema/types.ts';
import { URN } from '../../scim/urns.ts';
import { MAX_RESULTS } from './service.ts';

export const BULK_MAX_OPERATIONS = 1000;
export const BULK_MAX_PAYLOAD = 1_048_576;


/** What the service offers beyond RFC 7643 §5's fixed members. */
export interface ServiceFeatures {
  /** pagination.cursorTimeout when RFC 9865 cursors are on. */
  cursorTimeout?: number;
  defaultPagination: 'index' | 'cursor';
  /** draft-zollner-scim-interop-profile-01 §4: advertised only while the profile's behaviours are switched on. */
  interopProfile: boolean;
}

/**
 * RFC 7643 §5: what this server supports, stated exactly as it behaves; RFC 9865 §4 `pagination` when cursors are
 * on, and the interop profile's `interopProfileConformant` (draft-zollner-scim-interop-profile-01 §4) when it is.
 */
export function serviceProviderConfig(baseUrl: string, schemes: ('Bearer' | 'Basic')[], features?: ServiceFeatures) {
  const authenticationSchemes = schemes.map((s, i) =>
    s === 'Bearer'
      ? { type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Authentication with a bearer token', primary: i === 0 }
      : { type: 'httpbasic', name: 'HTTP Basic', description: 'Authentication with HTTP Basic', primary: i === 0 },
  );
  return {
    schemas: [URN.ServiceProviderConfig],
    patch: { supported: true },
    bulk: { supported: true, maxOperations: BULK_MAX_OPERATIONS, maxPayloadSize: BULK_MAX_PAYLOAD },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes,
    ...(features?.cursorTimeout !== undefined
      ? {
          pagination: {
            cursor: true,
            index: true,
            defaultPaginationMethod: features.defaultPagination,
            defaultPageSize: MAX_RESULTS,
            maxPageSize: MAX_RESULTS,
            cursorTimeout: features.cursorTimeout,
          },
        }
      : {}),
    ...(features?.interopProfile ? { interopProfileConformant: true } : {}),
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypeDocument(baseUrl: string, rt: ResourceTypeDef) {
  return {
    schemas: [URN.ResourceType],
    id: rt.name,
    name: rt.name,
    endpoint: rt.endpoint,
    description: rt.description,
    schema: rt.schema,
    schemaExtensions: rt.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${rt.name}` },
  };
}

/**
 * The `type` values the server declares where RFC 7643 lists none, for the interop profile's §5.4 (acceptable
 * `type` values are declared in canonicalValues). A server choice, published only with the profile switched on.
 */
const INTEROP_TYPE_VALUES: Record<string, string[]> = {
  entitlements: ['default'],
  roles: ['default'],
  x509certificates: ['signing', 'encryption'],
};

function withDeclaredTypes(attributes: readonly AttributeDef[]): AttributeDef[] {
  return attributes.map((a) => {
    const declared = INTEROP_TYPE_VALUES[a.name.toLowerCase()];
    if (!declared || !a.subAttributes) return a;
    return { ...a, subAttributes: a.subAttributes.map((sub) => (sub.name === 'type' && !sub.canonicalValues?.length ? { ...sub, canonicalValues: declared } : sub)) };
  });
}

export function schemaDocument(baseUrl: string, schema: SchemaDef, interopProfile = false) {
  return {
    schemas: [URN.Schema],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: interopProfile ? withDeclaredTypes(schema.attributes) : schema.attributes,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

export function listOf(resources: unknown[]) {
  return { schemas: [URN.ListResponse], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources };
}

export function allResourceTypes(baseUrl: string, registry: SchemaRegistry) {
  return listOf(registry.resourceTypes.map((rt) => resourceTypeDocument(baseUrl, rt)));
}

export function allSchemas(baseUrl: string, registry: SchemaRegistry, interopProfile = false) {
  return listOf(registry.schemas.map((s) => schemaDocument(baseUrl, s, interopProfile)));
}
