import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../reference-server/index.ts';
import { recordCreated } from '../../steps/ledger.ts';
import { ledgerDirFor, ledgerFileName } from '../../runner/ledgers.ts';
import { resolveRunOptions } from '../../runner/options.ts';
import { executeRun } from '../../runner/run.ts';
import { Capture, countingServer, spawnCli } from './helpers.ts';

/** Writes the ledger an interrupted run would have left in `cwd` for `target`. */
function abandonedLedger(cwd: string, target: string, runId: string, id: string): string {
  const path = join(ledgerDirFor(target, { SCIM_HARNESS_HOME: cwd }), ledgerFileName(runId));
  recordCreated(path, { type: 'User', id, location: `${target}/Users/${id}`, runId, createdAt: new Date().toISOString() });
  return path;
}

test('`scim-harness cleanup` deletes what an abandoned ledger lists and prints it', { timeout: 180_000 }, async () => {
  const token = 'cleanup-token';
  const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token });
  try {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
    const created = await fetch(`${server.url}/Users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'shx-dead0001-left-behind' }),
    });
    const { id } = (await created.json()) as { id: string };
    const cwd = mkdtempSync(join(tmpdir(), 'shx-cleanup-'));
    const ledger = abandonedLedger(cwd, server.url, 'dead0001', id);

    const cli = spawnCli(['cleanup', '--target', server.url, '--token', token], cwd);
    assert.equal(await cli.exited, 0, cli.stderr);
    assert.deepEqual(cli.stdout.trim().split('\n'), [`deleted User ${id} (run dead0001)`, '1 deleted, 0 left']);
    assert.equal((await fetch(`${server.url}/Users/${id}`, { headers })).status, 404);
    assert.equal(existsSync(ledger), false);
  } finally {
    await server.close();
  }
});

test('a run first finishes the abandoned ledgers of the same target', async () => {
  const target = await countingServer('tok');
  try {
    const cwd = mkdtempSync(join(tmpdir(), 'shx-leftover-'));
    abandonedLedger(cwd, target.url, 'dead0002', 'left-behind-id');
    const suite = { projectRoot: fileURLToPath(new URL('./fixtures/suite/', import.meta.url)), featuresRoot: 'features', imports: ['steps/*.mjs'] };
    const options = resolveRunOptions([{ target: target.url, token: 'tok', profile: 'rfc', tags: '@T-MUST-PASS', reportDir: join(cwd, 'out') }], cwd);
    const stderr = new Capture();
    assert.equal(await executeRun(options, { cwd, stdout: new Capture(), stderr, env: { SCIM_HARNESS_HOME: cwd } }, suite), 0);
    assert.ok(target.requests.some((r) => r.method === 'DELETE' && r.url === '/scim/v2/Users/left-behind-id'));
    assert.match(stderr.text, /deleted 1 resource\(s\) left behind by an earlier interrupted run/);
  } finally {
    await target.close();
  }
});
