// A Group's version and meta.lastModified move whenever its member list changes (RFC 7644 §3.14, RFC 7643 §3.1),
// including when a member is deleted and leaves the group as a side effect, on every Store implementation.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { ResourceService } from '../../reference-server/resources/service.ts';
import type { RequestContext } from '../../reference-server/resources/context.ts';
import { MemoryStore } from '../../reference-server/store/memory.ts';
import { PostgresStore } from '../../reference-server/store/postgres.ts';
import { SqliteStore } from '../../reference-server/store/sqlite.ts';
import type { Store } from '../../reference-server/store/types.ts';
import { SchemaRegistry } from '../../scim/schema/registry.ts';
import { freshSchema, postgresMissing, startPostgres } from './helpers/postgres.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ctx: RequestContext = { tenant: 'default', baseUrl: 'http://x/scim/v2' };

interface Meta {
  version: string;
  lastModified: string;
}

/** A service on `store` with a clock that moves one second per reading, so every change has its own instant. */
function serviceOn(store: Store) {
  let tick = Date.parse('2026-03-01T00:00:00.000Z');
  let ids = 0;
  const service = new ResourceService({
    store, registry: new SchemaRegistry(), lenient: true, now: () => new Date((tick += 1000)), newId: () => `id-${++ids}`,
  });
  const User = service.resourceType('User');
  const Group = service.resourceType('Group');
  const user = (userName: string) => String(service.create(ctx, User, { schemas: [USER], userName }).body.id);
  const group = (displayName: string, members: string[] = []) =>
    String(service.create(ctx, Group, { schemas: [GROUP], displayName, members: members.map((value) => ({ value })) }).body.id);
  const meta = (id: string): Meta => service.get(ctx, Group, id).body.meta as Meta;
  const members = (id: string) => ((service.get(ctx, Group, id).body.members ?? []) as { value: string }[]).map((m) => m.value).sort();
  const patch = (id: string, ...Operations: unknown[]) => service.patch(ctx, Group, id, { schemas: [PATCH], Operations });
  return { service, User, Group, user, group, meta, members, patch };
}

/** The version and lastModified both moved on from `before`. */
function assertMoved(before: Meta, now: Meta, what: string) {
  assert.notEqual(now.version, before.version, `${what}: meta.version did not change`);
  assert.ok(Date.parse(now.lastModified) > Date.parse(before.lastModified), `${what}: meta.lastModified ${now.lastModified} is not after ${before.lastModified}`);
}

function contract(name: string, open: () => Store) {
  describe(`group version follows membership (${name})`, () => {
    test('adding, removing and replacing members moves the version; a no-op add does not (P-ETAG-04, P-PATCH-08)', () => {
      const store = open();
      try {
        const s = serviceOn(store);
        const [a, b] = [s.user('a'), s.user('b')];
        const g = s.group('g', [a]);
        let before = s.meta(g);
        s.patch(g, { op: 'add', path: 'members', value: [{ value: b }] });
        assertMoved(before, (before = s.meta(g), before), 'add');
        s.patch(g, { op: 'add', path: 'members', value: [{ value: b }] });
        assert.deepEqual(s.meta(g), before, 'adding a member that is already there changes nothing');
        s.patch(g, { op: 'remove', path: `members[value eq "${a}"]` });
        assertMoved(before, (before = s.meta(g), before), 'remove');
        s.service.replace(ctx, s.Group, g, { schemas: [GROUP], displayName: 'g', members: [{ value: a }] });
        assertMoved(before, s.meta(g), 'PUT of the member list');
        assert.deepEqual(s.members(g), [a]);
      } finally {
        store.close();
      }
    });

    test('deleting a member User removes it from every group and moves each group\'s version and lastModified', () => {
      const store = open();
      try {
        const s = serviceOn(store);
        const [leaver, stayer] = [s.user('leaver'), s.user('stayer')];
        const g1 = s.group('g1', [leaver, stayer]);
        const g2 = s.group('g2', [leaver]);
        const untouched = s.group('g3', [stayer]);
        const before = [s.meta(g1), s.meta(g2), s.meta(untouched)];
        s.service.delete(ctx, s.User, leaver);
        assert.deepEqual(s.members(g1), [stayer]);
        assert.deepEqual(s.members(g2), []);
        assertMoved(before[0], s.meta(g1), 'g1 after its member was deleted');
        assertMoved(before[1], s.meta(g2), 'g2 after its member was deleted');
        assert.deepEqual(s.meta(untouched), before[2], 'a group the deleted user was not in keeps its version');
      } finally {
        store.close();
      }
    });

    test('deleting a member Group moves the version of the group that contained it', () => {
      const store = open();
      try {
        const s = serviceOn(store);
        const child = s.group('child');
        const parent = s.group('parent', [child]);
        const before = s.meta(parent);
        s.service.delete(ctx, s.Group, child);
        assert.deepEqual(s.members(parent), []);
        assertMoved(before, s.meta(parent), 'parent after its member group was deleted');
      } finally {
        store.close();
      }
    });
  });
}

contract('MemoryStore', () => new MemoryStore());
contract('SqliteStore', () => new SqliteStore(':memory:'));
if (postgresMissing()) {
  test('group version follows membership (PostgresStore)', { skip: postgresMissing() }, () => {});
} else {
  const cluster = await startPostgres();
  after(() => cluster.stop());
  contract('PostgresStore', () => new PostgresStore(freshSchema(cluster.url)));
}
