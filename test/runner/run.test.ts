import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { resolveRunOptions, type RawSettings } from '../../runner/options.ts';
import { executeRun, type SuiteLocation } from '../../runner/run.ts';
import { Capture, closedPortUrl, countingServer } from './helpers.ts';

const fixture: SuiteLocation = {
  projectRoot: fileURLToPath(new URL('./fixtures/suite/', import.meta.url)),
  featuresRoot: 'features',
  imports: ['steps/*.mjs'],
};

async function run(settings: RawSettings) {
  const cwd = mkdtempSync(join(tmpdir(), 'shx-run-'));
  const stdout = new Capture();
  const stderr = new Capture();
  const options = resolveRunOptions([{ profile: 'rfc', parallel: 1, ...settings }], cwd);
  const code = await executeRun(options, { cwd, stdout, stderr }, fixture);
  return { code, stdout, stderr, cwd, reportDir: options.reportDir };
}

describe('executeRun on the fixture suite', () => {
  let target: Awaited<ReturnType<typeof countingServer>>;
  before(async () => (target = await countingServer('tok-123')));
  after(() => target.close());
  const auth = { token: 'tok-123' };

  test('a passing @must: exit 0, the last stdout line is the summary, reports are written', async () => {
    const r = await run({ target: target.url, ...auth, tags: '@T-MUST-PASS' });
    assert.equal(r.code, 0, r.stderr.text);
    assert.equal(r.stdout.lines.at(-1), '1 passed, 0 failed, 0 skipped');
    for (const file of ['junit.xml', 'report.json', 'report.html']) assert.ok(existsSync(join(r.reportDir, file)), file);
    assert.ok(!existsSync(join(r.reportDir, 'messages.ndjson')), "cucumber's message stream is written only with --verbose");
    const verbose = await run({ target: target.url, ...auth, tags: '@T-MUST-PASS', verbose: true });
    assert.ok(existsSync(join(verbose.reportDir, 'messages.ndjson')));
  });

  test('a failed @must: exit 1', async () => {
    const r = await run({ target: target.url, ...auth, tags: '@T-MUST-FAIL or @T-MUST-PASS' });
    assert.equal(r.code, 1);
    assert.equal(r.stdout.lines.at(-1), '1 passed, 1 failed, 0 skipped');
    assert.match(r.stderr.text, /FAILED @must .*a MUST that fails/);
  });

  test('a failed @should: exit 0, but 1 with --strict; a failed @may never fails the run', async () => {
    assert.equal((await run({ target: target.url, ...auth, tags: '@T-SHOULD-FAIL' })).code, 0);
    assert.equal((await run({ target: target.url, ...auth, tags: '@T-SHOULD-FAIL', strict: true })).code, 1);
    assert.equal((await run({ target: target.url, ...auth, tags: '@T-MAY-FAIL', strict: true })).code, 0);
  });

  test('warnings are named in the summary line, never counted as plain passes (as in report.json)', async () => {
    const r = await run({ target: target.url, ...auth, tags: '@T-WARN or @T-SKIP or @T-MUST-PASS' });
    assert.equal(r.code, 0);
    assert.equal(r.stdout.lines.at(-1), '1 passed, 0 failed, 1 skipped, 1 warning');
    const summary = JSON.parse(readFileSync(join(r.reportDir, 'report.json'), 'utf8')).summary;
    assert.deepEqual([summary.passed, summary.failed, summary.skipped, summary.warnings], [1, 0, 1, 1]);
  });

  test('a step that crashes (not an assertion) is a harness error: exit 5, never the server\'s @must failure', async () => {
    const r = await run({ target: target.url, ...auth, tags: '@T-MUST-ERROR or @T-MUST-PASS' });
    assert.equal(r.code, 5, r.stderr.text);
    assert.equal(r.stdout.lines.at(-1), '1 passed, 0 failed, 0 skipped, 1 error');
    assert.match(r.stderr.text, /HARNESS ERROR \(not the server's failure\) .*a MUST whose step crashes/);
    assert.doesNotMatch(r.stderr.text, /FAILED @must/);
    const report = JSON.parse(readFileSync(join(r.reportDir, 'report.json'), 'utf8'));
    assert.equal(report.summary.errors, 1);
    assert.equal(report.summary.mustFailed, 0);
    const crashed = report.scenarios.find((s: { name: string }) => s.name === 'a MUST whose step crashes');
    assert.equal(crashed.verdict, 'error');
    assert.match(crashed.failure.message, /Cannot read properties of undefined/);
    const junit = readFileSync(join(r.reportDir, 'junit.xml'), 'utf8');
    assert.match(junit, /<testsuites [^>]*failures="0" errors="1"/);
    assert.match(junit, /<error message="harness error \(not the server&apos;s failure\)/);
    assert.match(readFileSync(join(r.reportDir, 'report.html'), 'utf8'), /HARNESS ERROR/);
  });

  test('a blocking failure outranks a harness error (exit 1); an error at any level still gives exit 5', async () => {
    assert.equal((await run({ target: target.url, ...auth, tags: '@T-MUST-ERROR or @T-MUST-FAIL' })).code, 1);
    assert.equal((await run({ target: target.url, ...auth, tags: '@T-MAY-ERROR' })).code, 5);
  });

  test('refused credentials: exit 3, one line, no scenario run, the token never printed', async () => {
    const before = target.requests.length;
    const r = await run({ target: target.url, token: 'wrong-token', tags: '@T-MUST-PASS' });
    assert.equal(r.code, 3);
    assert.equal(r.stderr.lines.length, 1);
    assert.match(r.stderr.text, /credentials refused/);
    assert.doesNotMatch(r.stderr.text + r.stdout.text, /wrong-token/);
    assert.equal(target.requests.length, before + 1, 'only the pre-flight was sent');
  });

  test('unreachable target: exit 3 with one clear line, before any scenario', async () => {
    const url = await closedPortUrl();
    const r = await run({ target: url, tags: '@T-MUST-PASS' });
    assert.equal(r.code, 3);
    assert.deepEqual(r.stderr.lines, [`scim-harness: cannot reach ${url}: ECONNREFUSED`]);
    assert.equal(r.stdout.text, '');
  });

  test('--dry-run lists the steps and sends nothing, not even the pre-flight', async () => {
    const before = target.requests.length;
    const r = await run({ target: target.url, ...auth, dryRun: true });
    assert.equal(r.code, 0);
    assert.equal(target.requests.length, before);
    assert.ok(r.stdout.lines.includes('    When I send a request'), r.stdout.text);
    assert.equal(r.stdout.lines.at(-1), '8 scenario(s) would run; nothing was sent (dry run)');
    const narrowed = await run({ target: target.url, ...auth, dryRun: true, tags: '@T-MUST-PASS' });
    assert.deepEqual(narrowed.stdout.lines, [
      'features/rfc/levels.feature: a MUST that passes  @must @T-MUST-PASS',
      '    When I send a request',
      '    Then it passes',
      '1 scenario(s) would run; nothing was sent (dry run)',
    ]);
  });

  test('a selection with no scenario is a usage error (exit 2)', async () => {
    const r = await run({ target: target.url, ...auth, tags: '@no-such-tag' });
    assert.equal(r.code, 2);
    assert.match(r.stderr.text, /no scenario matches profile "rfc" with tags @no-such-tag/);
  });
});
