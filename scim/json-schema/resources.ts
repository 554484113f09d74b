/** JSON Schemas of the RFC 7643 resources as a server returns them: User, the EnterpriseUser extension, Group. */
import { URN } from '../urns.ts';
import { commonProperties, type JsonSchema, multiValued, reference, schemasListing } from './common.ts';

const stringProps = (...names: string[]): Record<string, JsonSchema> =>
  Object.fromEntries(names.map((n) => [n, { type: 'string' }]));

/** The object found under the enterprise URN key (RFC 7643 §4.3). */
export const enterpriseExtension: JsonSchema = {
  type: 'object',
  properties: {
    ...stringProps('employeeNumber', 'costCenter', 'organization', 'division', 'department'),
    manager: { type: 'object', properties: { value: { type: 'string' }, $ref: reference, displayName: { type: 'string' } } },
  },
};

/**
 * Only `schemas` and `id` are required: every other attribute, userName included, is `returned:default` and may be
 * projected away (P-PROJ-01). Whether a full representation carries userName is a scenario's own assertion.
 */
export const user: JsonSchema = {
  $id: 'scim:User',
  type: 'object',
  required: ['schemas', 'id'],
  properties: {
    schemas: schemasListing(URN.User),
    ...commonProperties,
    userName: { type: 'string', minLength: 1 },
    name: {
      type: 'object',
      properties: stringProps('formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'),
    },
    ...stringProps('displayName', 'nickName', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone'),
    profileUrl: reference,
    active: { type: 'boolean' },
    // returned:never (RFC 7643 §4.1.1, P-PROJ-05): a password in a response is always a fault.
    password: false,
    emails: multiValued(),
    phoneNumbers: multiValued(),
    ims: multiValued(),
    photos: multiValued(reference),
    addresses: multiValued({ type: 'string' }, stringProps('formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country')),
    groups: multiValued({ type: 'string' }, { $ref: reference }),
    entitlements: multiValued(),
    roles: multiValued(),
    // binary values are base64 (RFC 7643 §2.3.6); line breaks tolerated as in PEM bodies.
    x509Certificates: multiValued({ type: 'string', pattern: '^[A-Za-z0-9+/=\\s]*$' }),
    [URN.EnterpriseUser]: enterpriseExtension,
  },
  // Extension data present means the extension URN must be listed in `schemas` (S-ENT-01).
  dependentSchemas: {
    [URN.EnterpriseUser]: { type: 'object', properties: { schemas: { type: 'array', contains: { const: URN.EnterpriseUser } } } },
  },
};

/** A User that carries the enterprise extension (under its URN key, and named in `schemas`). */
export const enterpriseUser: JsonSchema = {
  $id: 'scim:EnterpriseUser',
  allOf: [{ $ref: 'scim:User' }],
  type: 'object',
  required: [URN.EnterpriseUser],
};

/** Group (RFC 7643 §4.2). displayName is required by erratum 5368 but `returned:default`, so not required here. */
export const group: JsonSchema = {
  $id: 'scim:Group',
  type: 'object',
  required: ['schemas', 'id'],
  properties: {
    schemas: schemasListing(URN.Group),
    ...commonProperties,
    displayName: { type: 'string' },
    members: {
      type: 'array',
      items: {
        type: 'object',
        properties: { value: { type: 'string', minLength: 1 }, $ref: reference, display: { type: 'string' }, type: { type: 'string' } },
      },
    },
  },
};
