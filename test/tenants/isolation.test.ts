import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bearer, basic, tenantWithToken, USER, withServer } from '../admin/helpers.ts';

describe('tenant isolation and credentials (CRY-01..03, PRV-02, INC-02)', () => {
  test('no credential reaches another tenant: by id, by listing, at the other endpoint, at the default endpoint', async () => {
    await withServer({ token: 'default-token' }, async (h) => {
      const a = await tenantWithToken(h, 'Tenant A');
      const b = await tenantWithToken(h, 'Tenant B');
      const bob = await h.scim(b.url, 'POST', '/Users', bearer(b.token), { schemas: [USER], userName: 'bob' });
      assert.equal(bob.status, 201);
      assert.equal((await h.scim(a.url, 'GET', `/Users/${bob.body.id}`, bearer(a.token))).status, 404);
      assert.equal((await h.scim(a.url, 'GET', '/Users', bearer(a.token))).body.totalResults, 0);
      assert.equal((await h.scim(b.url, 'GET', '/Users', bearer(a.token))).status, 401);
      assert.equal((await h.scim(h.server.url, 'GET', '/Users', bearer(a.token))).status, 401);
      // The server's own token opens only the default tenant.
      assert.equal((await h.scim(b.url, 'GET', '/Users', bearer('default-token'))).status, 401);
      assert.equal((await h.scim(h.server.url, 'GET', `/Users/${bob.body.id}`, bearer('default-token'))).status, 404);
      // Same userName in two tenants: no clash.
      assert.equal((await h.scim(a.url, 'POST', '/Users', bearer(a.token), { schemas: [USER], userName: 'bob' })).status, 201);
      // Discovery is unauthenticated, but only under tenants that exist.
      assert.equal((await h.scim(b.url, 'GET', '/ServiceProviderConfig', undefined)).status, 200);
      assert.equal((await h.scim(b.url.replace(b.slug, 'no-such-tenant'), 'GET', '/ServiceProviderConfig', undefined)).status, 404);
      // Locations name the tenant's own base path.
      assert.match(bob.body.meta.location, new RegExp(`/tenants/${b.slug}/scim/v2/Users/`));
    });
  });

  test('changing the provider resets the token at once; rotation too (CRY-03)', async () => {
    await withServer({}, async (h) => {
      const t = await tenantWithToken(h, 'Rotating', {}, 'okta');
      const changed = await h.admin('PATCH', `/tenants/${t.slug}/connections/${t.connection}`, { provider: 'entra' });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.connection.provider, 'entra');
      assert.equal((await h.scim(t.url, 'GET', '/Users', bearer(t.token))).status, 401);
      assert.equal((await h.scim(t.url, 'GET', '/Users', bearer(changed.body.secret.token))).status, 200);
      const rotated = await h.admin('POST', `/tenants/${t.slug}/connections/${t.connection}/rotate`);
      assert.equal((await h.scim(t.url, 'GET', '/Users', bearer(changed.body.secret.token))).status, 401);
      assert.equal((await h.scim(t.url, 'GET', '/Users', bearer(rotated.body.secret.token))).status, 200);
      // Same provider again: nothing to reset.
      const same = await h.admin('PATCH', `/tenants/${t.slug}/connections/${t.connection}`, { provider: 'entra' });
      assert.equal(same.body.secret, undefined);
    });
  });

  test('Basic connections: the admin-chosen username and password work, anything else is a 401 SCIM error (PRV-02)', async () => {
    await withServer({}, async (h) => {
      const t = await h.admin('POST', '/tenants', { name: 'Basic Co' });
      const c = await h.admin('POST', `/tenants/${t.body.slug}/connections`, { provider: 'generic', authKind: 'basic', username: 'privacera', password: 'chosen-password' });
      assert.equal(c.status, 201);
      assert.deepEqual(c.body.secret, { username: 'privacera', password: 'chosen-password' });
      assert.equal((await h.scim(c.body.scimUrl, 'GET', '/Users', basic('privacera', 'chosen-password'))).status, 200);
      const wrong = await h.scim(c.body.scimUrl, 'GET', '/Users', basic('privacera', 'nope'));
      assert.equal(wrong.status, 401);
      assert.deepEqual(wrong.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
      assert.equal((await h.scim(c.body.scimUrl, 'GET', '/Users', undefined)).status, 401);
      assert.equal((await h.admin('POST', `/tenants/${t.body.slug}/connections`, { provider: 'generic', authKind: 'basic', username: 'privacera' })).status, 409);
    });
  });

  test('the sync log names the connection and the provider of each change', async () => {
    await withServer({}, async (h) => {
      const t = await tenantWithToken(h, 'Logged', {}, 'pingone');
      const u = await h.scim(t.url, 'POST', '/Users', bearer(t.token), { schemas: [USER], userName: 'ann' });
      const log = await h.admin('GET', `/tenants/${t.slug}/sync-log?resourceId=${u.body.id}`);
      assert.equal(log.body.totalResults, 1);
      assert.equal(log.body.entries[0].connection, t.connection);
      assert.equal(log.body.entries[0].idp, 'pingone');
      assert.equal(log.body.entries[0].operation, 'create');
    });
  });
});
