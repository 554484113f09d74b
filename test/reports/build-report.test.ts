import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, readEnvelopes, type Envelope, type RunMeta, type RunReport } from '../../reports/index.ts';
import { reportHtml } from '../../reports/html.ts';
import { fixtureMessages } from './fixtures/generate.ts';

const meta: RunMeta = { target: 'http://127.0.0.1:9/scim/v2', profile: 'rfc', strict: false, startedAt: '2026-11-23T10:00:00Z', finishedAt: '2026-11-23T10:00:03Z', toolVersion: '0.1.0' };

describe('buildReport from a real cucumber message stream', () => {
  let envelopes: Envelope[];
  let report: RunReport;
  const scenario = (name: string) => report.scenarios.find((s) => s.name === name)!;

  before(async () => {
    envelopes = readEnvelopes(await fixtureMessages());
    report = buildReport(envelopes, meta);
  });

  test('a passing scenario carries its tags, level, IDs, IdPs and area', () => {
    const s = scenario('equality filter returns only the matching user');
    assert.equal(s.verdict, 'passed');
    assert.equal(s.level, 'must');
    assert.deepEqual(s.requirements, ['P-FILTER-01']);
    assert.deepEqual(s.idps, ['okta', 'entra', 'ping']);
    assert.equal(s.area, 'filter');
    assert.equal(s.feature, 'Filtering');
    assert.equal(s.id, 'features/rfc/filter.feature:4');
    assert.equal(scenario('page walks keep the same order').area, 'okta');
  });

  test('a failed scenario has the failing step, the assertion and the exchanges', () => {
    const s = scenario('userName equality is case-insensitive');
    assert.equal(s.verdict, 'failed');
    assert.equal(s.failure?.step, 'Then the list holds exactly that user');
    assert.equal(s.failure?.message, 'expected 1 resource with userName "bjensen", got 0');
    assert.equal(s.failure?.expected, 1);
    assert.equal(s.failure?.actual, 0);
    assert.equal(s.failure?.exchanges.length, 1);
    assert.equal(s.failure?.exchanges[0].request.method, 'GET');
  });

  test('an assertion error without an assertion attachment fails and keeps its message; an undefined step is a harness error', () => {
    assert.equal(scenario('responses are labelled application/scim+json').verdict, 'failed');
    assert.match(scenario('responses are labelled application/scim+json').failure!.message, /^Content-Type was/);
    const undefinedStep = scenario('binary values round-trip');
    assert.equal(undefinedStep.verdict, 'error');
    assert.equal(undefinedStep.failure?.step, 'Given a step nobody defined');
    assert.match(undefinedStep.failure!.message, /undefined step/);
  });

  test('skipped with the reason attached, warning with its message', () => {
    const skipped = scenario('sortBy orders the results');
    assert.equal(skipped.verdict, 'skipped');
    assert.equal(skipped.skipReason, 'sort.supported is false in /ServiceProviderConfig');
    const warned = scenario('PUT that duplicates a userName is refused');
    assert.equal(warned.verdict, 'warning');
    assert.deepEqual(warned.warnings, ['PUT uniqueness answered 400 instead of 409 (legal, §22 A1)']);
  });

  test('summary counts are disjoint and split failures by level', () => {
    assert.deepEqual(report.summary, { passed: 2, failed: 2, skipped: 1, warnings: 1, errors: 1, known: 0, mustFailed: 1, shouldFailed: 1, mayFailed: 0, total: 7 });
  });

  test('profile verdicts: RFC and Okta fail on their own MUST, Entra and Ping because RFC failed; no vendors', () => {
    assert.deepEqual(report.profiles.rfc, { verdict: 'fail', failed: 1, skipped: 1, passed: 2, errors: 0, mostlySkipped: false });
    assert.deepEqual(report.profiles.okta, { verdict: 'fail', failed: 1, skipped: 0, passed: 1, errors: 0, mostlySkipped: false });
    assert.equal(report.profiles.entra?.verdict, 'fail');
    assert.equal(report.profiles.entra?.failed, 0);
    assert.equal(report.profiles.vendors, undefined);
  });

  test('coverage follows the catalogue given, flags unknown IDs and lists uncovered MUST/SHOULD', () => {
    const catalogue = [
      { id: 'P-FILTER-07', level: 'MUST†' }, { id: 'P-PAGE-01', level: 'MUST' }, { id: 'P-GET-09', level: 'MAY' },
      { id: 'P-HTTP-03', level: 'SHOULD' },
    ];
    const r = buildReport(envelopes, meta, catalogue);
    assert.deepEqual(r.coverage[0], { requirementId: 'P-FILTER-07', level: 'MUST†', scenarios: 1, passed: 0, failed: 1, known: 0, skipped: 0, errors: 0, exercised: true });
    assert.deepEqual(r.uncovered, ['P-PAGE-01', 'P-HTTP-03']);
    assert.equal(r.coverage.find((c) => c.requirementId === 'P-SORT-01')?.level, 'unknown');
  });

  test('an accepted known failure counts as known in the requirement coverage, not as failed', () => {
    const failing = report.scenarios.find((s) => s.verdict === 'failed' && s.requirements.includes('P-FILTER-07'))!;
    const known = { id: 'P-FILTER-07', reason: 'TICKET-3', expired: false };
    const gate = { report: { failOn: 'any' as const, reasons: [] }, notes: { [`${failing.uri}:${failing.line}`]: { known } } };
    const r = buildReport(envelopes, meta, [{ id: 'P-FILTER-07', level: 'MUST†' }], gate);
    assert.deepEqual(r.coverage[0], { requirementId: 'P-FILTER-07', level: 'MUST†', scenarios: 1, passed: 0, failed: 0, known: 1, skipped: 0, errors: 0, exercised: true });
    const row = /<tr><td class="([^"]*)">P-FILTER-07<\/td>(.*?)<\/tr>/.exec(reportHtml(r));
    assert.equal(row?.[1], 'known');
    // Scenarios, Passed, Failed, Known, Skipped, Errors.
    assert.deepEqual([...row![2].matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1])), [1, 0, 0, 1, 0, 0]);
    // Expired: it fails the run again, and the table says failed.
    const expired = buildReport(envelopes, meta, [{ id: 'P-FILTER-07', level: 'MUST†' }], { ...gate, notes: { [`${failing.uri}:${failing.line}`]: { known: { ...known, expired: true } } } });
    assert.equal(expired.coverage[0].failed, 1);
    assert.equal(expired.coverage[0].known, 0);
  });

  test('the bundled catalogue is used by default', () => {
    assert.equal(report.coverage.find((c) => c.requirementId === 'P-FILTER-07')?.level, 'MUST†');
    assert.ok(report.uncovered.includes('P-CREATE-01'));
    assert.ok(!report.uncovered.includes('P-FILTER-07'));
    assert.ok(!report.uncovered.includes('PRV-01'), 'vendor behaviours have no RFC level');
  });

  test('a scenario cut off mid-run (the stream ends after it started) is a harness error, not a failure', () => {
    const cut = envelopes.slice(0, envelopes.findIndex((e) => e.testCaseStarted) + 1);
    const [interrupted] = buildReport(cut, meta).scenarios;
    assert.equal(interrupted.verdict, 'error');
    assert.match(interrupted.failure!.message, /did not finish/);
  });
});
