/** The examples of RFC 7644 §3.5.2.1-3 and the P-PATCH rows of rfc-requirements.md, in strict mode. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { URN } from '../../scim/urns.ts';
import { U1, U2, U3, aGroup, aUser, memberIds, ops, patch } from './helpers.ts';

describe('add (RFC 7644 §3.5.2.1)', () => {
  test('add a member (§3.5.2.1 example, P-PATCH-09)', () => {
    const { resource, changed } = patch(aGroup([U1]), ops({ op: 'add', path: 'members', value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${U2}`, value: U2 }] }));
    assert.deepEqual(memberIds(resource), [U1, U2]);
    assert.deepEqual((resource.members as object[])[1], { value: U2 }, '$ref and readOnly display are not kept from the client');
    assert.equal(changed, true);
  });
  test('add without path merges the value object (§3.5.2.1 example, P-PATCH-06)', () => {
    const { resource } = patch(aUser(), ops({ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }, { value: 'b2@x.com', type: 'other' }], nickName: 'Babs2' } }));
    assert.equal(resource.nickName, 'Babs2');
    assert.deepEqual((resource.emails as { value: string }[]).map((e) => e.value), ['bjensen@example.com', 'babs@jensen.org', 'b2@x.com']);
  });
  test('add to a single-valued attribute sets it (P-PATCH-04)', () => {
    const user = aUser();
    delete user.title;
    assert.equal(patch(user, ops({ op: 'add', path: 'title', value: 'Tour Guide' })).resource.title, 'Tour Guide');
    assert.equal(patch(user, ops({ op: 'add', path: 'nickName', value: 'B' })).resource.nickName, 'B');
  });
  test('add to a multi-valued attribute appends (P-PATCH-05)', () => {
    const { resource } = patch(aUser(), ops({ op: 'add', path: 'phoneNumbers', value: [{ value: '555-1234', type: 'work' }] }));
    assert.deepEqual(resource.phoneNumbers, [{ value: '555-1234', type: 'work' }]);
  });
  test('adding an existing member changes nothing (P-PATCH-08)', () => {
    const group = aGroup([U1]);
    const result = patch(group, ops({ op: 'add', path: 'members', value: [{ value: U1, display: 'someone' }] }));
    assert.equal(result.changed, false);
    assert.deepEqual(result.resource.members, group.members);
  });
  test('adding an existing email (other case) changes nothing', () => {
    const result = patch(aUser(), ops({ op: 'add', path: 'emails', value: [{ value: 'BJensen@Example.com', type: 'work' }] }));
    assert.equal(result.changed, false);
  });
  test('add to a complex attribute merges sub-attributes', () => {
    const { resource } = patch(aUser(), ops({ op: 'add', path: 'name', value: { middleName: 'J' } }));
    assert.deepEqual(resource.name, { givenName: 'Barbara', familyName: 'Jensen', middleName: 'J' });
  });
  test('add of a sub-attribute', () => {
    assert.deepEqual(patch(aUser(), ops({ op: 'add', path: 'name.honorificPrefix', value: 'Ms.' })).resource.name, {
      givenName: 'Barbara', familyName: 'Jensen', honorificPrefix: 'Ms.',
    });
  });
  test('a fully qualified extension path adds the extension URN to schemas (P-PATCH-35)', () => {
    const user = aUser();
    delete user[URN.EnterpriseUser];
    user.schemas = [URN.User];
    const result = patch(user, ops({ op: 'add', path: `${URN.EnterpriseUser}:employeeNumber`, value: '7' }));
    assert.deepEqual(result.schemas, [URN.User, URN.EnterpriseUser]);
    assert.deepEqual(result.resource.schemas, [URN.User, URN.EnterpriseUser]);
    assert.deepEqual(result.resource[URN.EnterpriseUser], { employeeNumber: '7' });
  });
  test('add manager under the extension', () => {
    const { resource } = patch(aUser(), ops({ op: 'add', path: `${URN.EnterpriseUser}:manager`, value: { value: U2, displayName: 'ignored' } }));
    assert.deepEqual((resource[URN.EnterpriseUser] as Record<string, unknown>).manager, { value: U2 });
  });
  test('add of a new primary email demotes the old primary (P-PATCH-25)', () => {
    const { resource } = patch(aUser(), ops({ op: 'add', path: 'emails', value: [{ value: 'new@x.com', type: 'other', primary: true }] }));
    const emails = resource.emails as { value: string; primary?: boolean }[];
    assert.deepEqual(emails.filter((e) => e.primary).map((e) => e.value), ['new@x.com']);
  });
  test('password can be set by PATCH (P-PATCH-39)', () => {
    assert.equal(patch(aUser(), ops({ op: 'replace', path: 'password', value: 'N3w!pass' })).resource.password, 'N3w!pass');
  });
});

describe('remove (RFC 7644 §3.5.2.2)', () => {
  test('remove one member by filter (§3.5.2.2 example, P-PATCH-13)', () => {
    const { resource } = patch(aGroup([U1, U2]), ops({ op: 'remove', path: `members[value eq "${U1}"]` }));
    assert.deepEqual(memberIds(resource), [U2]);
  });
  test('remove all members (§3.5.2.2 example, P-PATCH-12)', () => {
    const { resource, changed } = patch(aGroup([U1, U2]), ops({ op: 'remove', path: 'members' }));
    assert.equal('members' in resource, false);
    assert.equal(changed, true);
  });
  test('remove several members with or (§3.5.2.2 example)', () => {
    const { resource } = patch(aGroup([U1, U2, U3]), ops({ op: 'remove', path: `members[value eq "${U1}" or value eq "${U3}"]` }));
    assert.deepEqual(memberIds(resource), [U2]);
  });
  test('remove emails with a filter using and (§3.5.2.2 example, P-PATCH-14)', () => {
    const { resource } = patch(aUser(), ops({ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }));
    assert.deepEqual(resource.emails, [{ value: 'babs@jensen.org', type: 'home' }]);
  });
  test('remove then add members in one request (§3.5.2.2 example "replace all members" form, P-PATCH-27)', () => {
    const { resource } = patch(aGroup([U1, U2]), ops(
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [{ value: U3 }] },
    ));
    assert.deepEqual(memberIds(resource), [U3]);
  });
  test('remove a non-member is a no-op success (A7, P-PATCH-15)', () => {
    const group = aGroup([U1]);
    const result = patch(group, ops({ op: 'remove', path: `members[value eq "${U3}"]` }));
    assert.equal(result.changed, false);
    assert.deepEqual(result.resource, group);
  });
  test('remove a single-valued attribute (P-PATCH-11)', () => {
    assert.equal('nickName' in patch(aUser(), ops({ op: 'remove', path: 'nickName' })).resource, false);
  });
  test('remove a sub-attribute', () => {
    assert.deepEqual(patch(aUser(), ops({ op: 'remove', path: 'name.givenName' })).resource.name, { familyName: 'Jensen' });
  });
  test('remove the last sub-attribute unassigns the complex attribute', () => {
    const { resource } = patch(aUser(), ops({ op: 'remove', path: 'name.givenName' }, { op: 'remove', path: 'name.familyName' }));
    assert.equal('name' in resource, false);
  });
  test('remove a sub-attribute of the matching elements', () => {
    const { resource } = patch(aUser(), ops({ op: 'remove', path: 'emails[type eq "work"].primary' }));
    assert.deepEqual((resource.emails as object[])[0], { value: 'bjensen@example.com', type: 'work' });
  });
  test('removing all extension data removes the extension URN', () => {
    const result = patch(aUser(), ops(
      { op: 'remove', path: `${URN.EnterpriseUser}:employeeNumber` },
      { op: 'remove', path: `${URN.EnterpriseUser}:department` },
    ));
    assert.equal(URN.EnterpriseUser in result.resource, false);
    assert.deepEqual(result.schemas, [URN.User]);
  });
  test('remove of an unassigned attribute changes nothing', () => {
    assert.equal(patch(aUser(), ops({ op: 'remove', path: 'title' })).changed, false);
  });
});

describe('replace (RFC 7644 §3.5.2.3)', () => {
  test('replace all members (§3.5.2.3 example, P-PATCH-19)', () => {
    const { resource } = patch(aGroup([U1]), ops({ op: 'replace', path: 'members', value: [{ display: 'x', $ref: 'y', value: U2 }, { value: U3 }] }));
    assert.deepEqual(resource.members, [{ value: U2 }, { value: U3 }]);
  });
  test('replace the work email record (§3.5.2.3 example, P-PATCH-21)', () => {
    const { resource } = patch(aUser(), ops({ op: 'replace', path: 'emails[type eq "work"]', value: { type: 'work', value: 'bjensen@example.org' } }));
    assert.deepEqual(resource.emails, [{ type: 'work', value: 'bjensen@example.org' }, { value: 'babs@jensen.org', type: 'home' }]);
  });
  test('replace addresses[type eq "work"].streetAddress (§3.5.2.3 example)', () => {
    const { resource } = patch(aUser(), ops({ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }));
    assert.deepEqual(resource.addresses, [{ type: 'work', streetAddress: '1010 Broadway Ave', locality: 'Hollywood' }]);
  });
  test('replace the work email value only (P-PATCH-20)', () => {
    const { resource } = patch(aUser(), ops({ op: 'replace', path: 'emails[type eq "work"].value', value: 'w2@x.com' }));
    assert.deepEqual((resource.emails as { value: string }[]).map((e) => e.value), ['w2@x.com', 'babs@jensen.org']);
  });
  test('replace without path (§3.5.2.3 example, P-PATCH-17, X-OKTA-02)', () => {
    const { resource } = patch(aUser(), ops({ op: 'replace', value: { active: false, nickName: 'B' } }));
    assert.equal(resource.active, false);
    assert.equal(resource.nickName, 'B');
  });
  test('replace a single-valued attribute (P-PATCH-18)', () => {
    assert.equal(patch(aUser(), ops({ op: 'replace', path: 'userName', value: 'babs' })).resource.userName, 'babs');
    assert.equal(patch(aGroup(), ops({ op: 'replace', path: 'displayName', value: 'Guides' })).resource.displayName, 'Guides');
  });
  test('replace of an unassigned attribute acts as add (P-PATCH-23)', () => {
    assert.equal(patch(aUser(), ops({ op: 'replace', path: 'title', value: 'T' })).resource.title, 'T');
  });
  test('replace of a complex attribute only touches the given sub-attributes (P-PATCH-24)', () => {
    assert.deepEqual(patch(aUser(), ops({ op: 'replace', path: 'name', value: { givenName: 'G' } })).resource.name, { givenName: 'G', familyName: 'Jensen' });
  });
  test('replace emails[type eq "home"].primary true demotes the work email (P-PATCH-25)', () => {
    const { resource } = patch(aUser(), ops({ op: 'replace', path: 'emails[type eq "home"].primary', value: true }));
    assert.deepEqual(resource.emails, [
      { value: 'bjensen@example.com', type: 'work' },
      { value: 'babs@jensen.org', type: 'home', primary: true },
    ]);
  });
  test('replace with null unassigns (S-ATTR-02)', () => {
    const { resource } = patch(aUser(), ops({ op: 'replace', path: 'nickName', value: null }, { op: 'replace', path: 'emails', value: [] }));
    assert.equal('nickName' in resource, false);
    assert.equal('emails' in resource, false);
  });
  test('path-less replace with the extension object keyed by URN (P-PATCH-36)', () => {
    const { resource } = patch(aUser(), ops({ op: 'replace', value: { [URN.EnterpriseUser]: { department: 'Ops' } } }));
    assert.deepEqual(resource[URN.EnterpriseUser], { employeeNumber: '701984', department: 'Ops' });
  });
  test('path-less replace with case-insensitive names', () => {
    const { resource } = patch(aUser(), ops({ op: 'replace', value: { NICKNAME: 'x', Name: { GIVENNAME: 'y' } } }));
    assert.equal(resource.nickName, 'x');
    assert.deepEqual(resource.name, { givenName: 'y', familyName: 'Jensen' });
  });
  test('path-less value ignores schemas', () => {
    assert.equal(patch(aUser(), ops({ op: 'replace', value: { schemas: [URN.User], nickName: 'z' } })).resource.nickName, 'z');
  });
  test('path names are case-insensitive (P-PATCH-37)', () => {
    assert.equal((patch(aUser(), ops({ op: 'replace', path: 'NAME.FAMILYNAME', value: 'J2' })).resource.name as { familyName: string }).familyName, 'J2');
  });
  test('operations apply in order (P-PATCH-27)', () => {
    assert.equal(patch(aUser(), ops({ op: 'add', path: 'nickName', value: 'A' }, { op: 'replace', path: 'nickName', value: 'B' })).resource.nickName, 'B');
    assert.deepEqual(memberIds(patch(aGroup([U1, U2]), ops(
      { op: 'remove', path: `members[value eq "${U1}"]` },
      { op: 'add', path: 'members', value: [{ value: U1 }] },
    )).resource), [U2, U1]);
  });
  test('active toggles both ways (P-PATCH-41)', () => {
    const off = patch(aUser(), ops({ op: 'replace', path: 'active', value: false })).resource;
    assert.equal(off.active, false);
    assert.equal(patch(off, ops({ op: 'replace', path: 'active', value: true })).resource.active, true);
  });
  test('many member adds and removes in one PATCH (P-PATCH-40)', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `m-${i}`);
    const { resource } = patch(aGroup([]), ops(
      { op: 'add', path: 'members', value: ids.map((value) => ({ value })) },
      ...ids.slice(0, 10).map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })),
    ));
    assert.deepEqual(memberIds(resource), ids.slice(10));
  });
  test('immutable member value may be set on a new record (P-PATCH-32 counterpart)', () => {
    assert.deepEqual(memberIds(patch(aGroup([]), ops({ op: 'add', path: 'members', value: [{ value: U1, type: 'user' }] })).resource), [U1]);
  });
  test('replace with the same value reports no change', () => {
    assert.equal(patch(aUser(), ops({ op: 'replace', path: 'nickName', value: 'Babs' })).changed, false);
  });
  test('the input resource is never modified', () => {
    const user = aUser();
    const copy = structuredClone(user);
    patch(user, ops({ op: 'replace', path: 'nickName', value: 'x' }, { op: 'remove', path: 'emails' }));
    assert.deepEqual(user, copy);
  });
});
