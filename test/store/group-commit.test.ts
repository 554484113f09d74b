// Group commit: the WAL is fsynced once for all writes committed before a flush, not once per write.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../reference-server/store/sqlite.ts';
import type { StoredResource } from '../../reference-server/store/types.ts';
import { withServer } from '../server/helpers.ts';

const user = (i: number): StoredResource => ({
  tenant: 't', type: 'User', id: `u${i}`, data: { userName: `user${i}` }, uniqueKey: `user${i}`, externalId: null, display: null,
  created: '2026-01-01T00:00:00.000Z', lastModified: '2026-01-01T00:00:00.000Z', version: 1,
});

test('writes waiting together share one fsync; a write made during a flush waits for the next one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  const store = new SqliteStore(join(dir, 'scim.db'));
  try {
    await store.durable();
    assert.equal(store.flushes, 0, 'nothing written, nothing to flush');
    for (let i = 0; i < 10; i++) store.insert(user(i));
    await Promise.all(Array.from({ length: 10 }, () => store.durable()));
    assert.equal(store.flushes, 1);
    store.insert(user(10));
    const first = store.durable();
    store.insert(user(11)); // committed while the flush for user 10 may already be running
    const second = store.durable();
    await Promise.all([first, second]);
    assert.ok(store.flushes <= 3 && store.flushes >= 2, `flushes: ${store.flushes}`);
    await store.durable();
    assert.ok(store.flushes <= 3, 'a durable() with nothing new does not flush again');
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the server acknowledges a write only after the flush that covers it, and many writes in flight share flushes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'group-commit-http-'));
  const h = await withServer({ store: `sqlite:${join(dir, 'scim.db')}` });
  try {
    const store = h.server.store as SqliteStore;
    const before = store.flushes;
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => h.call('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `gc-${i}` })));
    assert.deepEqual(new Set(replies.map((r) => r.status)), new Set([201]));
    const used = store.flushes - before;
    assert.ok(used >= 1, 'a write was acknowledged without any flush');
    assert.ok(used <= 40, `flushes: ${used}`);
  } finally {
    await h.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
