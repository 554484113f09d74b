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

test('Entra-ready says "only with the aadOptscim062020 flag" when the legacy dialect was refused, instead of counting skips', () => {
  const results = profileResults([
    scenario({ idps: ['entra'], uri: 'features/entra/users.feature', requirements: ['X-ENTRA-01'], verdict: 'skipped', skipReason: 'legacy PATCH refused', conditions: ['aadOptscim062020'] }),
    scenario({ id: 'f:2', idps: ['entra'], uri: 'features/interop/entra.feature', requirements: ['X-ENTRA-02'], verdict: 'warning', conditions: ['aadOptscim062020'] }),
    scenario({ id: 'f:3', idps: ['entra'], requirements: ['P-GET-01'] }),
  ]);
  assert.equal(results.entra?.verdict, 'pass');
  assert.equal(results.entra?.condition, 'only with the aadOptscim062020 flag');
  assert.equal(results.entra?.conditional, 2);
  assert.equal(results.entra?.skipped, 0);
  assert.equal(results.entra?.passed, 2);
  // Other profiles know no such condition.
  assert.equal(results.rfc?.condition, undefined);
});

test('Entra-ready carries no condition when the server took the legacy dialect', () => {
  const results = profileResults([scenario({ idps: ['entra'], requirements: ['X-ENTRA-01'] })]);
  assert.equal(results.entra?.verdict, 'pass');
  assert.equal(results.entra?.condition, undefined);
});
