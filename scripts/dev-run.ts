// Developer loop for the steps and features: starts the reference server on a free port and runs cucumber
// against it. Usage: node --import tsx scripts/dev-run.ts [feature paths...] [--tags EXPR] [--parallel N]
// (the real entry point is `scim-harness run`; this only exists to try scenarios quickly).
import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../reference-server/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { tags: { type: 'string' }, parallel: { type: 'string', default: '0' }, target: { type: 'string' }, token: { type: 'string' } },
});
const token = values.token ?? randomBytes(12).toString('hex');
const server = values.target ? undefined : await startServer({ port: 0, host: '127.0.0.1', token, strict: process.env.SHX_STRICT === '1' });
const runId = randomBytes(4).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'shx-dev-'));
try {
  const { runConfiguration } = await loadConfiguration({
    provided: {
      paths: positionals.length ? positionals : ['features/rfc/**/*.feature'],
      import: ['steps/support/register-tsx.mjs', 'steps/**/*.ts'],
      tags: values.tags ?? '',
      parallel: Number(values.parallel),
      format: ['progress', `message:${join(dir, 'messages.ndjson')}`],
      worldParameters: {
        target: values.target ?? server!.url,
        auth: { kind: 'bearer', token },
        headers: {},
        runId,
        prefix: `shx-${runId}-`,
        ledgerPath: join(dir, 'ledger.jsonl'),
        timeoutMs: 5000,
        maxRetries: 2,
        strict: false,
        seed: 1,
      },
    },
  });
  const { success } = await runCucumber(runConfiguration);
  console.log(`messages: ${join(dir, 'messages.ndjson')}`);
  process.exitCode = success ? 0 : 1;
} finally {
  await server?.close();
}
