import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { RunnerError } from '../../runner/exit-codes.ts';
import { resolveRunOptions, settingsFromEnv, settingsFromFile } from '../../runner/options.ts';

const cwd = '/srv/project';
const usage = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (err) => err instanceof RunnerError && err.exitCode === 2 && pattern.test(err.message));

describe('run options', () => {
  test('defaults: embedded server, profile all, reports-out, no auth', () => {
    const o = resolveRunOptions([], cwd);
    assert.equal(o.target, undefined);
    assert.equal(o.profile, 'all');
    assert.equal(o.reportDir, '/srv/project/reports-out');
    assert.deepEqual(o.auth, { kind: 'none' });
    assert.equal(o.parallel, undefined);
    assert.deepEqual([o.seed, o.timeoutMs, o.retries, o.strict, o.dryRun], [1, 10_000, 3, false, false]);
  });

  test('precedence: flags > env > file > defaults', () => {
    const file = { target: 'http://file/scim', profile: 'okta', reportDir: 'file-dir', seed: 7, strict: true };
    const env = settingsFromEnv({ SCIM_HARNESS_TARGET: 'http://env/scim/', SCIM_HARNESS_PROFILE: 'entra' });
    const flags = { profile: 'rfc' };
    const o = resolveRunOptions([flags, env, file], cwd);
    assert.equal(o.target, 'http://env/scim');
    assert.equal(o.profile, 'rfc');
    assert.equal(o.reportDir, '/srv/project/file-dir');
    assert.equal(o.seed, 7);
    assert.equal(o.strict, true);
  });

  test('credentials are one setting: a higher source wins as a whole', () => {
    const env = settingsFromEnv({ SCIM_HARNESS_TOKEN: 'env-token' });
    assert.deepEqual(resolveRunOptions([{ basic: 'alice:s3cret:x' }, env], cwd).auth, { kind: 'basic', user: 'alice', pass: 's3cret:x' });
    assert.deepEqual(resolveRunOptions([{}, env], cwd).auth, { kind: 'bearer', token: 'env-token' });
  });

  test('headers merge per name, the higher source winning', () => {
    const o = resolveRunOptions([{ header: ['X-A: flag'] }, {}, { header: ['X-A: file', 'X-B: file'] }], cwd);
    assert.deepEqual(o.headers, { 'X-A': 'flag', 'X-B': 'file' });
  });

  test('validation errors are usage errors (exit 2) with one clear message', () => {
    usage(() => resolveRunOptions([{ target: 'not a url' }], cwd), /not a URL/);
    usage(() => resolveRunOptions([{ target: 'ftp://x/scim' }], cwd), /only http/);
    usage(() => resolveRunOptions([{ token: 't', basic: 'u:p' }], cwd), /not both/);
    usage(() => resolveRunOptions([{ basic: 'nopassword' }], cwd), /user:password/);
    usage(() => resolveRunOptions([{ profile: 'azure' }], cwd), /unknown profile "azure"/);
    usage(() => resolveRunOptions([{ header: ['no colon'] }], cwd), /invalid header/);
    usage(() => resolveRunOptions([{ parallel: '0' }], cwd), /--parallel must be an integer ≥ 1/);
    usage(() => resolveRunOptions([{ timeout: 'soon' }], cwd), /--timeout/);
  });

  test('a URL with credentials in it is refused without echoing them', () => {
    assert.throws(
      () => resolveRunOptions([{ target: 'https://bob:hunter2@x/scim' }], cwd),
      (err) => err instanceof RunnerError && !err.message.includes('hunter2'),
    );
  });

  test('config file: default name is optional, explicit one must exist, unknown keys refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shx-config-'));
    assert.deepEqual(settingsFromFile(dir), {});
    usage(() => settingsFromFile(dir, 'missing.json'), /not found/);
    writeFileSync(join(dir, 'scim-harness.config.json'), JSON.stringify({ target: 'http://cfg/scim', header: 'X-T: 1', retries: 0 }));
    assert.deepEqual(settingsFromFile(dir), { target: 'http://cfg/scim', header: ['X-T: 1'], retries: 0 });
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ targt: 'x' }));
    usage(() => settingsFromFile(dir, 'bad.json'), /unknown key\(s\) targt/);
    writeFileSync(join(dir, 'broken.json'), '{');
    usage(() => settingsFromFile(dir, 'broken.json'), /not valid JSON/);
  });
});
