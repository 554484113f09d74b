import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cleanupPending, pendingResources, recordCreated, recordDeleted } from '../../steps/ledger.ts';

const entry = (id: string, type = 'User', worker = 'w1') => ({ type, id, runId: 'r1', createdAt: '2026-01-01T00:00:00Z', worker });

describe('ledger', () => {
  test('pending = created minus deleted, in creation order; a torn line is ignored', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'sub', 'ledger.jsonl');
    assert.deepEqual(pendingResources(path), []);
    recordCreated(path, entry('a'));
    recordCreated(path, entry('b', 'Group'));
    recordCreated(path, entry('c'));
    recordDeleted(path, 'a');
    appendFileSync(path, '{"type":"User","id":"d"');
    assert.deepEqual(pendingResources(path).map((e) => e.id), ['b', 'c']);
  });

  test('cleanupPending deletes groups first, counts 404 as gone, keeps failures pending', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.jsonl');
    recordCreated(path, entry('u1'));
    recordCreated(path, entry('g1', 'Group'));
    recordCreated(path, entry('gone'));
    recordCreated(path, entry('stuck'));
    recordCreated(path, entry('other', 'User', 'w2'));
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.statusCode = req.url!.endsWith('/gone') ? 404 : req.url!.endsWith('/stuck') ? 500 : 204;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const result = await cleanupPending(
        { target: `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim`, auth: { kind: 'none' }, headers: {}, timeoutMs: 2000, maxRetries: 0, ledgerPath: path },
        { worker: 'w1' },
      );
      assert.deepEqual(seen, ['DELETE /scim/Groups/g1', 'DELETE /scim/Users/stuck', 'DELETE /scim/Users/gone', 'DELETE /scim/Users/u1']);
      assert.deepEqual(result.deleted.map((e) => e.id).sort(), ['g1', 'gone', 'u1']);
      assert.deepEqual(result.failed.map((f) => f.entry.id), ['stuck']);
      assert.deepEqual(pendingResources(path).map((e) => e.id), ['stuck', 'other']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
