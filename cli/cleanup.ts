import type { Command } from 'commander';
import { EXIT, RunnerError } from '../runner/exit-codes.ts';
import { resolveRunOptions, settingsFromEnv, settingsFromFile, type RawSettings } from '../runner/options.ts';
import { redact, secretsOf } from '../runner/redact.ts';
import type { RegisterCommand } from './commands.ts';

interface CleanupFlags extends Pick<RawSettings, 'target' | 'token' | 'basic' | 'header' | 'timeout' | 'retries'> {
  config?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const registerCleanup: RegisterCommand = (program: Command, setExit) => {
  program
    .command('cleanup')
    .description('delete what interrupted runs against this target left behind (from the ledgers in $SCIM_HARNESS_HOME, default ~/.local/state/scim-harness)')
    .option('--target <url>', 'SCIM base URL [env SCIM_HARNESS_TARGET]')
    .option('--token <token>', 'bearer token [env SCIM_HARNESS_TOKEN]')
    .option('--basic <user:pass>', 'HTTP Basic credentials [env SCIM_HARNESS_BASIC]')
    .option('--header <"Name: value">', 'extra request header (repeatable)', collect)
    .option('--timeout <ms>', 'per-request timeout (default 10000)')
    .option('--retries <n>', 'retries of 429/503 answers (default 3)')
    .option('--config <file>', 'JSON config file (default ./scim-harness.config.json)')
    .action(async ({ config, ...flags }: CleanupFlags) => {
      const cwd = process.cwd();
      try {
        const options = resolveRunOptions([flags, settingsFromEnv(process.env), settingsFromFile(cwd, config)], cwd);
        if (!options.target) throw new RunnerError(EXIT.usage, 'cleanup needs --target (the server the interrupted run was testing)');
        const params = { target: options.target, auth: options.auth, headers: options.headers, timeoutMs: options.timeoutMs, maxRetries: options.retries };
        const { drainAbandonedLedgers, ledgerDirFor } = await import('../runner/ledgers.ts');
        const result = await drainAbandonedLedgers(params, ledgerDirFor(options.target));
        const secrets = secretsOf(options.auth, options.headers);
        for (const e of result.deleted) process.stdout.write(`deleted ${e.type} ${e.id} (run ${e.runId})\n`);
        for (const f of result.failed) process.stderr.write(redact(`could not delete ${f.entry.type} ${f.entry.id}: ${f.error}\n`, secrets));
        process.stdout.write(`${result.deleted.length} deleted, ${result.failed.length} left\n`);
        setExit(result.failed.length ? EXIT.failed : EXIT.ok);
      } catch (err) {
        if (!(err instanceof RunnerError)) throw err;
        process.stderr.write(`scim-harness: ${err.message}\n`);
        setExit(err.exitCode);
      }
    });
};
