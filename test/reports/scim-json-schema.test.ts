import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAgainstPublishedSchemas, validateBody } from '../../scim/json-schema/index.ts';
import { URN } from '../../scim/urns.ts';
import * as rfc from './fixtures/rfc-examples.ts';

const plainUser = { schemas: [URN.User], id: 'u1', userName: 'bjensen', meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z' } };

describe('validateBody accepts the RFC examples and legal variations', () => {
  const cases: [Parameters<typeof validateBody>[0], unknown][] = [
    ['User', rfc.enterpriseUser], ['EnterpriseUser', rfc.enterpriseUser], ['User', plainUser], ['Group', rfc.group],
    ['ServiceProviderConfig', rfc.serviceProviderConfig], ['ResourceType', rfc.userResourceType], ['Error', rfc.error],
    ['PatchOp', rfc.patchOp], ['BulkResponse', rfc.bulkResponse], ['ListResponse', rfc.listResponse],
    ['ListResponse', rfc.publishedSchemas],
    // §22 A14: no Resources when nothing matched, or when count=0 asked for an empty page.
    ['ListResponse', { schemas: [URN.ListResponse], totalResults: 0 }],
    ['ListResponse', { schemas: [URN.ListResponse], totalResults: 5, itemsPerPage: 0, startIndex: 1 }],
    // §22 A23: RFC 9865 cursor members.
    ['ListResponse', { ...rfc.listResponse, nextCursor: 'VZUTiy', previousCursor: 'ze7L30' }],
    // Projection (attributes=id): only returned:always attributes remain.
    ['User', { schemas: [URN.User], id: 'u1' }],
    // Attributes of other schemas are allowed (RFC 7643 §3.3); null means unassigned (§2.5).
    ['User', { ...plainUser, 'urn:example:custom:2.0:User': { badge: 7 }, nickName: null }],
    ['Group', { schemas: [URN.Group, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'], id: 'g', displayName: 'x', members: [] }],
    ['Schema', rfc.publishedSchemas.Resources[0]],
    ['ResourceType', { ...rfc.userResourceType, schemaExtensions: { schema: URN.EnterpriseUser, required: false } }],
  ];
  for (const [kind, body] of cases) {
    test(`${kind}: ${JSON.stringify(body).slice(0, 90)}`, () => assert.deepEqual(validateBody(kind, body), []));
  }
});

describe('validateBody rejects broken bodies with a pointer and a reason', () => {
  const cases: [Parameters<typeof validateBody>[0], unknown, string[]][] = [
    ['User', { ...plainUser, password: 'Xy!23456789' }, ['/password: must not be present (got string "Xy!23456789")']],
    ['User', { ...plainUser, active: 'True' }, ['/active: must be boolean (got string "True")']],
    ['User', { ...plainUser, emails: { value: 'a@example.com' } }, ['/emails: must be array (got an object)']],
    ['User', { ...plainUser, id: '' }, ['/id: must NOT have fewer than 1 characters (got string "")']],
    ['User', { userName: 'x', id: 'u' }, ['/schemas: is required but missing']],
    ['User', { ...plainUser, meta: { created: '2010-01-23' } }, ['/meta/created: must match format "date-time" (got string "2010-01-23")']],
    ['User', { ...plainUser, [URN.EnterpriseUser]: { employeeNumber: '1' } }, [`/schemas: must list "${URN.EnterpriseUser}" (got ["${URN.User}"])`]],
    ['EnterpriseUser', plainUser, [`/${URN.EnterpriseUser}: is required but missing`]],
    ['Group', { schemas: [URN.User], id: 'g', members: [{ value: '' }] }, [
      `/schemas: must list "${URN.Group}" (got ["${URN.User}"])`, '/members/0/value: must NOT have fewer than 1 characters (got string "")',
    ]],
    ['Error', { schemas: [URN.Error], status: 409, scimType: 'conflict' }, [
      '/status: must be string (got number 409)',
      '/scimType: must be one of invalidFilter, tooMany, uniqueness, mutability, invalidSyntax, invalidPath, noTarget, invalidValue, invalidVers, sensitive, invalidCursor, expiredCursor, invalidCount (got string "conflict")',
    ]],
    ['ListResponse', { schemas: [URN.ListResponse], totalResults: 2 }, ['/Resources: is required but missing']],
    ['ListResponse', { ...rfc.listResponse, Resources: [{ schemas: [URN.User], id: 'u', password: 'p' }, { userName: 'no-id' }] }, [
      '/Resources/0/password: must not be present (got string "p")', '/Resources/1/id: every resource needs a non-empty id',
    ]],
    ['PatchOp', { schemas: [URN.PatchOp], Operations: [{ op: 'remove' }, { op: 'move', path: 'x' }] }, [
      '/Operations/0/path: is required but missing', '/Operations/1/op: must be add, remove or replace (any case) (got string "move")',
    ]],
    ['BulkResponse', { schemas: [URN.BulkResponse], Operations: [{ method: 'POST', status: 201 }] }, [
      '/Operations/0/status: must be an HTTP status code as a string, or {"code": "<status>"} (got number 201)',
    ]],
    ['ServiceProviderConfig', { ...rfc.serviceProviderConfig, bulk: { supported: false } }, [
      '/bulk/maxOperations: is required but missing', '/bulk/maxPayloadSize: is required but missing',
    ]],
    ['Schema', { id: URN.User, attributes: [{ name: 'x', type: 'text' }] }, [
      '/attributes/0/type: must be one of string, boolean, decimal, integer, dateTime, binary, reference, complex (got string "text")',
    ]],
  ];
  for (const [kind, body, expected] of cases) {
    test(`${kind}: ${expected[0]}`, () => assert.deepEqual(validateBody(kind, body), expected));
  }
});

describe('validateAgainstPublishedSchemas', () => {
  const groupType = { schemas: [URN.ResourceType], name: 'Group', endpoint: '/Groups', schema: URN.Group };
  const check = (resource: unknown) => validateAgainstPublishedSchemas(resource, rfc.publishedSchemas, rfc.userResourceType);

  test('the RFC enterprise user matches the schemas published for it', () => assert.deepEqual(check(rfc.enterpriseUser), []));

  test('a group without displayName is tolerated when /Schemas declares it optional (§22 A16)', () => {
    assert.deepEqual(validateAgainstPublishedSchemas({ schemas: [URN.Group], id: 'g' }, rfc.publishedSchemas, groupType), []);
  });

  test('the published schemas may come as a plain array', () => {
    assert.deepEqual(validateAgainstPublishedSchemas(plainUser, rfc.publishedSchemas.Resources, rfc.userResourceType), []);
  });

  test('reports types, multiValued, required, returned:never and unknown sub-attributes', () => {
    const { userName: _dropped, ...withoutUserName } = rfc.enterpriseUser;
    assert.deepEqual(check({
      ...withoutUserName, password: 'x', active: 'yes', emails: { value: 'a' }, displayName: ['a'],
      name: { givenName: 1, nick: 'x' }, phoneNumbers: [{ value: 5 }],
    }), [
      `/userName: required by the published schema ${URN.User} but missing`,
      `/name/givenName: must be string as published (got number 1)`,
      `/name/nick: not defined by the published schema ${URN.User}`,
      `/displayName: must be a single value (not multiValued in ${URN.User}) (got a list)`,
      `/emails: must be a list (multiValued in ${URN.User}) (got an object)`,
      `/phoneNumbers/0/value: must be string as published (got number 5)`,
      `/active: must be boolean as published (got string "yes")`,
      `/password: must never be returned (returned:never in ${URN.User})`,
    ]);
  });

  test('extension data: listed in schemas, an object, and only declared extensions', () => {
    assert.deepEqual(check({ ...plainUser, [URN.EnterpriseUser]: { employeeNumber: 42 } }), [
      `/schemas: must list ${URN.EnterpriseUser}, whose data is present`,
      `/${URN.EnterpriseUser}/employeeNumber: must be string as published (got number 42)`,
    ]);
    assert.deepEqual(check({ ...plainUser, 'urn:example:other:User': {} }), [
      `/urn:example:other:User: not defined by the published schema ${URN.User}`,
    ]);
  });

  test('a required extension must be present; an unpublished schema is reported', () => {
    const requiring = { ...rfc.userResourceType, schemaExtensions: [{ schema: URN.EnterpriseUser, required: true }] };
    assert.deepEqual(validateAgainstPublishedSchemas(plainUser, rfc.publishedSchemas, requiring), [
      `/${URN.EnterpriseUser}: the ResourceType marks this extension required but it is missing`,
    ]);
    assert.deepEqual(validateAgainstPublishedSchemas(plainUser, { Resources: [] }, rfc.userResourceType), [
      `/Schemas: does not publish ${URN.User}, which ResourceType User names`,
    ]);
  });

  test('attribute names match case-insensitively (RFC 7643 §2.1)', () => {
    assert.deepEqual(check({ schemas: [URN.User], id: 'u', UserName: 'x', NAME: { GivenName: 'B' } }), []);
  });
});
