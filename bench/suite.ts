// Wall time of the whole suite (profile "all") against the in-process reference server, with 1 and 2 cucumber
// workers, N runs each. Prints figures; it is not a test. Usage: node --import tsx bench/suite.ts [N]
// The target from issue 3 is ≤ 20 s per run on the project's 2-core machine.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../reference-server/index.ts';
import { runScenarios } from '../runner/cucumber-run.ts';
import { summaryLine, tally } from '../runner/outcomes.ts';
import { planScenarios } from '../runner/plan.ts';
import { listFeatureDirs, profileSlices } from '../runner/profiles.ts';
import { PROJECT_ROOT } from '../runner/run.ts';
import { newRunId, runPrefix } from '../steps/parameters.ts';

const runs = Number(process.argv[2] ?? 3);
const token = randomBytes(16).toString('hex');
const adminToken = randomBytes(16).toString('hex');
// As `npm start` does: the admin API serves the vendor scenarios' preconditions, so none of them is skipped.
const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token, adminToken, onError: () => undefined });
const ledgers = mkdtempSync(join(tmpdir(), 'shx-bench-'));
const plan = await planScenarios(PROJECT_ROOT, 'features', profileSlices('all', listFeatureDirs(join(PROJECT_ROOT, 'features'))));
console.log(`${plan.count} scenarios (profile all), ${runs} run(s) per setting`);

try {
  for (const parallel of [1, 2]) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const runId = newRunId();
      const started = performance.now();
      const { outcomes } = await runScenarios({
        projectRoot: PROJECT_ROOT,
        paths: plan.paths,
        parallel,
        parameters: {
          target: server.url,
          auth: { kind: 'bearer', token },
          headers: {},
          runId,
          prefix: runPrefix(runId),
          ledgerPath: join(ledgers, `ledger-${runId}.jsonl`),
          timeoutMs: 10_000,
          maxRetries: 3,
          strict: false,
          seed: 1,
          setup: { kind: 'reference-admin', url: server.adminUrl!, token: adminToken },
        },
      });
      times.push((performance.now() - started) / 1000);
      const t = tally(outcomes);
      console.log(`  parallel ${parallel}, run ${i + 1}: ${times.at(-1)!.toFixed(2)} s (${summaryLine(t)})`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`parallel ${parallel}: median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} s, min ${sorted[0].toFixed(2)} s, max ${sorted.at(-1)!.toFixed(2)} s`);
  }
} finally {
  await server.close();
  rmSync(ledgers, { recursive: true, force: true });
}
