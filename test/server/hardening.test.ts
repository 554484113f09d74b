// Hostile input to the shared sandbox: every request is all-or-nothing and no request costs more than its size.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { SchemaRegistry } from '../../scim/schema/registry.ts';
import { processBulk } from '../../reference-server/resources/bulk.ts';
import { hashPassword, verifyPassword } from '../../reference-server/resources/passwords.ts';
import { MAX_PATCH_OPERATIONS, ResourceService } from '../../reference-server/resources/service.ts';
import { PATCH_OP, patch, user, withServer } from './helpers.ts';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const dir = mkdtempSync(join(tmpdir(), 'scim-hardening-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A JSON value nested `depth` levels deep, built as text (building it as an object and stringifying would overflow). */
const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

for (const store of ['memory', 'sqlite']) {
  const spec = () => (store === 'memory' ? 'memory' : `sqlite:${join(dir, `${store}-${Math.random().toString(36).slice(2)}.db`)}`);

  describe(`all-or-nothing (${store} store)`, () => {
    test('a Bulk request nested 10,000 deep is 400 before any work, and its earlier operation is not committed', async () => {
      const h = await withServer({ store: spec() });
      try {
        const body = `{"schemas":["${BULK}"],"Operations":[`
          + `{"method":"POST","path":"/Users","bulkId":"a","data":${JSON.stringify(user('bulk-first'))}},`
          + `{"method":"POST","path":"/Users","bulkId":"b","data":${deepJson(10_000)}}]}`;
        const r = await h.call('POST', '/Bulk', body);
        assert.equal(r.status, 400, r.text);
        assert.equal(r.body.scimType, 'invalidSyntax');
        const list = await h.call('GET', '/Users?filter=userName%20eq%20%22bulk-first%22');
        assert.equal(list.body.totalResults, 0);
      } finally {
        await h.server.close();
      }
    });

    test('a Bulk request failing with a non-SCIM error after a committed operation leaves nothing behind', async () => {
      const h = await withServer({ store: spec() });
      try {
        const service = new ResourceService({ store: h.server.store, registry: new SchemaRegistry(), lenient: true, now: () => new Date(), newId: () => crypto.randomUUID() });
        // Straight to processBulk, past the HTTP layer's depth check: the reference walk overflows the stack.
        const body = {
          schemas: [BULK],
          Operations: [
            { method: 'POST', path: '/Users', bulkId: 'a', data: user('bulk-kept') },
            { method: 'POST', path: '/Users', bulkId: 'b', data: JSON.parse(deepJson(20_000)) },
          ],
        };
        assert.throws(() => processBulk(service, { tenant: 'default', baseUrl: 'http://x/scim/v2' }, body, { maxOperations: 10 }), RangeError);
        assert.equal(h.server.store.count('default', 'User'), 0);
      } finally {
        await h.server.close();
      }
    });

    test(`a PATCH with more than ${MAX_PATCH_OPERATIONS} operations is 413 and changes nothing`, async () => {
      const h = await withServer({ store: spec() });
      try {
        const created = await h.call('POST', '/Users', user('many-ops'));
        const ops = Array.from({ length: 10_000 }, (_, i) => ({ op: 'add', path: 'emails', value: [{ value: `e${i}@x.test` }] }));
        const r = await h.call('PATCH', `/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: ops });
        assert.equal(r.status, 413, r.text);
        const after = await h.call('GET', `/Users/${created.body.id}`);
        assert.equal(after.body.emails, undefined);
        assert.equal(after.headers.get('etag'), created.headers.get('etag'));
      } finally {
        await h.server.close();
      }
    });

    test('PATCH adds to a multi-valued attribute cost linear time: 1,000 adds, then one add of 30,000 values', { timeout: 60_000 }, async () => {
      const h = await withServer({ store: spec() });
      try {
        const created = await h.call('POST', '/Users', user('linear', { emails: [{ value: 'first@x.test', primary: true }] }));
        const ops = Array.from({ length: MAX_PATCH_OPERATIONS }, (_, i) => ({ op: 'add', path: 'emails', value: [{ value: `op${i}@x.test`, primary: true }] }));
        const r1 = await h.call('PATCH', `/Users/${created.body.id}`, { schemas: [PATCH_OP], Operations: ops });
        assert.equal(r1.status, 200, r1.text);
        assert.equal(r1.body.emails.length, MAX_PATCH_OPERATIONS + 1);
        assert.equal(r1.body.emails.filter((e: { primary?: boolean }) => e.primary).length, 1);
        // Quadratic duplicate checks made this one request take about half a minute; linear, well under a second.
        const many = Array.from({ length: 30_000 }, (_, i) => ({ value: `v${i}@x.test` }));
        many.push({ value: 'OP7@X.TEST' }); // a duplicate (case-insensitive) merges instead of adding
        const r2 = await h.call('PATCH', `/Users/${created.body.id}`, patch({ op: 'add', path: 'emails', value: many }));
        assert.equal(r2.status, 200, r2.text);
        assert.equal(r2.body.emails.length, MAX_PATCH_OPERATIONS + 1 + 30_000);
      } finally {
        await h.server.close();
      }
    });
  });
}

describe('passwords at rest', () => {
  test('only a salted scrypt hash is stored; changePassword by PATCH and PUT re-hashes; other changes keep it', async () => {
    const db = join(dir, 'passwords.db');
    const h = await withServer({ store: `sqlite:${db}` });
    try {
      const created = await h.call('POST', '/Users', user('pw-at-rest', { password: 'Plain-Secret-One' }));
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.password, undefined);
      const id = created.body.id as string;
      const stored = () => h.server.store.get('default', 'User', id)!.data.password;
      const first = stored();
      assert.match(String(first), /^\$scrypt\$/);
      assert.ok(verifyPassword('Plain-Secret-One', first));
      assert.ok(!verifyPassword('plain-secret-one', first));
      const files = () => ['', '-wal'].map((s) => (existsSync(db + s) ? readFileSync(db + s).toString('latin1') : '')).join('');
      assert.ok(!files().includes('Plain-Secret-One'), 'the plain password is in the SQLite file');

      const renamed = await h.call('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'displayName', value: 'Renamed' }));
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(stored(), first, 'a PATCH of another attribute keeps the hash as it was');

      const changed = await h.call('PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'password', value: 'Plain-Secret-Two' }));
      assert.equal(changed.status, 200, changed.text);
      assert.ok(verifyPassword('Plain-Secret-Two', stored()));
      assert.ok(!verifyPassword('Plain-Secret-One', stored()));

      const replaced = await h.call('PUT', `/Users/${id}`, user('pw-at-rest', { password: 'Plain-Secret-Three' }));
      assert.equal(replaced.status, 200, replaced.text);
      assert.ok(verifyPassword('Plain-Secret-Three', stored()));
      assert.ok(!files().includes('Plain-Secret-Two') && !files().includes('Plain-Secret-Three'));
    } finally {
      await h.server.close();
    }
  });

  test('the hash is salted: one password stored twice gives two different hashes', () => {
    assert.notEqual(hashPassword('same'), hashPassword('same'));
    assert.ok(!verifyPassword('x', 'x'), 'a plain value is never taken for a hash');
  });
});
