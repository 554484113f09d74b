import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { progressReporter } from '../../runner/progress.ts';
import { Capture } from './helpers.ts';

/**
 * The envelopes of `n` scenarios: the `failing` ones with a failed assertion, the `broken` ones with a step that
 * threw something else (a harness error).
 */
function envelopes(n: number, failing: number[] = [], broken: number[] = []): Envelope[] {
  const out: Envelope[] = [];
  for (let i = 1; i <= n; i++) {
    out.push({ pickle: { id: `p${i}`, name: `scenario ${i}`, uri: 'features/f.feature', tags: [{ name: '@must' }], location: { line: i } } } as unknown as Envelope);
    out.push({ testCase: { id: `c${i}`, pickleId: `p${i}` } } as Envelope);
    out.push({ testCaseStarted: { id: `s${i}`, testCaseId: `c${i}` } } as Envelope);
    const status = failing.includes(i) || broken.includes(i) ? 'FAILED' : 'PASSED';
    const exception = failing.includes(i) ? { type: 'AssertionFailure' } : broken.includes(i) ? { type: 'TypeError' } : undefined;
    out.push({ testStepFinished: { testCaseStartedId: `s${i}`, testStepId: `t${i}`, testStepResult: { status, ...(exception ? { exception } : {}) } } } as Envelope);
    out.push({ testCaseFinished: { testCaseStartedId: `s${i}`, willBeRetried: false } } as Envelope);
  }
  return out;
}

test('CI (no terminal): one plain line per tenth of the run, with the failures so far', () => {
  const out = new Capture();
  const p = progressReporter(out, { total: 20, tty: false });
  for (const e of envelopes(20, [3])) p.onEnvelope(e);
  p.finish();
  assert.equal(out.lines.length, 10);
  assert.equal(out.lines[0], 'scim-harness: 2/20 scenarios run, 0 failed');
  assert.equal(out.lines.at(-1), 'scim-harness: 20/20 scenarios run, 1 failed');
  assert.doesNotMatch(out.text, /\x1b/, 'no escape codes in a log');
});

test('a terminal: one live line with the counter and the current scenario, failures printed above it', () => {
  const out = new Capture();
  const p = progressReporter(out, { total: 3, tty: true, columns: 80 });
  for (const e of envelopes(3, [2])) p.onEnvelope(e);
  p.finish();
  assert.match(out.text, /\[0\/3\].*scenario 1/);
  assert.match(out.text, /✗.* scenario 2\n/);
  assert.ok(out.text.endsWith('\r\x1b[2K'), 'the live line is cleared before the summary');
});

test('harness errors and accepted known failures are counted as such, never as failed (the final counts\' rule)', () => {
  const out = new Capture();
  const p = progressReporter(out, { total: 10, tty: false, isKnown: (o) => o.name === 'scenario 4' });
  for (const e of envelopes(10, [3, 4], [7])) p.onEnvelope(e);
  p.finish();
  assert.equal(out.lines.at(-1), 'scim-harness: 10/10 scenarios run, 1 failed, 1 harness error, 1 known');
  const tty = new Capture();
  const live = progressReporter(tty, { total: 10, tty: true, columns: 100, isKnown: (o) => o.name === 'scenario 4' });
  for (const e of envelopes(10, [3, 4], [7])) live.onEnvelope(e);
  assert.match(tty.text, /scenario 7 \(harness error\)\n/);
  assert.match(tty.text, /scenario 4 \(known failure\)\n/);
  assert.match(tty.text, /\[10\/10\] 1 failed 1 error 1 known/);
});
