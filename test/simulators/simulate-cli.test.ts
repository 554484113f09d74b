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
import { FaultProxy } from '../faults/proxy.ts';

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

test('simulate in CI (no terminal): plain progress lines whose totals are the summary\'s, and a failure summary that adds up', { timeout: 300_000 }, async () => {
  const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token: 'tok' });
  const proxy = await FaultProxy.start(server.url);
  const home = mkdtempSync(join(tmpdir(), 'simulate-ci-'));
  try {
    // The target refuses the second group push, so one operation fails and everything else goes through.
    let groupPosts = 0;
    const target = proxy.targetFor({
      request: (req) => {
        if (req.method === 'POST' && /\/Groups$/.test(req.path) && ++groupPosts === 2) {
          return { status: 400, headers: { 'content-type': 'application/scim+json' }, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidValue', detail: 'refused by the test' } };
        }
      },
    });
    // execFile gives the child pipes, not a terminal: the CI mode.
    const { code, stdout, stderr } = await simulate(['okta', '--target', target, '--token', 'tok', '--users', '9', '--groups', '3', '--rate', '0'], home);
    assert.equal(code, 1, stdout + stderr);
    assert.doesNotMatch(stderr, /\r|\x1b\[/, 'no carriage returns or escape codes in a log');

    const phases = [...stdout.matchAll(/^ {2}(\S.*?) +(\d+) ok(?:, (\d+) failed)?$/gm)].map((m) => ({ phase: m[1]!, ok: Number(m[2]), failed: Number(m[3] ?? 0) }));
    assert.deepEqual(phases.map((p) => p.phase), ['test connection', 'assign users', 'push groups', 'profile updates', 'membership churn', 'deactivations', 'reactivations', 'import users', 'read end state']);
    assert.deepEqual(phases.find((p) => p.phase === 'assign users'), { phase: 'assign users', ok: 9, failed: 0 });
    assert.deepEqual(phases.find((p) => p.phase === 'push groups'), { phase: 'push groups', ok: 2, failed: 1 });
    const progress = stderr.split('\n').filter((l) => l.startsWith('simulate okta: ') && / \d+\/\d+$/.test(l));
    for (const p of phases) {
      const total = p.ok + p.failed;
      const lines = progress.filter((l) => l.startsWith(`simulate okta: ${p.phase} `));
      assert.ok(lines.length >= 2 && lines.length <= 5, `${p.phase}: a start line and at most one per quarter (${lines.join(' | ')})`);
      assert.equal(lines[0], `simulate okta: ${p.phase} 0/${total}`);
      assert.equal(lines.at(-1), `simulate okta: ${p.phase} ${total}/${total}`);
    }

    const failed = Number(/^failed operations: (\d+)$/m.exec(stdout)?.[1]);
    const listed = stdout.slice(stdout.indexOf('failed operations:')).split('\n').slice(1).filter((l) => l.startsWith('  ') && !l.startsWith('  …'));
    assert.equal(failed, phases.reduce((n, p) => n + p.failed, 0));
    assert.equal(failed, 1);
    assert.deepEqual(listed, ['  push groups: create group: HTTP 400 invalidValue: refused by the test']);
    assert.match(stdout, /^error answers by status and scimType \(each attempt\): 400 invalidValue ×1$/m);
    assert.match(stdout, /^end state: as expected$/m);
  } finally {
    rmSync(home, { recursive: true, force: true });
    await proxy.close();
    await server.close();
  }
});
