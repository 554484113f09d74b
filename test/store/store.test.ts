// One table of behaviours, run against every Store implementation: they must be interchangeable.
import { describe, test, beforeEach, afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { MemoryStore } from '../../reference-server/store/memory.ts';
import { SqliteStore } from '../../reference-server/store/sqlite.ts';
import { PostgresStore } from '../../reference-server/store/postgres.ts';
import { freshSchema, postgresMissing, startPostgres } from './helpers/postgres.ts';
import { MembershipTargetMissing } from '../../reference-server/store/integrity.ts';
import { UniqueViolation, type ResourceKind, type Store, type StoredResource } from '../../reference-server/store/types.ts';

const implementations: Array<[string, () => Store]> = [
  ['MemoryStore', () => new MemoryStore()],
  ['SqliteStore', () => new SqliteStore(':memory:')],
];
// The same table on PostgreSQL, each test in a schema of its own, when the server binaries are here (always in CI).
if (postgresMissing()) {
  test('PostgresStore', { skip: postgresMissing() }, () => {});
} else {
  const cluster = await startPostgres();
  after(() => cluster.stop());
  implementations.push(['PostgresStore', () => new PostgresStore(freshSchema(cluster.url))]);
}

const T = 'tenant-a';
const OTHER = 'tenant-b';

function resource(type: ResourceKind, id: string, key: string, over: Partial<StoredResource> = {}): StoredResource {
  return {
    tenant: T,
    type,
    id,
    data: type === 'User' ? { userName: key, name: { givenName: 'G' }, emails: [{ value: `${key}@x.test` }] } : { displayName: key },
    uniqueKey: key.toLowerCase(),
    externalId: null,
    display: key,
    created: '2026-01-01T00:00:00.000Z',
    lastModified: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...over,
  };
}
const user = (id: string, key: string, over?: Partial<StoredResource>) => resource('User', id, key, over);
const group = (id: string, key: string, over?: Partial<StoredResource>) => resource('Group', id, key, over);

const ids = (resources: Iterable<StoredResource>) => [...resources].map((r) => r.id);
const sorted = <T>(values: T[], key: (v: T) => string) => [...values].sort((a, b) => key(a).localeCompare(key(b)));

for (const [name, open] of implementations) {
  describe(name, () => {
    let store: Store;
    beforeEach(() => {
      store = open();
    });
    afterEach(() => store.close());

    describe('resources', () => {
      test('insert then get, getAnyType and findByUniqueKey return equal copies', () => {
        const u = user('u1', 'bjensen', { externalId: 'AbC-9' });
        store.insert(u);
        assert.deepEqual(store.get(T, 'User', 'u1'), u);
        assert.deepEqual(store.getAnyType(T, 'u1'), u);
        assert.deepEqual(store.findByUniqueKey(T, 'User', 'bjensen'), u);
        assert.equal(store.get(T, 'Group', 'u1'), undefined, 'get is typed');
        assert.equal(store.get(T, 'User', 'missing'), undefined);
        assert.equal(store.findByUniqueKey(T, 'User', 'nobody'), undefined);
      });

      test('update replaces data, keys and meta, keeps creation order, and reports a missing resource', () => {
        store.insert(user('u1', 'a'));
        store.insert(user('u2', 'b'));
        const changed = user('u1', 'a2', {
          data: { userName: 'a2', active: false },
          externalId: 'ext',
          display: 'A Two',
          lastModified: '2026-02-01T00:00:00.000Z',
          version: 2,
        });
        assert.equal(store.update(changed), true);
        assert.deepEqual(store.get(T, 'User', 'u1'), changed);
        assert.equal(store.findByUniqueKey(T, 'User', 'a'), undefined, 'old key released');
        assert.equal(store.findByUniqueKey(T, 'User', 'a2')?.id, 'u1');
        assert.deepEqual(ids(store.all(T, 'User')), ['u1', 'u2']);
        assert.equal(store.update(user('nope', 'zzz')), false);
        assert.equal(store.get(T, 'User', 'nope'), undefined);
      });

      test('delete removes the resource, frees its key, and is typed', () => {
        store.insert(user('u1', 'a'));
        assert.equal(store.delete(T, 'Group', 'u1'), false);
        assert.equal(store.delete(T, 'User', 'u1'), true);
        assert.equal(store.delete(T, 'User', 'u1'), false);
        assert.equal(store.get(T, 'User', 'u1'), undefined);
        assert.equal(store.count(T, 'User'), 0);
        store.insert(user('u2', 'a'));
        assert.equal(store.findByUniqueKey(T, 'User', 'a')?.id, 'u2');
      });

      test('insert of a taken unique key throws UniqueViolation and stores nothing', () => {
        store.insert(user('u1', 'bjensen'));
        assert.throws(() => store.insert(user('u2', 'BJensen')), (e: unknown) => {
          assert.ok(e instanceof UniqueViolation);
          assert.equal(e.uniqueKey, 'bjensen');
          return true;
        });
        assert.equal(store.get(T, 'User', 'u2'), undefined);
        assert.equal(store.count(T, 'User'), 1);
      });

      test('the same unique key may exist once per type', () => {
        store.insert(user('u1', 'ops'));
        store.insert(group('g1', 'ops'));
        assert.equal(store.findByUniqueKey(T, 'Group', 'ops')?.id, 'g1');
      });

      test('update to a key another resource holds throws UniqueViolation and changes nothing', () => {
        store.insert(user('u1', 'a'));
        store.insert(user('u2', 'b'));
        assert.throws(() => store.update(user('u2', 'a', { version: 2 })), UniqueViolation);
        assert.deepEqual(store.get(T, 'User', 'u2'), user('u2', 'b'));
        assert.equal(store.findByUniqueKey(T, 'User', 'a')?.id, 'u1');
        assert.equal(store.update(user('u1', 'a', { version: 3 })), true, 'keeping its own key is fine');
      });

      test('a duplicate id is refused, even across types', () => {
        store.insert(user('same', 'a'));
        assert.throws(() => store.insert(group('same', 'g')), /id already exists/);
        assert.equal(store.getAnyType(T, 'same')?.type, 'User');
      });

      test('externalId is matched exactly (caseExact) and may be shared', () => {
        store.insert(user('u1', 'a', { externalId: 'AbC-9' }));
        store.insert(user('u2', 'b', { externalId: 'AbC-9' }));
        store.insert(user('u3', 'c', { externalId: 'abc-9' }));
        assert.deepEqual(ids(store.findByExternalId(T, 'User', 'AbC-9')), ['u1', 'u2']);
        assert.deepEqual(ids(store.findByExternalId(T, 'User', 'abc-9')), ['u3']);
        assert.deepEqual(store.findByExternalId(T, 'User', 'ABC-9'), []);
        assert.deepEqual(store.findByExternalId(T, 'Group', 'AbC-9'), []);
        // A new version, as every real update has (a store shared between processes refuses one that is not newer).
        store.update(user('u1', 'a', { externalId: null, version: 2 }));
        assert.deepEqual(ids(store.findByExternalId(T, 'User', 'AbC-9')), ['u2']);
      });

      test('all() yields in creation order and count() agrees', () => {
        const order = ['z', 'm', 'a', 'q', 'b'];
        for (const key of order) store.insert(user(`id-${key}`, key));
        store.insert(group('g1', 'group'));
        assert.deepEqual(ids(store.all(T, 'User')), order.map((k) => `id-${k}`));
        assert.equal(store.count(T, 'User'), 5);
        assert.equal(store.count(T, 'Group'), 1);
      });

      test('all() pages through more rows than one fetch and tolerates writes while iterating', () => {
        for (let i = 0; i < 1203; i++) store.insert(user(`u${i}`, `k${i}`));
        let seen = 0;
        for (const r of store.all(T, 'User')) {
          assert.equal(r.id, `u${seen}`);
          if (seen === 10) store.update({ ...r, version: 2 });
          seen++;
        }
        assert.equal(seen, 1203);
      });

      test('returned objects are copies or frozen: mutating them, or the inserted object, changes nothing stored', () => {
        const u = user('u1', 'a');
        store.insert(u);
        (u.data.name as { givenName: string }).givenName = 'changed-after-insert';
        // A frozen object refuses the write with a TypeError (ES modules are strict); a copy takes it harmlessly.
        const attempt = (write: () => void) => {
          try {
            write();
          } catch (err) {
            assert.ok(err instanceof TypeError, String(err));
          }
        };
        const got = store.get(T, 'User', 'u1')!;
        attempt(() => (got.data.emails as unknown[]).push({ value: 'x' }));
        attempt(() => (got.display = 'changed'));
        for (const r of store.all(T, 'User')) attempt(() => (r.data.userName = 'changed'));
        attempt(() => (store.findByUniqueKey(T, 'User', 'a')!.data.userName = 'changed'));
        assert.deepEqual(store.get(T, 'User', 'u1'), user('u1', 'a'));
      });
    });

    describe('reads after writes (the SQLite store caches reads by id and User groups)', () => {
      test('a read never returns what an update, delete or rolled-back transaction replaced', () => {
        store.insert(user('u1', 'a'));
        store.insert(group('g1', 'G'));
        assert.equal(store.get(T, 'User', 'u1')!.display, 'a'); // warms the cache
        store.update(user('u1', 'a', { display: 'renamed', version: 2 }));
        assert.equal(store.get(T, 'User', 'u1')!.display, 'renamed');
        assert.throws(() =>
          store.transaction(() => {
            store.update(user('u1', 'a', { display: 'uncommitted', version: 3 }));
            assert.equal(store.get(T, 'User', 'u1')!.display, 'uncommitted');
            throw new Error('roll back');
          }),
        );
        assert.equal(store.get(T, 'User', 'u1')!.display, 'renamed');
        assert.deepEqual(store.groupsOf(T, 'u1'), []); // warms the groups cache
        store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }]);
        assert.deepEqual(store.groupsOf(T, 'u1'), [{ groupId: 'g1', display: 'G' }]);
        store.update(group('g1', 'G', { display: 'G2', version: 2 }));
        assert.deepEqual(store.groupsOf(T, 'u1'), [{ groupId: 'g1', display: 'G2' }]);
        store.removeMembers(T, 'g1', ['u1']);
        assert.deepEqual(store.groupsOf(T, 'u1'), []);
        store.delete(T, 'User', 'u1');
        assert.equal(store.get(T, 'User', 'u1'), undefined);
      });
    });

    describe('memberships', () => {
      beforeEach(() => {
        store.insert(user('u1', 'alice'));
        store.insert(user('u2', 'bob'));
        store.insert(user('u3', 'carol'));
        store.insert(group('g1', 'Admins'));
        store.insert(group('g2', 'Staff'));
      });

      test('add counts only new memberships; members() fills display from the member', () => {
        assert.equal(store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }, { value: 'u2', type: 'User' }]), 2);
        assert.equal(store.addMembers(T, 'g1', [{ value: 'u2', type: 'User' }, { value: 'u3', type: 'User' }, { value: 'u3', type: 'User' }]), 1);
        assert.deepEqual(sorted(store.members(T, 'g1'), (m) => m.value), [
          { value: 'u1', type: 'User', display: 'alice' },
          { value: 'u2', type: 'User', display: 'bob' },
          { value: 'u3', type: 'User', display: 'carol' },
        ]);
        store.update(user('u1', 'alice', { display: 'Alice A.', version: 2 }));
        assert.equal(store.members(T, 'g1').find((m) => m.value === 'u1')?.display, 'Alice A.');
      });

      test('groups can be members (nested groups); groupsOf fills the group display', () => {
        store.addMembers(T, 'g1', [{ value: 'g2', type: 'Group' }, { value: 'u1', type: 'User' }]);
        store.addMembers(T, 'g2', [{ value: 'u1', type: 'User' }]);
        assert.deepEqual(store.members(T, 'g1').find((m) => m.value === 'g2'), { value: 'g2', type: 'Group', display: 'Staff' });
        assert.deepEqual(sorted(store.groupsOf(T, 'u1'), (g) => g.groupId), [
          { groupId: 'g1', display: 'Admins' },
          { groupId: 'g2', display: 'Staff' },
        ]);
        assert.deepEqual(store.groupsOf(T, 'g2'), [{ groupId: 'g1', display: 'Admins' }]);
      });

      test('groupsOfEach answers groupsOf for every id asked, in one call (list pages)', () => {
        store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }, { value: 'g2', type: 'Group' }]);
        store.addMembers(T, 'g2', [{ value: 'u1', type: 'User' }, { value: 'u2', type: 'User' }]);
        const asked = ['u1', 'u2', 'u3', 'g2', 'ghost', 'u1'];
        assert.deepEqual(store.groupsOfEach(T, []), new Map());
        assert.deepEqual(store.groupsOf(T, 'u2'), [{ groupId: 'g2', display: 'Staff' }]); // warms a cache, if any
        const each = store.groupsOfEach(T, asked);
        assert.deepEqual([...each.keys()].sort(), ['g2', 'ghost', 'u1', 'u2', 'u3']);
        for (const id of asked) assert.deepEqual(each.get(id), store.groupsOf(T, id), id);
        assert.deepEqual(store.groupsOfEach(OTHER, ['u1']), new Map([['u1', []]]), 'another tenant sees none');
        store.update(group('g2', 'Staff', { display: 'Staff 2', version: 2 }));
        assert.deepEqual(store.groupsOfEach(T, ['u2']).get('u2'), [{ groupId: 'g2', display: 'Staff 2' }], 'a group rename shows');
      });

      test('isMember and remove (counting only present ones)', () => {
        store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }, { value: 'u2', type: 'User' }]);
        assert.equal(store.isMember(T, 'g1', 'u1'), true);
        assert.equal(store.isMember(T, 'g2', 'u1'), false);
        assert.equal(store.removeMembers(T, 'g1', ['u1', 'u3', 'ghost']), 1);
        assert.equal(store.isMember(T, 'g1', 'u1'), false);
        assert.deepEqual(store.groupsOf(T, 'u1'), []);
        assert.deepEqual(ids2(store.members(T, 'g1')), ['u2']);
        assert.equal(store.removeMembers(T, 'no-such-group', ['u2']), 0);
      });

      test('replace makes the membership exactly the given list', () => {
        store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }, { value: 'u2', type: 'User' }]);
        store.replaceMembers(T, 'g1', [{ value: 'u2', type: 'User' }, { value: 'u3', type: 'User' }]);
        assert.deepEqual(ids2(store.members(T, 'g1')).sort(), ['u2', 'u3']);
        assert.deepEqual(store.groupsOf(T, 'u1'), []);
        store.replaceMembers(T, 'g1', [{ value: 'u2', type: 'Group' }]);
        assert.deepEqual(store.members(T, 'g1'), [{ value: 'u2', type: 'Group', display: 'bob' }], 'type is replaced too');
        store.replaceMembers(T, 'g1', []);
        assert.deepEqual(store.members(T, 'g1'), []);
        assert.deepEqual(store.groupsOf(T, 'u3'), []);
      });

      test('deleting a member removes it from its groups; deleting a group removes its memberships', () => {
        store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }, { value: 'u2', type: 'User' }, { value: 'g2', type: 'Group' }]);
        store.addMembers(T, 'g2', [{ value: 'u1', type: 'User' }]);
        assert.equal(store.delete(T, 'User', 'u1'), true);
        assert.deepEqual(ids2(store.members(T, 'g1')).sort(), ['g2', 'u2']);
        assert.deepEqual(store.members(T, 'g2'), []);
        assert.equal(store.delete(T, 'Group', 'g2'), true);
        assert.deepEqual(ids2(store.members(T, 'g1')), ['u2']);
        assert.equal(store.delete(T, 'Group', 'g1'), true);
        assert.deepEqual(store.groupsOf(T, 'u2'), []);
        // A re-created id starts with no memberships.
        store.insert(group('g1', 'Admins'));
        assert.deepEqual(store.members(T, 'g1'), []);
      });

      test('memberships naming a missing group or member are refused, atomically', () => {
        assert.throws(() => store.addMembers(T, 'ghost', [{ value: 'u1', type: 'User' }]), MembershipTargetMissing);
        assert.throws(() => store.addMembers(T, 'u1', [{ value: 'u2', type: 'User' }]), MembershipTargetMissing, 'a User is not a group');
        assert.throws(
          () => store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }, { value: 'ghost', type: 'User' }]),
          (e: unknown) => e instanceof MembershipTargetMissing && e.id === 'ghost',
        );
        assert.deepEqual(store.members(T, 'g1'), [], 'u1 was not left behind');
        store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }]);
        assert.throws(() => store.replaceMembers(T, 'g1', [{ value: 'ghost', type: 'User' }]), MembershipTargetMissing);
        assert.deepEqual(ids2(store.members(T, 'g1')), ['u1'], 'replace rolled back');
      });
    });

    describe('transactions', () => {
      test('a throwing transaction undoes inserts, updates, deletes and membership changes', () => {
        store.insert(user('u1', 'a'));
        store.insert(user('u2', 'b', { externalId: 'E2' }));
        store.insert(user('u3', 'c'));
        store.insert(group('g1', 'G'));
        store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }, { value: 'u2', type: 'User' }]);
        const before = snapshot(store);

        assert.throws(
          () =>
            store.transaction(() => {
              store.insert(user('u4', 'd'));
              store.update(user('u1', 'a-renamed', { externalId: 'E1', version: 2 }));
              store.delete(T, 'User', 'u2'); // also drops its membership
              store.addMembers(T, 'g1', [{ value: 'u3', type: 'User' }, { value: 'u4', type: 'User' }]);
              store.removeMembers(T, 'g1', ['u1']);
              store.insert(group('g2', 'H'));
              store.replaceMembers(T, 'g2', [{ value: 'u3', type: 'User' }]);
              throw new Error('boom');
            }),
          /boom/,
        );
        assert.deepEqual(snapshot(store), before);
        assert.equal(store.findByUniqueKey(T, 'User', 'a-renamed'), undefined);
        assert.deepEqual(ids(store.findByExternalId(T, 'User', 'E2')), ['u2']);
        assert.deepEqual(store.findByExternalId(T, 'User', 'E1'), []);
        // The restored key is really held again.
        assert.throws(() => store.insert(user('u9', 'b')), UniqueViolation);
      });

      test('a successful transaction keeps its writes and returns fn’s value', () => {
        const value = store.transaction(() => {
          store.insert(user('u1', 'a'));
          return 42;
        });
        assert.equal(value, 42);
        assert.equal(store.count(T, 'User'), 1);
      });

      test('a UniqueViolation inside a transaction rolls back the writes before it', () => {
        store.insert(user('u1', 'a'));
        assert.throws(
          () =>
            store.transaction(() => {
              store.insert(user('u2', 'b'));
              store.insert(user('u3', 'a'));
            }),
          UniqueViolation,
        );
        assert.deepEqual(ids(store.all(T, 'User')), ['u1']);
      });

      test('nested: an inner failure caught by the outer undoes only the inner writes', () => {
        store.insert(group('g1', 'G'));
        store.insert(user('u1', 'a'));
        store.transaction(() => {
          store.insert(user('u2', 'b'));
          assert.throws(() =>
            store.transaction(() => {
              store.insert(user('u3', 'c'));
              store.addMembers(T, 'g1', [{ value: 'u3', type: 'User' }]);
              throw new Error('inner');
            }),
          );
          store.addMembers(T, 'g1', [{ value: 'u2', type: 'User' }]);
        });
        assert.deepEqual(ids(store.all(T, 'User')), ['u1', 'u2']);
        assert.deepEqual(ids2(store.members(T, 'g1')), ['u2']);
      });

      test('nested: an outer failure undoes the inner (already finished) writes too', () => {
        assert.throws(() =>
          store.transaction(() => {
            store.insert(user('u1', 'a'));
            store.transaction(() => store.insert(user('u2', 'b')));
            throw new Error('outer');
          }),
        );
        assert.equal(store.count(T, 'User'), 0);
        // The store is usable again afterwards, outside any transaction.
        store.insert(user('u1', 'a'));
        assert.equal(store.count(T, 'User'), 1);
      });

      test('rolling back a delete puts the resource back in its creation-order place', () => {
        for (const k of ['a', 'b', 'c']) store.insert(user(`u-${k}`, k));
        assert.throws(() =>
          store.transaction(() => {
            store.delete(T, 'User', 'u-a');
            store.delete(T, 'User', 'u-b');
            throw new Error('undo');
          }),
        );
        assert.deepEqual(ids(store.all(T, 'User')), ['u-a', 'u-b', 'u-c']);
      });
    });

    describe('tenant isolation', () => {
      test('nothing of one tenant is visible or reachable from another', () => {
        store.insert(user('u1', 'alice', { externalId: 'X' }));
        store.insert(group('g1', 'Admins'));
        store.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }]);

        assert.equal(store.get(OTHER, 'User', 'u1'), undefined);
        assert.equal(store.getAnyType(OTHER, 'u1'), undefined);
        assert.equal(store.findByUniqueKey(OTHER, 'User', 'alice'), undefined);
        assert.deepEqual(store.findByExternalId(OTHER, 'User', 'X'), []);
        assert.deepEqual([...store.all(OTHER, 'User')], []);
        assert.equal(store.count(OTHER, 'User'), 0);
        assert.deepEqual(store.members(OTHER, 'g1'), []);
        assert.equal(store.isMember(OTHER, 'g1', 'u1'), false);
        assert.deepEqual(store.groupsOf(OTHER, 'u1'), []);
        assert.equal(store.delete(OTHER, 'User', 'u1'), false);
        assert.equal(store.update(user('u1', 'alice', { tenant: OTHER })), false);
        assert.equal(store.removeMembers(OTHER, 'g1', ['u1']), 0);
        assert.throws(() => store.addMembers(OTHER, 'g1', [{ value: 'u1', type: 'User' }]), MembershipTargetMissing);

        // The same ids and keys are free in the other tenant.
        store.insert(user('u1', 'alice', { tenant: OTHER }));
        store.insert(group('g1', 'Admins', { tenant: OTHER }));
        assert.deepEqual(store.members(OTHER, 'g1'), []);
        store.delete(OTHER, 'User', 'u1');
        assert.deepEqual(ids2(store.members(T, 'g1')), ['u1'], 'tenant A untouched');
        assert.equal(store.get(T, 'User', 'u1')?.tenant, T);
      });
    });
  });
}

describe('SqliteStore file', () => {
  test('data survives close and reopen; the schema version is recorded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    try {
      const file = join(dir, 'scim.db');
      const first = new SqliteStore(file);
      first.insert(user('u1', 'a'));
      first.insert(group('g1', 'G'));
      first.addMembers(T, 'g1', [{ value: 'u1', type: 'User' }]);
      first.close();
      const second = new SqliteStore(file);
      assert.deepEqual(second.get(T, 'User', 'u1'), user('u1', 'a'));
      assert.deepEqual(second.groupsOf(T, 'u1'), [{ groupId: 'g1', display: 'G' }]);
      second.close();
      const raw = new Database(file, { readonly: true });
      assert.equal(raw.pragma('user_version', { simple: true }), 2); // 1: resources + memberships; 2: docs + sync_log (issue 5)
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
      raw.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function ids2(members: Array<{ value: string }>): string[] {
  return members.map((m) => m.value);
}

/** Everything observable in tenant T, order-insensitive where the contract does not promise an order. */
function snapshot(store: Store) {
  const resources = [...store.all(T, 'User'), ...store.all(T, 'Group')];
  return {
    resources,
    members: resources.map((r) => [r.id, sorted(store.members(T, r.id), (m) => m.value)]),
    groups: resources.map((r) => [r.id, sorted(store.groupsOf(T, r.id), (g) => g.groupId)]),
  };
}
