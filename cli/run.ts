import type { Command } from 'commander';
import { EXIT, RunnerError } from '../runner/exit-codes.ts';
import { resolveRunOptions, settingsFromEnv, settingsFromFile, type RawSettings } from '../runner/options.ts';
import { PROFILES } from '../runner/profiles.ts';
import type { RegisterCommand } from './commands.ts';
import { addSecretFileOption } from './secret-options.ts';

interface RunFlags extends RawSettings {
  config?: string;
  /** Read into token, basic and ldapPassword by addSecretFileOption before the action runs. */
  tokenFile?: string;
  basicFile?: string;
  ldapPasswordFile?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const registerRun: RegisterCommand = (program: Command, setExit) => {
  const run = program
    .command('run')
    .description('run the conformance suite against a SCIM server (no --target: against the embedded reference server)')
    .option('--target <url>', 'SCIM base URL, e.g. https://host/scim/v2 [env SCIM_HARNESS_TARGET]')
    .option('--header <"Name: value">', 'extra request header (repeatable)', collect)
    .option('--profile <name>', `${PROFILES.join(' | ')} (default all) [env SCIM_HARNESS_PROFILE]`)
    .option('--tags <expression>', 'cucumber tag expression, ANDed with the profile (e.g. "@must and not @bulk")')
    .option('--report-dir <dir>', 'where junit.xml, report.json and report.html go (default reports-out) [env SCIM_HARNESS_REPORT_DIR]')
    .option('--strict', 'SHOULD failures fail the run too')
    .option('--parallel <n>', 'worker processes (default: 2 for a remote --target with more than 20 scenarios, else 1)')
    .option('--seed <n>', 'faker seed for generated data (default 1)')
    .option('--timeout <ms>', 'per-request timeout (default 10000)')
    .option('--retries <n>', 'retries of 429/503 answers, honouring Retry-After (default 3)')
    .option('--setup <module|url>', 'vendor scenarios: the setup adapter, an ES module path or an HTTP hooks URL (docs/setup-adapter.md) [env SCIM_HARNESS_SETUP]')
    .option('--dry-run', 'list the scenarios and their steps; send nothing')
    .option('--ldap-url <url>', 'directory scenarios: a real LDAP server (ldap:// or ldaps://) instead of the embedded mock [env SCIM_HARNESS_LDAP_URL]')
    .option('--ldap-bind-dn <dn>', 'directory scenarios: bind DN, allowed to add and delete under the base DN [env SCIM_HARNESS_LDAP_BIND_DN]')
    .option('--ldap-base-dn <dn>', 'directory scenarios: base DN; each scenario works in its own ou below it [env SCIM_HARNESS_LDAP_BASE_DN]')
    .option('--known-failures <file>', 'YAML or JSON list of accepted failures {id, reason, until?}: reported as known, they do not fail the run')
    .option('--baseline <report.json>', 'an earlier report.json: every report shows new failures / fixed / unchanged per scenario')
    .option('--fail-on <which>', 'any | new: with new, only failures the baseline did not have fail the run (default any)')
    .option('--verbose', "also cucumber's own output, stack traces, and reports-dir/messages.ndjson (cucumber's message stream)")
    .option('--config <file>', 'JSON config file with the same keys in camelCase (default ./scim-harness.config.json)');
  // The variables are read by settingsFromEnv (below the flags, above the config file), so the options carry none.
  addSecretFileOption(run, '--token <token>', 'bearer token [env SCIM_HARNESS_TOKEN]');
  addSecretFileOption(run, '--basic <user:pass>', 'HTTP Basic credentials [env SCIM_HARNESS_BASIC]');
  addSecretFileOption(run, '--ldap-password <pw>', 'directory scenarios: bind password [env SCIM_HARNESS_LDAP_PASSWORD]');
  run
    .action(async ({ config, tokenFile: _t, basicFile: _b, ldapPasswordFile: _l, ...flags }: RunFlags) => {
      const cwd = process.cwd();
      let code: number;
      try {
        const options = resolveRunOptions([flags, settingsFromEnv(process.env), settingsFromFile(cwd, config)], cwd);
        // Loaded only when the command runs (cucumber is heavy): `--help` and the other commands start fast.
        const { executeRun } = await import('../runner/run.ts');
        code = await executeRun(options, { cwd, stdout: process.stdout, stderr: process.stderr });
      } catch (err) {
        if (!(err instanceof RunnerError)) throw err;
        process.stderr.write(`scim-harness: ${err.message}\n`);
        code = err.exitCode;
      }
      // After an interrupt cucumber may still be running in this process: stop here, once output is flushed.
      if (code === EXIT.interrupted) process.stdout.write('', () => process.exit(code));
      setExit(code);
    });
};
