import assert from 'node:assert/strict';
import { ScimError, type ScimType } from '../../scim/errors.ts';
import { applyPatch } from '../../scim/patch/apply.ts';
import { defaultRegistry } from '../../scim/schema/registry.ts';
import { groupResourceType, userResourceType } from '../../scim/schema/core.ts';
import type { ResourceTypeDef } from '../../scim/schema/types.ts';
import { URN } from '../../scim/urns.ts';

export const U1 = '2819c223-7f76-453a-919d-413861904646';
export const U2 = '902c246b-6245-4190-8e05-00816be7344a';
export const U3 = 'c3a26dd3-27a0-4dec-a2ac-ce211e105f97';

/** A stored User as the reference server materialises it: canonical names, extension under its URN. */
export function aUser(): Record<string, unknown> {
  return {
    schemas: [URN.User, URN.EnterpriseUser],
    id: 'u-1',
    userName: 'bjensen@example.com',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    displayName: 'Babs Jensen',
    nickName: 'Babs',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood' }],
    groups: [{ value: 'g-9', display: 'Admins', type: 'direct' }],
    [URN.EnterpriseUser]: { employeeNumber: '701984', department: 'Tour Operations' },
    meta: { resourceType: 'User', created: '2024-01-01T00:00:00Z', lastModified: '2024-01-01T00:00:00Z' },
  };
}

export function aGroup(memberIds: string[] = [U1, U2]): Record<string, unknown> {
  return {
    schemas: [URN.Group],
    id: 'g-1',
    displayName: 'Tour Guides',
    members: memberIds.map((value) => ({ value, type: 'User', $ref: `https://example.com/v2/Users/${value}`, display: `user ${value}` })),
    meta: { resourceType: 'Group' },
  };
}

export const ops = (...operations: unknown[]) => ({ schemas: [URN.PatchOp], Operations: operations });

export function patch(resource: Record<string, unknown>, body: unknown, lenient = false, rt?: ResourceTypeDef) {
  const type = rt ?? ((resource.schemas as string[]).includes(URN.Group) ? groupResourceType : userResourceType);
  return applyPatch(resource, body, { registry: defaultRegistry, rt: type, lenient });
}

export function rejects(resource: Record<string, unknown>, body: unknown, scimType: ScimType, lenient = false, detail?: RegExp) {
  const before = structuredClone(resource);
  assert.throws(() => patch(resource, body, lenient), (e: unknown) => {
    assert.ok(e instanceof ScimError, `expected ScimError, got ${e}`);
    assert.equal(e.status, 400);
    assert.equal(e.scimType, scimType, e.message);
    if (detail) assert.match(e.message, detail);
    return true;
  });
  assert.deepEqual(resource, before, 'the input resource is left untouched');
}

export const memberIds = (resource: Record<string, unknown>) =>
  ((resource.members as { value: string }[] | undefined) ?? []).map((m) => m.value);
