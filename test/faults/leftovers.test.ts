import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startServer } from '../../reference-server/index.ts';
import { runScenarios } from '../../runner/cucumber-run.ts';
import { planScenarios } from '../../runner/plan.ts';
import { listFeatureDirs, profileSlices } from '../../runner/profiles.ts';
import { PROJECT_ROOT } from '../../runner/run.ts';
import { cleanupPending, pendingResources, recordIntended, unresolvedIntents } from '../../steps/ledger.ts';
import { newRunId, runPrefix } from '../../steps/parameters.ts';
import { FaultProxy } from './proxy.ts';

/**
 * Issue 8 item 16: nothing left behind. Whatever a run creates is in the ledger before the request is sent, so a
 * create whose 201 comes too late (or never reaches the harness) is still found, by the unique name it carries.
 */
describe('nothing left behind', { timeout: 600_000 }, () => {
  const token = 'leftover-token';
  const dir = mkdtempSync(join(tmpdir(), 'shx-leftovers-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let proxy: FaultProxy;
  const released = new AbortController();

  before(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token });
    proxy = await FaultProxy.start(server.url);
  });
  after(async () => {
    released.abort();
    await proxy?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const usersNamed = async (prefix: string) => {
    const filter = encodeURIComponent(`userName sw "${prefix}"`);
    const res = await fetch(`${server.url}/Users?filter=${filter}`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { totalResults: number }).totalResults;
  };

  test('a 201 that arrives after the request timeout: the user is still deleted by the run', async () => {
    const plan = await planScenarios(PROJECT_ROOT, 'features', profileSlices('all', listFeatureDirs(join(PROJECT_ROOT, 'features'))), '@P-CREATE-01 and @must');
    const runId = newRunId();
    const ledgerPath = join(dir, `ledger-${runId}.jsonl`);
    let late = 0;
    const target = proxy.targetFor({
      // The server creates the user; its answer reaches the harness only after --timeout.
      async response(res, req) {
        if (req.method !== 'POST' || !/\/Users$/.test(new URL(req.path, 'http://x').pathname) || res.status !== 201) return;
        late += 1;
        await delay(4_000, undefined, { signal: released.signal }).catch(() => undefined);
      },
    });
    const { outcomes } = await runScenarios({
      projectRoot: PROJECT_ROOT,
      paths: plan.paths,
      parallel: 1,
      parameters: { target, auth: { kind: 'bearer', token }, headers: {}, runId, prefix: runPrefix(runId), ledgerPath, timeoutMs: 1_000, maxRetries: 0, strict: false, seed: 1 },
    });
    assert.ok(late > 0, 'a create answered late');
    assert.ok(outcomes.every((o) => o.verdict !== 'failed'), 'a timeout is never the server\'s failure');
    assert.equal(await usersNamed(runPrefix(runId)), 0, 'the late-created users were deleted');
    assert.deepEqual([pendingResources(ledgerPath), unresolvedIntents(ledgerPath)], [[], []]);
  });

  test('cleanup finds a create the ledger never learnt the id of (Ctrl-C in flight), by its name with eq', async () => {
    const runId = newRunId();
    const ledgerPath = join(dir, `ledger-${runId}.jsonl`);
    const userName = `${runPrefix(runId)}in-flight`;
    recordIntended(ledgerPath, { intended: `${runId}:User:${userName}`, type: 'User', attribute: 'userName', name: userName, runId });
    const created = await fetch(`${server.url}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName }),
    });
    assert.equal(created.status, 201);
    const result = await cleanupPending({ target: server.url, auth: { kind: 'bearer', token }, headers: {}, timeoutMs: 10_000, maxRetries: 0, ledgerPath });
    assert.equal(result.deleted.length, 1);
    assert.deepEqual(result.failed, []);
    assert.equal(await usersNamed(runPrefix(runId)), 0);
    assert.deepEqual(unresolvedIntents(ledgerPath), [], 'the intent is settled');
  });
});
