import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startServer } from '../../reference-server/index.ts';
import { SecretBox } from '../../reference-server/tenants/secrets.ts';
import { ADMIN, bearer, KEY, PATCH, USER } from '../admin/helpers.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-01-05T09:00:00.000Z');

/** A clock the test moves by hand: no sleeps. */
function manualClock() {
  let now = T0;
  return { now: () => new Date(now), set: (ms: number) => (now = ms) };
}

async function json(res: Response) {
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

describe('deactivation delay and legal hold on the scheduler (INC-06, INC-07)', () => {
  test('a restart during a pending deactivation delay still deactivates on time (SQLite)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delay-'));
    const store = `sqlite:${join(dir, 'scim.db')}`;
    const clock = manualClock();
    const options = { port: 0, store, adminToken: ADMIN, secretBox: SecretBox.withKey(KEY), now: clock.now, timers: false };
    const admin = (url: string, method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, { method, headers: { authorization: bearer(ADMIN), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(json);
    try {
      let server = await startServer(options);
      const tenant = await admin(server.adminUrl, 'POST', '/tenants', { name: 'Delayed', settings: { deactivationDelayMs: HOUR } });
      const conn = await admin(server.adminUrl, 'POST', `/tenants/${tenant.slug}/connections`, { provider: 'entra', authKind: 'bearer' });
      const scim = (method: string, path: string, body?: unknown) =>
        fetch(`${conn.scimUrl.replace(/:\d+\//, `:${server.port}/`)}${path}`, { method, headers: { authorization: bearer(conn.secret.token), 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(json);
      const user = await scim('POST', '/Users', { schemas: [USER], userName: 'leaver' });
      await scim('PATCH', `/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] });
      // The admin API names users by local id; the SCIM id maps to it (issue 10's adapter contract).
      const status = async () => (await admin(server.adminUrl, 'GET', `/tenants/${tenant.slug}/users?scimId=${user.id}`)).users[0].status;
      assert.equal(await status(), 'blocked', 'blocked at once');
      await server.close();

      clock.set(T0 + HOUR / 2);
      server = await startServer(options);
      assert.equal(await status(), 'blocked', 'still blocked half-way, after the restart');
      clock.set(T0 + HOUR - 1);
      await server.scheduler.runDue();
      assert.equal(await status(), 'blocked', 'not a millisecond early');
      clock.set(T0 + HOUR);
      assert.equal(await server.scheduler.runDue(), 1);
      assert.equal(await status(), 'deactivated', 'deactivated when the delay is over');
      await server.close();

      // A restart after the due time catches up at start.
      clock.set(T0);
      server = await startServer(options);
      const late = await scim('POST', '/Users', { schemas: [USER], userName: 'late' });
      await scim('PATCH', `/Users/${late.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] });
      await server.close();
      clock.set(T0 + 2 * HOUR);
      server = await startServer(options);
      assert.equal((await admin(server.adminUrl, 'GET', `/tenants/${tenant.slug}/users?scimId=${late.id}`)).users[0].status, 'deactivated');
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('unblock cancels; reactivation cancels; a legal hold blocks until released', async () => {
    const clock = manualClock();
    const server = await startServer({ port: 0, adminToken: ADMIN, secretBox: SecretBox.withKey(KEY), now: clock.now, timers: false });
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${server.adminUrl}${path}`, { method, headers: { authorization: bearer(ADMIN), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(json);
    try {
      const tenant = await admin('POST', '/tenants', { name: 'Holds', settings: { deactivationDelayMs: HOUR } });
      const conn = await admin('POST', `/tenants/${tenant.slug}/connections`, { provider: 'okta', authKind: 'bearer' });
      const scim = (method: string, path: string, body?: unknown) =>
        fetch(`${conn.scimUrl}${path}`, { method, headers: { authorization: bearer(conn.secret.token), 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(json);
      const setActive = (id: string, value: boolean) => scim('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value }] });
      const localUser = async (scimId: string) => (await admin('GET', `/tenants/${tenant.slug}/users?scimId=${scimId}`)).users[0];
      const status = async (id: string) => (await localUser(id)).status;
      const [a, b, c] = [await scim('POST', '/Users', { schemas: [USER], userName: 'a' }), await scim('POST', '/Users', { schemas: [USER], userName: 'b' }), await scim('POST', '/Users', { schemas: [USER], userName: 'c' })];
      await setActive(a.id, false);
      await admin('POST', `/tenants/${tenant.slug}/users/${(await localUser(a.id)).id}/unblock`);
      await setActive(b.id, false);
      await setActive(b.id, true);
      const cLocal = (await localUser(c.id)).id;
      assert.notEqual(cLocal, c.id, 'local ids are the product\'s own');
      await admin('PUT', `/tenants/${tenant.slug}/users/${cLocal}/legal-hold`, { on: true });
      await setActive(c.id, false);
      clock.set(T0 + 10 * HOUR);
      await server.scheduler.runDue();
      assert.deepEqual([await status(a.id), await status(b.id), await status(c.id)], ['active', 'active', 'blocked']);
      await admin('PUT', `/tenants/${tenant.slug}/users/${cLocal}/legal-hold`, { on: false });
      assert.equal(await status(c.id), 'deactivated');
    } finally {
      await server.close();
    }
  });
});
