import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compareWithBaseline, identities, loadBaseline, type Baseline } from '../../runner/baseline.ts';
import { EXIT, RunnerError } from '../../runner/exit-codes.ts';
import { applyGate } from '../../runner/gate.ts';
import { checkKnownIds, loadKnownFailures } from '../../runner/known-failures.ts';
import type { ScenarioOutcome } from '../../runner/outcomes.ts';

const dir = mkdtempSync(join(tmpdir(), 'shx-gate-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return name;
};
const usage = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (err: unknown) => err instanceof RunnerError && err.exitCode === EXIT.usage && pattern.test(err.message));

const outcome = (name: string, verdict: ScenarioOutcome['verdict'], extra: Partial<ScenarioOutcome> = {}): ScenarioOutcome => ({
  pickleId: name, name, uri: 'features/rfc/x.feature', line: 1, tags: [], requirements: [], level: 'must', verdict, ...extra,
});

describe('known-failures file', () => {
  test('YAML and JSON, a bare list or {knownFailures}, dates as YYYY-MM-DD', () => {
    const yaml = loadKnownFailures(dir, file('k.yaml', '- id: P-GET-02\n  reason: ticket 1\n  until: 2027-01-31\n- id: "a scenario name"\n  reason: r\n'));
    assert.deepEqual(yaml.entries, [{ id: 'P-GET-02', reason: 'ticket 1', until: '2027-01-31' }, { id: 'a scenario name', reason: 'r' }]);
    const json = loadKnownFailures(dir, file('k.json', JSON.stringify({ knownFailures: [{ id: 'features/rfc/x.feature:3', reason: 'r' }] })));
    assert.deepEqual(json.entries, [{ id: 'features/rfc/x.feature:3', reason: 'r' }]);
  });

  test('every mistake is a usage error naming the entry', () => {
    usage(() => loadKnownFailures(dir, 'missing.yaml'), /not found/);
    usage(() => loadKnownFailures(dir, file('a.yaml', 'id: x')), /must hold a list/);
    usage(() => loadKnownFailures(dir, file('b.yaml', '- id: P-GET-02\n')), /entry 1 \(P-GET-02\): a "reason" is required/);
    usage(() => loadKnownFailures(dir, file('c.yaml', '- id: P-GET-02\n  reason: r\n  untill: 2027-01-01\n')), /unknown key\(s\) untill/);
    usage(() => loadKnownFailures(dir, file('d.yaml', '- id: P-GET-02\n  reason: r\n  until: next year\n')), /"until" must be a date/);
    usage(() => loadKnownFailures(dir, file('e.yaml', '- {id: A-1, reason: r}\n- {id: A-1, reason: s}\n')), /listed twice/);
    usage(() => loadKnownFailures(dir, file('f.yaml', '- [unclosed\n')), /neither YAML nor JSON/);
  });

  test('ids must name a requirement, a scenario name or a scenario location of the suite', () => {
    const list = loadKnownFailures(dir, file('g.yaml', '- {id: P-GET-02, reason: r}\n- {id: P-NOPE-1, reason: r}\n- {id: "no such scenario", reason: r}\n'));
    const suite = { requirementIds: new Set(['P-GET-02']), scenarioNames: new Set(['x']), locations: new Set(['features/rfc/x.feature:3']) };
    usage(() => checkKnownIds(list, suite), /unknown id\(s\) "P-NOPE-1", "no such scenario"/);
  });
});

describe('applyGate', () => {
  const known = { path: '/k.yaml', entries: [{ id: 'P-GET-02', reason: 'accepted', until: '2027-01-31' }] };
  const today = '2027-01-31';

  test('a listed failure is known and passes the run, on its last day included; unlisted failures still fail it', () => {
    const g = applyGate({ outcomes: [outcome('a', 'failed', { requirements: ['P-GET-02'] })], strict: false, failOn: 'any', known, today });
    assert.equal(g.outcomes[0].verdict, 'known');
    assert.equal(g.exitCode, EXIT.ok);
    assert.equal(g.knownFailures?.entries[0].status, 'known');
    const other = applyGate({ outcomes: [outcome('a', 'failed', { requirements: ['P-GET-02'] }), outcome('b', 'failed', { line: 2 })], strict: false, failOn: 'any', known, today });
    assert.equal(other.exitCode, EXIT.failed);
  });

  test('after its date the failure counts again; when its scenarios pass the entry itself fails the run', () => {
    const late = applyGate({ outcomes: [outcome('a', 'failed', { requirements: ['P-GET-02'], level: 'may' })], strict: false, failOn: 'any', known, today: '2027-02-01' });
    assert.equal(late.outcomes[0].verdict, 'failed');
    assert.equal(late.exitCode, EXIT.failed, 'an expired entry fails the run even on a @may scenario');
    assert.match(late.reasons.join('\n'), /expired on 2027-01-31/);
    const passing = applyGate({ outcomes: [outcome('a', 'passed', { requirements: ['P-GET-02'] })], strict: false, failOn: 'any', known, today });
    assert.equal(passing.knownFailures?.entries[0].status, 'now-passing');
    assert.equal(passing.exitCode, EXIT.failed);
    const skipped = applyGate({ outcomes: [outcome('a', 'skipped', { requirements: ['P-GET-02'] })], strict: false, failOn: 'any', known, today });
    assert.equal(skipped.knownFailures?.entries[0].status, 'not-run');
    assert.equal(skipped.exitCode, EXIT.ok);
  });

  test('--fail-on new: only failures the baseline did not have fail the run', () => {
    const baseline: Baseline = { path: '/b.json', scenarios: [
      { id: 'x:1', name: 'old failure', uri: 'features/rfc/x.feature', line: 1, requirements: ['P-A-1'], verdict: 'failed' },
      { id: 'x:2', name: 'was fine', uri: 'features/rfc/x.feature', line: 2, requirements: ['P-A-2'], verdict: 'passed' },
    ] };
    const outcomes = [outcome('old failure', 'failed', { requirements: ['P-A-1'] })];
    assert.equal(applyGate({ outcomes, strict: false, failOn: 'new', baseline, today }).exitCode, EXIT.ok);
    assert.equal(applyGate({ outcomes, strict: false, failOn: 'any', baseline, today }).exitCode, EXIT.failed);
    const regressed = applyGate({ outcomes: [...outcomes, outcome('was fine', 'failed', { requirements: ['P-A-2'], line: 9 })], strict: false, failOn: 'new', baseline, today });
    assert.equal(regressed.exitCode, EXIT.failed);
    assert.deepEqual({ n: regressed.baseline?.newFailures, f: regressed.baseline?.fixed }, { n: 1, f: 0 });
  });
});

describe('baseline comparison', () => {
  test('matches by requirement IDs + name across line moves and files; outline rows by order; reports the unmatched', () => {
    const baseline: Baseline = { path: '/b.json', scenarios: [
      { id: 'a:3', name: 'row', uri: 'features/rfc/a.feature', line: 3, requirements: ['P-X-1'], verdict: 'failed' },
      { id: 'a:4', name: 'row', uri: 'features/rfc/a.feature', line: 4, requirements: ['P-X-1'], verdict: 'passed' },
      { id: 'a:9', name: 'gone', uri: 'features/rfc/a.feature', line: 9, requirements: ['P-X-2'], verdict: 'passed' },
    ] };
    const current = [
      { name: 'row', uri: 'features/rfc/b.feature', line: 14, requirements: ['P-X-1'], verdict: 'failed' }, // second row: regressed
      { name: 'row', uri: 'features/rfc/b.feature', line: 13, requirements: ['P-X-1'], verdict: 'passed' }, // first row: fixed
      { name: 'brand new', uri: 'features/rfc/b.feature', line: 20, requirements: [], verdict: 'failed' },
    ];
    assert.deepEqual(identities(current), ['P-X-1|row#2', 'P-X-1|row', '|brand new']);
    const c = compareWithBaseline(current, baseline);
    assert.deepEqual(c.changes, ['new-failure', 'fixed', 'new-failure']);
    assert.deepEqual(c.matched, [true, true, false]);
    assert.deepEqual(c.unmatched.map((u) => u.name), ['gone']);
  });

  test('a baseline that is not a report is a usage error', () => {
    usage(() => loadBaseline(dir, file('not-report.json', '{"hello": 1}')), /not a scim-harness report\.json/);
    usage(() => loadBaseline(dir, 'nope.json'), /baseline report not found/);
  });
});
