import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../../reference-server/index.ts';
import { ledgerDirFor } from '../../runner/ledgers.ts';
import { pendingResources, unresolvedIntents } from '../../steps/ledger.ts';
import { PROJECT_ROOT } from '../../runner/run.ts';

/** Polls `check` until it returns a value (bounded): waits for a condition, not for an amount of time. */
async function until<T>(check: () => T | undefined, what: string, limitMs = 180_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('SIGINT mid-run: the ledger is drained on the server and kept for one more sweep, partial reports written, exit 130', { timeout: 360_000 }, async () => {
  const token = 'sigint-token';
  const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token });
  try {
    const cwd = mkdtempSync(join(tmpdir(), 'shx-sigint-'));
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/scim-harness.mjs'), 'run', '--target', server.url, '--token', token, '--parallel', '1', '--report-dir', 'out'], { cwd, env: { ...process.env, SCIM_HARNESS_HOME: cwd } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

    const ledgerDir = ledgerDirFor(server.url, { SCIM_HARNESS_HOME: cwd });
    const ledger = await until(() => {
      const name = existsSync(ledgerDir) ? readdirSync(ledgerDir).find((f) => f.endsWith('.jsonl')) : undefined;
      return name && readFileSync(join(ledgerDir, name), 'utf8').includes('"createdAt"') ? join(ledgerDir, name) : undefined;
    }, 'the run to create a resource');
    const runId = /ledger-(.+)\.jsonl$/.exec(ledger)![1];
    child.kill('SIGINT');

    assert.equal(await exited, 130, stderr);
    assert.match(stderr, /interrupted: deleting what this run created/);
    // Drained, and kept: a create still in flight may land after the run's cleanup, so `cleanup` sweeps once more.
    assert.deepEqual([pendingResources(ledger), unresolvedIntents(ledger)], [[], []], stderr);
    assert.match(stderr, /is kept: `scim-harness cleanup`/);
    assert.ok(existsSync(join(cwd, 'out', 'report.json')), 'partial reports are written');
    for (const [endpoint, attribute] of [['Users', 'userName'], ['Groups', 'displayName']]) {
      const filter = encodeURIComponent(`${attribute} sw "shx-${runId}"`);
      const res = await fetch(`${server.url}/${endpoint}?filter=${filter}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(((await res.json()) as { totalResults: number }).totalResults, 0, `${endpoint} of run ${runId} left on the server`);
    }
  } finally {
    await server.close();
  }
});
