import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bearer, GROUP, PATCH, tenantWithToken, USER, withServer } from './helpers.ts';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('admin API', () => {
  test('needs its own token; answers errors in the SCIM error shape', async () => {
    await withServer({ token: 'scim-token' }, async (h) => {
      const none = await h.admin('GET', '/tenants', undefined, 'wrong');
      assert.equal(none.status, 401);
      assert.deepEqual(none.body.schemas, [ERROR]);
      assert.equal((await h.admin('GET', '/tenants', undefined, 'scim-token')).status, 401, 'a SCIM token is not an admin token');
      const missing = await h.admin('GET', '/tenants/nope');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.status, '404');
      assert.equal((await h.admin('PUT', '/tenants')).status, 405);
      assert.equal((await h.admin('PATCH', '/tenants/default', { settings: { noSuchSetting: 1 } })).status, 400);
    });
    await withServer({ adminToken: undefined }, async (h) => {
      assert.equal((await h.admin('GET', '/tenants')).status, 403, 'no admin token configured: disabled');
    });
  });

  test('sync log: paging and filters', async () => {
    await withServer({}, async (h) => {
      const t = await tenantWithToken(h, 'Paged Log', {}, 'okta');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await h.scim(t.url, 'POST', '/Users', bearer(t.token), { schemas: [USER], userName: `u${i}` })).body.id);
      await h.scim(t.url, 'PATCH', `/Users/${ids[0]}`, bearer(t.token), { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] });
      const page = await h.admin('GET', `/tenants/${t.slug}/sync-log?startIndex=2&count=2`);
      assert.equal(page.body.totalResults, 7); // 5 creates, 1 update, 1 deactivate
      assert.equal(page.body.itemsPerPage, 2);
      assert.equal(page.body.entries[0].resourceId, ids[1]);
      const deactivations = await h.admin('GET', `/tenants/${t.slug}/sync-log?operation=deactivate`);
      assert.deepEqual(deactivations.body.entries.map((e: { resourceId: string }) => e.resourceId), [ids[0]]);
      const since = page.body.entries[1].time;
      const later = await h.admin('GET', `/tenants/${t.slug}/sync-log?since=${encodeURIComponent(since)}`);
      assert.ok(later.body.totalResults >= 3);
      const all = await h.admin('GET', `/sync-log?tenant=${t.slug}&outcome=success&count=1`);
      assert.equal(all.body.totalResults, 7);
      assert.equal(all.body.entries.length, 1);
    });
  });

  test('local users and groups: externally managed ones are read-only, local-only fields stay local (PRV-05, PRV-11, INC-09)', async () => {
    await withServer({}, async (h) => {
      const t = await tenantWithToken(h, 'Local Edits');
      const u = await h.scim(t.url, 'POST', '/Users', bearer(t.token), { schemas: [USER], userName: 'ext' });
      // The admin API names users and groups by local ids of their own; scimId maps a SCIM resource to its record.
      const uLocal = (await h.admin('GET', `/tenants/${t.slug}/users?scimId=${u.body.id}`)).body.users[0];
      assert.notEqual(uLocal.id, u.body.id);
      assert.equal(uLocal.scimId, u.body.id);
      assert.equal((await h.admin('GET', `/tenants/${t.slug}/users/${u.body.id}`)).status, 404, 'a SCIM id is not a local id');
      assert.equal((await h.admin('PATCH', `/tenants/${t.slug}/users/${uLocal.id}`, { displayName: 'x' })).status, 403);
      const roles = await h.admin('PATCH', `/tenants/${t.slug}/users/${uLocal.id}`, { roles: ['owner'] });
      assert.deepEqual(roles.body.roles, ['owner']);
      const after = await h.scim(t.url, 'GET', `/Users/${u.body.id}`, bearer(t.token));
      assert.equal(after.body.meta.version, u.body.meta.version, 'the SCIM resource is untouched');
      const g = await h.scim(t.url, 'POST', '/Groups', bearer(t.token), { schemas: [GROUP], displayName: 'ext-group' });
      const gLocal = (await h.admin('GET', `/tenants/${t.slug}/groups?scimId=${g.body.id}`)).body.groups[0];
      assert.notEqual(gLocal.id, g.body.id);
      assert.equal((await h.admin('PATCH', `/tenants/${t.slug}/groups/${gLocal.id}`, { displayName: 'renamed' })).status, 403);
      assert.equal((await h.admin('DELETE', `/tenants/${t.slug}/groups/${gLocal.id}`)).status, 403);
      const local = await h.admin('POST', `/tenants/${t.slug}/users`, { userName: 'manual', email: 'm@example.com' });
      assert.equal(local.status, 201);
      assert.equal((await h.admin('PATCH', `/tenants/${t.slug}/users/${local.body.id}`, { displayName: 'Manual' })).body.displayName, 'Manual');
      assert.equal((await h.admin('POST', `/tenants/${t.slug}/groups`, { displayName: 'EXT-GROUP' })).status, 409, 'a local group cannot take a SCIM group name');
      const groups = await h.admin('GET', `/tenants/${t.slug}/groups`);
      assert.deepEqual(groups.body.groups.map((x: { origin: string }) => x.origin), ['scim']);
    });
  });
});
