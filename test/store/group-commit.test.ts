// Group commit: the WAL is fsynced once for all writes committed before a flush, not once per write.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../../reference-server/store/sqlite.ts';
import { PostgresStore } from '../../reference-server/store/postgres.ts';
import { SyncPostgres } from '../../reference-server/store/postgres-bridge.ts';
import { freshSchema, postgresMissing, startPostgres } from './helpers/postgres.ts';
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

// PostgreSQL: commits are asynchronous and durable() flushes the WAL once for all of them (postgres-worker.mjs).
if (postgresMissing()) {
  test('PostgreSQL group commit', { skip: postgresMissing() }, () => {});
} else {
  test('PostgreSQL: durable() puts every earlier commit on disk, with one flush for the writes waiting together', async (t) => {
    const cluster = await startPostgres();
    t.after(() => cluster.stop());
    const url = freshSchema(cluster.url);
    const store = new PostgresStore(url);
    const probe = new SyncPostgres(url);
    t.after(() => (store.close(), probe.close()));
    await store.durable(); // the schema it created
    const base = store.flushes;
    await store.durable();
    assert.equal(store.flushes, base, 'nothing written since, nothing to flush');
    for (let i = 0; i < 10; i++) store.insert(user(i));
    // The WAL position after the last commit: a durable() that resolves must have flushed at least this far.
    const written = probe.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn').rows[0]!.lsn;
    await Promise.all(Array.from({ length: 10 }, () => store.durable()));
    assert.equal(store.flushes, base + 1);
    const flushed = probe.query<{ ok: boolean }>('SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS ok', [written]).rows[0]!.ok;
    assert.equal(flushed, true, 'durable() resolved before the WAL holding the commits was flushed');
    await store.durable();
    assert.equal(store.flushes, base + 1, 'a durable() with nothing new does not flush again');
    assert.equal(store.get('t', 'User', 'u9')?.id, 'u9');
  });
}
