import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { buildReport, readEnvelopes, type Envelope, type RunMeta } from '../../reports/index.ts';
import { reportHtml } from '../../reports/html.ts';
import { profileResults } from '../../reports/profiles.ts';
import type { ScenarioResult } from '../../reports/types.ts';
import { verdictOf } from '../../reports/verdict.ts';
import { scenarioOutcomes, summaryLine, tally } from '../../runner/outcomes.ts';
import { fixtureMessages } from './fixtures/generate.ts';

/** Issue 8 items 12 and 15: coverage that tells the truth, verdicts and counts that agree everywhere. */

const scenario = (over: Partial<ScenarioResult>): ScenarioResult => ({
  id: 'f:1', name: 's', feature: 'f', area: 'filter', uri: 'features/rfc/filter.feature', line: 1, verdict: 'passed',
  level: 'must', requirements: ['P-FILTER-01'], idps: ['okta'], tags: [], durationMs: 1, warnings: [], ...over,
});
const meta: RunMeta = { target: 'http://127.0.0.1:9/scim/v2', profile: 'all', strict: false, startedAt: '', finishedAt: '', toolVersion: '0.1.0' };

describe('verdict cards never say PASS for what was not all judged', () => {
  test('a run narrowed by --tags or interrupted: partial, not pass', () => {
    assert.equal(profileResults([scenario({})], { complete: false, runProfile: 'all' }).rfc?.verdict, 'partial');
    assert.equal(profileResults([scenario({})], { complete: true, runProfile: 'all' }).rfc?.verdict, 'pass');
  });

  test('a member that ended in a harness error makes the card partial (and the IdP cards that need the RFC MUSTs)', () => {
    const results = profileResults([scenario({}), scenario({ verdict: 'error', idps: [] })], { complete: true, runProfile: 'all' });
    assert.equal(results.rfc?.verdict, 'partial');
    assert.equal(results.rfc?.errors, 1);
    assert.equal(results.okta?.verdict, 'partial');
  });

  test('a failure still fails the card, errors or not', () => {
    const results = profileResults([scenario({ verdict: 'failed' }), scenario({ verdict: 'error' })], { complete: false, runProfile: 'all' });
    assert.equal(results.rfc?.verdict, 'fail');
  });

  test('a card the run profile does not hold in full is partial: --profile rfc runs @okta scenarios but not features/okta', () => {
    const results = profileResults([scenario({})], { complete: true, runProfile: 'rfc' });
    assert.equal(results.rfc?.verdict, 'pass');
    assert.equal(results.okta?.verdict, 'partial');
  });

  test('a card that rests mostly on skips says so', () => {
    const results = profileResults([scenario({}), scenario({ verdict: 'skipped', skipReason: 'x' }), scenario({ verdict: 'skipped', skipReason: 'y' })]);
    assert.equal(results.rfc?.mostlySkipped, true);
    const html = reportHtml(buildReport([], { ...meta, tags: '@x' }));
    assert.match(html, /PARTIAL|NOT RUN/);
    assert.doesNotMatch(html, /data-profile="rfc">\s*<h3>Strict RFC<\/h3>\s*<p class="verdict">✓ PASS/);
  });
});

describe('one rule, one count', () => {
  let envelopes: Envelope[];
  before(async () => (envelopes = readEnvelopes(await fixtureMessages())));

  test('the console tally and report.json count every verdict the same way; warnings are named, not passes', () => {
    const report = buildReport(envelopes, meta);
    const t = tally(scenarioOutcomes(envelopes));
    const s = report.summary;
    assert.deepEqual([t.passed, t.failed, t.skipped, t.warnings, t.errors], [s.passed, s.failed, s.skipped, s.warnings, s.errors]);
    assert.equal(summaryLine(t), `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.warnings} warning, ${s.errors} error`);
    const byName = new Map(report.scenarios.map((r) => [r.name, r.verdict]));
    for (const o of scenarioOutcomes(envelopes)) assert.equal(o.verdict, byName.get(o.name), o.name);
  });

  test('the verdict rule: an assertion fails, anything else broken is an error, an unfinished scenario is an error', () => {
    assert.equal(verdictOf([{ status: 'FAILED', exceptionType: 'Error', asserted: true }], false), 'failed');
    assert.equal(verdictOf([{ status: 'FAILED', exceptionType: 'AssertionFailure', asserted: false }], false), 'failed');
    assert.equal(verdictOf([{ status: 'FAILED', exceptionType: 'TypeError', asserted: false }], false), 'error');
    assert.equal(verdictOf([{ status: 'FAILED', exceptionType: 'StepTimeoutError', asserted: false }], false), 'error');
    assert.equal(verdictOf([{ status: 'UNDEFINED', asserted: false }], false), 'error');
    assert.equal(verdictOf([{ status: 'PASSED', asserted: false }], false, false), 'error');
    assert.equal(verdictOf([{ status: 'PASSED', asserted: false }, { status: 'SKIPPED', asserted: false }], true), 'skipped');
    assert.equal(verdictOf([{ status: 'PASSED', asserted: false }], true), 'warning');
  });
});

describe('coverage separates exercised from only tagged', () => {
  test('a requirement whose scenarios were all skipped is tagged, not exercised; the HTML says which', async () => {
    const report = buildReport(readEnvelopes(await fixtureMessages()), meta, [{ id: 'P-SORT-01', level: 'MUST' }, { id: 'P-FILTER-07', level: 'MUST' }]);
    const sort = report.coverage.find((c) => c.requirementId === 'P-SORT-01');
    assert.deepEqual([sort?.scenarios, sort?.skipped, sort?.exercised], [1, 1, false]);
    assert.equal(report.coverage.find((c) => c.requirementId === 'P-FILTER-07')?.exercised, true);
    const html = reportHtml(report);
    assert.match(html, /1 of 2 MUST\/SHOULD requirements were <strong>exercised<\/strong>.*1 more were only <strong>tagged<\/strong>/s);
    assert.match(html, /<table id="tagged">.*P-SORT-01/s);
  });
});
