import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScimEngine } from '../../simulators/engine/engine.ts';
import { pingOneProfile, PingOneSimulator } from '../../simulators/pingone.ts';
import { fakeScim } from './helpers/fake-scim.ts';
import { startRecordingServer } from './helpers/recording-server.ts';

async function withPingOne(fn: (p: PingOneSimulator, server: Awaited<ReturnType<typeof startRecordingServer>>, fake: ReturnType<typeof fakeScim>) => Promise<void>) {
  const fake = fakeScim();
  const server = await startRecordingServer(fake.respond);
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'bearer', token: 't' }, profile: pingOneProfile });
  try {
    await fn(new PingOneSimulator(engine), server, fake);
  } finally {
    await engine.close();
    await server.close();
  }
}

test('PingOne creates a new group with its members', () =>
  withPingOne(async (p, server) => {
    assert.deepEqual(await p.pushGroup('Eng', [{ value: 'u1' }], 'merge'), { id: 'g1', existed: false });
    assert.deepEqual(server.lines(), ['GET /Groups?filter=displayName eq "Eng"', 'POST /Groups']);
    assert.deepEqual(server.requests[1]!.body.members, [{ value: 'u1' }]);
  }));

test('PingOne merges into an existing group: adds only the missing members', () =>
  withPingOne(async (p, server, fake) => {
    fake.groups.set('g9', { id: 'g9', displayName: 'Eng', members: [{ value: 'u1' }] });
    await p.pushGroup('Eng', [{ value: 'u1' }, { value: 'u2' }], 'merge');
    assert.deepEqual(server.lines().slice(1), ['GET /Groups/g9', 'PATCH /Groups/g9']);
    assert.deepEqual(server.requests[2]!.body.Operations, [{ op: 'add', path: 'members', value: [{ value: 'u2' }] }]);
  }));

test('PingOne overwrites an existing group: replaces the member list', () =>
  withPingOne(async (p, server, fake) => {
    fake.groups.set('g9', { id: 'g9', displayName: 'Eng', members: [{ value: 'u1' }] });
    await p.pushGroup('Eng', [{ value: 'u2' }], 'overwrite');
    assert.deepEqual(server.lines().slice(1), ['PATCH /Groups/g9']);
    assert.deepEqual(server.requests[1]!.body.Operations, [{ op: 'replace', path: 'members', value: [{ value: 'u2' }] }]);
    assert.deepEqual(fake.groups.get('g9').members, [{ value: 'u2' }]);
  }));
