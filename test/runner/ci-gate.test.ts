/**
 * Issue 13's "done when", end to end through executeRun and the real suite: a server with one known failure
 * (injected by the fault proxy in front of the reference server) exits 0 and shows it as known in the console
 * and all three reports; the same run after the server regresses on another scenario exits 1 naming only that one.
 * A small tag selection keeps it fast.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { resolveRunOptions, type RawSettings } from '../../runner/options.ts';
import { executeRun } from '../../runner/run.ts';
import type { RunReport } from '../../reports/index.ts';
import { FAULTS } from '../faults/catalogue.ts';
import { useFaultTarget } from '../faults/helpers/fault-target.ts';
import type { FaultHooks } from '../faults/proxy.ts';
import { Capture } from './helpers.ts';

const TAGS = '@P-GET-02 or @P-DEL-01';
const KNOWN = 'GET on an unknown id is a 404 SCIM error'; // retrieve.feature, @P-GET-02
const REGRESSED = 'a successful DELETE answers 204 with no body'; // delete.feature, @P-DEL-01

const fault = (name: string) => {
  const f = FAULTS.find((x) => x.name === name);
  assert.ok(f, `fault "${name}" is in the catalogue`);
  return f.hooks();
};
/** Both faults at once: each response hook sees the previous one's answer. */
const both = (a: FaultHooks, b: FaultHooks): FaultHooks => ({
  response: async (res, req) => {
    const first = (await a.response?.(res, req)) ?? res;
    return (await b.response?.(first, req)) ?? first;
  },
});

describe('CI gate end to end (known failures, baseline, --fail-on new, step summary)', { timeout: 600_000 }, () => {
  const target = useFaultTarget('ci-gate-token');
  const work = mkdtempSync(join(tmpdir(), 'shx-ci-gate-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  async function run(hooks: FaultHooks, settings: RawSettings, name: string, io: { now?: Date; env?: Record<string, string> } = {}) {
    const stdout = new Capture();
    const stderr = new Capture();
    const options = resolveRunOptions([{ target: target.targetFor(hooks), token: target.token, profile: 'rfc', tags: TAGS, reportDir: join(work, name), ...settings }], work);
    const code = await executeRun(options, { cwd: work, stdout, stderr, tty: false, env: io.env ?? {}, ...(io.now ? { now: () => io.now! } : {}) });
    const report = () => JSON.parse(readFileSync(join(options.reportDir, 'report.json'), 'utf8')) as RunReport;
    const file = (f: string) => readFileSync(join(options.reportDir, f), 'utf8');
    return { code, stdout, stderr, report, file };
  }

  const knownFile = join(work, 'known-failures.yaml');
  writeFileSync(knownFile, ['# accepted gaps of our staging server', '- id: P-GET-02', '  reason: "TICKET-12: unknown ids answer 400 until the router is replaced"', '  until: 2099-12-31', ''].join('\n'));
  const summaryFile = join(work, 'step-summary.md');

  test('one known failure: exit 0, shown as known with its reason in the console and all three reports', async () => {
    const r = await run(fault('unknown id answers 400 instead of 404'), { knownFailures: knownFile }, 'known', { env: { GITHUB_STEP_SUMMARY: summaryFile } });
    assert.equal(r.code, 0, r.stderr.text);
    assert.equal(r.stdout.lines.at(-1), '1 passed, 0 failed, 0 skipped, 1 known');
    assert.match(r.stderr.text, new RegExp(`known  @must P-GET-02 "${KNOWN}": TICKET-12`));
    const known = r.report().scenarios.find((s) => s.name === KNOWN)!;
    assert.equal(known.verdict, 'known');
    assert.equal(known.known?.reason, 'TICKET-12: unknown ids answer 400 until the router is replaced');
    assert.equal(r.report().gate?.knownFailures?.entries[0].status, 'known');
    assert.match(r.file('junit.xml'), /<skipped message="known failure \(P-GET-02\): TICKET-12/);
    assert.match(r.file('report.html'), /≈ KNOWN[\s\S]*TICKET-12/);
    // The step summary: a Markdown table per profile, and the known failure with its reason.
    const md = readFileSync(summaryFile, 'utf8');
    assert.match(md, /^\| profile \| verdict \| passed \| failed \| skipped \| harness errors \| known \|$/m);
    // --tags narrows the run, so the card is partial rather than pass; the known failure does not make it fail.
    assert.match(md, /^\| Strict RFC \| ◐ partial \| 1 \| 0 \| 0 \| 0 \| 1 \|$/m);
    assert.match(md, new RegExp(`\\| MUST \\| P-GET-02 \\| ${KNOWN} \\| TICKET-12`));
    assert.match(md, /Full report: `known\/report\.html`/);
  });

  test('the server regresses on another scenario: exit 1 naming only that one, as a new failure against the baseline', async () => {
    const baseline = join(work, 'known', 'report.json');
    const hooks = both(fault('unknown id answers 400 instead of 404'), fault('delete answers 200 instead of 204'));
    const r = await run(hooks, { knownFailures: knownFile, baseline, failOn: 'new' }, 'regressed');
    assert.equal(r.code, 1, r.stderr.text);
    const failedLines = r.stderr.lines.filter((l) => /^FAILED /.test(l));
    assert.equal(failedLines.length, 1, r.stderr.text);
    assert.match(failedLines[0], new RegExp(`^FAILED @must P-DEL-01 "${REGRESSED}" \\(new\\): `));
    assert.deepEqual(r.stdout.lines.slice(-2), ['1 new failures, 0 fixed', '0 passed, 1 failed, 0 skipped, 1 known']);
    const report = r.report();
    assert.equal(report.scenarios.find((s) => s.name === REGRESSED)?.change, 'new-failure');
    assert.equal(report.scenarios.find((s) => s.name === KNOWN)?.change, 'unchanged');
    assert.deepEqual(report.gate?.baseline?.unmatched, []);
    assert.match(r.file('report.html'), /NEW FAILURE/);
  });

  test('the list shrinks: a known failure that passes again, or whose date is over, fails the run', async () => {
    const fixedServer = await run({}, { knownFailures: knownFile }, 'fixed');
    assert.equal(fixedServer.code, 1);
    assert.match(fixedServer.stderr.text, /known failure "P-GET-02" passes now: remove it from/);
    const late = await run(fault('unknown id answers 400 instead of 404'), { knownFailures: knownFile }, 'late', { now: new Date('2100-01-01T00:00:00Z') });
    assert.equal(late.code, 1);
    assert.match(late.stderr.text, /FAILED @must P-GET-02 .*\n[\s\S]*known failure "P-GET-02" expired on 2099-12-31/);
    assert.equal(late.report().scenarios.find((s) => s.name === KNOWN)?.verdict, 'failed');
  });

  test('an unknown id in the known-failures file is a usage error before anything is sent', async () => {
    const typo = join(work, 'typo.json');
    writeFileSync(typo, JSON.stringify([{ id: 'P-GET-99', reason: 'typo' }]));
    const r = await run({}, { knownFailures: typo }, 'typo');
    assert.equal(r.code, 2);
    assert.match(r.stderr.text, /unknown id\(s\) "P-GET-99"/);
  });
});
