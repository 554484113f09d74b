/** The IdP dialects accepted in lenient mode (X-ENTRA-*, X-OKTA-03, A8-A10); strict refusals are in errors.test.ts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { URN } from '../../scim/urns.ts';
import { U1, U2, U3, aGroup, aUser, memberIds, ops, patch, rejects } from './helpers.ts';

const lenient = (resource: Record<string, unknown>, body: unknown) => patch(resource, body, true);
const enterprise = (resource: Record<string, unknown>) => resource[URN.EnterpriseUser] as Record<string, unknown>;

describe('lenient PATCH dialects', () => {
  test('capitalised ops (X-ENTRA-01)', () => {
    const { resource } = lenient(aUser(), ops(
      { op: 'Replace', path: 'displayName', value: 'Maria' },
      { op: 'Add', path: 'title', value: 'T' },
      { op: 'REMOVE', path: 'nickName' },
    ));
    assert.equal(resource.displayName, 'Maria');
    assert.equal(resource.title, 'T');
    assert.equal('nickName' in resource, false);
  });
  test('"False" / "True" strings become booleans (X-ENTRA-02)', () => {
    const off = lenient(aUser(), ops({ op: 'Replace', path: 'active', value: 'False' })).resource;
    assert.equal(off.active, false);
    assert.equal(lenient(off, ops({ op: 'Replace', path: 'active', value: 'True' })).resource.active, true);
  });
  test('legacy member removal removes only the listed members (X-ENTRA-03, A9)', () => {
    const { resource } = lenient(aGroup([U1, U2, U3]), ops({ op: 'Remove', path: 'members', value: [{ value: U1 }, { value: U3 }] }));
    assert.deepEqual(memberIds(resource), [U2]);
  });
  test('legacy member removal of a non-member changes nothing', () => {
    assert.equal(lenient(aGroup([U1]), ops({ op: 'Remove', path: 'members', value: [{ value: U3 }] })).changed, false);
  });
  test('remove members without a value still removes all', () => {
    assert.deepEqual(memberIds(lenient(aGroup([U1, U2]), ops({ op: 'Remove', path: 'members' })).resource), []);
  });
  test('path-less replace with dotted and URN-qualified keys (X-ENTRA-05)', () => {
    const { resource } = lenient(aUser(), ops({ op: 'replace', value: {
      displayName: 'Maria Lopez-Ruiz',
      'name.familyName': 'Lopez-Ruiz',
      [`${URN.EnterpriseUser}:employeeNumber`]: '10442',
      'emails[type eq "work"].value': 'm@x.com',
    } }));
    assert.equal(resource.displayName, 'Maria Lopez-Ruiz');
    assert.deepEqual(resource.name, { givenName: 'Barbara', familyName: 'Lopez-Ruiz' });
    assert.equal(enterprise(resource).employeeNumber, '10442');
    assert.equal((resource.emails as { value: string }[])[0].value, 'm@x.com');
  });
  test('path-less unknown keys are ignored', () => {
    assert.equal(lenient(aUser(), ops({ op: 'replace', value: { nickName: 'n', shoeSize: 42 } })).resource.nickName, 'n');
  });
  test('manager as an array of one object (X-ENTRA-06)', () => {
    const { resource } = lenient(aUser(), ops({ op: 'Add', path: `${URN.EnterpriseUser}:manager`, value: [{ $ref: `https://app.example/scim/Users/${U2}`, value: U2 }] }));
    assert.deepEqual(enterprise(resource).manager, { $ref: `https://app.example/scim/Users/${U2}`, value: U2 });
  });
  test('manager as a bare string', () => {
    assert.deepEqual(enterprise(lenient(aUser(), ops({ op: 'Add', path: `${URN.EnterpriseUser}:manager`, value: U2 })).resource).manager, { value: U2 });
  });
  // RFC 7644 §3.5.2.3 SHALL: an unmatched valuePath is noTarget even for Entra's upsert reading (§22 A8).
  test('replace of emails[type eq "work"].value without a work email is refused with noTarget, not upserted', () => {
    const user = aUser();
    user.emails = [{ value: 'babs@jensen.org', type: 'home' }];
    rejects(user, ops({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'w@x.com' }), 'noTarget', true);
  });
  test('no upsert on a user without any email either', () => {
    const user = aUser();
    delete user.emails;
    rejects(user, ops({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'w@x.com' }), 'noTarget', true);
  });
  test('no upsert for a wholesale valuePath replace', () => {
    rejects(aUser(), ops({ op: 'replace', path: 'emails[type eq "pager"]', value: { value: 'x' } }), 'noTarget', true);
  });
  test('Okta rename repeating the group id (X-OKTA-03)', () => {
    const { resource, changed } = lenient(aGroup(), ops({ op: 'replace', value: { id: 'g-1', displayName: 'Sales EMEA' } }));
    assert.equal(resource.displayName, 'Sales EMEA');
    assert.equal(resource.id, 'g-1');
    assert.equal(changed, true);
  });
  test('a different id is still refused when lenient', () => {
    rejects(aGroup(), ops({ op: 'replace', value: { id: 'other', displayName: 'x' } }), 'mutability', true);
  });
  test('the same-id rename without another change reports no change', () => {
    assert.equal(lenient(aGroup(), ops({ op: 'replace', value: { id: 'g-1', displayName: 'Tour Guides' } })).changed, false);
  });
  test('members added with "$ref": null (X-ENTRA-07)', () => {
    const { resource } = lenient(aGroup([]), ops({ op: 'Add', path: 'members', value: [{ $ref: null, value: U1 }, { $ref: null, value: U2 }] }));
    assert.deepEqual(resource.members, [{ value: U1 }, { value: U2 }]);
  });
  test('a single object for a multi-valued attribute is wrapped', () => {
    const { resource } = lenient(aGroup([]), ops({ op: 'add', path: 'members', value: { value: U1 } }));
    assert.deepEqual(memberIds(resource), [U1]);
  });
  test('strict mode refuses each of these forms', () => {
    rejects(aUser(), ops({ op: 'Replace', path: 'active', value: false }), 'invalidSyntax');
    // Okta's same-id rename is no longer among them: repeating a readOnly value modifies nothing (issue 9 item 6).
    rejects(aGroup(), ops({ op: 'replace', value: { id: 'g-2', displayName: 'x' } }), 'mutability');
    rejects(aUser(), ops({ op: 'replace', value: { 'name.familyName': 'x' } }), 'invalidValue');
  });
});
