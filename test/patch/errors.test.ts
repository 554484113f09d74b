/** Every refusal of the PATCH engine, with its scimType (RFC 7644 §3.12 Table 9), and atomicity (P-PATCH-26). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ScimType } from '../../scim/errors.ts';
import { URN } from '../../scim/urns.ts';
import { U1, U2, aGroup, aUser, ops, patch, rejects } from './helpers.ts';

describe('malformed PatchOp messages', () => {
  const cases: [string, unknown, ScimType][] = [
    ['body is not an object', [], 'invalidSyntax'],
    ['body is null', null, 'invalidSyntax'],
    ['no schemas (P-PATCH-01)', { Operations: [{ op: 'remove', path: 'nickName' }] }, 'invalidSyntax'],
    ['User URN instead of PatchOp (P-PATCH-01)', { schemas: [URN.User], Operations: [{ op: 'remove', path: 'nickName' }] }, 'invalidSyntax'],
    ['Operations missing (P-PATCH-02)', { schemas: [URN.PatchOp] }, 'invalidSyntax'],
    ['Operations empty (P-PATCH-02)', ops(), 'invalidSyntax'],
    ['Operations not an array', { schemas: [URN.PatchOp], Operations: { op: 'add' } }, 'invalidSyntax'],
    ['operation not an object', ops('add'), 'invalidSyntax'],
    ['op missing (P-PATCH-02)', ops({ path: 'nickName', value: 'x' }), 'invalidSyntax'],
    ['op move (P-PATCH-03)', ops({ op: 'move', from: 'nickName', path: 'title' }), 'invalidSyntax'],
    ['op test', ops({ op: 'test', path: 'nickName', value: 'x' }), 'invalidSyntax'],
    ['op Replace in strict mode (X-ENTRA-01)', ops({ op: 'Replace', path: 'nickName', value: 'x' }), 'invalidSyntax'],
    ['path not a string', ops({ op: 'replace', path: 3, value: 'x' }), 'invalidPath'],
    ['add without value (P-PATCH-07)', ops({ op: 'add', path: 'nickName' }), 'invalidValue'],
    ['add with null value', ops({ op: 'add', path: 'nickName', value: null }), 'invalidValue'],
    ['replace without value', ops({ op: 'replace', path: 'nickName' }), 'invalidValue'],
  ];
  for (const [name, body, scimType] of cases) test(name, () => rejects(aUser(), body, scimType));
  test('the PatchOp URN and Operations key are matched case-insensitively', () => {
    assert.equal(patch(aUser(), { schemas: [URN.PatchOp.toUpperCase()], operations: [{ op: 'remove', path: 'nickName' }] }).changed, true);
  });
  test('the failing operation is named in the detail', () => {
    rejects(aUser(), ops({ op: 'replace', path: 'nickName', value: 'x' }, { op: 'remove', path: 'userName' }), 'mutability', false, /^Operations\[1\] \(remove "userName"\)/);
  });
});

describe('refused operations', () => {
  const cases: [string, Record<string, unknown>, unknown, ScimType, RegExp?][] = [
    ['remove without path (P-PATCH-10)', aUser(), ops({ op: 'remove' }), 'noTarget'],
    ['remove userName (required, P-PATCH-16)', aUser(), ops({ op: 'remove', path: 'userName' }), 'mutability', /required/],
    ['replace userName with null', aUser(), ops({ op: 'replace', path: 'userName', value: null }), 'mutability', /required/],
    ['remove Group displayName', aGroup(), ops({ op: 'remove', path: 'displayName' }), 'mutability'],
    ['remove meta.created (readOnly, P-PATCH-16)', aUser(), ops({ op: 'remove', path: 'meta.created' }), 'mutability', /readOnly/],
    ['replace id (P-PATCH-31)', aUser(), ops({ op: 'replace', path: 'id', value: 'x' }), 'mutability'],
    ['replace id with a different value in a path-less replace (X-OKTA-03 stays strict about changes)', aGroup(), ops({ op: 'replace', value: { id: 'g-2', displayName: 'x' } }), 'mutability'],
    ['add groups (P-PATCH-31)', aUser(), ops({ op: 'add', path: 'groups', value: [{ value: 'g-2' }] }), 'mutability'],
    ['remove groups', aUser(), ops({ op: 'remove', path: 'groups' }), 'mutability'],
    ['path-less replace carrying meta', aUser(), ops({ op: 'replace', value: { meta: { created: '2000-01-01T00:00:00Z' } } }), 'mutability'],
    ['change an immutable member value (P-PATCH-32)', aGroup(), ops({ op: 'replace', path: `members[value eq "${U1}"].value`, value: U2 }), 'mutability', /immutable/],
    ['replace a member record with another id', aGroup(), ops({ op: 'replace', path: `members[value eq "${U1}"]`, value: { value: 'other' } }), 'mutability'],
    ['write the readOnly member display', aGroup(), ops({ op: 'replace', path: `members[value eq "${U1}"].display`, value: 'x' }), 'mutability'],
    ['write manager.displayName (readOnly sub-attribute)', aUser(), ops({ op: 'replace', path: `${URN.EnterpriseUser}:manager.displayName`, value: 'x' }), 'mutability'],
    ['replace with unmatched valuePath (P-PATCH-22, A8 strict)', aUser(), ops({ op: 'replace', path: 'emails[type eq "pager"].value', value: 'p@x' }), 'noTarget'],
    ['replace wholesale with unmatched valuePath', aUser(), ops({ op: 'replace', path: 'emails[type eq "pager"]', value: { value: 'p@x' } }), 'noTarget'],
    ['replace sub-attribute when there are no values', aGroup([]), ops({ op: 'replace', path: 'members.type', value: 'User' }), 'noTarget'],
    ['unknown attribute path (P-PATCH-29)', aUser(), ops({ op: 'replace', path: 'noSuchAttr', value: 'x' }), 'invalidPath'],
    ['array index path (P-PATCH-03)', aUser(), ops({ op: 'replace', path: 'emails[0].value', value: 'x' }), 'invalidPath'],
    ['malformed path (P-PATCH-28)', aUser(), ops({ op: 'replace', path: 'emails[type eq "work"', value: 'x' }), 'invalidPath'],
    ['double dot path (P-PATCH-28)', aUser(), ops({ op: 'replace', path: 'name..givenName', value: 'x' }), 'invalidPath'],
    ['active "notabool" (P-PATCH-30)', aUser(), ops({ op: 'replace', path: 'active', value: 'notabool' }), 'invalidValue'],
    ['active "False" in strict mode (X-ENTRA-02)', aUser(), ops({ op: 'replace', path: 'active', value: 'False' }), 'invalidValue'],
    ['emails scalar (P-PATCH-30)', aUser(), ops({ op: 'add', path: 'emails', value: 'scalar' }), 'invalidValue'],
    ['emails single object in strict mode', aUser(), ops({ op: 'add', path: 'emails', value: { value: 'a@b.c' } }), 'invalidValue'],
    ['nickName number', aUser(), ops({ op: 'replace', path: 'nickName', value: 7 }), 'invalidValue'],
    ['nickName array', aUser(), ops({ op: 'replace', path: 'nickName', value: ['a'] }), 'invalidValue'],
    ['name as a string', aUser(), ops({ op: 'replace', path: 'name', value: 'Babs' }), 'invalidValue'],
    ['unknown sub-attribute in a value', aUser(), ops({ op: 'replace', path: 'name', value: { nick: 'x' } }), 'invalidValue'],
    ['manager as an array in strict mode (X-ENTRA-06)', aUser(), ops({ op: 'add', path: `${URN.EnterpriseUser}:manager`, value: [{ value: U2 }] }), 'invalidValue'],
    ['manager as a string in strict mode', aUser(), ops({ op: 'add', path: `${URN.EnterpriseUser}:manager`, value: U2 }), 'invalidValue'],
    ['two primaries in one add', aUser(), ops({ op: 'add', path: 'emails', value: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: true }] }), 'invalidValue', /primary/],
    ['two primaries in a replace', aUser(), ops({ op: 'replace', path: 'emails', value: [{ value: 'a@x', primary: true }, { value: 'b@x', primary: true }] }), 'invalidValue'],
    ['primary on two matched elements', aUser(), ops({ op: 'replace', path: 'emails[value pr].primary', value: true }), 'invalidValue'],
    ['member without value', aGroup(), ops({ op: 'add', path: 'members', value: [{ display: 'x' }] }), 'invalidValue', /value/],
    ['member with a bad type', aGroup(), ops({ op: 'add', path: 'members', value: [{ value: U1, type: 'Robot' }] }), 'invalidValue'],
    ['remove members with a value in strict mode (A9)', aGroup(), ops({ op: 'remove', path: 'members', value: [{ value: U1 }] }), 'invalidValue', /"path":"members\[value eq \\"2819/],
    ['path-less value that is not an object', aUser(), ops({ op: 'replace', value: 'x' }), 'invalidValue'],
    ['path-less unknown attribute in strict mode', aUser(), ops({ op: 'replace', value: { noSuch: 1 } }), 'invalidValue'],
    ['path-less dotted key in strict mode (X-ENTRA-05)', aUser(), ops({ op: 'replace', value: { 'name.givenName': 'x' } }), 'invalidValue', /is a path/],
    ['path-less extension that is not an object', aUser(), ops({ op: 'replace', value: { [URN.EnterpriseUser]: 'x' } }), 'invalidValue'],
    ['path-less unknown extension attribute', aUser(), ops({ op: 'replace', value: { [URN.EnterpriseUser]: { shoeSize: 9 } } }), 'invalidValue'],
    ['binary that is not base64', aUser(), ops({ op: 'replace', path: 'x509Certificates', value: [{ value: 'not base64!' }] }), 'invalidValue'],
  ];
  for (const [name, resource, body, scimType, detail] of cases) test(name, () => rejects(resource, body, scimType, false, detail));
});

describe('atomicity (P-PATCH-26)', () => {
  test('a failing second operation leaves everything as it was', () => {
    rejects(aUser(), ops({ op: 'replace', path: 'nickName', value: 'Z' }, { op: 'remove', path: 'userName' }), 'mutability');
  });
  test('a failing last member operation undoes the earlier member changes', () => {
    rejects(aGroup(), ops(
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [{ value: U1 }] },
      { op: 'add', path: 'members', value: [{ nope: true }] },
    ), 'invalidValue');
  });
  test('a failing path-less value applies none of its keys', () => {
    rejects(aUser(), ops({ op: 'replace', value: { nickName: 'x', active: 'maybe' } }), 'invalidValue');
  });
});

describe('limits', () => {
  test('nesting deeper than 32 levels is invalidSyntax', () => {
    let value: unknown = 'x';
    for (let i = 0; i < 40; i++) value = { a: value };
    rejects(aUser(), ops({ op: 'replace', path: 'name', value }), 'invalidSyntax', false, /nested deeper/);
  });
  test('a huge string is invalidValue', () => {
    rejects(aUser(), ops({ op: 'replace', path: 'nickName', value: 'x'.repeat(1024 * 1024 + 1) }), 'invalidValue', false, /limit/);
  });
});
