import { Argument, InvalidArgumentError, Option } from 'commander';
import type { RegisterCommand } from './commands.ts';
import { addSecretOption } from './secret-options.ts';
import { FileStateStore, MemoryStateStore, type StateStore } from '../simulators/connector-state.ts';
import { LdapDirectory } from '../simulators/directory/ldap-directory.ts';
import { MockDirectory } from '../simulators/directory/mock-directory.ts';
import type { Directory } from '../simulators/directory/types.ts';
import type { Auth } from '../simulators/engine/auth.ts';
import { ScimEngine, type IdpProfile } from '../simulators/engine/engine.ts';
import { HarRecorder } from '../simulators/engine/har.ts';
import { RequestStats } from '../simulators/engine/stats.ts';
import { entraProfile, EntraSimulator, type EntraDialect, type EntraMatching } from '../simulators/entra.ts';
import { runEntraLifecycle } from '../simulators/lifecycle/entra-lifecycle.ts';
import { runOktaLifecycle } from '../simulators/lifecycle/okta-lifecycle.ts';
import { runPingLifecycle } from '../simulators/lifecycle/ping-lifecycle.ts';
import { makePopulation } from '../simulators/lifecycle/population.ts';
import type { LifecycleResult, Progress } from '../simulators/lifecycle/types.ts';
import { oktaProfile, OktaSimulator, type OktaDialect } from '../simulators/okta.ts';
import { pingFederateProfile, PingFederateConnector } from '../simulators/pingfederate.ts';

interface SimulateOptions {
  target: string;
  token?: string;
  basic?: string;
  users: number;
  groups: number;
  seed: number;
  har?: string;
  dialect?: string;
  concurrency?: number;
  rate?: number;
  matching: EntraMatching;
  softDeleteDays: number;
  ldapUrl?: string;
  ldapBindDn: string;
  ldapPassword: string;
  ldapBaseDn: string;
  removeUserAction: 'disable' | 'delete';
  state?: string;
}

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
};

/** The Entra flag lives in the tenant URL; the simulator takes it as its dialect and does not send it. */
const ENTRA_FLAG = 'aadOptscim062020';

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
      setExit(await simulate(idp, options));
    });
};

async function simulate(idp: 'okta' | 'entra' | 'ping', o: SimulateOptions): Promise<number> {
  const target = new URL(o.target);
  let dialect = o.dialect;
  if (target.searchParams.has(ENTRA_FLAG)) {
    dialect ??= ENTRA_FLAG;
    target.search = '';
  }
  const auth: Auth = o.token
    ? { kind: 'bearer', token: o.token }
    : o.basic
      ? { kind: 'basic', username: o.basic.slice(0, o.basic.indexOf(':')), password: o.basic.slice(o.basic.indexOf(':') + 1) }
      : { kind: 'none' };
  const base = { okta: oktaProfile, entra: entraProfile, ping: pingFederateProfile }[idp];
  const profile: IdpProfile = {
    ...base,
    concurrency: o.concurrency || base.concurrency,
    ratePerSecond: o.rate === undefined ? base.ratePerSecond : o.rate || Infinity,
  };
  const har = o.har ? new HarRecorder() : undefined;
  const stats = new RequestStats();
  const engine = new ScimEngine({ baseUrl: target.toString().replace(/\/$/, ''), auth, profile, har, stats });
  const population = makePopulation(o.users, o.groups, o.seed, idp);
  const progress = progressBar();
  const started = performance.now();
  let result: LifecycleResult;
  try {
    result = await runIdp(idp, engine, population, dialect, o, progress);
  } catch (err) {
    result = { failures: [err], mismatches: [] };
  } finally {
    progress.end();
    await engine.close();
    if (har && o.har) await har.write(o.har);
  }
  const seconds = (performance.now() - started) / 1000;
  printSummary(idp, o.users, seconds, stats, result);
  return result.failures.length || result.mismatches.length ? 1 : 0;
}

async function runIdp(idp: string, engine: ScimEngine, population: ReturnType<typeof makePopulation>, dialect: string | undefined, o: SimulateOptions, progress: Progress): Promise<LifecycleResult> {
  const concurrency = engine.profile.concurrency * 2;
  if (idp === 'okta') {
    return runOktaLifecycle(new OktaSimulator(engine, (dialect ?? 'oin-patch') as OktaDialect), population, concurrency, progress);
  }
  if (idp === 'entra') {
    const entra = new EntraSimulator(engine, {
      dialect: (dialect ?? 'legacy') as EntraDialect,
      matching: o.matching,
      softDeletePeriodMs: o.softDeleteDays * 86_400_000,
      guid: () => population.faker.string.uuid(),
    });
    return runEntraLifecycle(entra, population, concurrency, progress);
  }
  const dir: Directory = o.ldapUrl
    ? await LdapDirectory.connect({ url: o.ldapUrl, bindDn: o.ldapBindDn, password: o.ldapPassword, baseDn: o.ldapBaseDn })
    : await MockDirectory.start(o.ldapBaseDn);
  const state: StateStore = o.state ? new FileStateStore(o.state) : new MemoryStateStore();
  try {
    const connector = new PingFederateConnector(engine, {
      ldap: dir.endpoint,
      source: { baseDn: dir.peopleDn, userFilter: `(mail=*@${population.prefix}.example.test)`, groupBaseDn: dir.groupsDn, groupFilter: `(&(objectClass=groupOfNames)(cn=${population.prefix} *))` },
      removeUserAction: o.removeUserAction,
      state,
    });
    return await runPingLifecycle(connector, dir, population, () => state.load(), progress);
  } finally {
    await dir.close();
  }
}

/** One self-overwriting line on stderr when it is a terminal; silent otherwise (CI logs stay clean). */
function progressBar(): Progress & { end(): void } {
  const tty = process.stderr.isTTY;
  let last = '';
  const draw: Progress & { end(): void } = Object.assign(
    (phase: string, done: number, total: number) => {
      if (!tty) return;
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : width;
      const line = `${phase.padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
      if (line !== last) process.stderr.write(`\r${(last = line)}`);
    },
    { end: () => tty && last && process.stderr.write('\n') },
  );
  return draw;
}

function printSummary(idp: string, users: number, seconds: number, stats: RequestStats, result: LifecycleResult): void {
  const s = stats.summary();
  const out: string[] = [];
  out.push(`simulate ${idp}: ${s.requests} requests in ${seconds.toFixed(2)} s (${(s.requests / seconds).toFixed(0)} req/s, ${(users / seconds).toFixed(0)} users/s)`);
  out.push('requests by kind:');
  for (const [kind, statuses] of Object.entries(s.byKind).sort()) {
    out.push(`  ${kind.padEnd(28)} ${Object.entries(statuses).map(([status, n]) => `${status}×${n}`).join('  ')}`);
  }
  const errors = Object.entries(s.errors);
  out.push(`errors by status and scimType: ${errors.length ? errors.map(([k, n]) => `${k} ×${n}`).join(', ') : 'none'}`);
  out.push(`latency: p50 ${s.p50Ms.toFixed(1)} ms, p99 ${s.p99Ms.toFixed(1)} ms`);
  out.push(`failed operations: ${result.failures.length}`);
  for (const f of result.failures.slice(0, 10)) out.push(`  ${f instanceof Error ? f.message : String(f)}`);
  out.push(`end state: ${result.mismatches.length ? `${result.mismatches.length} mismatch(es)` : 'as expected'}`);
  for (const m of result.mismatches.slice(0, 10)) out.push(`  ${m}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
