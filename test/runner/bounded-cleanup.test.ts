import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { boundedCleanup } from '../../runner/run.ts';
import { runPrefix } from '../../steps/parameters.ts';
import { SWEEP_REQUEST_UNITS } from '../../steps/prefix-sweep.ts';

const params = () => ({
  target: 'http://127.0.0.1:9/scim/v2', auth: { kind: 'none' as const }, headers: {}, runId: 'abcd1234', prefix: runPrefix('abcd1234'),
  ledgerPath: join(mkdtempSync(join(tmpdir(), 'shx-bounded-')), 'ledger-abcd1234.jsonl'), timeoutMs: 5, maxRetries: 0, strict: false, seed: 1,
});

test('the end-of-run cleanup never throws: an error in it is reported, so the finished run keeps its reports and exit code', async () => {
  const result = await boundedCleanup(params(), async () => {
    throw new Error('ledger unreadable');
  });
  assert.deepEqual(result, { failed: 0, error: 'ledger unreadable' });
});

test('the end-of-run cleanup is bounded by a budget derived from --timeout, --retries and the ledger', async () => {
  const result = await boundedCleanup(params(), () => new Promise(() => undefined));
  // One request's budget (5 ms: one attempt, no retries) for the empty ledger, plus the prefix sweep's.
  assert.match(result.error ?? '', new RegExp(`longer than its budget of ${5 + SWEEP_REQUEST_UNITS * 5} ms`));
});

test('a cleanup that finishes returns its own result', async () => {
  assert.deepEqual(await boundedCleanup(params(), async () => ({ failed: 2 })), { failed: 2 });
});
