import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { VirtualClock } from '../../simulators/engine/clock.ts';
import { ScimEngine } from '../../simulators/engine/engine.ts';
import { entraProfile, EntraSimulator, type EntraOptions, type EntraUser } from '../../simulators/entra.ts';
import { QuarantinedError } from '../../simulators/quarantine.ts';
import { fakeScim } from './helpers/fake-scim.ts';
import { startRecordingServer, type Responder } from './helpers/recording-server.ts';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const maria: EntraUser = {
  objectId: 'oid-1', mailNickname: 'mlopez', userPrincipalName: 'maria.lopez@acme.test', givenName: 'Maria', surname: 'Lopez',
  displayName: 'Maria Lopez', mail: 'maria.lopez@acme.test', jobTitle: 'Account Executive', department: 'Sales', employeeId: '10442',
};

async function withEntra(options: EntraOptions, fn: (entra: EntraSimulator, server: Awaited<ReturnType<typeof startRecordingServer>>, clock: VirtualClock) => Promise<void>, respond?: Responder) {
  const server = await startRecordingServer(respond ?? fakeScim().respond);
  const clock = new VirtualClock();
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'bearer', token: 't' }, profile: { ...entraProfile, ratePerSecond: Infinity }, clock });
  try {
    await fn(new EntraSimulator(engine, { guid: () => '3f2b0d6e-0000-4000-8000-000000000001', ...options }), server, clock);
  } finally {
    await engine.close();
    await server.close();
  }
}

describe('Entra ID', () => {
  test('refuses anything but bearer auth', async () => {
    const engine = new ScimEngine({ baseUrl: 'http://127.0.0.1:9', auth: { kind: 'basic', username: 'u', password: 'p' }, profile: entraProfile });
    assert.throws(() => new EntraSimulator(engine), /bearer/);
    await engine.close();
  });

  test('test connection with a GUID, lookup on the matching attribute, create', () =>
    withEntra({ matching: 'emails' }, async (entra, server) => {
      await entra.testConnection();
      await entra.provisionUser(maria);
      assert.deepEqual(server.lines(), [
        'GET /Users?filter=emails[type eq "work"].value eq "3f2b0d6e-0000-4000-8000-000000000001"',
        'GET /Users?filter=emails[type eq "work"].value eq "maria.lopez@acme.test"',
        'POST /Users',
      ]);
      const post = server.requests[2]!;
      assert.equal(post.headers['content-type'], 'application/scim+json');
      assert.equal(post.headers.authorization, 'Bearer t');
      assert.deepEqual(post.body, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
        externalId: 'mlopez', userName: 'maria.lopez@acme.test', active: true, displayName: 'Maria Lopez',
        emails: [{ primary: true, type: 'work', value: 'maria.lopez@acme.test' }], meta: { resourceType: 'User' },
        name: { formatted: 'Maria Lopez', familyName: 'Lopez', givenName: 'Maria' }, title: 'Account Executive',
        [ENT]: { department: 'Sales', employeeNumber: '10442' }, roles: [],
      });
    }));

  test('legacy PATCH: capitalised pathed ops, "False" strings, filtered email path, enterprise URN paths, manager', () =>
    withEntra({ dialect: 'legacy' }, async (entra, server) => {
      const { id } = await entra.provisionUser(maria);
      await entra.updateUser(id, { displayName: 'Maria Lopez-Ruiz', surname: 'Lopez-Ruiz', mail: 'm.lr@acme.test', department: 'Sales EMEA' });
      await entra.setManager(id, 'boss-1');
      await entra.disableUser(id);
      const ops = server.requests.filter((r) => r.method === 'PATCH').map((r) => r.body.Operations);
      assert.deepEqual(ops[0], [
        { op: 'Replace', path: 'displayName', value: 'Maria Lopez-Ruiz' },
        { op: 'Replace', path: 'name.familyName', value: 'Lopez-Ruiz' },
        { op: 'Replace', path: `${ENT}:department`, value: 'Sales EMEA' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'm.lr@acme.test' },
      ]);
      assert.deepEqual(ops[1], [{ op: 'Add', path: `${ENT}:manager`, value: 'boss-1' }]);
      assert.deepEqual(ops[2], [{ op: 'Replace', path: 'active', value: 'False' }]);
      assert.equal(server.lines().at(-3), `GET /Users/${id}`, 'manager: current value read before the PATCH');
    }));

  test('aadOptscim062020 PATCH: lower-case ops, boolean active, dotted keys in one no-path replace', () =>
    withEntra({ dialect: 'aadOptscim062020', managerStyle: 'core' }, async (entra, server) => {
      const { id } = await entra.provisionUser(maria);
      await entra.updateUser(id, { displayName: 'Maria Lopez-Ruiz', surname: 'Lopez-Ruiz', mail: 'm.lr@acme.test', employeeId: '1' });
      await entra.setManager(id, 'boss-1');
      await entra.disableUser(id);
      const ops = server.requests.filter((r) => r.method === 'PATCH').map((r) => r.body.Operations);
      assert.deepEqual(ops[0], [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'm.lr@acme.test' },
        { op: 'replace', value: { displayName: 'Maria Lopez-Ruiz', 'name.familyName': 'Lopez-Ruiz', [`${ENT}:employeeNumber`]: '1' } },
      ]);
      assert.deepEqual(ops[1], [{ op: 'add', path: 'manager', value: [{ $ref: `${server.url}/Users/boss-1`, value: 'boss-1' }] }]);
      assert.deepEqual(ops[2], [{ op: 'replace', path: 'active', value: false }]);
    }));

  test('groups: read without members, create with no members, add/remove/rename/delete in both dialects', async () => {
    for (const dialect of ['legacy', 'aadOptscim062020'] as const) {
      await withEntra({ dialect }, async (entra, server) => {
        const { id } = await entra.provisionGroup('gid-1', 'Sales');
        await entra.addMembers(id, ['u1', 'u2']);
        await entra.removeMembers(id, ['u1', 'u2']);
        await entra.renameGroup(id, 'Sales EMEA');
        await entra.getGroup(id);
        await entra.deleteGroup(id);
        assert.deepEqual(server.lines(), [
          'GET /Groups?excludedAttributes=members&filter=displayName eq "Sales"',
          'POST /Groups', `PATCH /Groups/${id}`, `PATCH /Groups/${id}`, `PATCH /Groups/${id}`,
          `GET /Groups/${id}?excludedAttributes=members`, `DELETE /Groups/${id}`,
        ]);
        assert.deepEqual(server.requests[1]!.body, {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
          externalId: 'gid-1', displayName: 'Sales',
        });
        const [add, remove, rename] = [2, 3, 4].map((i) => server.requests[i]!.body.Operations);
        if (dialect === 'legacy') {
          assert.deepEqual(add, [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'u1' }, { $ref: null, value: 'u2' }] }]);
          assert.deepEqual(remove, [{ op: 'Remove', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }]);
          assert.deepEqual(rename, [{ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }]);
        } else {
          assert.deepEqual(add, [{ op: 'add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }]);
          assert.deepEqual(remove, [{ op: 'remove', path: 'members[value eq "u1"]' }, { op: 'remove', path: 'members[value eq "u2"]' }]);
          assert.deepEqual(rename, [{ op: 'replace', path: 'displayName', value: 'Sales EMEA' }]);
        }
      });
    }
  });

  test('soft delete disables now and DELETEs only after the configured period', () =>
    withEntra({ softDeletePeriodMs: 3 * 86_400_000 }, async (entra, server, clock) => {
      const { id } = await entra.provisionUser(maria);
      await entra.softDeleteUser(id);
      clock.advance(2 * 86_400_000);
      assert.deepEqual(await entra.hardDeleteDue(), []);
      clock.advance(86_400_000);
      assert.deepEqual(await entra.hardDeleteDue(), [id]);
      assert.deepEqual(server.lines().slice(2), [`PATCH /Users/${id}`, `DELETE /Users/${id}`]);
    }));

  test('quarantine after the early-failure threshold: nothing more is sent', () =>
    withEntra({ quarantine: { earlyWindow: 4, minFailures: 5000, failureRate: 0.4, maxFailures: 40000, absoluteCap: 60000 } }, async (entra, server) => {
      for (let i = 0; i < 4; i++) await assert.rejects(entra.testConnection());
      assert.equal(entra.quarantineReason, 'EncounteredQuarantineException');
      await assert.rejects(entra.testConnection(), QuarantinedError);
      assert.equal(server.requests.length, 4);
    }, () => ({ status: 401, body: { status: '401', detail: 'bad token' } })));

  test('quarantine on the proportion threshold', () =>
    withEntra({ quarantine: { earlyWindow: 0, minFailures: 3, failureRate: 0.4, maxFailures: 100, absoluteCap: 1000 } }, async (entra) => {
      let n = 0;
      for (let i = 0; i < 5 && !entra.quarantineReason; i++) await entra.getGroup('g').catch(() => n++);
      assert.equal(n, 3);
      assert.equal(entra.quarantineReason, 'EncounteredEscrowProportionThreshold');
    }, () => ({ status: 404, body: { status: '404' } })));
});
