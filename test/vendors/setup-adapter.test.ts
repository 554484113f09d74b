import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseSetupConfig } from '../../steps/setup/config.ts';
import { SetupFailed, SetupUnsupported, setupAdapterFor } from '../../steps/setup/index.ts';
import { parseParameters } from '../../steps/parameters.ts';

describe('setup adapter configuration and vendor adapters', () => {
  test('the setup world parameter is validated and optional', () => {
    assert.equal(parseParameters({ target: 'http://x' }).setup, undefined);
    assert.deepEqual(parseParameters({ target: 'http://x', setup: { kind: 'hooks', url: 'http://h/' } }).setup, { kind: 'hooks', url: 'http://h' });
    assert.throws(() => parseParameters({ target: 'http://x', setup: { kind: 'reference-admin', url: 'http://a' } }), /setup/);
    assert.equal(typeof parseSetupConfig({ kind: 'module' }), 'string');
    assert.equal(setupAdapterFor(undefined), undefined);
  });

  test('a module adapter: exported operations run, missing ones are SetupUnsupported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'setup-module-'));
    try {
      const path = join(dir, 'vendor-setup.mjs');
      writeFileSync(path, 'export async function localUsers(tenant) { return [{ id: tenant }]; }\n');
      const adapter = setupAdapterFor({ kind: 'module', path })!;
      assert.deepEqual(await adapter.localUsers('t1'), [{ id: 't1' }]);
      await assert.rejects(adapter.createTenant({ name: 'x', provider: 'generic', authKind: 'bearer', settings: {} }), SetupUnsupported);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('HTTP hooks: 200 result, 404/501 unsupported, other errors fail', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/hooks/syncLog') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: JSON.parse(body).args }));
        if (req.url === '/hooks/elapse') return void res.writeHead(500).end('boom');
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const adapter = setupAdapterFor({ kind: 'hooks', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, headers: { 'x-key': 'k' } })!;
      assert.deepEqual(await adapter.syncLog('t', { operation: 'create' }), ['t', { operation: 'create' }]);
      await assert.rejects(adapter.unblock('t', 'u'), SetupUnsupported);
      await assert.rejects(adapter.elapse('t', 1), SetupFailed);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
