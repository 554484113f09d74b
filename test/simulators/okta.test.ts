import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VirtualClock } from '../../simulators/engine/clock.ts';
import { ScimEngine } from '../../simulators/engine/engine.ts';
import { ScimRequestError } from '../../simulators/engine/errors.ts';
import { oktaProfile, OktaSimulator, type OktaDialect, type OktaUser } from '../../simulators/okta.ts';
import { fakeScim } from './helpers/fake-scim.ts';
import { startRecordingServer, type Responder } from './helpers/recording-server.ts';

const maria: OktaUser = {
  oktaId: '00uAbCdEf123456789x7', userName: 'maria.lopez@acme.test', givenName: 'Maria', familyName: 'Lopez',
  email: 'maria.lopez@acme.test', displayName: 'Maria Lopez',
};

async function withOkta(dialect: OktaDialect, respond: Responder | undefined, fn: (okta: OktaSimulator, server: Awaited<ReturnType<typeof startRecordingServer>>, fake: ReturnType<typeof fakeScim>) => Promise<void>) {
  const fake = fakeScim();
  const server = await startRecordingServer(respond ?? fake.respond);
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'bearer', token: 't' }, profile: oktaProfile, clock: new VirtualClock() });
  try {
    await fn(new OktaSimulator(engine, dialect), server, fake);
  } finally {
    await engine.close();
    await server.close();
  }
}

describe('Okta', () => {
  test('test connection, lookup-then-create with Okta headers and body', () =>
    withOkta('oin-patch', undefined, async (okta, server) => {
      await okta.testConnection();
      const { linked } = await okta.assignUser(maria);
      assert.equal(linked, false);
      assert.deepEqual(server.lines(), [
        'GET /Users?startIndex=1&count=2',
        'GET /Users?filter=userName eq "maria.lopez@acme.test"&startIndex=1&count=100',
        'POST /Users',
      ]);
      assert.equal(server.requests[1]!.query, 'filter=userName%20eq%20%22maria.lopez%40acme.test%22&startIndex=1&count=100');
      const post = server.requests[2]!;
      assert.equal(post.headers['user-agent'], 'Okta SCIM Client 1.0.0');
      assert.equal(post.headers['content-type'], 'application/scim+json; charset=utf-8');
      assert.equal(post.headers.accept, 'application/scim+json');
      assert.equal(post.headers['accept-charset'], 'utf-8');
      assert.deepEqual(post.body, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'maria.lopez@acme.test',
        name: { givenName: 'Maria', familyName: 'Lopez' },
        emails: [{ primary: true, value: 'maria.lopez@acme.test', type: 'work' }],
        displayName: 'Maria Lopez',
        locale: 'en-US',
        externalId: '00uAbCdEf123456789x7',
        groups: [],
        password: 'tmpQ7x1k9z',
        active: true,
      });
    }));

  test('links to a user the lookup finds and pushes the profile instead of creating', () =>
    withOkta('oin-patch', undefined, async (okta, server, fake) => {
      fake.users.set('existing', { id: 'existing', userName: 'Maria.Lopez@acme.test', active: true });
      const result = await okta.assignUser(maria);
      assert.deepEqual(result, { id: 'existing', linked: true });
      assert.deepEqual(server.lines().map((l) => l.split('?')[0]), ['GET /Users', 'PATCH /Users/existing']);
      assert.equal(server.requests[1]!.body.Operations[0].op, 'replace');
      assert.equal(server.requests[1]!.body.Operations[0].path, undefined);
    }));

  test('409 on create stops the assignment with the error', () =>
    withOkta('oin-patch', (req) => (req.method === 'GET' ? { status: 200, body: { totalResults: 0, Resources: [] } } : { status: 409, body: { status: '409', scimType: 'uniqueness', detail: 'exists' } }), async (okta) => {
      await assert.rejects(okta.assignUser(maria), (e: unknown) => e instanceof ScimRequestError && e.status === 409 && e.scimType === 'uniqueness');
    }));

  test('OIN: deactivate/reactivate are no-path PATCH replace, never DELETE', () =>
    withOkta('oin-legacy', undefined, async (okta, server, fake) => {
      fake.users.set('u9', { id: 'u9', userName: 'x', active: true });
      await okta.deactivate('u9');
      await okta.reactivate('u9');
      await okta.updateProfile('u9', { ...maria, familyName: 'Lopez-Ruiz' });
      assert.deepEqual(server.lines(), ['PATCH /Users/u9', 'PATCH /Users/u9', 'GET /Users/u9', 'PUT /Users/u9']);
      assert.deepEqual(server.requests[0]!.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] });
      assert.deepEqual(server.requests[1]!.body.Operations[0].value, { active: true });
      const put = server.requests[3]!.body;
      assert.equal(put.id, 'u9');
      assert.equal(put.active, true, 'a profile push never changes active');
      assert.equal(put.name.familyName, 'Lopez-Ruiz');
      assert.ok(!server.requests.some((r) => r.method === 'DELETE'));
    }));

  // Was "Okta never sent a DELETE for a user" in features/okta/users.feature: a check of the simulator, not the server.
  for (const dialect of ['oin-patch', 'oin-legacy', 'aiw'] as const) {
    test(`${dialect}: deactivating and reactivating a user never sends a DELETE`, () =>
      withOkta(dialect, undefined, async (okta, server, fake) => {
        fake.users.set('u9', { id: 'u9', userName: 'x', active: true, meta: { resourceType: 'User' } });
        await okta.deactivate('u9');
        await okta.reactivate('u9');
        assert.ok(server.requests.length > 0);
        assert.deepEqual(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path), []);
      }));
  }

  test('AIW: deactivation is GET then PUT of the whole object', () =>
    withOkta('aiw', undefined, async (okta, server, fake) => {
      fake.users.set('u9', { id: 'u9', userName: 'x', active: true, meta: { resourceType: 'User' } });
      await okta.deactivate('u9');
      assert.deepEqual(server.lines(), ['GET /Users/u9', 'PUT /Users/u9']);
      assert.deepEqual(server.requests[1]!.body, { id: 'u9', userName: 'x', active: false, meta: { resourceType: 'User' } });
    }));

  test('OIN group push: lookup, POST without members, rename repeating the id, then remove/add PATCH', () =>
    withOkta('oin-patch', undefined, async (okta, server) => {
      const id = await okta.pushGroup('Sales', [{ value: 'u1', display: 'a@x' }]);
      await okta.updateMembers(id, 'Sales EMEA', [{ value: 'u3', display: 'c@x' }], ['u1']);
      await okta.deleteGroup(id);
      assert.deepEqual(server.lines(), [
        'GET /Groups?filter=displayName eq "Sales"&startIndex=1&count=100',
        'POST /Groups',
        `PATCH /Groups/${id}`,
        `PATCH /Groups/${id}`,
        `PATCH /Groups/${id}`,
        `PATCH /Groups/${id}`,
        `DELETE /Groups/${id}`,
      ]);
      assert.deepEqual(server.requests[1]!.body, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales', members: [] });
      assert.deepEqual(server.requests[2]!.body.Operations, [{ op: 'replace', value: { id, displayName: 'Sales' } }]);
      assert.deepEqual(server.requests[3]!.body.Operations, [{ op: 'add', path: 'members', value: [{ value: 'u1', display: 'a@x' }] }]);
      assert.deepEqual(server.requests[4]!.body.Operations, [{ op: 'replace', value: { id, displayName: 'Sales EMEA' } }]);
      assert.deepEqual(server.requests[5]!.body.Operations, [
        { op: 'remove', path: 'members[value eq "u1"]' },
        { op: 'add', path: 'members', value: [{ value: 'u3', display: 'c@x' }] },
      ]);
    }));

  test('AIW group push: lookup, POST, GET, PUT with the full member list', () =>
    withOkta('aiw', undefined, async (okta, server) => {
      const id = await okta.pushGroup('Sales', [{ value: 'u1', display: 'a@x' }]);
      assert.deepEqual(server.lines().map((l) => l.split('?')[0]), ['GET /Groups', 'POST /Groups', `GET /Groups/${id}`, `PUT /Groups/${id}`]);
      assert.deepEqual(server.requests[3]!.body, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id, displayName: 'Sales', members: [{ value: 'u1', display: 'a@x' }] });
    }));

  test('import pages by 100 until totalResults and skips inactive users', () =>
    withOkta('oin-patch', undefined, async (okta, server, fake) => {
      for (let i = 0; i < 205; i++) fake.users.set(`u${i}`, { id: `u${i}`, userName: `n${i}`, active: i !== 7 });
      const users = await okta.importUsers();
      assert.equal(users.length, 204);
      assert.deepEqual(server.lines(), ['GET /Users?startIndex=1&count=100', 'GET /Users?startIndex=101&count=100', 'GET /Users?startIndex=201&count=100']);
    }));

  test('429 without Retry-After waits 5 minutes, then doubles; integer Retry-After is exact', async () => {
    const replies = [{ status: 429 }, { status: 429 }, { status: 429, headers: { 'retry-after': '42' } }, { status: 429, headers: { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' } }, { status: 200, body: { totalResults: 0 } }];
    const server = await startRecordingServer(() => replies.shift()!);
    const clock = new VirtualClock();
    const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'bearer', token: 't' }, profile: oktaProfile, clock });
    try {
      await new OktaSimulator(engine).testConnection();
      assert.deepEqual(clock.sleeps, [300_000, 600_000, 42_000, 2_400_000]);
    } finally {
      await engine.close();
      await server.close();
    }
  });
});
