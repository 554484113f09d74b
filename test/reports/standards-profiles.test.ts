// Verdict cards and run slices of the standards profiles: RFC 9865, the SCIM interop profile, IPSIE AL1-AL3.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INTEROP_OVERRIDES, profileResults } from '../../reports/profiles.ts';
import type { ScenarioResult } from '../../reports/types.ts';
import { profileSlices } from '../../runner/profiles.ts';

const scenario = (over: Partial<ScenarioResult>): ScenarioResult => ({
  id: 'f:1', name: 's', feature: 'f', area: 'a', uri: 'features/rfc/patch.feature', line: 1, verdict: 'passed',
  level: 'must', requirements: ['P-PATCH-01'], idps: [], tags: [], durationMs: 1, warnings: [], ...over,
});

test('the interop run takes its folder, the cursor folder and the RFC areas it relies on, less the rows it overrides', () => {
  const [own, cursors, rfc] = profileSlices('interop', []);
  assert.deepEqual([own.dirs, cursors.dirs, rfc.dirs], [['interop-profile'], ['rfc9865'], ['rfc']]);
  assert.match(rfc.tags!, /@P-PATCH-01 or/);
  assert.match(rfc.tags!, /@P-FILTER-01 or/);
  assert.doesNotMatch(rfc.tags!, /@P-BULK-/);
  assert.match(rfc.tags!, /and not \(@P-PATCH-06 or @P-PATCH-10/);
});

test('IPSIE levels nest: al2 runs the AL1 and AL2 scenarios, al3 all three', () => {
  assert.equal(profileSlices('ipsie-al1', [])[0].tags, '@ipsie-al1');
  assert.equal(profileSlices('ipsie-al2', [])[0].tags, '@ipsie-al1 or @ipsie-al2');
  assert.equal(profileSlices('ipsie-al3', [])[0].tags, '@ipsie-al1 or @ipsie-al2 or @ipsie-al3');
  assert.deepEqual(profileSlices('ipsie-al2', []).map((s) => s.dirs[0]), ['ipsie', 'rfc9865', 'rfc']);
});

test('a target that does not claim the interop profile fails its card in a run that asked for it, and nothing else', () => {
  const scenarios = [
    scenario({ uri: 'features/interop-profile/i.feature', requirements: ['IOP-PATCH-02'], verdict: 'skipped', missingCapability: 'interopProfile' }),
    scenario({ id: 'f:2', requirements: ['P-PATCH-01'] }),
  ];
  for (const runProfile of [undefined, 'interop']) {
    const results = profileResults(scenarios, { complete: true, runProfile });
    assert.equal(results.interop?.verdict, 'fail', `run profile ${runProfile}`);
    assert.notEqual(results.rfc?.verdict, 'fail');
  }
});

test('in a run that did not ask for the interop profile, a target that does not claim it is not run there, with the reason', () => {
  const unclaimed = scenario({ uri: 'features/interop-profile/i.feature', requirements: ['IOP-PATCH-02'], verdict: 'skipped', missingCapability: 'interopProfile' });
  const results = profileResults([unclaimed, scenario({ id: 'f:2', requirements: ['P-PATCH-01'] })], { complete: true, runProfile: 'all' });
  assert.equal(results.interop?.verdict, 'not-run');
  assert.equal(results.interop?.failed, 0);
  assert.equal(results.interop?.skipped, 1);
  assert.match(results.interop?.why ?? '', /does not claim the SCIM interop profile/);
  // A real failure among the relied-on rows still fails the card.
  const failing = profileResults([unclaimed, scenario({ id: 'f:3', requirements: ['P-PATCH-01'], verdict: 'failed' })], { complete: true, runProfile: 'all' });
  assert.equal(failing.interop?.verdict, 'fail');
});

test('an RFC row the interop profile overrides decides the RFC card, never the interop card', () => {
  const results = profileResults([
    scenario({ uri: 'features/interop-profile/i.feature', requirements: ['IOP-PATCH-02'] }),
    scenario({ id: 'f:2', requirements: [INTEROP_OVERRIDES[0]], verdict: 'failed' }),
  ]);
  assert.equal(results.interop?.verdict, 'pass');
  assert.equal(results.rfc?.verdict, 'fail');
});

test('IPSIE cards: an AL2 failure fails AL2 and AL3 but not AL1; cursor scenarios have their own card', () => {
  const results = profileResults([
    scenario({ uri: 'features/ipsie/i.feature', requirements: ['IPS-AL1-01'] }),
    scenario({ id: 'f:2', uri: 'features/ipsie/i.feature', requirements: ['IPS-AL2-08'], verdict: 'failed' }),
    scenario({ id: 'f:3', uri: 'features/ipsie/i.feature', requirements: ['IPS-AL3-01'] }),
    scenario({ id: 'f:4', uri: 'features/rfc9865/c.feature', requirements: ['C-WALK-01'] }),
  ]);
  assert.deepEqual(
    ['ipsie-al1', 'ipsie-al2', 'ipsie-al3', 'rfc9865'].map((n) => results[n as 'rfc9865']?.verdict),
    ['pass', 'fail', 'fail', 'pass'],
  );
});

test('the standards cards are absent from a run that has none of their scenarios', () => {
  const results = profileResults([scenario({})]);
  for (const name of ['rfc9865', 'interop', 'ipsie-al1', 'ipsie-al2', 'ipsie-al3'] as const) assert.equal(results[name], undefined);
});
