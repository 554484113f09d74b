import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import type { ScenarioOutcome } from '../../runner/outcomes.ts';
import { FAULTS, LEGAL_VARIATIONS } from './catalogue.ts';
import { useFaultTarget } from './helpers/fault-target.ts';
import type { FaultHooks } from './proxy.ts';

/**
 * The suite catches faults: each catalogued broken server, put in front of the reference server by the
 * proxy, must make at least one of the scenarios named for it fail, and each legal variation must not make
 * any @must scenario fail. One reference server and one proxy serve every case (a URL prefix per case);
 * cucumber runs in-process (the runner reuses the loaded step definitions), so a case costs only its scenarios.
 */
/** A case runs a few dozen scenarios in-process; on a shared 2-core machine that can take tens of seconds each. */
const CASE_BUDGET_MS = 20_000;

describe('fault catalogue', { timeout: 60_000 + CASE_BUDGET_MS * (FAULTS.length + LEGAL_VARIATIONS.length) }, () => {
  const target = useFaultTarget('fault-test-token');
  /** Scenarios that already fail against the unmodified server: they cannot prove that a fault was caught. */
  const failingAtBaseline = new Set<string>();
  const key = (o: ScenarioOutcome) => `${o.uri}\n${o.name}`;

  /** Runs the scenarios matching `tags` through the proxy with `hooks`; undefined when no scenario has those tags. */
  const runCase = async (hooks: FaultHooks, tags: string): Promise<ScenarioOutcome[] | undefined> =>
    (await target.run(hooks, tags, { timeoutMs: 5_000 }, true))?.outcomes;

  const describeOutcomes = (outcomes: ScenarioOutcome[]) => outcomes.map((o) => `${o.verdict} ${o.uri} ${o.name} ${o.tags.join(' ')}`).join('\n');

  test('baseline: the catalogued scenarios pass against the unmodified reference server', async () => {
    const everyTag = [...new Set([...FAULTS.flatMap((f) => f.caughtBy), ...LEGAL_VARIATIONS.map((v) => `(${v.scope})`)])].join(' or ');
    const outcomes = (await runCase({}, everyTag)) ?? [];
    for (const o of outcomes.filter((o) => o.verdict === 'failed')) failingAtBaseline.add(key(o));
    assert.deepEqual(outcomes.filter((o) => o.verdict === 'failed').map((o) => `${o.uri} ${o.name}: ${o.message?.split('\n')[0]}`), []);
  });

  for (const fault of FAULTS) {
    test(`fault caught: ${fault.name}`, async (t: TestContext) => {
      const outcomes = await runCase(fault.hooks(), fault.caughtBy.join(' or '));
      if (!outcomes) return t.skip(`no scenario tagged ${fault.caughtBy.join(' / ')} exists yet`);
      const caught = outcomes.filter((o) => o.verdict === 'failed' && !failingAtBaseline.has(key(o)) && o.tags.some((tag) => fault.caughtBy.includes(tag)));
      assert.ok(caught.length > 0, `no scenario tagged ${fault.caughtBy.join(' / ')} failed:\n${describeOutcomes(outcomes)}`);
    });
  }

  for (const variation of LEGAL_VARIATIONS) {
    test(`legal variation accepted: ${variation.name}`, async (t: TestContext) => {
      const outcomes = await runCase(variation.hooks(), variation.scope);
      if (!outcomes) return t.skip(`no scenario matches ${variation.scope} yet`);
      const rfcId = (o: ScenarioOutcome) => o.tags.some((tag) => /^@[PS]-[A-Z]+-\d+$/.test(tag));
      const levels: string[] = variation.levels ?? ['must'];
      const mustFailures = outcomes.filter((o) => o.verdict === 'failed' && (levels.includes(o.level) || (variation.noRfcFailures && rfcId(o))) && !failingAtBaseline.has(key(o)));
      assert.deepEqual(mustFailures.map((o) => `${o.uri} ${o.name}: ${o.message?.split('\n')[0]}`), []);
    });
  }
});
