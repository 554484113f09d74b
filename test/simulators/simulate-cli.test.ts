import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
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

/** A harness home of the test's own: the ledgers never land in the developer's ~/.local/state. */
const HOME = mkdtempSync(join(tmpdir(), 'simulate-home-'));
after(() => rmSync(HOME, { recursive: true, force: true }));

/** Runs the real binary (simulate, cleanup, …), so the exit code and output are what a user sees. */
function cli(args: string[], home = HOME): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Generous: a cold start through tsx on a loaded 2-core machine takes seconds before the first request.
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000, env: { ...process.env, SCIM_HARNESS_HOME: home } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const simulate = (args: string[], home?: string) => cli(['simulate', ...args], home);

/** Every resource of a type the target holds (the reference server pages at most 100 here). */
async function all(url: string, token: string, type: 'Users' | 'Groups'): Promise<{ id: string; userName?: string; displayName?: string }[]> {
  const res = await fetch(`${url}/${type}?count=1000`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { Resources?: { id: string }[] }).Resources ?? [];
}

for (const idp of ['okta', 'entra', 'ping'] as const) {
  test(`scim-harness cleanup removes everything \`simulate ${idp}\` created (the run ledger)`, { timeout: 300_000 }, async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token: 'tok' });
    const home = mkdtempSync(join(tmpdir(), `simulate-ledger-${idp}-`));
    try {
      const sim = await simulate([idp, '--target', server.url, '--token', 'tok', '--users', '7', '--groups', '3', '--rate', '0'], home);
      assert.equal(sim.code, 0, sim.stdout + sim.stderr);
      const users = await all(server.url, 'tok', 'Users');
      const groups = await all(server.url, 'tok', 'Groups');
      assert.ok(users.length > 0 && groups.length > 0, 'the simulation left a population on the target');
      assert.match(sim.stderr, new RegExp(`scim-harness cleanup --target ${server.url.replace(/[.]/g, '\\.')}`));

      const clean = await cli(['cleanup', '--target', server.url, '--token', 'tok'], home);
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, new RegExp(`^${users.length + groups.length} deleted, 0 left$`, 'm'));
      assert.deepEqual(await all(server.url, 'tok', 'Users'), []);
      assert.deepEqual(await all(server.url, 'tok', 'Groups'), []);
      // Drained ledgers are removed: a second cleanup has nothing to do.
      assert.match((await cli(['cleanup', '--target', server.url, '--token', 'tok'], home)).stdout, /^0 deleted, 0 left$/m);
    } finally {
      rmSync(home, { recursive: true, force: true });
      await server.close();
    }
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
