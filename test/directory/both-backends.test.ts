import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { resolveRunOptions, type RawSettings } from '../../runner/options.ts';
import { scenarioOutcomes, type ScenarioOutcome } from '../../runner/outcomes.ts';
import { executeRun, PROJECT_ROOT } from '../../runner/run.ts';
import { ldapSearch } from '../../simulators/directory/ldap-search.ts';
import type { LdapEndpoint } from '../../simulators/directory/types.ts';
import { Capture } from '../runner/helpers.ts';
import { slapdMissing, startSlapd } from '../simulators/helpers/slapd.ts';

/** The directory scenarios: every one of these two files, and nothing else, must run and pass. */
const DIRECTORY_FEATURES = ['features/ping/zpa.feature', 'features/vendors/directory.feature'];
/** The vendors profile holds both files; tag expressions have no wildcards, so the IDs are listed. */
const DIRECTORY_TAGS = ['@PRV-16', ...Array.from({ length: 9 }, (_, i) => `@ZPA-0${i + 1}`)].join(' or ');

const scenariosIn = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8').match(/^\s*Scenario( Outline)?:/gm)?.length ?? 0;
const EXPECTED = DIRECTORY_FEATURES.reduce((n, file) => n + scenariosIn(file), 0);

/** Runs the directory scenarios through the runner against the embedded reference server; outcomes from its message stream. */
async function runDirectoryScenarios(settings: RawSettings): Promise<{ code: number; outcomes: ScenarioOutcome[]; stderr: string }> {
  const reportDir = mkdtempSync(join(tmpdir(), 'directory-scenarios-'));
  try {
    // --verbose: cucumber's message stream (messages.ndjson), which these outcomes are read from, is written only then.
    const options = resolveRunOptions([{ profile: 'vendors', tags: DIRECTORY_TAGS, reportDir, verbose: true, ...settings }], reportDir);
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await executeRun(options, { cwd: reportDir, stdout, stderr });
    const envelopes = readFileSync(join(reportDir, 'messages.ndjson'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Envelope);
    return { code, outcomes: scenarioOutcomes(envelopes), stderr: stderr.text };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

function assertAllPassed(run: { code: number; outcomes: ScenarioOutcome[]; stderr: string }): void {
  const notPassed = run.outcomes.filter((o) => o.verdict !== 'passed').map((o) => `${o.verdict}: ${o.uri}: ${o.name} ${o.message ?? ''}`);
  assert.deepEqual(notPassed, [], run.stderr);
  assert.deepEqual([...new Set(run.outcomes.map((o) => o.uri))].sort(), [...DIRECTORY_FEATURES].sort());
  assert.equal(run.outcomes.length, EXPECTED);
  assert.equal(run.code, 0);
}

describe('the directory scenarios pass on both directory backends', () => {
  test('on the embedded mock directory (the default)', async () => {
    assertAllPassed(await runDirectoryScenarios({ parallel: 1 }));
  });

  describe('on a real OpenLDAP slapd (scripts/slapd.sh)', { skip: slapdMissing() }, () => {
    let slapd: Awaited<ReturnType<typeof startSlapd>>;
    let ldap: RawSettings;
    before(async () => {
      slapd = await startSlapd();
      const { url, bindDn, password, baseDn } = slapd.endpoint;
      ldap = { ldapUrl: url, ldapBindDn: bindDn, ldapPassword: password, ldapBaseDn: baseDn };
    });
    after(() => slapd?.stop());

    const leftUnderBase = async (endpoint: LdapEndpoint) =>
      (await ldapSearch(endpoint, endpoint.baseDn, '(objectClass=*)')).map((e) => e.dn).sort();
    const seeded = (endpoint: LdapEndpoint) => [endpoint.baseDn, `ou=groups,${endpoint.baseDn}`, `ou=people,${endpoint.baseDn}`].sort();

    test('every scenario passes, none skipped, and each scenario deletes its subtree', async () => {
      assertAllPassed(await runDirectoryScenarios({ parallel: 1, ...ldap }));
      assert.deepEqual(await leftUnderBase(slapd.endpoint), seeded(slapd.endpoint));
    });

    // Two workers run scenarios at the same moment on one server: their subtrees keep them apart.
    test('with two parallel workers on the same server', async () => {
      assertAllPassed(await runDirectoryScenarios({ parallel: 2, ...ldap }));
      assert.deepEqual(await leftUnderBase(slapd.endpoint), seeded(slapd.endpoint));
    });
  });
});
