import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { startServer } from '../../reference-server/index.ts';
import { makePopulation } from '../../simulators/lifecycle/population.ts';

test('the same seed gives the same population', () => {
  const a = makePopulation(5, 2, 42);
  const b = makePopulation(5, 2, 42);
  assert.deepEqual(a.people, b.people);
  assert.deepEqual(a.groups, b.groups);
  assert.notDeepEqual(makePopulation(5, 2, 43).people, a.people);
});

const BIN = fileURLToPath(new URL('../../bin/scim-harness.mjs', import.meta.url));

/** Runs the real binary, so the exit code and stdout are what a user sees. */
function simulate(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'simulate', ...args], { timeout: 60_000 }, (err, stdout) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout });
    });
  });
}

test('scim-harness simulate okta exits 0 against the reference server and writes a HAR 1.2 file', async () => {
  const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token: 'tok' });
  const dir = await mkdtemp(join(tmpdir(), 'simulate-'));
  try {
    const har = join(dir, 'out.har');
    const { code, stdout } = await simulate(['okta', '--target', server.url, '--token', 'tok', '--users', '6', '--groups', '2', '--seed', '3', '--har', har]);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /end state: as expected/);
    assert.match(stdout, /POST \/Users\s+201×6/);
    const log = JSON.parse(await readFile(har, 'utf8')).log;
    assert.equal(log.version, '1.2');
    assert.ok(log.entries.length > 6);
    assert.ok(!JSON.stringify(log).includes('Bearer tok'));
  } finally {
    await rm(dir, { recursive: true, force: true });
    await server.close();
  }
});

test('simulate exits non-zero when the target refuses the IdP', async () => {
  const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token: 'tok' });
  try {
    const { code, stdout } = await simulate(['entra', '--target', server.url, '--token', 'wrong', '--users', '2', '--groups', '1', '--rate', '0']);
    assert.equal(code, 1, stdout);
    assert.match(stdout, /401/);
  } finally {
    await server.close();
  }
});
