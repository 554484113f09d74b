import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../../reference-server/index.ts';
import { runScenarios } from '../../runner/cucumber-run.ts';
import { planScenarios } from '../../runner/plan.ts';
import { listFeatureDirs, profileSlices } from '../../runner/profiles.ts';
import { PROJECT_ROOT } from '../../runner/run.ts';
import { newRunId, runPrefix } from '../../steps/parameters.ts';
import { RELATIVE_REFERENCES } from './catalogue.ts';
import { FaultProxy } from './proxy.ts';

/**
 * Issue 8 item 1: a server whose references are all relative (legal, RFC 7643 §2.3.7) passes every @must scenario.
 * Before the fix, the body validator rejected "Users/42" as "not a uri" in nearly every scenario, and followed
 * references were concatenated onto the service root.
 */
const token = 'relative-references-token';
const ledgers = mkdtempSync(join(tmpdir(), 'shx-relref-'));
let server: Awaited<ReturnType<typeof startServer>>;
let proxy: FaultProxy;
before(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token });
  proxy = await FaultProxy.start(server.url);
});
after(async () => {
  await proxy?.close();
  await server?.close();
  rmSync(ledgers, { recursive: true, force: true });
});

// Budget: the whole @must slice once, on a loaded 2-core machine; derived from the peer run (~45 s for 510 scenarios), x10.
test(`legal variation accepted: ${RELATIVE_REFERENCES.name}`, { timeout: 600_000 }, async () => {
  const slices = profileSlices('all', listFeatureDirs(join(PROJECT_ROOT, 'features')));
  const plan = await planScenarios(PROJECT_ROOT, 'features', slices, RELATIVE_REFERENCES.scope);
  assert.ok(plan.count > 100, `expected the @must slice, got ${plan.count} scenarios`);
  const runId = newRunId();
  const { outcomes } = await runScenarios({
    projectRoot: PROJECT_ROOT,
    paths: plan.paths,
    parallel: 1,
    parameters: {
      target: proxy.targetFor(RELATIVE_REFERENCES.hooks()),
      auth: { kind: 'bearer', token },
      headers: {},
      runId,
      prefix: runPrefix(runId),
      ledgerPath: join(ledgers, `ledger-${runId}.jsonl`),
      timeoutMs: 10_000,
      maxRetries: 2,
      strict: false,
      seed: 1,
    },
  });
  const failures = outcomes.filter((o) => o.verdict === 'failed' && o.level === 'must');
  assert.deepEqual(failures.map((o) => `${o.uri} ${o.name}: ${o.message?.split('\n')[0]}`), []);
});
