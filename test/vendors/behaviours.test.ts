import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bearer, GROUP, PATCH, tenantWithToken, USER, withServer, type AdminHarness } from '../admin/helpers.ts';

const deactivate = { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] };
const reactivate = { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: true }] };

async function user(h: AdminHarness, t: { url: string; token: string }, userName: string, extra: Record<string, unknown> = {}) {
  const res = await h.scim(t.url, 'POST', '/Users', bearer(t.token), { schemas: [USER], userName, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; meta: { version: string } };
}

describe('vendor behaviours in the reference server', () => {
  test('link by email, once, never to portal users (PRV-01, PRV-06)', async () => {
    await withServer({}, async (h) => {
      const t = await tenantWithToken(h, 'Linking', { linkBy: 'email' });
      const portal = await h.admin('POST', `/tenants/${t.slug}/users`, { userName: 'portal', email: 'p@x.test', origin: 'portal' });
      const local = await h.admin('POST', `/tenants/${t.slug}/users`, { userName: 'jane', email: 'Jane@X.test' });
      const linked = await user(h, t, 'jane.scim', { emails: [{ value: 'jane@x.test', primary: true }] });
      // Local ids are the product's own; linking shows in the local record's scimId (issue 10).
      const byScim = async (id: string) => (await h.admin('GET', `/tenants/${t.slug}/users?scimId=${id}`)).body.users[0];
      assert.notEqual(linked.id, local.body.id);
      assert.equal((await byScim(linked.id)).id, local.body.id);
      const notLinked = await user(h, t, 'p.scim', { emails: [{ value: 'p@x.test' }] });
      assert.notEqual((await byScim(notLinked.id)).id, portal.body.id);
      assert.equal((await h.admin('GET', `/tenants/${t.slug}/users/${portal.body.id}`)).body.scimId, null);
      // Already linked: a second create with the same email is a new user, not a second link.
      const again = await user(h, t, 'jane.two', { emails: [{ value: 'jane@x.test' }] });
      assert.notEqual((await byScim(again.id)).id, local.body.id);
      const view = await h.admin('GET', `/tenants/${t.slug}/users/${local.body.id}`);
      assert.equal(view.body.externallyManaged, true);
      const log = await h.admin('GET', `/tenants/${t.slug}/sync-log?operation=link`);
      assert.equal(log.body.totalResults, 1);
    });
  });

  test('soft delete: hidden, out of every group, readable by id, memberships not restored (PRV-08, PRV-09)', async () => {
    await withServer({}, async (h) => {
      const t = await tenantWithToken(h, 'Soft Delete', { softDelete: true });
      const u = await user(h, t, 'ann');
      const g = await h.scim(t.url, 'POST', '/Groups', bearer(t.token), { schemas: [GROUP], displayName: 'eng', members: [{ value: u.id }] });
      const uLocal = (await h.admin('GET', `/tenants/${t.slug}/users?scimId=${u.id}`)).body.users[0].id;
      const localGroup = await h.admin('POST', `/tenants/${t.slug}/groups`, { displayName: 'analysts', members: [uLocal] });
      await h.admin('POST', `/tenants/${t.slug}/policies`, { name: 'pii', users: [uLocal] });
      assert.equal((await h.scim(t.url, 'PATCH', `/Users/${u.id}`, bearer(t.token), deactivate)).status, 200);
      const read = await h.scim(t.url, 'GET', `/Users/${u.id}`, bearer(t.token));
      assert.equal(read.body.active, false);
      const left = await h.scim(t.url, 'GET', `/Groups/${g.body.id}`, bearer(t.token));
      assert.equal(left.body.members, undefined);
      // The group's member list changed, so its version and lastModified did (RFC 7644 §3.14, RFC 7643 §3.1).
      assert.notEqual(left.body.meta.version, g.body.meta.version);
      assert.ok(Date.parse(left.body.meta.lastModified) > Date.parse(g.body.meta.lastModified));
      const groups = (await h.admin('GET', `/tenants/${t.slug}/groups`)).body.groups as { id: string; members: string[] }[];
      assert.deepEqual(groups.find((x) => x.id === localGroup.body.id)!.members, []);
      assert.deepEqual((await h.admin('GET', `/tenants/${t.slug}/users`)).body.users, []);
      assert.equal((await h.admin('GET', `/tenants/${t.slug}/users?include=deactivated`)).body.users.length, 1);
      const review = await h.admin('GET', `/tenants/${t.slug}/sync-log?operation=policy-review`);
      assert.match(review.body.entries[0].detail, /pii/);
      await h.scim(t.url, 'PATCH', `/Users/${u.id}`, bearer(t.token), reactivate);
      assert.equal((await h.scim(t.url, 'GET', `/Groups/${g.body.id}`, bearer(t.token))).body.members, undefined);
      assert.equal((await h.admin('GET', `/tenants/${t.slug}/users`)).body.users[0].status, 'active');
    });
  });

  test('refusals: excluded names 403, built-in clash 409 naming it, deletes 405, groups off 501 (PRV-03/10/12/15, INC-10)', async () => {
    await withServer({}, async (h) => {
      const t = await tenantWithToken(h, 'Refusals', { exclusions: ['*-svc'], refuseUserDelete: true, refuseGroupDelete: true });
      assert.equal((await h.scim(t.url, 'POST', '/Users', bearer(t.token), { schemas: [USER], userName: 'robot-svc' })).status, 403);
      assert.equal((await h.scim(t.url, 'GET', '/Users', bearer(t.token))).body.totalResults, 0);
      await h.admin('POST', `/tenants/${t.slug}/groups`, { displayName: 'public', origin: 'builtin' });
      const clash = await h.scim(t.url, 'POST', '/Groups', bearer(t.token), { schemas: [GROUP], displayName: 'PUBLIC' });
      assert.equal(clash.status, 409);
      assert.equal(clash.body.scimType, 'uniqueness');
      assert.match(clash.body.detail, /built-in group "public"/);
      const g = await h.scim(t.url, 'POST', '/Groups', bearer(t.token), { schemas: [GROUP], displayName: 'ok' });
      const rename = await h.scim(t.url, 'PATCH', `/Groups/${g.body.id}`, bearer(t.token), { schemas: [PATCH], Operations: [{ op: 'replace', path: 'displayName', value: 'public' }] });
      assert.equal(rename.status, 409);
      const u = await user(h, t, 'ann');
      const del = await h.scim(t.url, 'DELETE', `/Users/${u.id}`, bearer(t.token));
      assert.equal(del.status, 405);
      assert.equal(del.body.status, '405');
      assert.equal((await h.scim(t.url, 'DELETE', `/Groups/${g.body.id}`, bearer(t.token))).status, 405);
      const p = await tenantWithToken(h, 'No Groups', { groupsEnabled: false }, 'pingone');
      assert.equal((await h.scim(p.url, 'POST', '/Groups', bearer(p.token), { schemas: [GROUP], displayName: 'x' })).status, 501);
      await user(h, p, 'still-works');
    });
  });

  test('organization and role mapping, apply mappings (INC-03, INC-04, INC-05)', async () => {
    await withServer({}, async (h) => {
      const t = await tenantWithToken(h, 'Mapped', { orgMapping: { method: 'attribute', default: 'Unassigned' }, defaultRoles: ['viewer'] });
      const a = await user(h, t, 'a', { 'urn:example:ext': { c42OrgName: 'Research Lab' } });
      const b = await user(h, t, 'b');
      const view = async (id: string) => (await h.admin('GET', `/tenants/${t.slug}/users?scimId=${id}`)).body.users[0];
      assert.equal((await view(a.id)).organization, 'Research Lab');
      assert.equal((await view(b.id)).organization, 'Unassigned');
      assert.deepEqual((await view(b.id)).roles, ['viewer']);
      await h.admin('PATCH', `/tenants/${t.slug}`, { settings: { orgMapping: { method: 'single', organization: 'Everyone Inc' } } });
      assert.equal((await view(b.id)).organization, 'Unassigned', 'not before apply-mappings');
      assert.equal((await h.admin('POST', `/tenants/${t.slug}/apply-mappings`)).body.changed, 2);
      assert.equal((await view(b.id)).organization, 'Everyone Inc');
    });
  });
});
