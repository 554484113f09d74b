import { Argument, InvalidArgumentError, Option } from 'commander';
import type { RegisterCommand } from './commands.ts';
import { addSecretOption } from './secret-options.ts';
import type { SimulateOptions } from './simulate-run.ts';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
};

export const registerSimulate: RegisterCommand = (program, setExit) => {
  const command = program
    .command('simulate')
    .description('replay an IdP\'s full provisioning lifecycle against a SCIM server')
    .addArgument(new Argument('<idp>', 'okta | entra | ping').choices(['okta', 'entra', 'ping']))
    .requiredOption('--target <url>', 'SCIM base URL of the server under test')
    .option('--users <n>', 'users in the seeded population', int, 10)
    .option('--groups <m>', 'groups in the seeded population', int, 3)
    .option('--seed <s>', 'faker seed: the same seed sends the same requests', int, 1)
    .option('--har <file>', 'write every exchange to a HAR 1.2 file')
    .option('--dialect <name>', 'okta: oin-patch | oin-legacy | aiw; entra: legacy | aadOptscim062020')
    .option('--concurrency <n>', 'requests in flight (default: the IdP profile\'s)', int)
    .option('--rate <n>', 'requests per second, 0 for no cap (default: the IdP profile\'s)', int)
    .addOption(new Option('--matching <attr>', 'entra matching attribute').choices(['userName', 'externalId', 'emails']).default('userName'))
    .option('--soft-delete-days <d>', 'entra: days from soft delete to DELETE (Entra: 30)', int, 0)
    .option('--ldap-url <url>', 'ping: a real LDAP server instead of the embedded directory')
    .option('--ldap-bind-dn <dn>', 'ping: bind DN', 'cn=admin,dc=example,dc=test')
    .option('--ldap-base-dn <dn>', 'ping: base DN', 'dc=example,dc=test')
    .addOption(new Option('--remove-user-action <a>', 'ping: deprovision by').choices(['disable', 'delete']).default('disable'))
    .option('--state <file>', 'ping: keep the connector state in this JSON file between runs');
  addSecretOption(command, '--token <token>', 'bearer token', 'SCIM_HARNESS_TOKEN');
  addSecretOption(command, '--basic <user:password>', 'HTTP Basic credentials (not for entra)', 'SCIM_HARNESS_BASIC');
  addSecretOption(command, '--ldap-password <pw>', 'ping: bind password', 'SCIM_HARNESS_LDAP_PASSWORD', 'admin');
  command
    .action(async (idp: 'okta' | 'entra' | 'ping', options: SimulateOptions) => {
      // Loaded only when the command runs: `--help` and the other commands never pay for the simulators.
      const { simulate } = await import('./simulate-run.ts');
      setExit(await simulate(idp, options));
    });
};

