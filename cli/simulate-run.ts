/** `scim-harness simulate`: the implementation, loaded by cli/simulate.ts when the command runs. */
import { FileStateStore, MemoryStateStore, type StateStore } from '../simulators/connector-state.ts';
import { LdapDirectory } from '../simulators/directory/ldap-directory.ts';
import { MockDirectory } from '../simulators/directory/mock-directory.ts';
import type { Directory } from '../simulators/directory/types.ts';
import type { Auth } from '../simulators/engine/auth.ts';
import type { IdpProfile } from '../simulators/engine/engine.ts';
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
import { formatSummary, simulateProgress } from './simulate-console.ts';
import { LedgeredEngine, SimulateLedger } from './simulate-ledger.ts';

export interface SimulateOptions {
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

/** The Entra flag lives in the tenant URL; the simulator takes it as its dialect and does not send it. */
const ENTRA_FLAG = 'aadOptscim062020';

/** Runs one IdP's lifecycle against the target and prints the summary; returns the exit code. */
export async function simulate(idp: 'okta' | 'entra' | 'ping', o: SimulateOptions): Promise<number> {
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
  // Entra ID provisions at about 25 requests per second; say so, or a slow run looks like a slow server.
  if (o.rate === undefined && Number.isFinite(profile.ratePerSecond)) {
    process.stderr.write(`simulate ${idp}: capped at ${profile.ratePerSecond} requests/s, as ${idp} does; --rate N changes the cap, --rate 0 lifts it\n`);
  }
  const har = o.har ? new HarRecorder() : undefined;
  const stats = new RequestStats();
  const baseUrl = target.href.replace(/\/+$/, '');
  // Every create is in the run ledger before it is sent, so `scim-harness cleanup --target <url>` removes the population.
  const ledger = new SimulateLedger(baseUrl);
  const engine = new LedgeredEngine({ baseUrl, auth, profile, har, stats }, ledger);
  const population = makePopulation(o.users, o.groups, o.seed, idp);
  const progress = simulateProgress(process.stderr, idp, Boolean(process.stderr.isTTY));
  const started = performance.now();
  let result: LifecycleResult;
  try {
    result = await runIdp(idp, engine, population, dialect, o, progress);
  } catch (err) {
    // Not an operation the target failed (the directory, the state file, a bug): still one line, still exit 1.
    result = { phases: [], failures: [err], mismatches: [] };
  } finally {
    progress.end();
    await engine.close();
    ledger.close();
    if (har && o.har) await har.write(o.har);
  }
  const left = ledger.pending();
  if (left) process.stderr.write(`simulate ${idp}: ${left} resource(s) stay on the target, listed in ${ledger.path}; \`scim-harness cleanup --target ${baseUrl}\` deletes them\n`);
  const seconds = (performance.now() - started) / 1000;
  printSummary(idp, o.users, seconds, stats, result);
  return result.failures.length || result.mismatches.length ? 1 : 0;
}

async function runIdp(idp: string, engine: LedgeredEngine, population: ReturnType<typeof makePopulation>, dialect: string | undefined, o: SimulateOptions, progress: Progress): Promise<LifecycleResult> {
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

function printSummary(idp: string, users: number, seconds: number, stats: RequestStats, result: LifecycleResult): void {
  process.stdout.write(`${formatSummary({ idp, users, seconds, stats: stats.summary(), result }).join('\n')}\n`);
}
