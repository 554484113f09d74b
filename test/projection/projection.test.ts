import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAttributeList, project, type ProjectionOptions } from '../../scim/projection.ts';
import { attr } from '../../scim/schema/build.ts';
import { coreResourceTypes, coreSchemas, groupResourceType, userResourceType, userSchema } from '../../scim/schema/core.ts';
import { SchemaRegistry, defaultRegistry } from '../../scim/schema/registry.ts';
import { URN } from '../../scim/urns.ts';

const fullUser = () => ({
  schemas: [URN.User, URN.EnterpriseUser],
  id: 'u-1',
  externalId: 'ext',
  userName: 'bjensen',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  password: 'secret',
  emails: [{ value: 'a@x', type: 'work', primary: true }, { value: 'b@x', type: 'home' }],
  [URN.EnterpriseUser]: { employeeNumber: '7', department: 'D', manager: { value: 'm', displayName: 'Boss' } },
  meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', location: 'https://x/Users/u-1' },
});
const group = () => ({ schemas: [URN.Group], id: 'g-1', displayName: 'G', members: [{ value: 'u-1', type: 'User' }], meta: { resourceType: 'Group' } });

const user = (options: ProjectionOptions) => project(fullUser(), userResourceType, defaultRegistry, options);
const keys = (o: object) => Object.keys(o).sort();

describe('parseAttributeList', () => {
  const cases: [string | undefined, string[] | undefined][] = [
    [undefined, undefined],
    ['', undefined],
    [' , ', undefined],
    ['userName', ['userName']],
    ['userName, name.givenName ,emails', ['userName', 'name.givenName', 'emails']],
  ];
  for (const [input, expected] of cases) test(JSON.stringify(input), () => assert.deepEqual(parseAttributeList(input), expected));
});

describe('project (RFC 7644 §3.9)', () => {
  test('default: everything but password (P-PROJ-05)', () => {
    const out = user({});
    assert.equal('password' in out, false);
    assert.deepEqual(keys(out), keys(fullUser()).filter((k) => k !== 'password'));
  });
  test('attributes=userName → id, userName, schemas only (P-PROJ-01)', () => {
    assert.deepEqual(keys(user({ attributes: ['userName'] })), ['id', 'schemas', 'userName']);
  });
  test('attributes keeps id (P-PROJ-02)', () => assert.equal(user({ attributes: ['displayName'] }).id, 'u-1'));
  test('excludedAttributes removes named attributes (P-PROJ-03)', () => {
    const out = user({ excludedAttributes: ['emails', 'name'] });
    assert.equal('emails' in out, false);
    assert.equal('name' in out, false);
    assert.equal(out.userName, 'bjensen');
  });
  test('excludedAttributes cannot remove id or schemas (P-PROJ-04)', () => {
    const out = user({ excludedAttributes: ['id', 'schemas'] });
    assert.equal(out.id, 'u-1');
    assert.ok(out.schemas);
  });
  test('password is never returned, even when asked (P-PROJ-05)', () => {
    assert.equal('password' in user({ attributes: ['password'] }), false);
  });
  test('sub-attribute projection (P-PROJ-06)', () => {
    assert.deepEqual(user({ attributes: ['name.givenName'] }).name, { givenName: 'Barbara' });
  });
  test('sub-attribute projection on a multi-valued attribute', () => {
    assert.deepEqual(user({ attributes: ['emails.value'] }).emails, [{ value: 'a@x' }, { value: 'b@x' }]);
  });
  test('URN-qualified core name (P-PROJ-07)', () => {
    assert.deepEqual(keys(user({ attributes: [`${URN.User}:userName`] })), ['id', 'schemas', 'userName']);
  });
  test('URN-qualified extension attribute (P-PROJ-07)', () => {
    assert.deepEqual(user({ attributes: [`${URN.EnterpriseUser}:employeeNumber`] })[URN.EnterpriseUser], { employeeNumber: '7' });
  });
  test('whole extension by its URN', () => {
    assert.deepEqual(user({ attributes: [URN.EnterpriseUser] })[URN.EnterpriseUser], fullUser()[URN.EnterpriseUser]);
  });
  test('excluding the whole extension', () => {
    assert.equal(URN.EnterpriseUser in user({ excludedAttributes: [URN.EnterpriseUser.toUpperCase()] }), false);
  });
  test('excluding one extension attribute', () => {
    assert.deepEqual(user({ excludedAttributes: [`${URN.EnterpriseUser}:manager`] })[URN.EnterpriseUser], { employeeNumber: '7', department: 'D' });
  });
  test('excluding a sub-attribute', () => {
    assert.deepEqual(user({ excludedAttributes: ['name.familyName'] }).name, { givenName: 'Barbara' });
  });
  test('extension sub-attribute', () => {
    assert.deepEqual(user({ attributes: [`${URN.EnterpriseUser}:manager.value`] })[URN.EnterpriseUser], { manager: { value: 'm' } });
  });
  test('names are case-insensitive (P-PROJ-08)', () => {
    assert.deepEqual(keys(user({ attributes: ['USERNAME', 'NAME.GIVENNAME'] })), ['id', 'name', 'schemas', 'userName']);
  });
  test('unknown names are ignored', () => {
    assert.deepEqual(keys(user({ attributes: ['noSuch', 'userName', 'name.nope'] })), ['id', 'schemas', 'userName']);
    assert.deepEqual(keys(user({ excludedAttributes: ['noSuch'] })), keys(user({})));
  });
  test('meta by default, not when attributes omits it, yes when named', () => {
    assert.ok(user({}).meta);
    assert.equal('meta' in user({ attributes: ['userName'] }), false);
    assert.deepEqual(user({ attributes: ['meta.created'] }).meta, { created: '2024-01-01T00:00:00Z' });
  });
  test('excludedAttributes=members on a Group (P-PROJ-10)', () => {
    assert.deepEqual(keys(project(group(), groupResourceType, defaultRegistry, { excludedAttributes: ['members'] })), ['displayName', 'id', 'meta', 'schemas']);
  });
  test('attributes wins when both lists are given (A21)', () => {
    assert.deepEqual(keys(user({ attributes: ['userName'], excludedAttributes: ['userName'] })), ['id', 'schemas', 'userName']);
  });
  test('an extension left empty by projection is dropped', () => {
    assert.equal(URN.EnterpriseUser in user({ attributes: ['userName'] }), false);
  });
  test('the input is not modified', () => {
    const input = fullUser();
    project(input, userResourceType, defaultRegistry, { attributes: ['userName'] });
    assert.deepEqual(input, fullUser());
  });
  test('returned:request attributes only when named (P-PROJ-12)', () => {
    const schema = { ...userSchema, attributes: [...userSchema.attributes, attr('secretNote', 'string', { returned: 'request' })] };
    const registry = new SchemaRegistry([schema, ...coreSchemas.slice(1)], coreResourceTypes);
    const resource = { ...fullUser(), secretNote: 'n' };
    assert.equal('secretNote' in project(resource, userResourceType, registry, {}), false);
    assert.equal('secretNote' in project(resource, userResourceType, registry, { excludedAttributes: ['userName'] }), false);
    assert.equal(project(resource, userResourceType, registry, { attributes: ['secretNote'] }).secretNote, 'n');
  });
});

describe('default representation (the precomputed path every plain GET takes)', () => {
  test('leaves out returned:never and unassigned values, keeps everything else as the general walk does', () => {
    const resource = { ...fullUser(), password: 'secret', nickName: null, phoneNumbers: [], members: undefined };
    const fast = project(resource, userResourceType, defaultRegistry, {});
    assert.equal('password' in fast, false);
    assert.equal('nickName' in fast, false);
    assert.equal('phoneNumbers' in fast, false);
    // Same result as the general walk, which an empty excludedAttributes entry forces.
    const walked = project(resource, userResourceType, defaultRegistry, { excludedAttributes: ['noSuchAttribute'] });
    assert.deepEqual(fast, walked);
  });

  test('an empty Group member list is left out', () => {
    const fast = project({ ...group(), members: [] }, groupResourceType, defaultRegistry, {});
    assert.equal('members' in fast, false);
  });
});
