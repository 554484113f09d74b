/**
 * Issue 9 item 7: every hint in a PATCH error detail is a request the (strict) server accepts. Each case provokes a
 * refusal, takes the operation the detail suggests (`{"op":…,"path":…}`) and applies it to the same resource.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ScimError } from '../../scim/errors.ts';
import { URN } from '../../scim/urns.ts';
import { U1, U2, aGroup, aUser, memberIds, ops, patch } from './helpers.ts';

const MANAGER = `${URN.EnterpriseUser}:manager`;

/** The detail of the refusal `body` provokes in strict mode. */
function refusal(resource: Record<string, unknown>, body: unknown): string {
  try {
    patch(resource, body);
  } catch (e) {
    assert.ok(e instanceof ScimError, String(e));
    return e.message;
  }
  assert.fail('the operation was accepted');
}

/** The `{"op":…,"path":…}` a detail suggests. */
function suggested(detail: string): { op: string; path: string } {
  const m = /\{"op":("[^"]+"),"path":("(?:[^"\\]|\\.)*")/.exec(detail);
  assert.ok(m, `no operation hint in: ${detail}`);
  return { op: JSON.parse(m[1]) as string, path: JSON.parse(m[2]) as string };
}

const withManager = () => ({ ...aUser(), [URN.EnterpriseUser]: { employeeNumber: '7', manager: { value: U2 } } });

describe('hints in PATCH error details are requests the strict server accepts', () => {
  test('remove of the single-valued manager with a value: the hint removes it by path, not with a value filter', () => {
    const detail = refusal(withManager(), ops({ op: 'remove', path: MANAGER, value: { value: U2 } }));
    const hint = suggested(detail);
    assert.doesNotMatch(hint.path, /\[/, detail);
    const result = patch(withManager(), ops({ op: hint.op, path: hint.path }));
    assert.equal((result.resource[URN.EnterpriseUser] as Record<string, unknown>).manager, undefined);
  });

  test('remove of members with a value list: the hint selects the listed member, and removes only it', () => {
    const hint = suggested(refusal(aGroup(), ops({ op: 'remove', path: 'members', value: [{ value: U1 }] })));
    assert.deepEqual(memberIds(patch(aGroup(), ops({ op: hint.op, path: hint.path })).resource), [U2]);
  });

  test('remove of addresses (no "value" sub-attribute) with a value: the hint filters on a sub-attribute addresses has', () => {
    const hint = suggested(refusal(aUser(), ops({ op: 'remove', path: 'addresses', value: [{ type: 'work' }] })));
    assert.equal(patch(aUser(), ops({ op: hint.op, path: hint.path })).resource.addresses, undefined);
  });

  test('remove of a valuePath with a value: the hint drops the value and keeps the path', () => {
    const hint = suggested(refusal(aUser(), ops({ op: 'remove', path: 'emails[type eq "home"]', value: [{ value: 'x' }] })));
    assert.equal((patch(aUser(), ops({ op: hint.op, path: hint.path })).resource.emails as unknown[]).length, 1);
  });

  for (const [name, resource, path] of [
    ['an array index on emails', aUser(), 'emails[0].value'],
    ['an array index on addresses', aUser(), 'addresses[0].locality'],
    ['an array index on members', aGroup(), 'members[1]'],
    ['a JSON Pointer into emails', aUser(), '/emails/0/value'],
    ['a JSON Pointer into members', aGroup(), '/members/0'],
  ] as const) {
    test(`${name}: the suggested path parses on the same resource type`, () => {
      const detail = refusal(resource, ops({ op: 'remove', path }));
      const m = /e\.g\. "(.+)"\.$/.exec(detail);
      assert.ok(m, `no example path in: ${detail}`);
      patch(resource, ops({ op: 'remove', path: m[1] })); // throws if the example is refused
    });
  }

  test('a dotted key in a path-less value: the suggested path-ful operation is accepted', () => {
    const detail = refusal(aUser(), ops({ op: 'replace', value: { 'name.givenName': 'Babette' } }));
    const hint = suggested(detail);
    assert.equal((patch(aUser(), ops({ op: hint.op, path: hint.path, value: 'Babette' })).resource.name as Record<string, unknown>).givenName, 'Babette');
  });

  test('a dotted key the resource type lacks gets no hint at all', () => {
    assert.doesNotMatch(refusal(aGroup(), ops({ op: 'replace', value: { 'name.givenName': 'x' } })), /"op":/);
  });
});

describe("Okta's group rename in strict mode (X-OKTA-03, issue 9 item 6)", () => {
  test('repeating the group\'s own id in a path-less replace modifies nothing and the rename applies', () => {
    const result = patch(aGroup(), ops({ op: 'replace', value: { id: 'g-1', displayName: 'Renamed' } }));
    assert.equal(result.resource.id, 'g-1');
    assert.equal(result.resource.displayName, 'Renamed');
  });
  test('replacing id with its own value by path is a no-op success', () => {
    assert.equal(patch(aUser(), ops({ op: 'replace', path: 'id', value: 'u-1' })).changed, false);
  });
});
