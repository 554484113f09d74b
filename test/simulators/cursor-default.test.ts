// The IdP walks keep working on a server that pages by RFC 9865 cursor when a query names no paging method.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../reference-server/index.ts';
import { VirtualClock } from '../../simulators/engine/clock.ts';
import { ScimEngine, type IdpProfile } from '../../simulators/engine/engine.ts';
import { entraProfile, EntraSimulator } from '../../simulators/entra.ts';
import { runEntraLifecycle } from '../../simulators/lifecycle/entra-lifecycle.ts';
import { runOktaLifecycle } from '../../simulators/lifecycle/okta-lifecycle.ts';
import { makePopulation } from '../../simulators/lifecycle/population.ts';
import { oktaProfile, OktaSimulator } from '../../simulators/okta.ts';

const quiet = () => undefined;

async function onCursorDefaultServer(profile: IdpProfile, fn: (engine: ScimEngine) => Promise<{ failures: unknown[]; mismatches: string[] }>) {
  const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token: 'tok', defaultPagination: 'cursor' });
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

test('Okta lifecycle (its import pages by startIndex) on a cursor-default server', () =>
  onCursorDefaultServer(oktaProfile, (engine) => runOktaLifecycle(new OktaSimulator(engine, 'oin-patch'), makePopulation(25, 3, 21), 8, quiet)));

test('Okta import across several pages on a cursor-default server lists every user once', async () => {
  const server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token: 'tok', defaultPagination: 'cursor' });
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'bearer', token: 'tok' }, profile: { ...oktaProfile, ratePerSecond: Infinity }, clock: new VirtualClock() });
  try {
    for (let i = 0; i < 230; i++) {
      const res = await fetch(`${server.url}/Users`, {
        method: 'POST',
        headers: { Authorization: 'Bearer tok', 'Content-Type': 'application/scim+json' },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `okta-cur-${i}` }),
      });
      assert.equal(res.status, 201);
    }
    const imported = await new OktaSimulator(engine, 'oin-patch').importUsers();
    assert.equal(imported.length, 230);
    assert.equal(new Set(imported.map((u) => u.id)).size, 230);
  } finally {
    await engine.close();
    await server.close();
  }
});

test('Entra lifecycle on a cursor-default server', () =>
  onCursorDefaultServer(entraProfile, (engine) =>
    runEntraLifecycle(new EntraSimulator(engine, { dialect: 'aadOptscim062020', softDeletePeriodMs: 0, guid: () => '00000000-0000-4000-8000-000000000000' }), makePopulation(25, 3, 22), 8, quiet),
  ));
