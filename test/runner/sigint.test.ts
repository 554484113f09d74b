import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { RunReport } from '../../reports/index.ts';
import { ledgerDirFor } from '../../runner/ledgers.ts';
import { summaryLine } from '../../runner/outcomes.ts';
import { pendingResources, unresolvedIntents } from '../../steps/ledger.ts';
import { isResource, segments, useFaultTarget } from '../faults/helpers/fault-target.ts';
import type { FaultHooks } from '../faults/proxy.ts';
import { spawnCli, until } from './helpers.ts';

/**
 * Ctrl-C (issue 8 items 15 and 16): the scenarios still running are stopped before the cleanup starts (no step runs
 * underneath it), a scenario cut short is a harness `error`, never the server's failure, the console counts what
 * report.json counts, and nothing of the run is left on the server. Each case runs the CLI as a user would and
 * sends SIGINT to the harness's process only (its workers do not get it, as when CI or `kill` stops a run).
 */
describe('SIGINT', { timeout: 900_000 }, () => {
  const target = useFaultTarget('sigint-token');
  const home = () => mkdtempSync(join(target.ledgers, 'home-'));
  /** The run's ledger in `cwd`'s harness home once `ready` holds for its text. */
  const ledgerOf = (url: string, cwd: string, ready: (text: string) => boolean = () => true) => {
    const dir = ledgerDirFor(url, { SCIM_HARNESS_HOME: cwd });
    const name = existsSync(dir) ? readdirSync(dir).find((f) => /^ledger-.+\.jsonl$/.test(f)) : undefined;
    return name && ready(readFileSync(join(dir, name), 'utf8')) ? join(dir, name) : undefined;
  };
  const prefixOf = (ledger: string) => `shx-${/ledger-(.+)\.jsonl$/.exec(ledger)![1]}-`;

  test('mid-run: the ledger is drained on the server and kept for one more sweep, partial reports written, exit 130', async () => {
    const cwd = home();
    const url = target.targetFor({});
    const cli = spawnCli(['run', '--target', url, '--token', target.token, '--parallel', '1', '--report-dir', 'out'], cwd);
    const ledger = await until(() => ledgerOf(url, cwd, (text) => text.includes('"createdAt"')), 'the run to create a resource');
    cli.child.kill('SIGINT');

    assert.equal(await cli.exited, 130, cli.stderr);
    assert.match(cli.stderr, /interrupted: stopping the running scenarios, then deleting what this run created/);
    // Drained, and kept: a create still in flight may land after the run's cleanup, so `cleanup` sweeps once more.
    assert.deepEqual([pendingResources(ledger), unresolvedIntents(ledger)], [[], []], cli.stderr);
    assert.match(cli.stderr, /is kept: `scim-harness cleanup`/);
    assert.ok(existsSync(join(cwd, 'out', 'report.json')), 'partial reports are written');
    assert.equal(await target.leftBehind(prefixOf(ledger)), 0, 'the run left resources on the server');
  });

  for (const workers of [1, 2]) {
    test(`a scenario waiting out a Retry-After (${workers} worker(s)) is stopped before the cleanup: an error, not a failure; console and report.json agree`, async () => {
      const cwd = home();
      // The first read of a created resource is answered 429 with Retry-After: the scenario is mid-way, waiting,
      // when the interrupt comes. Every later request for that resource is logged, to see what came after its DELETE.
      let throttledPath: string | undefined;
      const after: string[] = [];
      let deleted = false;
      const hooks: FaultHooks = {
        request(req) {
          if (!isResource(req)) return;
          const path = segments(req).slice(-2).join('/');
          if (path === throttledPath) {
            if (deleted) after.push(`${req.method} ${path}`);
            if (req.method === 'DELETE') deleted = true;
          }
          if (throttledPath || req.method !== 'GET') return;
          throttledPath = path;
          return { status: 429, headers: { 'content-type': 'application/scim+json', 'retry-after': '10' }, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429' } };
        },
      };
      const url = target.targetFor(hooks);
      const cli = spawnCli(['run', '--target', url, '--token', target.token, '--profile', 'rfc', '--tags', '@P-GET-01', '--parallel', String(workers), '--timeout', '2000', '--report-dir', 'out'], cwd);
      await until(() => throttledPath, 'a scenario to be throttled');
      cli.child.kill('SIGINT');

      assert.equal(await cli.exited, 130, cli.stderr);
      assert.ok(deleted, `the run's cleanup deleted the resource of the cut-short scenario:\n${cli.stderr}`);
      assert.deepEqual(after, [], 'nothing of the cut-short scenario reached the server after the cleanup deleted its resource');
      const report = JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')) as RunReport;
      const cut = report.scenarios.find((s) => s.name === (throttledPath!.startsWith('Users/') ? 'GET on a known user returns it' : 'GET on a known group returns it'));
      assert.equal(cut?.verdict, 'error', JSON.stringify(cut));
      assert.deepEqual(report.scenarios.filter((s) => s.verdict === 'failed').map((s) => `${s.name}: ${s.failure?.message}`), []);
      assert.equal(cli.stdout.trim().split('\n').at(-1), summaryLine(report.summary), 'the console counts what report.json counts');
      assert.match(cli.stderr, /HARNESS ERROR \(not the server's failure\) P-GET-01 "GET on a known (user|group) returns it"/);
      const ledger = ledgerOf(url, cwd);
      assert.ok(ledger, 'the interrupted run keeps its ledger');
      assert.equal(await target.leftBehind(prefixOf(ledger)), 0, 'the run left resources on the server');
    });
  }
});
