import { URN } from '../urns.ts';
import { attr, multiValuedComplex } from './build.ts';
import type { AttributeDef, ResourceTypeDef, SchemaDef } from './types.ts';

/** id, externalId and meta: on every resource, defined outside any schema (RFC 7643 §3.1). */
export const commonAttributes: AttributeDef[] = [
  attr('id', 'string', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  attr('externalId', 'string', { caseExact: true }),
  attr('meta', 'complex', {
    mutability: 'readOnly',
    subAttributes: [
      attr('resourceType', 'string', { caseExact: true, mutability: 'readOnly' }),
      attr('created', 'dateTime', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', { mutability: 'readOnly' }),
      attr('location', 'reference', { mutability: 'readOnly', referenceTypes: ['uri'] }),
      attr('version', 'string', { caseExact: true, mutability: 'readOnly' }),
    ],
  }),
];

const addressSubAttributes = [
  attr('formatted', 'string'),
  attr('streetAddress', 'string'),
  attr('locality', 'string'),
  attr('region', 'string'),
  attr('postalCode', 'string'),
  attr('country', 'string'),
  attr('type', 'string', { canonicalValues: ['work', 'home', 'other'] }),
  attr('primary', 'boolean'),
];

export const userSchema: SchemaDef = {
  id: URN.User,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr('userName', 'string', { required: true, uniqueness: 'server', description: 'Unique identifier for the User' }),
    attr('name', 'complex', {
      subAttributes: [
        attr('formatted', 'string'),
        attr('familyName', 'string'),
        attr('givenName', 'string'),
        attr('middleName', 'string'),
        attr('honorificPrefix', 'string'),
        attr('honorificSuffix', 'string'),
      ],
    }),
    attr('displayName', 'string'),
    attr('nickName', 'string'),
    attr('profileUrl', 'reference'),
    attr('title', 'string'),
    attr('userType', 'string'),
    attr('preferredLanguage', 'string'),
    attr('locale', 'string'),
    attr('timezone', 'string'),
    attr('active', 'boolean'),
    attr('password', 'string', { mutability: 'writeOnly', returned: 'never' }),
    multiValuedComplex('emails', 'string', ['work', 'home', 'other']),
    multiValuedComplex('phoneNumbers', 'string', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    multiValuedComplex('ims', 'string', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    multiValuedComplex('photos', 'reference', ['photo', 'thumbnail'], {}, { referenceTypes: ['external'] }),
    attr('addresses', 'complex', { multiValued: true, subAttributes: addressSubAttributes }),
    attr('groups', 'complex', {
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        attr('value', 'string', { mutability: 'readOnly' }),
        attr('$ref', 'reference', { mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', { mutability: 'readOnly' }),
        attr('type', 'string', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
      ],
    }),
    multiValuedComplex('entitlements', 'string', []),
    multiValuedComplex('roles', 'string', []),
    multiValuedComplex('x509Certificates', 'binary', []),
  ],
};

export const enterpriseUserSchema: SchemaDef = {
  id: URN.EnterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'string'),
    attr('costCenter', 'string'),
    attr('organization', 'string'),
    attr('division', 'string'),
    attr('department', 'string'),
    attr('manager', 'complex', {
      subAttributes: [
        attr('value', 'string'),
        attr('$ref', 'reference', { referenceTypes: ['User'] }),
        attr('displayName', 'string', { mutability: 'readOnly' }),
      ],
    }),
  ],
};

export const groupSchema: SchemaDef = {
  id: URN.Group,
  name: 'Group',
  description: 'Group',
  attributes: [
    // Required per verified erratum 5368; unique per tenant because Entra and Okta expect it (X-ENTRA-08).
    attr('displayName', 'string', { required: true, uniqueness: 'server', description: 'A human-readable name for the Group' }),
    attr('members', 'complex', {
      multiValued: true,
      returned: 'default',
      subAttributes: [
        attr('value', 'string', { mutability: 'immutable' }),
        attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', { mutability: 'readOnly' }),
        attr('type', 'string', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
      ],
    }),
  ],
};

export const userResourceType: ResourceTypeDef = {
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: URN.User,
  schemaExtensions: [{ schema: URN.EnterpriseUser, required: false }],
};

export const groupResourceType: ResourceTypeDef = {
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: URN.Group,
  schemaExtensions: [],
};

export const coreSchemas: SchemaDef[] = [userSchema, enterpriseUserSchema, groupSchema];
export const coreResourceTypes: ResourceTypeDef[] = [userResourceType, groupResourceType];
