import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { RunReport } from '../../reports/index.ts';
import type { ScenarioOutcome } from '../../runner/outcomes.ts';
import { resolveRunOptions } from '../../runner/options.ts';
import { executeRun } from '../../runner/run.ts';
import { Capture } from '../runner/helpers.ts';
import { describeOutcomes, useFaultTarget } from './helpers/fault-target.ts';
import type { FaultHooks } from './proxy.ts';

/**
 * Issue 8 items 7 and 8: a 429 (or 503) is legal on any request (RFC 6585 §4, RFC 7644 §3.12). A server that
 * throttles every 5th request is retried by the one retry policy; when the run's retries are used up, the scenario
 * is the harness's `error` (it could not judge), never the server's failure, in the steps, the simulated IdPs and
 * the setup alike, and in every report. Before the fix P-FILTER-07, P-FILTER-35 and P-PATCH-05 failed as @must.
 */
const SCOPE = '@P-FILTER-07 or @P-FILTER-35 or @P-PATCH-05 or (@X-OKTA-01 and @P-CREATE-01) or (@X-ENTRA-09 and @P-DEL-01)';

/** Answers every `n`th request of the case with 429 and Retry-After: 0 (no wait: nothing depends on the clock). */
function throttleEvery(n: number): FaultHooks & { throttled: () => number } {
  let seen = 0;
  let throttled = 0;
  return {
    throttled: () => throttled,
    request() {
      seen += 1;
      if (seen % n !== 0) return;
      throttled += 1;
      return { status: 429, headers: { 'content-type': 'application/scim+json', 'retry-after': '0' }, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'slow down' } };
    },
  };
}

const byScenario = (outcomes: ScenarioOutcome[]) => Object.fromEntries(outcomes.map((o) => [`${o.uri} ${o.name}`, o.verdict]));

describe('a throttling server (429 with Retry-After on every 5th request)', { timeout: 900_000 }, () => {
  const target = useFaultTarget('throttling-token');

  test('retries used up: every scenario it reaches is a harness error, none is the server\'s failure', async () => {
    const hooks = throttleEvery(5);
    const { outcomes } = await target.run(hooks, SCOPE, { maxRetries: 0 });
    assert.ok(hooks.throttled() > 0);
    assert.deepEqual(describeOutcomes(outcomes.filter((o) => o.verdict === 'failed')), []);
    const errors = outcomes.filter((o) => o.verdict === 'error');
    assert.ok(errors.length > 0, describeOutcomes(outcomes).join('\n'));
    assert.deepEqual(describeOutcomes(errors.filter((o) => !/still answered 429/.test(o.message ?? ''))), [], 'each error names the throttling');
    for (const family of ['features/okta/', 'features/entra/']) {
      assert.ok(outcomes.some((o) => o.uri.startsWith(family)), `the selection holds a simulated IdP (${family})`);
    }
  });

  test('with retries left: the same verdicts as without throttling (the IdPs\' retried answers are not judged)', async () => {
    const plain = await target.run({}, SCOPE, { maxRetries: 2 });
    const hooks = throttleEvery(5);
    const throttled = await target.run(hooks, SCOPE, { maxRetries: 2 });
    assert.ok(hooks.throttled() > 5);
    assert.deepEqual(byScenario(throttled.outcomes), byScenario(plain.outcomes));
    assert.deepEqual(describeOutcomes(plain.outcomes.filter((o) => o.verdict === 'failed' || o.verdict === 'error')), [], 'the baseline is clean');
  });

  test('the console, report.json, JUnit and HTML all show them as harness errors, with the same counts', async () => {
    const reportDir = join(target.ledgers, 'reports');
    const options = resolveRunOptions([{ target: target.targetFor(throttleEvery(5)), token: target.token, profile: 'all', tags: '@P-FILTER-07 or @P-PATCH-05', retries: 0, reportDir }], target.ledgers);
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await executeRun(options, { cwd: target.ledgers, stdout, stderr, tty: false, env: { SCIM_HARNESS_HOME: target.ledgers } });
    const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport;
    const { summary } = report;
    assert.equal(summary.failed, 0, stderr.text);
    assert.ok(summary.errors > 0, stderr.text);
    assert.equal(code, 5, 'exit 5: the run could not judge everything');
    assert.equal(stdout.lines.at(-1), `${summary.passed} passed, 0 failed, ${summary.skipped} skipped${summary.warnings ? `, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}` : ''}, ${summary.errors} error${summary.errors === 1 ? '' : 's'}`);
    assert.equal(stderr.lines.filter((l) => /^HARNESS ERROR \(not the server's failure\)/.test(l)).length, summary.errors);
    const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8');
    assert.equal((junit.match(/<error message="harness error/g) ?? []).length, summary.errors);
    assert.doesNotMatch(junit, /<failure/);
    assert.match(readFileSync(join(reportDir, 'report.html'), 'utf8'), /HARNESS ERROR[\s\S]*still answered 429/);
  });
});
