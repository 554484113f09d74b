import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../../reference-server/index.ts';
import { MemoryStateStore } from '../../simulators/connector-state.ts';
import { MockDirectory } from '../../simulators/directory/mock-directory.ts';
import { VirtualClock } from '../../simulators/engine/clock.ts';
import { ScimEngine, type IdpProfile } from '../../simulators/engine/engine.ts';
import { entraProfile, EntraSimulator } from '../../simulators/entra.ts';
import { runEntraLifecycle } from '../../simulators/lifecycle/entra-lifecycle.ts';
import { runOktaLifecycle } from '../../simulators/lifecycle/okta-lifecycle.ts';
import { runPingLifecycle } from '../../simulators/lifecycle/ping-lifecycle.ts';
import { makePopulation } from '../../simulators/lifecycle/population.ts';
import { oktaProfile, OktaSimulator, type OktaDialect } from '../../simulators/okta.ts';
import { pingFederateProfile, PingFederateConnector } from '../../simulators/pingfederate.ts';

const quiet = () => undefined;

/** Each IdP's whole lifecycle against the reference server: no failed request, and the end state holds. */
async function withServer(profile: IdpProfile, fn: (engine: ScimEngine) => Promise<{ failures: unknown[]; mismatches: string[] }>) {
  const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token: 'tok' });
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'bearer', token: 'tok' }, profile: { ...profile, ratePerSecond: Infinity }, clock: new VirtualClock() });
  try {
    const { failures, mismatches } = await fn(engine);
    assert.deepEqual(failures.map(String), []);
    assert.deepEqual(mismatches, []);
  } finally {
    await engine.close();
    await server.close();
  }
}

describe('lifecycles against the reference server', () => {
  for (const dialect of ['oin-patch', 'oin-legacy', 'aiw'] as OktaDialect[]) {
    test(`Okta ${dialect}`, () => withServer(oktaProfile, (engine) => runOktaLifecycle(new OktaSimulator(engine, dialect), makePopulation(25, 3, 11), 8, quiet)));
  }

  for (const dialect of ['legacy', 'aadOptscim062020'] as const) {
    test(`Entra ${dialect}`, () =>
      withServer(entraProfile, (engine) =>
        runEntraLifecycle(new EntraSimulator(engine, { dialect, softDeletePeriodMs: 0, guid: () => '00000000-0000-4000-8000-000000000000' }), makePopulation(25, 3, 12), 8, quiet),
      ));
  }

  test('PingFederate from the embedded directory', () =>
    withServer(pingFederateProfile, async (engine) => {
      const dir = await MockDirectory.start();
      const state = new MemoryStateStore();
      const pop = makePopulation(25, 3, 13);
      try {
        const connector = new PingFederateConnector(engine, {
          ldap: dir.endpoint,
          source: { baseDn: dir.peopleDn, groupBaseDn: dir.groupsDn, groupFilter: '(objectClass=groupOfNames)' },
          state,
        });
        return await runPingLifecycle(connector, dir, pop, () => state.load(), quiet);
      } finally {
        await dir.close();
      }
    }));
});
