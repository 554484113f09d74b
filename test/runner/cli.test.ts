import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PROJECT_ROOT } from '../../runner/run.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedPortUrl } from './helpers.ts';

/** Runs the real CLI in a scratch folder; resolves with its exit code and output. */
export function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'shx-cli-'));
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/scim-harness.mjs'), ...args], { cwd, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('scim-harness run (CLI)', () => {
  test('an unknown profile is exit 2 with one line', async () => {
    const r = await cli(['run', '--profile', 'azure']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim(), 'scim-harness: unknown profile "azure" (expected one of rfc, okta, entra, ping, all, vendors, interop, ipsie-al1, ipsie-al2, ipsie-al3)');
  });

  test('token and basic together is exit 2; env settings are validated too', async () => {
    assert.equal((await cli(['run', '--target', 'http://x/scim', '--token', 't', '--basic', 'u:p'])).code, 2);
    assert.equal((await cli(['run'], { SCIM_HARNESS_TARGET: 'not-a-url' })).code, 2);
  });

  test('an unreachable target is exit 3 with one line that does not show the token', async () => {
    const url = await closedPortUrl();
    const r = await cli(['run', '--target', url, '--token', 'very-secret-token', '--profile', 'rfc']);
    assert.equal(r.code, 3);
    assert.deepEqual(r.stderr.trim().split('\n'), [`scim-harness: cannot reach ${url}: ECONNREFUSED`]);
    assert.equal(r.stdout, '');
  });

  test('Ctrl-C before the scenarios start (here: during the pre-flight) is exit 130 with one line saying so', async () => {
    // A target that takes the pre-flight request and never answers, so the interrupt lands before any scenario.
    let asked!: () => void;
    const preflightSent = new Promise<void>((resolve) => (asked = resolve));
    const server = createServer(() => asked());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
      const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/scim-harness.mjs'), 'run', '--target', url, '--token', 't', '--profile', 'rfc', '--timeout', '600000'], {
        cwd: mkdtempSync(join(tmpdir(), 'shx-cli-')),
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await preflightSent;
      child.kill('SIGINT');
      assert.equal(await closed, 130);
      assert.equal(stderr.trim().split('\n').at(-1), 'scim-harness: interrupted before the scenarios started');
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('a run that writes no reports (here: an unreachable target) leaves no earlier run\'s reports behind for CI to upload', async () => {
    const url = await closedPortUrl();
    const dir = mkdtempSync(join(tmpdir(), 'shx-stale-'));
    const other = join(dir, 'notes.txt');
    for (const name of ['report.json', 'junit.xml', 'report.html']) writeFileSync(join(dir, name), 'from an earlier run');
    writeFileSync(other, 'not ours');
    const r = await cli(['run', '--target', url, '--token', 't', '--profile', 'rfc', '--report-dir', dir]);
    assert.equal(r.code, 3);
    assert.deepEqual(readdirSync(dir), ['notes.txt'], 'only the three report files are removed');
  });
});

describe('scim-harness serve (CLI) start-up errors', () => {
  test('a busy port is one line and exit 3, no stack trace', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const r = await cli(['serve', '--port', String(port), '--store', 'memory', '--token', 't']);
      assert.equal(r.code, 3);
      assert.deepEqual(r.stderr.trim().split('\n'), [`scim-harness serve: port ${port} on 127.0.0.1 is already in use (another server is listening there; pick another --port, or --port 0 for any free one)`]);
      assert.equal(r.stdout, '');
    } finally {
      busy.close();
    }
  });

  test('a bad --port is exit 2', async () => {
    assert.equal((await cli(['serve', '--port', '99999'])).code, 2);
  });
});
