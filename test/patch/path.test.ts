import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ScimError } from '../../scim/errors.ts';
import { parsePatchPath } from '../../scim/patch/path.ts';
import { defaultRegistry } from '../../scim/schema/registry.ts';
import { groupResourceType, userResourceType } from '../../scim/schema/core.ts';
import { URN } from '../../scim/urns.ts';

const user = (text: string) => parsePatchPath(text, userResourceType, defaultRegistry);
const group = (text: string) => parsePatchPath(text, groupResourceType, defaultRegistry);

describe('parsePatchPath: accepted forms (RFC 7644 §3.5.2)', () => {
  const cases: [string, (t: string) => ReturnType<typeof user>, object, boolean?, string?][] = [
    ['userName', user, { attr: 'userName' }],
    ['name.familyName', user, { attr: 'name', sub: 'familyName' }],
    ['NAME.FAMILYNAME', user, { attr: 'name', sub: 'familyName' }],
    ['emails', user, { attr: 'emails' }],
    ['emails[type eq "work"]', user, { attr: 'emails' }, true],
    ['emails[type eq "work"].value', user, { attr: 'emails' }, true, 'value'],
    ['EMAILS[TYPE eq "work"].VALUE', user, { attr: 'emails' }, true, 'value'],
    ['addresses[type eq "work"].streetAddress', user, { attr: 'addresses' }, true, 'streetAddress'],
    ['members[value eq "2819c223-7f76-453a-919d-413861904646"]', group, { attr: 'members' }, true],
    ['members[value eq "a]b"]', group, { attr: 'members' }, true],
    [`${URN.User}:name.givenName`, user, { attr: 'name', sub: 'givenName' }],
    [`${URN.User}:userName`, user, { attr: 'userName' }],
    [`${URN.EnterpriseUser}:manager`, user, { urn: URN.EnterpriseUser, attr: 'manager' }],
    [`${URN.EnterpriseUser}:employeeNumber`, user, { urn: URN.EnterpriseUser, attr: 'employeeNumber' }],
    [`${URN.EnterpriseUser.toUpperCase()}:EMPLOYEENUMBER`, user, { urn: URN.EnterpriseUser, attr: 'employeeNumber' }],
    [`${URN.EnterpriseUser}:manager.value`, user, { urn: URN.EnterpriseUser, attr: 'manager', sub: 'value' }],
    ['meta.created', user, { attr: 'meta', sub: 'created' }],
    ['displayName', group, { attr: 'displayName' }],
    ['  nickName  ', user, { attr: 'nickName' }],
  ];
  for (const [text, parse, attr, filtered, subAttr] of cases) {
    test(text, () => {
      const path = parse(text);
      assert.deepEqual(path.attr, attr);
      assert.equal(path.valueFilter !== undefined, filtered ?? false);
      assert.equal(path.subAttr, subAttr);
    });
  }
  test('the filter is parsed into the AST', () => {
    assert.deepEqual(user('emails[type eq "work"]').valueFilter, {
      kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'work',
    });
  });
});

describe('parsePatchPath: refused forms', () => {
  const cases: [string, string, RegExp][] = [
    ['', 'invalidPath', /empty/],
    ['   ', 'invalidPath', /empty/],
    ['emails[0]', 'invalidPath', /array indexes/],
    ['emails[0].value', 'invalidPath', /array indexes/],
    ['emails[]', 'invalidPath', /array indexes/],
    ['/emails/0', 'invalidPath', /JSON Pointer/],
    ['noSuchAttr', 'invalidPath', /no attribute "noSuchAttr"/],
    ['name.noSuchSub', 'invalidPath', /no attribute/],
    ['name..givenName', 'invalidPath', /not a valid attribute path/],
    ['emails[type eq "work"', 'invalidPath', /without a matching/],
    ['emails[type eq "work"].nope', 'invalidPath', /sub-attribute/],
    ['emails[type eq "work"]x', 'invalidPath', /only "\.subAttribute"/],
    ['emails[type eq "work"][value eq "x"]', 'invalidPath', /only "\.subAttribute"/],
    ['userName[value eq "x"]', 'invalidPath', /multi-valued complex/],
    ['name.givenName[value eq "x"]', 'invalidPath', /multi-valued complex/],
    ['urn:example:unknown:1.0:User:foo', 'invalidPath', /schema URN/],
    ['emails[nope eq "x"]', 'invalidFilter', /nope/],
    ['emails[type eq]', 'invalidFilter', /./],
    ['user name', 'invalidPath', /not a valid attribute path/],
  ];
  for (const [text, scimType, detail] of cases) {
    test(JSON.stringify(text), () => {
      assert.throws(() => user(text), (e: unknown) => {
        assert.ok(e instanceof ScimError);
        assert.equal(e.status, 400);
        assert.equal(e.scimType, scimType);
        assert.match(e.message, detail);
        return true;
      });
    });
  }
  test('a Group has no userName', () => {
    assert.throws(() => group('userName'), (e: ScimError) => e.scimType === 'invalidPath');
  });
});
