import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startServer } from '../../reference-server/index.ts';
import { runScenarios } from '../../runner/cucumber-run.ts';
import { PROJECT_ROOT } from '../../runner/run.ts';
import { pendingResources } from '../../steps/ledger.ts';
import { runPrefix, type HarnessAuth } from '../../steps/parameters.ts';

/**
 * The IdP scenarios against the reference server: every one passes with a bearer token, leaves nothing behind
 * in the ledger, and never writes the token into its evidence; with Basic credentials the Entra ID scenarios
 * are skipped (Entra is bearer-only) and the others still pass.
 */
const IDP_PATHS = ['features/okta', 'features/entra', 'features/ping/pingone.feature', 'features/ping/pingfederate.feature'];

describe('IdP scenarios on the reference server', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'shx-idp-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(auth: HarnessAuth, runId: string) {
    const server = await startServer({
      port: 0, host: '127.0.0.1', store: 'memory',
      token: auth.kind === 'bearer' ? auth.token : undefined,
      basic: auth.kind === 'basic' ? `${auth.user}:${auth.pass}` : undefined,
    });
    const ledgerPath = join(dir, `ledger-${runId}.jsonl`);
    try {
      const result = await runScenarios({
        projectRoot: PROJECT_ROOT,
        paths: IDP_PATHS,
        parallel: 1,
        parameters: { target: server.url, auth, headers: {}, runId, prefix: runPrefix(runId), ledgerPath, timeoutMs: 5_000, maxRetries: 1, strict: false, seed: 7 },
      });
      return { ...result, ledgerPath };
    } finally {
      await server.close();
    }
  }

  test('with a bearer token every scenario passes, cleans up, and redacts the token', async () => {
    const token = 'idp-test-token-5b1f0c';
    const { outcomes, envelopes, ledgerPath } = await run({ kind: 'bearer', token }, 'a1b2c3d4');
    assert.ok(outcomes.length >= 50, `only ${outcomes.length} scenarios ran`);
    assert.deepEqual(outcomes.filter((o) => o.verdict !== 'passed').map((o) => `${o.verdict} ${o.uri} ${o.name}: ${o.message ?? ''}`), []);
    assert.deepEqual(pendingResources(ledgerPath), [], 'resources the IdPs created were left behind');
    const attachments = envelopes.flatMap((e) => (e.attachment ? [e.attachment] : []));
    assert.ok(attachments.some((a) => a.mediaType === 'application/vnd.scim-harness.exchange+json' && a.body.includes('Okta SCIM Client')), 'no Okta exchange was attached');
    assert.ok(!attachments.some((a) => a.body.includes(token)), 'the token appears in an attachment');
  });

  test('with Basic credentials the Entra ID scenarios are skipped with the reason, the others pass', async () => {
    const { outcomes, envelopes } = await run({ kind: 'basic', user: 'idp', pass: 'basic-pass-93ad' }, 'e5f6a7b8');
    const entra = outcomes.filter((o) => o.uri.startsWith('features/entra/'));
    assert.ok(entra.length > 0);
    assert.deepEqual(entra.filter((o) => o.verdict !== 'skipped').map((o) => o.name), []);
    assert.deepEqual(outcomes.filter((o) => !o.uri.startsWith('features/entra/') && o.verdict !== 'passed').map((o) => `${o.verdict} ${o.name}: ${o.message ?? ''}`), []);
    const reasons = envelopes.flatMap((e) => (e.attachment?.mediaType === 'application/vnd.scim-harness.skip+json' ? [JSON.parse(e.attachment.body).reason as string] : []));
    assert.ok(reasons.length >= entra.length && reasons.every((r) => /bearer token only/.test(r)), reasons.join('\n'));
  });
});
