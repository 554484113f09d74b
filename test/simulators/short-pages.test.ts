import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPage, nextStartIndex, walkPages, PageLimitError } from '../../scim/paging.ts';
import { MemoryStateStore } from '../../simulators/connector-state.ts';
import { MockDirectory } from '../../simulators/directory/mock-directory.ts';
import { ScimEngine } from '../../simulators/engine/engine.ts';
import { listAll } from '../../simulators/lifecycle/verify.ts';
import { OktaSimulator, oktaProfile } from '../../simulators/okta.ts';
import { pingFederateProfile, PingFederateConnector } from '../../simulators/pingfederate.ts';
import { fakeScim } from './helpers/fake-scim.ts';
import { startRecordingServer } from './helpers/recording-server.ts';

/**
 * RFC 7644 §3.4.2.4: a server MAY return fewer results than `count`. Every listing walks on by what a page
 * returned; a walk by `startIndex += count` loses resources (and the PingFederate connector then creates a
 * duplicate group, answered 409 by a real server).
 */

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const page = (ids: string[], totalResults: number) => ({ schemas: [LIST], totalResults, itemsPerPage: ids.length, Resources: ids.map((id) => ({ id })) });

test('walkPages follows short pages to totalResults and stops on an empty page', async () => {
  const all = ['a', 'b', 'c', 'd', 'e'];
  const starts: number[] = [];
  const got = await walkPages(async (start) => (starts.push(start), page(all.slice(start - 1, start + 1), all.length)));
  assert.deepEqual(got.map((r) => (r as { id: string }).id), all);
  assert.deepEqual(starts, [1, 3, 5]);
  assert.equal(nextStartIndex(readPage(page([], 9), 4)), undefined, 'an empty page ends the walk');
  await assert.rejects(walkPages(async () => page(['x'], 1_000_000), 3), PageLimitError);
});

test('PingFederate group lookup on a server that pages by 2 finds the existing group instead of creating a duplicate', async () => {
  const fake = fakeScim({ maxPage: 2 });
  for (const [id, displayName] of [['g1', 'Sales'], ['g2', 'Support'], ['g3', 'Accounting']]) fake.groups.set(id, { id, displayName, members: [] });
  const server = await startRecordingServer(fake.respond);
  const dir = await MockDirectory.start();
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'basic', username: 'ping', password: 'pw' }, profile: pingFederateProfile });
  try {
    const jdoe = await dir.addUser({ uid: 'jdoe', givenName: 'Jane', sn: 'Doe', mail: 'jane.doe@acme.test' });
    await dir.addGroup('Staff', [jdoe]);
    await dir.addGroup('Accounting', [jdoe]);
    const connector = new PingFederateConnector(engine, {
      ldap: dir.endpoint,
      source: { baseDn: dir.peopleDn, groupDn: `cn=Staff,${dir.groupsDn}`, groupBaseDn: dir.groupsDn, groupFilter: '(&(objectClass=groupOfNames)(!(cn=Staff)))' },
      state: new MemoryStateStore(),
    });
    await connector.run();
    const lines = server.lines();
    assert.deepEqual(lines.filter((l) => l.startsWith('GET /Groups')), ['GET /Groups?startIndex=1&count=100', 'GET /Groups?startIndex=3&count=100']);
    assert.ok(!lines.includes('POST /Groups'), `no group created: ${lines.join(', ')}`);
    assert.equal(fake.groups.size, 3);
    assert.deepEqual(fake.groups.get('g3').members, [{ value: 'u1' }]);
  } finally {
    await engine.close();
    await server.close();
    await dir.close();
  }
});

test('Okta import and the end-state listing read every user from a server that pages by 2', async () => {
  const fake = fakeScim({ maxPage: 2 });
  for (let i = 1; i <= 5; i++) fake.users.set(`u${i}`, { id: `u${i}`, userName: `user${i}@acme.test`, active: true });
  const server = await startRecordingServer(fake.respond);
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'bearer', token: 't' }, profile: oktaProfile });
  try {
    const okta = new OktaSimulator(engine);
    assert.deepEqual((await okta.importUsers()).map((u) => u.id), ['u1', 'u2', 'u3', 'u4', 'u5']);
    assert.deepEqual([...(await listAll(engine, '/Users')).keys()], ['u1', 'u2', 'u3', 'u4', 'u5']);
  } finally {
    await engine.close();
    await server.close();
  }
});
