import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withServer } from '../admin/helpers.ts';

describe('organization tree (INC-01)', () => {
  test('children inherit settings unless they override them or opt out; names have 3-220 characters', async () => {
    await withServer({}, async (h) => {
      const parent = await h.admin('POST', '/tenants', { name: 'Parent Org', settings: { deactivationDelayMs: 60000, defaultRoles: ['viewer'] } });
      const child = await h.admin('POST', '/tenants', { name: 'Child Org', parent: parent.body.slug, settings: { defaultRoles: ['analyst'] } });
      assert.equal(child.body.effectiveSettings.deactivationDelayMs, 60000);
      assert.deepEqual(child.body.effectiveSettings.defaultRoles, ['analyst']);
      const loner = await h.admin('POST', '/tenants', { name: 'Loner Org', parent: parent.body.slug, inherit: false });
      assert.equal(loner.body.effectiveSettings.deactivationDelayMs, 0);
      // Clearing an override (null) inherits again.
      const cleared = await h.admin('PATCH', `/tenants/${child.body.slug}`, { settings: { defaultRoles: null } });
      assert.deepEqual(cleared.body.effectiveSettings.defaultRoles, ['viewer']);
      assert.equal((await h.admin('POST', '/tenants', { name: 'ab' })).status, 400);
      assert.equal((await h.admin('POST', '/tenants', { name: 'x'.repeat(221) })).status, 400);
      assert.equal((await h.admin('POST', '/tenants', { name: 'x'.repeat(220) })).status, 201);
      assert.equal((await h.admin('DELETE', `/tenants/${parent.body.slug}`)).status, 409, 'a parent with children stays');
      assert.equal((await h.admin('DELETE', '/tenants/default')).status, 403);
    });
  });
});
