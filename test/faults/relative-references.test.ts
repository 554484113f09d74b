import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RELATIVE_REFERENCES } from './catalogue.ts';
import { useFaultTarget } from './helpers/fault-target.ts';

/**
 * Issue 8 item 1: a server whose references are all relative (legal, RFC 7643 §2.3.7) passes every @must scenario.
 * Before the fix, the body validator rejected "Users/42" as "not a uri" in nearly every scenario, and followed
 * references were concatenated onto the service root.
 */
const target = useFaultTarget('relative-references-token');

// Budget: the whole @must slice once, on a loaded 2-core machine; derived from the peer run (~45 s for 510 scenarios), x10.
test(`legal variation accepted: ${RELATIVE_REFERENCES.name}`, { timeout: 600_000 }, async () => {
  const plan = await target.plan(RELATIVE_REFERENCES.scope);
  assert.ok(plan.count > 100, `expected the @must slice, got ${plan.count} scenarios`);
  const { outcomes } = await target.run(RELATIVE_REFERENCES.hooks(), RELATIVE_REFERENCES.scope);
  const failures = outcomes.filter((o) => o.verdict === 'failed' && o.level === 'must');
  assert.deepEqual(failures.map((o) => `${o.uri} ${o.name}: ${o.message?.split('\n')[0]}`), []);
});
