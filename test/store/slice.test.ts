// Store.slice: list pages are cut by the store, not by skipping decoded rows in JavaScript (SQLite and the memory
// store index positions, so a page deep in a large collection costs no walk; PostgreSQL uses OFFSET over an index).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { MemoryStore } from '../../reference-server/store/memory.ts';
import { SqliteStore } from '../../reference-server/store/sqlite.ts';
import { PostgresStore } from '../../reference-server/store/postgres.ts';
import { freshSchema, postgresMissing, startPostgres } from './helpers/postgres.ts';
import type { Store, StoredResource } from '../../reference-server/store/types.ts';

const user = (tenant: string, i: number): StoredResource => ({
  tenant, type: 'User', id: `u${i}`, data: { userName: `user${i}` }, uniqueKey: `user${i}`, externalId: null, display: `user${i}`,
  created: '2026-01-01T00:00:00.000Z', lastModified: '2026-01-01T00:00:00.000Z', version: 1,
});

const sliceContract = (name: string, open: () => Store) => describe(`${name}: slice and count`, () => {
  test('pages in creation order, skips deleted rows, never crosses tenants or types; counts follow writes and rollbacks', () => {
    const store = open();
    try {
      for (let i = 0; i < 25; i++) store.insert(user('t1', i));
      store.insert(user('t2', 99));
      store.delete('t1', 'User', 'u3');
      assert.equal(store.count('t1', 'User'), 24);
      assert.deepEqual(store.slice('t1', 'User', 0, 5).map((r) => r.id), ['u0', 'u1', 'u2', 'u4', 'u5']);
      assert.deepEqual(store.slice('t1', 'User', 20, 10).map((r) => r.id), ['u21', 'u22', 'u23', 'u24']);
      assert.deepEqual(store.slice('t1', 'User', 24, 10), []);
      assert.deepEqual(store.slice('t1', 'User', 0, 0), []);
      assert.deepEqual(store.slice('t1', 'Group', 0, 10), []);
      assert.throws(() => store.transaction(() => {
        store.insert(user('t1', 50));
        assert.equal(store.count('t1', 'User'), 25);
        throw new Error('undo');
      }), /undo/);
      assert.equal(store.count('t1', 'User'), 24);
      store.insert(user('t1', 51));
      assert.equal(store.count('t1', 'User'), 25);
      assert.equal(store.slice('t1', 'User', 24, 1)[0].id, 'u51');
    } finally {
      store.close();
    }
  });

  test('pages stay exact after the positions were read: deletes, rolled-back deletes and inserts, updates, re-created ids', () => {
    const store = open();
    const page = (offset: number, limit: number) => store.slice('t1', 'User', offset, limit).map((r) => r.id);
    try {
      for (let i = 0; i < 10; i++) store.insert(user('t1', i));
      assert.deepEqual(page(8, 5), ['u8', 'u9']); // reads (and may index) the positions
      store.delete('t1', 'User', 'u0');
      store.delete('t1', 'User', 'u5');
      assert.deepEqual(page(0, 3), ['u1', 'u2', 'u3']);
      assert.deepEqual(page(3, 3), ['u4', 'u6', 'u7']);
      assert.throws(() => store.transaction(() => {
        store.delete('t1', 'User', 'u1');
        store.insert(user('t1', 20));
        store.transaction(() => store.delete('t1', 'User', 'u2'));
        assert.deepEqual(page(0, 2), ['u3', 'u4'], 'a transaction sees its own writes');
        throw new Error('undo');
      }), /undo/);
      assert.deepEqual(page(0, 20), ['u1', 'u2', 'u3', 'u4', 'u6', 'u7', 'u8', 'u9']);
      assert.throws(() => store.transaction(() => {
        store.insert(user('t1', 21));
        store.transaction(() => {
          store.delete('t1', 'User', 'u9');
          throw new Error('inner');
        });
      }), /inner/);
      assert.deepEqual(page(6, 5), ['u8', 'u9']);
      store.update({ ...user('t1', 4), display: 'renamed', version: 2 });
      assert.deepEqual(store.slice('t1', 'User', 3, 1).map((r) => r.display), ['renamed'], 'an update keeps its place and shows');
      store.delete('t1', 'User', 'u3');
      store.insert(user('t1', 3)); // the same id again: now the newest
      assert.deepEqual(page(0, 20), ['u1', 'u2', 'u4', 'u6', 'u7', 'u8', 'u9', 'u3']);
      assert.equal(store.count('t1', 'User'), 8);
      store.dropTenant('t1');
      assert.deepEqual(page(0, 5), []);
      store.insert(user('t1', 30));
      assert.deepEqual(page(0, 5), ['u30']);
    } finally {
      store.close();
    }
  });
});

sliceContract('MemoryStore', () => new MemoryStore());
sliceContract('SqliteStore', () => new SqliteStore(':memory:'));
if (postgresMissing()) {
  test('PostgresStore: slice and count', { skip: postgresMissing() }, () => {});
} else {
  const cluster = await startPostgres();
  after(() => cluster.stop());
  sliceContract('PostgresStore', () => new PostgresStore(freshSchema(cluster.url)));
}
