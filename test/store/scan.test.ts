// Store.scan (keyset walk in creation order) on every Store implementation: what RFC 9865 cursors stand on.
import { describe, test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore } from '../../reference-server/store/memory.ts';
import { SqliteStore } from '../../reference-server/store/sqlite.ts';
import type { ResourceKind, Store, StoredResource } from '../../reference-server/store/types.ts';

const implementations: Array<[string, () => Store]> = [
  ['MemoryStore', () => new MemoryStore()],
  ['SqliteStore', () => new SqliteStore(':memory:')],
];

const T = 'tenant-a';

function resource(type: ResourceKind, id: string, tenant = T): StoredResource {
  return {
    tenant,
    type,
    id,
    data: type === 'User' ? { userName: id } : { displayName: id },
    uniqueKey: id,
    externalId: null,
    display: id,
    created: '2026-01-01T00:00:00.000Z',
    lastModified: '2026-01-01T00:00:00.000Z',
    version: 1,
  };
}

/** Walks the whole type by keyset pages of `size`, calling `between` after each page (concurrent writers). */
function walk(store: Store, size: number, between: (page: number) => void = () => {}): string[] {
  const seen: string[] = [];
  let after = 0;
  for (let page = 0; ; page++) {
    const rows = store.scan(T, 'User', after, size);
    if (rows.length === 0) return seen;
    for (const row of rows) {
      assert.ok(row.position > after, 'positions only grow along a walk');
      after = row.position;
      seen.push(row.resource.id);
    }
    between(page);
  }
}

for (const [name, open] of implementations) {
  describe(`${name}.scan`, () => {
    let store: Store;
    beforeEach(() => {
      store = open();
    });
    afterEach(() => store.close());

    test('pages in creation order after a position, limited, one type and one tenant only', () => {
      for (let i = 0; i < 5; i++) store.insert(resource('User', `u${i}`));
      store.insert(resource('Group', 'g0'));
      store.insert(resource('User', 'other', 'tenant-b'));
      const first = store.scan(T, 'User', 0, 2);
      assert.deepEqual(first.map((r) => r.resource.id), ['u0', 'u1']);
      const rest = store.scan(T, 'User', first[1].position, 10);
      assert.deepEqual(rest.map((r) => r.resource.id), ['u2', 'u3', 'u4']);
      assert.deepEqual(store.scan(T, 'User', rest[2].position, 10), []);
      assert.deepEqual(store.scan(T, 'User', 0, 0), []);
      assert.deepEqual(store.scan('nobody', 'User', 0, 10), []);
      assert.deepEqual(store.scan(T, 'Group', 0, 10).map((r) => r.resource.id), ['g0']);
    });

    test('an update keeps its place and shows its new data; a delete leaves no gap in the walk', () => {
      for (let i = 0; i < 4; i++) store.insert(resource('User', `u${i}`));
      store.update({ ...resource('User', 'u1'), data: { userName: 'changed' }, version: 2 });
      store.delete(T, 'User', 'u2');
      const rows = store.scan(T, 'User', 0, 10);
      assert.deepEqual(rows.map((r) => r.resource.id), ['u0', 'u1', 'u3']);
      assert.deepEqual(rows[1].resource.data, { userName: 'changed' });
    });

    test('a rolled-back delete comes back at its old position', () => {
      for (let i = 0; i < 3; i++) store.insert(resource('User', `u${i}`));
      const before = store.scan(T, 'User', 0, 10).map((r) => [r.resource.id, r.position]);
      assert.throws(() =>
        store.transaction(() => {
          store.delete(T, 'User', 'u1');
          throw new Error('roll back');
        }),
      );
      assert.deepEqual(store.scan(T, 'User', 0, 10).map((r) => [r.resource.id, r.position]), before);
    });

    test('a walk under interleaved inserts and deletes returns every survivor exactly once', () => {
      const N = 3000;
      for (let i = 0; i < N; i++) store.insert(resource('User', `seed-${i}`));
      const deleted = new Set<string>();
      const inserted: string[] = [];
      // Deterministic writers between pages: delete a seed ahead of the walk and one behind it, insert two.
      const seen = walk(store, 97, (page) => {
        if (page >= 40) return; // writers stop, or the walk would chase its own inserts forever
        for (const victim of [`seed-${(page * 131 + 7) % N}`, `seed-${(page * 37) % N}`]) {
          if (!deleted.has(victim) && store.delete(T, 'User', victim)) deleted.add(victim);
        }
        for (let k = 0; k < 2; k++) {
          const id = `new-${page}-${k}`;
          store.insert(resource('User', id));
          inserted.push(id);
        }
      });
      assert.equal(new Set(seen).size, seen.length, 'no resource twice');
      const seenSet = new Set(seen);
      for (let i = 0; i < N; i++) {
        const id = `seed-${i}`;
        if (!deleted.has(id)) assert.ok(seenSet.has(id), `${id} existed throughout and was missed`);
      }
      assert.ok(deleted.size > 50, 'the writers did delete');
      // Inserts land after the walk's position, so the walk (which runs until a page is empty) sees them all.
      for (const id of inserted) assert.ok(seenSet.has(id), `${id} inserted during the walk was missed`);
    });
  });
}
