// PostgreSQL: writes whose result nobody reads are sent without waiting inside a transaction (postgres.ts write()).
// A failure of one must still fail and undo its transaction, and never reach a later, unrelated call.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { PostgresStore } from '../../reference-server/store/postgres.ts';
import { PostgresError } from '../../reference-server/store/postgres-bridge.ts';
import type { StoredResource, SyncLogEntry } from '../../reference-server/store/types.ts';
import { freshSchema, postgresMissing, startPostgres } from './helpers/postgres.ts';

const user = (i: number): StoredResource => ({
  tenant: 't', type: 'User', id: `u${i}`, data: { userName: `user${i}` }, uniqueKey: `user${i}`, externalId: null, display: null,
  created: '2026-01-01T00:00:00.000Z', lastModified: '2026-01-01T00:00:00.000Z', version: 1,
});
const entry: SyncLogEntry = {
  time: '2026-01-01T00:00:00.000Z', tenant: 't', connection: null, idp: null, operation: 'create', resourceType: 'User',
  resourceId: 'u1', outcome: 'success', detail: '',
};
// NOT NULL in the table: PostgreSQL refuses it, after the store has already moved on.
const refused = { ...entry, outcome: null } as unknown as SyncLogEntry;

if (postgresMissing()) {
  test('PostgreSQL pipelined writes', { skip: postgresMissing() }, () => {});
} else {
  const cluster = await startPostgres();
  after(() => cluster.stop());

  test('a refused pipelined write fails its transaction at COMMIT and undoes it; the store goes on working', () => {
    const store = new PostgresStore(freshSchema(cluster.url));
    try {
      assert.throws(() => store.transaction(() => {
        store.insert(user(1));
        store.appendSyncLog(refused);
      }), (e: unknown) => e instanceof PostgresError && e.code === '23502');
      assert.equal(store.get('t', 'User', 'u1'), undefined, 'the insert before it was rolled back');
      store.transaction(() => {
        store.insert(user(2));
        store.appendSyncLog(entry);
        store.putDoc('c', 't/k', { a: 1 });
      });
      assert.equal(store.get('t', 'User', 'u2')?.id, 'u2');
      assert.equal(store.querySyncLog({ startIndex: 1, count: 10 }).total, 1);
      assert.deepEqual(store.getDoc('c', 't/k'), { a: 1 });
    } finally {
      store.close();
    }
  });

  test('the failure answers the next call of the same transaction, not its own caller', () => {
    const store = new PostgresStore(freshSchema(cluster.url));
    try {
      let reached = false;
      assert.throws(() => store.transaction(() => {
        store.appendSyncLog(refused);
        reached = true;
        store.count('t', 'User');
      }), PostgresError);
      assert.equal(reached, true);
      assert.equal(store.count('t', 'User'), 0, 'the next call after the rollback is answered normally');
      assert.equal(store.querySyncLog({ startIndex: 1, count: 10 }).total, 0);
    } finally {
      store.close();
    }
  });
}
