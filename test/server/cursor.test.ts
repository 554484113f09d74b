// RFC 9865 cursor pagination on the reference server: discovery, walks, errors, expiry, mixing with index paging.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer, user, ERROR } from './helpers.ts';

const URN_SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

async function seeded(n: number, options: Parameters<typeof withServer>[0] = {}) {
  const s = await withServer(options);
  for (let i = 0; i < n; i++) assert.equal((await s.call('POST', '/Users', user(`cur-${String(i).padStart(3, '0')}`))).status, 201);
  return s;
}

/** Follows nextCursor from `first` until it is absent; returns the userNames in order and the pages seen. */
async function walk(call: Awaited<ReturnType<typeof withServer>>['call'], query: string, between: (page: number) => Promise<void> = async () => {}) {
  const names: string[] = [];
  let cursor = '';
  for (let page = 0; ; page++) {
    const r = await call('GET', `/Users?${query}&cursor=${cursor}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.startIndex, undefined, 'cursor pages do not answer startIndex');
    names.push(...(r.body.Resources ?? []).map((u: { userName: string }) => u.userName));
    if (r.body.nextCursor === undefined) return { names, pages: page + 1 };
    assert.match(r.body.nextCursor, /^[A-Za-z0-9._~-]{1,64}$/, 'opaque, unreserved characters only, bounded');
    cursor = r.body.nextCursor;
    await between(page);
  }
}

describe('RFC 9865 cursors on the reference server', () => {
  test('ServiceProviderConfig advertises pagination (RFC 9865 §4)', async () => {
    const { server, call } = await withServer();
    try {
      const spc = (await call('GET', '/ServiceProviderConfig')).body;
      assert.deepEqual(spc.pagination, { cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: 200, maxPageSize: 200, cursorTimeout: 600 });
      assert.equal(spc.interopProfileConformant, undefined, 'claimed only with the interop profile switched on');
    } finally {
      await server.close();
    }
  });

  test('a walk returns every user once, count bounds each page, nextCursor is absent on the last page', async () => {
    const { server, call } = await seeded(7);
    try {
      const { names, pages } = await walk(call, 'count=3');
      assert.deepEqual(names, Array.from({ length: 7 }, (_, i) => `cur-00${i}`));
      assert.equal(pages, 3);
      const exact = await walk(call, 'count=7');
      assert.equal(exact.pages, 1, 'no empty trailing page when the count fits exactly');
    } finally {
      await server.close();
    }
  });

  test('filtered and sorted walks; POST /.search takes the cursor in its body', async () => {
    const { server, call } = await seeded(6);
    try {
      const filtered = await walk(call, `count=1&filter=${encodeURIComponent('userName eq "cur-002" or userName eq "cur-004"')}`);
      assert.deepEqual(filtered.names, ['cur-002', 'cur-004']);
      const sorted = await walk(call, 'count=4&sortBy=userName&sortOrder=descending');
      assert.deepEqual(sorted.names, ['cur-005', 'cur-004', 'cur-003', 'cur-002', 'cur-001', 'cur-000']);
      const first = await call('POST', '/Users/.search', { schemas: [URN_SEARCH], cursor: '', count: 4 });
      assert.equal(first.body.Resources.length, 4);
      const second = await call('POST', '/Users/.search', { schemas: [URN_SEARCH], cursor: first.body.nextCursor, count: 4 });
      assert.deepEqual(second.body.Resources.map((u: { userName: string }) => u.userName), ['cur-004', 'cur-005']);
      assert.equal(second.body.nextCursor, undefined);
    } finally {
      await server.close();
    }
  });

  test('creates and deletes between pages: every user present throughout is returned exactly once', async () => {
    const { server, call } = await seeded(30);
    try {
      const ids = new Map<string, string>();
      for (const u of (await call('GET', '/Users?count=200')).body.Resources) ids.set(u.userName, u.id);
      const deleted = new Set<string>();
      const { names } = await walk(call, 'count=4', async (page) => {
        const victim = `cur-${String((page * 7 + 3) % 30).padStart(3, '0')}`;
        if (!deleted.has(victim)) {
          assert.equal((await call('DELETE', `/Users/${ids.get(victim)}`)).status, 204);
          deleted.add(victim);
        }
        if (page < 5) assert.equal((await call('POST', '/Users', user(`late-${page}`))).status, 201);
      });
      assert.equal(new Set(names).size, names.length, 'no user twice');
      for (const name of ids.keys()) if (!deleted.has(name)) assert.ok(names.includes(name), `${name} missed`);
      for (let p = 0; p < 5; p++) assert.ok(names.includes(`late-${p}`), 'users created ahead of the walk are reached');
    } finally {
      await server.close();
    }
  });

  test('forged, tampered, foreign and expired cursors get 400 invalidCursor or expiredCursor (RFC 9865 §2.1)', async () => {
    let now = Date.parse('2026-03-01T00:00:00Z');
    const { server, call } = await seeded(3, { now: () => new Date(now), cursorTimeout: 60 });
    try {
      const first = await call('GET', '/Users?count=1&cursor');
      const cursor: string = first.body.nextCursor;
      const tampered = cursor.slice(0, 10) + (cursor[10] === 'A' ? 'B' : 'A') + cursor.slice(11);
      for (const bad of ['not-a-cursor', tampered]) {
        const r = await call('GET', `/Users?count=1&cursor=${bad}`);
        assert.equal(r.status, 400);
        assert.deepEqual([r.body.schemas, r.body.scimType, r.body.status], [[ERROR], 'invalidCursor', '400']);
      }
      const foreign = await call('GET', `/Users?count=1&sortBy=userName&cursor=${cursor}`);
      assert.equal(foreign.body.scimType, 'invalidCursor', 'a cursor is bound to its query');
      now += 59_000;
      assert.equal((await call('GET', `/Users?count=1&cursor=${cursor}`)).status, 200, 'valid within cursorTimeout');
      now += 2_000;
      const expired = await call('GET', `/Users?count=1&cursor=${cursor}`);
      assert.deepEqual([expired.status, expired.body.scimType], [400, 'expiredCursor']);
      const both = await call('GET', `/Users?startIndex=1&cursor=`);
      assert.deepEqual([both.status, both.body.scimType], [400, 'invalidValue']);
    } finally {
      await server.close();
    }
  });

  test('index stays the default; with defaultPagination cursor a plain GET pages by cursor; cursorTimeout 0 turns cursors off', async () => {
    const index = await seeded(3);
    try {
      const plain = await index.call('GET', '/Users?count=2');
      assert.deepEqual([plain.body.startIndex, plain.body.nextCursor], [1, undefined]);
    } finally {
      await index.server.close();
    }
    const cursor = await seeded(3, { defaultPagination: 'cursor' });
    try {
      const plain = await cursor.call('GET', '/Users?count=2');
      assert.equal(plain.body.startIndex, undefined);
      assert.equal(typeof plain.body.nextCursor, 'string');
      const indexed = await cursor.call('GET', '/Users?count=2&startIndex=2');
      assert.deepEqual([indexed.body.startIndex, indexed.body.Resources.length], [2, 2], 'startIndex still asks for index paging');
      assert.equal((await cursor.call('GET', '/ServiceProviderConfig')).body.pagination.defaultPaginationMethod, 'cursor');
    } finally {
      await cursor.server.close();
    }
    const off = await withServer({ cursorTimeout: 0 });
    try {
      assert.equal((await off.call('GET', '/ServiceProviderConfig')).body.pagination, undefined);
      assert.equal((await off.call('GET', '/Users?cursor=')).body.scimType, 'invalidCursor');
    } finally {
      await off.server.close();
    }
  });
});
