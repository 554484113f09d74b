import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { ScenarioOutcome } from '../../runner/outcomes.ts';
import { describeOutcomes as verdicts, isResource, useFaultTarget } from './helpers/fault-target.ts';
import type { FaultHooks, ProxiedRequest } from './proxy.ts';

/**
 * Issue 8 item 7 and its "Done when": time belongs to the run. Every case runs real scenarios in-process through
 * the fault proxy in front of the reference server. Budgets are derived from what each case runs, never from a
 * guess about this machine's speed; no case asserts on how long anything took.
 */

/** Generous per-scenario allowance for the node:test timeouts below (a busy 2-core machine, ~10 requests each). */
const PER_SCENARIO_MS = 60_000;
/** The latency the "Done when" clause names: added to every response. */
const LATENCY_MS = 150;
/**
 * A representative subset for the latency comparison: creation, reads, deletion, filtering, paging, PATCH, ETags,
 * sorting, bulk, and an IdP from each family (Okta, Entra with its soft-delete cycle, PingFederate/ZPA's LDAP
 * connector).
 */
const LATENCY_SCOPE = '@P-CREATE-01 or @P-GET-01 or @P-DEL-01 or @P-FILTER-07 or @P-PAGE-01 or @P-PATCH-01 or @P-ETAG-01 or @P-SORT-01 or @P-BULK-01 or @X-OKTA-01 or @X-ENTRA-09 or @ZPA-01';

const isUserResource = (req: ProxiedRequest) => isResource(req, /^Users$/);

describe('time belongs to the run', { timeout: 30 * PER_SCENARIO_MS }, () => {
  const target = useFaultTarget('timing-test-token');
  const { released } = target;
  const run = async (hooks: FaultHooks, tags: string, settings: { timeoutMs: number; maxRetries: number }): Promise<ScenarioOutcome[]> =>
    (await target.run(hooks, tags, settings)).outcomes;

  test('a response slower than cucumber\'s 5 s default is waited for when --timeout allows it', async () => {
    let slowed = false;
    const hooks: FaultHooks = {
      async request(req) {
        if (slowed || req.method !== 'GET' || !isUserResource(req)) return;
        slowed = true;
        await delay(5_500);
      },
    };
    const outcomes = await run(hooks, '@P-GET-01 and @must', { timeoutMs: 20_000, maxRetries: 0 });
    assert.ok(slowed, 'the slow read happened');
    assert.deepEqual(outcomes.filter((o) => o.verdict !== 'passed' && o.verdict !== 'skipped').map((o) => verdicts([o])[0]), []);
  });

  test('a request that never gets an answer is a harness error (the timeout), never the server\'s failure', async () => {
    const hooks: FaultHooks = {
      async request(req) {
        // Held far beyond --timeout (until the test ends).
        if (req.method === 'GET' && isResource(req)) await delay(600_000, undefined, { signal: released.signal }).catch(() => undefined);
      },
    };
    const outcomes = await run(hooks, '@P-GET-01 and @must', { timeoutMs: 1_000, maxRetries: 0 });
    const judged = outcomes.filter((o) => o.verdict !== 'skipped');
    assert.ok(judged.length > 0);
    assert.deepEqual(judged.filter((o) => o.verdict !== 'error').map((o) => verdicts([o])[0]), []);
    assert.match(judged[0].message ?? '', /no response within 1000 ms/);
  });

  test('one 429 with Retry-After on Entra ID\'s DELETE: Entra retries it in a later cycle and X-ENTRA-09 passes', async () => {
    let throttled = 0;
    const hooks: FaultHooks = {
      request(req) {
        if (throttled || req.method !== 'DELETE' || !isUserResource(req) || !/Azure AD/.test(req.headers['user-agent'] ?? '')) return;
        throttled += 1;
        return { status: 429, headers: { 'content-type': 'application/scim+json', 'retry-after': '1' }, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'slow down' } };
      },
    };
    const outcomes = await run(hooks, '@X-ENTRA-09 and @P-DEL-01', { timeoutMs: 10_000, maxRetries: 2 });
    assert.equal(throttled, 1, 'the DELETE was throttled once');
    assert.deepEqual(outcomes.filter((o) => o.verdict !== 'passed').map((o) => verdicts([o])[0]), []);
  });

  test(`done when: ${LATENCY_MS} ms added to every response gives the same verdict per scenario`, async () => {
    const settings = { timeoutMs: 10_000, maxRetries: 2 };
    const plain = await run({}, LATENCY_SCOPE, settings);
    const slow = await run({ response: async () => void (await delay(LATENCY_MS)) }, LATENCY_SCOPE, settings);
    assert.ok(plain.length >= 20, `a representative subset (${plain.length} scenarios)`);
    const byScenario = (outcomes: ScenarioOutcome[]) => Object.fromEntries(outcomes.map((o) => [`${o.uri} ${o.name}`, o.verdict]));
    assert.deepEqual(byScenario(slow), byScenario(plain));
    assert.deepEqual(plain.filter((o) => o.verdict === 'failed' || o.verdict === 'error').map((o) => verdicts([o])[0]), [], 'the baseline itself is clean');
  });
});
