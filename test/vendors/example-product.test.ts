import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startTiny, type TinyServer } from '../../examples/tiny-product/server.ts';

/**
 * Issue 10: the setup adapter contract proven by a second, independent product (examples/tiny-product: its own
 * store, `usr-000001` ids, its own setting names, no legal holds/policies/timed work/Basic credentials), driven by
 * HTTP hooks exactly as a vendor would: `scim-harness run --profile vendors --setup <hooks URL>`. What Tiny offers
 * must pass; what it does not must be skipped with the reason its hooks gave, never failed.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));

interface ScenarioResult {
  name: string;
  verdict: string;
  requirements: string[];
  skipReason?: string;
  failure?: unknown;
}

function runVendors(tiny: TinyServer, reportDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      'bin/scim-harness.mjs', 'run', '--profile', 'vendors', '--target', tiny.target, '--token', tiny.token, '--setup', tiny.hooksUrl,
      '--report-dir', reportDir,
    ], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => (code === null ? reject(new Error(`the run was killed\n${stderr}`)) : resolve(code)));
  });
}

describe('the vendor profile against an independent example product (issue 10)', () => {
  let tiny: TinyServer;
  let dir: string;
  let code: number;
  let scenarios: ScenarioResult[];

  before(async () => {
    tiny = await startTiny();
    dir = mkdtempSync(join(tmpdir(), 'tiny-'));
    code = await runVendors(tiny, dir);
    scenarios = (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { scenarios: ScenarioResult[] }).scenarios;
  });
  after(async () => {
    await tiny?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const verdictsOf = (id: string) => scenarios.filter((s) => s.requirements.includes(id)).map((s) => s.verdict);

  test('nothing fails: the run exits 0', () => {
    const bad = scenarios.filter((s) => s.verdict !== 'passed' && s.verdict !== 'skipped').map((s) => `${s.verdict}: ${s.name}`);
    assert.deepEqual(bad, []);
    assert.equal(code, 0);
  });

  test('what Tiny offers passes through its own ids and setting names', () => {
    for (const id of ['PRV-01', 'PRV-03', 'PRV-05', 'PRV-06', 'PRV-08', 'PRV-10', 'PRV-11', 'PRV-12', 'PRV-13', 'PRV-14', 'PRV-15', 'PRV-17', 'CRY-01', 'CRY-02', 'CRY-03', 'CRY-05', 'INC-08', 'INC-09']) {
      const verdicts = verdictsOf(id);
      assert.ok(verdicts.includes('passed'), `${id} should pass on Tiny, got ${verdicts.join(', ') || 'no scenario'}`);
    }
  });

  test('what Tiny does not offer is skipped with the reason its hooks gave', () => {
    for (const id of ['PRV-02', 'PRV-09', 'PRV-16', 'INC-03', 'INC-06', 'INC-07', 'INC-10']) {
      const found = scenarios.filter((s) => s.requirements.includes(id));
      assert.ok(found.length > 0, `a scenario for ${id}`);
      for (const s of found) {
        assert.equal(s.verdict, 'skipped', `${s.name}`);
        assert.match(String(s.skipReason ?? ''), /unavailable: the hooks answered 501: Tiny (has no|offers no|connections use|has one)/, s.name);
      }
    }
  });
});
