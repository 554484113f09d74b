import assert from 'node:assert/strict';
import { test } from 'node:test';
import { profileResults } from '../../reports/profiles.ts';
import type { ScenarioResult } from '../../reports/types.ts';

const scenario = (over: Partial<ScenarioResult>): ScenarioResult => ({
  id: 'f:1', name: 's', feature: 'f', area: 'filter', uri: 'features/rfc/filter.feature', line: 1, verdict: 'passed',
  level: 'must', requirements: ['P-FILTER-01'], idps: ['okta'], tags: [], durationMs: 1, warnings: [], ...over,
});

test('an IdP profile fails when the server says it lacks filtering, which the IdP cannot do without (A20)', () => {
  const results = profileResults([
    scenario({ verdict: 'skipped', skipReason: 'ServiceProviderConfig says filter.supported = false', missingCapability: 'filter' }),
    scenario({ id: 'f:2', requirements: ['P-GET-01'] }),
  ]);
  assert.equal(results.okta?.verdict, 'fail');
  assert.equal(results.okta?.failed, 1);
  // Strict RFC: filtering is optional, so the skip stays a skip there.
  assert.equal(results.rfc?.verdict, 'pass');
  assert.equal(results.rfc?.skipped, 1);
});

test('a skip for an optional capability the IdP does not need stays a skip', () => {
  const results = profileResults([
    scenario({ verdict: 'skipped', skipReason: 'ServiceProviderConfig says bulk.supported = false', missingCapability: 'bulk' }),
    scenario({ id: 'f:2' }),
  ]);
  assert.equal(results.okta?.verdict, 'pass');
  assert.equal(results.okta?.skipped, 1);
});

test('an IdP scenario that also names an RFC row does not decide the strict RFC verdict', () => {
  const results = profileResults([
    scenario({ uri: 'features/okta/groups.feature', requirements: ['X-OKTA-03', 'P-PATCH-17'], verdict: 'failed' }),
    scenario({ id: 'f:2', requirements: ['P-GET-01'] }),
  ]);
  assert.equal(results.rfc?.verdict, 'pass');
  assert.equal(results.okta?.verdict, 'fail');
});
