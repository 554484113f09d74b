import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ScimError, type ScimType } from '../../scim/errors.ts';
import { checkImmutable, normalizeResource } from '../../scim/resource/normalize.ts';
import { attr } from '../../scim/schema/build.ts';
import { coreResourceTypes, coreSchemas, groupResourceType, userResourceType, userSchema } from '../../scim/schema/core.ts';
import { SchemaRegistry, defaultRegistry } from '../../scim/schema/registry.ts';
import type { ResourceTypeDef } from '../../scim/schema/types.ts';
import { URN } from '../../scim/urns.ts';

const ADSCIM = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

function normalize(body: unknown, { lenient = false, rt = userResourceType as ResourceTypeDef, mode = 'create' as 'create' | 'replace' } = {}) {
  return normalizeResource(body, { registry: defaultRegistry, rt, lenient, mode });
}
const user = (extra: Record<string, unknown>) => ({ schemas: [URN.User], userName: 'bjensen', ...extra });

function refuses(body: unknown, scimType: ScimType, detail: RegExp, options: Parameters<typeof normalize>[1] = {}) {
  assert.throws(() => normalize(body, options), (e: unknown) => {
    assert.ok(e instanceof ScimError);
    assert.equal(e.status, 400);
    assert.equal(e.scimType, scimType, e.message);
    assert.match(e.message, detail);
    return true;
  });
}

describe('normalizeResource: accepted bodies', () => {
  test('canonical names from any case (S-ATTR-01)', () => {
    const { data } = normalize({ schemas: [URN.User], USERNAME: 'ci', Name: { GivenName: 'A' }, EMAILS: [{ VALUE: 'a@x', Type: 'work' }] });
    assert.deepEqual(data, { userName: 'ci', name: { givenName: 'A' }, emails: [{ value: 'a@x', type: 'work' }] });
  });
  test('readOnly attributes are dropped, not refused (P-CREATE-06/07, P-PUT-03)', () => {
    const { data } = normalize(user({ id: 'client-chosen-123', meta: { created: '2000-01-01T00:00:00Z' }, groups: [{ value: 'g' }] }));
    assert.deepEqual(data, { userName: 'bjensen' });
  });
  test('readOnly sub-attributes are dropped (manager.displayName)', () => {
    const { data } = normalize({ schemas: [URN.User, URN.EnterpriseUser], userName: 'b', [URN.EnterpriseUser]: { manager: { value: 'm', displayName: 'Boss' } } });
    assert.deepEqual(data[URN.EnterpriseUser], { manager: { value: 'm' } });
  });
  test('null, [] and {} mean unassigned (P-CREATE-16)', () => {
    const { data } = normalize(user({ addresses: null, title: null, roles: [], name: {}, emails: [null] }));
    assert.deepEqual(data, { userName: 'bjensen' });
  });
  test('active false is kept as boolean false (P-CREATE-15)', () => {
    assert.equal(normalize(user({ active: false })).data.active, false);
  });
  test('writeOnly password is stored (P-CREATE-17)', () => {
    assert.equal(normalize(user({ password: 'Xy!23456789' })).data.password, 'Xy!23456789');
  });
  test('externalId kept exactly (P-CREATE-12)', () => {
    assert.equal(normalize(user({ externalId: 'AbC-9' })).data.externalId, 'AbC-9');
  });
  test('enterprise extension under its canonical URN key (P-CREATE-14)', () => {
    const result = normalize({ schemas: [URN.User, URN.EnterpriseUser.toUpperCase()], userName: 'b', [URN.EnterpriseUser.toUpperCase()]: { EmployeeNumber: '42', department: 'R&D' } });
    assert.deepEqual(result.data[URN.EnterpriseUser], { employeeNumber: '42', department: 'R&D' });
    assert.deepEqual(result.schemas, [URN.User, URN.EnterpriseUser]);
  });
  test('schemas order has no effect (S-RES-05)', () => {
    const result = normalize({ schemas: [URN.EnterpriseUser, URN.User], userName: 'b', [URN.EnterpriseUser]: { division: 'd' } });
    assert.deepEqual(result.schemas, [URN.User, URN.EnterpriseUser]);
  });
  test('a listed extension without data is not in the returned schemas', () => {
    assert.deepEqual(normalize({ schemas: [URN.User, URN.EnterpriseUser], userName: 'b' }).schemas, [URN.User]);
  });
  test('exact duplicates are removed (S-ATTR-07)', () => {
    const { data } = normalize(user({ emails: [{ value: 'a@x', type: 'work' }, { value: 'A@X', type: 'work' }, { value: 'b@x', type: 'work' }] }));
    assert.deepEqual(data.emails, [{ value: 'a@x', type: 'work' }, { value: 'b@x', type: 'work' }]);
  });
  test('one primary is fine', () => {
    assert.equal((normalize(user({ emails: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: false }] })).data.emails as unknown[]).length, 2);
  });
  test('canonicalValues are not enforced', () => {
    assert.deepEqual(normalize(user({ emails: [{ value: 'a@x', type: 'alternate' }] })).data.emails, [{ value: 'a@x', type: 'alternate' }]);
  });
  test('Group members come back apart from data, type defaulting to User', () => {
    const result = normalize({ schemas: [URN.Group], displayName: 'g', members: [{ value: 'u1', display: 'x', $ref: null }, { value: 'g2', type: 'group' }, { value: 'u1' }] }, { rt: groupResourceType });
    assert.deepEqual(result.data, { displayName: 'g' });
    assert.deepEqual(result.members, [{ value: 'u1', type: 'User' }, { value: 'g2', type: 'Group' }]);
  });
  test('Group members: [] and null give an empty list, absence gives none', () => {
    assert.deepEqual(normalize({ schemas: [URN.Group], displayName: 'g', members: [] }, { rt: groupResourceType }).members, []);
    assert.deepEqual(normalize({ schemas: [URN.Group], displayName: 'g', members: null }, { rt: groupResourceType }).members, []);
    assert.equal(normalize({ schemas: [URN.Group], displayName: 'g' }, { rt: groupResourceType }).members, undefined);
  });
  test('dateTime, binary, reference, complex and decimal values are checked and kept', () => {
    const { data } = normalize(user({ x509Certificates: [{ value: 'TUlJRE==' }], profileUrl: 'https://x/y', photos: [{ value: 'https://p' }] }));
    assert.deepEqual(data.x509Certificates, [{ value: 'TUlJRE==' }]);
    assert.equal(data.profileUrl, 'https://x/y');
  });
  test('mode replace behaves the same for a valid body', () => {
    assert.deepEqual(normalize(user({ nickName: 'n' }), { mode: 'replace' }).data, { userName: 'bjensen', nickName: 'n' });
  });
});

describe('normalizeResource: lenient mode', () => {
  test('missing schemas is refused even when lenient (S-RES-03): no IdP omits it', () => {
    refuses({ userName: 'b' }, 'invalidSyntax', /schemas/, { lenient: true });
  });
  test('unknown attributes and schema URNs are ignored (X-ENTRA-07)', () => {
    const result = normalize({ schemas: [URN.Group, ADSCIM], displayName: 'g', meta: { resourceType: 'Group' }, externalId: 'e', whatever: 1 }, { lenient: true, rt: groupResourceType });
    assert.deepEqual(result.data, { displayName: 'g', externalId: 'e' });
  });
  test('"True"/"False" strings become booleans (X-ENTRA-02)', () => {
    assert.equal(normalize(user({ active: 'False' }), { lenient: true }).data.active, false);
    assert.equal(normalize(user({ active: 'TRUE' }), { lenient: true }).data.active, true);
  });
  test('a single object for a multi-valued attribute is wrapped', () => {
    assert.deepEqual(normalize(user({ emails: { value: 'a@x' } }), { lenient: true }).data.emails, [{ value: 'a@x' }]);
  });
  test('extension data without its URN in schemas is accepted, and the URN returned', () => {
    const result = normalize(user({ [URN.EnterpriseUser]: { department: 'd' } }), { lenient: true });
    assert.deepEqual(result.schemas, [URN.User, URN.EnterpriseUser]);
  });
  test('manager as a one-element array or a bare string', () => {
    const viaArray = normalize(user({ [URN.EnterpriseUser]: { manager: [{ value: 'm' }] } }), { lenient: true });
    const viaString = normalize(user({ [URN.EnterpriseUser]: { manager: 'm' } }), { lenient: true });
    assert.deepEqual(viaArray.data[URN.EnterpriseUser], { manager: { value: 'm' } });
    assert.deepEqual(viaString.data[URN.EnterpriseUser], { manager: { value: 'm' } });
  });
});

describe('normalizeResource: refusals', () => {
  const cases: [string, unknown, ScimType, RegExp, Parameters<typeof normalize>[1]?][] = [
    ['body not an object', 'x', 'invalidSyntax', /JSON object/],
    ['body an array', [], 'invalidSyntax', /JSON object/],
    ['missing schemas (S-RES-03)', { userName: 'b' }, 'invalidSyntax', /schemas/],
    ['schemas not an array', { schemas: URN.User, userName: 'b' }, 'invalidSyntax', /array/],
    ['schemas without the base URN (S-RES-04)', { schemas: [URN.EnterpriseUser], userName: 'b' }, 'invalidValue', /base schema/],
    ['schemas without the base URN, lenient too', { schemas: [URN.EnterpriseUser], userName: 'b' }, 'invalidValue', /base schema/, { lenient: true }],
    ['unknown schema URN', { schemas: [URN.User, 'urn:x:y'], userName: 'b' }, 'invalidValue', /urn:x:y/],
    ['unknown attribute', user({ shoeSize: 9 }), 'invalidValue', /"shoeSize" is not an attribute/],
    ['unknown sub-attribute', user({ name: { nick: 'n' } }), 'invalidValue', /name\.nick/],
    ['unknown extension attribute', { schemas: [URN.User, URN.EnterpriseUser], userName: 'b', [URN.EnterpriseUser]: { shoe: 1 } }, 'invalidValue', /shoe/],
    ['extension data not listed in schemas', user({ [URN.EnterpriseUser]: { department: 'd' } }), 'invalidValue', /does not list/],
    ['extension not an object', { schemas: [URN.User, URN.EnterpriseUser], userName: 'b', [URN.EnterpriseUser]: 'x' }, 'invalidValue', /JSON object/],
    ['userName missing (P-CREATE-11)', { schemas: [URN.User], name: { givenName: 'x' } }, 'invalidValue', /"userName" is required/],
    ['userName empty', user({ userName: '  ' }), 'invalidValue', /required/],
    ['userName missing in a PUT (P-PUT-07)', { schemas: [URN.User] }, 'invalidValue', /replace \(PUT\)/, { mode: 'replace' }],
    ['Group displayName missing (P-CREATE-13)', { schemas: [URN.Group] }, 'invalidValue', /"displayName" is required/, { rt: groupResourceType }],
    ['two primaries (S-ATTR-05, A22)', user({ emails: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: true }] }), 'invalidValue', /primary/],
    ['active as a string', user({ active: 'true' }), 'invalidValue', /boolean/],
    ['userName as a number', user({ userName: 5 }), 'invalidValue', /string/],
    ['emails as an object', user({ emails: { value: 'a@x' } }), 'invalidValue', /multi-valued/],
    ['name as an array', user({ name: [{ givenName: 'x' }] }), 'invalidValue', /single-valued/],
    ['binary not base64', user({ x509Certificates: [{ value: '***' }] }), 'invalidValue', /base64/],
    ['same attribute twice in different case', { schemas: [URN.User], userName: 'a', USERNAME: 'b' }, 'invalidValue', /twice/],
    ['member without value', { schemas: [URN.Group], displayName: 'g', members: [{ display: 'x' }] }, 'invalidValue', /value/, { rt: groupResourceType }],
    ['member with a bad type', { schemas: [URN.Group], displayName: 'g', members: [{ value: 'x', type: 'Robot' }] }, 'invalidValue', /User" or "Group/, { rt: groupResourceType }],
    ['nesting deeper than 32', user({ name: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) }), 'invalidSyntax', /nested deeper/],
    ['a 2 MiB string', user({ nickName: 'x'.repeat(2 * 1024 * 1024) }), 'invalidValue', /limit/],
  ];
  for (const [name, body, scimType, detail, options] of cases) test(name, () => refuses(body, scimType, detail, options));
});

describe('normalizeResource: schema variations', () => {
  test('a required extension must have data', () => {
    const rt: ResourceTypeDef = { ...userResourceType, schemaExtensions: [{ schema: URN.EnterpriseUser, required: true }] };
    refuses({ schemas: [URN.User], userName: 'b' }, 'invalidValue', /requires the extension/, { rt });
  });
  test('integer, decimal and dateTime attributes', () => {
    const schema = { ...userSchema, attributes: [...userSchema.attributes, attr('shoeSize', 'integer'), attr('height', 'decimal'), attr('hired', 'dateTime')] };
    const registry = new SchemaRegistry([schema, ...coreSchemas.slice(1)], coreResourceTypes);
    const run = (extra: Record<string, unknown>, lenient = false) => normalizeResource(user(extra), { registry, rt: userResourceType, lenient, mode: 'create' });
    assert.deepEqual(run({ shoeSize: 42, height: 1.8, hired: '2024-05-01T12:00:00.123+02:00' }).data, { userName: 'bjensen', shoeSize: 42, height: 1.8, hired: '2024-05-01T12:00:00.123+02:00' });
    assert.deepEqual(run({ shoeSize: '42', height: '1.5' }, true).data, { userName: 'bjensen', shoeSize: 42, height: 1.5 });
    for (const bad of [{ shoeSize: 4.5 }, { shoeSize: '42' }, { height: 'tall' }, { hired: '2024-05-01' }, { hired: '2024-13-01T00:00:00Z' }]) {
      assert.throws(() => run(bad), (e: ScimError) => e.scimType === 'invalidValue', JSON.stringify(bad));
    }
  });
});

describe('checkImmutable (P-PUT-04/05)', () => {
  const schema = { ...userSchema, attributes: [...userSchema.attributes, attr('badge', 'string', { mutability: 'immutable' }), attr('card', 'complex', { subAttributes: [attr('serial', 'string', { mutability: 'immutable' })] })] };
  const registry = new SchemaRegistry([schema, ...coreSchemas.slice(1)], coreResourceTypes);
  const check = (before: Record<string, unknown>, after: Record<string, unknown>) => checkImmutable(before, after, userResourceType, registry);
  test('an unset immutable attribute may be set (P-PUT-05)', () => check({ userName: 'a' }, { userName: 'a', badge: 'B1' }));
  test('the same value passes', () => check({ badge: 'B1' }, { badge: 'b1' }));
  test('omitting it passes', () => check({ badge: 'B1' }, {}));
  test('changing it is 400 mutability (P-PUT-04)', () => {
    assert.throws(() => check({ badge: 'B1' }, { badge: 'B2' }), (e: ScimError) => e.status === 400 && e.scimType === 'mutability' && /badge/.test(e.message));
  });
  test('changing an immutable sub-attribute is 400 mutability', () => {
    assert.throws(() => check({ card: { serial: 'S1' } }, { card: { serial: 'S2' } }), (e: ScimError) => e.scimType === 'mutability' && /card\.serial/.test(e.message));
  });
  test('core User attributes are not immutable: anything may change', () => check({ userName: 'a', externalId: 'x' }, { userName: 'b', externalId: 'y' }));
});
