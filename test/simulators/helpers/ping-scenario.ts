import assert from 'node:assert/strict';
import { MemoryStateStore } from '../../../simulators/connector-state.ts';
import type { Directory } from '../../../simulators/directory/types.ts';
import { ScimEngine } from '../../../simulators/engine/engine.ts';
import { pingFederateProfile, PingFederateConnector } from '../../../simulators/pingfederate.ts';
import { fakeScim } from './fake-scim.ts';
import { startRecordingServer } from './recording-server.ts';

/**
 * The PingFederate connector's diffing, end to end against one Directory backend (ZPA-01..09). Shared by
 * the embedded-mock test and the slapd test so both backends prove the same thing.
 */
export async function pingConnectorScenario(dir: Directory): Promise<void> {
  const fake = fakeScim();
  const server = await startRecordingServer(fake.respond);
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'basic', username: 'ping', password: 'pw' }, profile: pingFederateProfile });
  const connector = new PingFederateConnector(engine, {
    ldap: dir.endpoint,
    source: { baseDn: dir.peopleDn, groupDn: `cn=Staff,${dir.groupsDn}`, groupBaseDn: dir.groupsDn, groupFilter: '(&(objectClass=groupOfNames)(!(cn=Staff)))' },
    state: new MemoryStateStore(),
  });
  const runLines = async () => {
    const before = server.requests.length;
    await connector.run();
    return server.lines().slice(before);
  };
  try {
    const jdoe = await dir.addUser({ uid: 'jdoe', givenName: 'Jane', sn: 'Doe', mail: 'jane.doe@acme.test' });
    const asmith = await dir.addUser({ uid: 'asmith', givenName: 'Alan', sn: 'Smith', mail: 'alan.smith@acme.test' });
    const bkim = await dir.addUser({ uid: 'bkim', givenName: 'Bo', sn: 'Kim', mail: 'bo.kim@acme.test' });
    const staff = await dir.addGroup('Staff', [jdoe, asmith]);
    let accounting = await dir.addGroup('Accounting', [jdoe]);

    // ZPA-01/02/05/06: users of the targeted group created by mail → userName, the group by cn, members pushed.
    assert.deepEqual(await runLines(), [
      'GET /Users?filter=userName eq "alan.smith@acme.test"', 'POST /Users',
      'GET /Users?filter=userName eq "jane.doe@acme.test"', 'POST /Users',
      'GET /Groups?startIndex=1&count=100', 'POST /Groups', 'PATCH /Groups/g3',
    ]);
    assert.equal(server.requests[1]!.headers.authorization, `Basic ${Buffer.from('ping:pw').toString('base64')}`);
    assert.deepEqual(server.requests[1]!.body, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'alan.smith@acme.test',
      name: { givenName: 'Alan', familyName: 'Smith' }, displayName: 'Alan Smith',
      emails: [{ value: 'alan.smith@acme.test', type: 'work', primary: true }], active: true,
    });
    assert.deepEqual(server.requests[5]!.body, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Accounting', members: [] });
    assert.deepEqual(server.requests[6]!.body.Operations, [{ op: 'replace', path: 'members', value: [{ value: 'u2' }] }]);

    assert.deepEqual(await runLines(), [], 'nothing changed, nothing sent');

    // ZPA-03/07/08: attribute change → PUT; cn change → rename; membership → overwrite.
    await dir.setAttribute(asmith, 'title', 'CFO');
    accounting = await dir.renameGroup(accounting, 'Finance');
    await dir.addMember(accounting, asmith);
    assert.deepEqual(await runLines(), ['PUT /Users/u1', 'PATCH /Groups/g3', 'PATCH /Groups/g3']);
    assert.equal(fake.users.get('u1').title, 'CFO');
    assert.deepEqual(server.requests.at(-2)!.body.Operations, [{ op: 'replace', path: 'displayName', value: 'Finance' }]);
    assert.deepEqual(server.requests.at(-1)!.body.Operations, [{ op: 'replace', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }]);

    // ZPA-04: disabled, and removed from the targeted group, both deprovision (disable); a new member is created.
    await dir.disable(jdoe);
    await dir.removeMember(staff, asmith);
    await dir.addMember(staff, bkim);
    assert.deepEqual(await runLines(), [
      'GET /Users?filter=userName eq "bo.kim@acme.test"', 'POST /Users', 'PUT /Users/u1', 'PUT /Users/u2', 'PATCH /Groups/g3',
    ]);
    assert.equal(fake.users.get('u1').active, false);
    assert.equal(fake.users.get('u2').active, false);
    assert.equal(fake.users.get('u2').userName, 'jane.doe@acme.test');
    assert.deepEqual(server.requests.at(-1)!.body.Operations, [{ op: 'replace', path: 'members', value: [] }]);

    // Re-enabling sends the user again with active true; ZPA-09: a deleted group is deleted in the target.
    await dir.enable(jdoe);
    await dir.deleteGroup(accounting);
    assert.deepEqual(await runLines(), ['PUT /Users/u2', 'DELETE /Groups/g3']);
    assert.equal(fake.users.get('u2').active, true);
    assert.equal(fake.groups.size, 0);
  } finally {
    await engine.close();
    await server.close();
  }
}

/** ZPA-04 with "Remove User Action" = Delete: a user deleted in the directory is DELETEd in the target. */
export async function pingDeleteActionScenario(dir: Directory): Promise<void> {
  const fake = fakeScim();
  const server = await startRecordingServer(fake.respond);
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'bearer', token: 't' }, profile: pingFederateProfile });
  const connector = new PingFederateConnector(engine, {
    ldap: dir.endpoint,
    source: { baseDn: dir.peopleDn, userFilter: '(mail=*@acme.test)' },
    removeUserAction: 'delete',
    state: new MemoryStateStore(),
  });
  try {
    const dn = await dir.addUser({ uid: 'cdel', givenName: 'Cy', sn: 'Del', mail: 'cy.del@acme.test' });
    await dir.addUser({ uid: 'out', givenName: 'Out', sn: 'Side', mail: 'out@elsewhere.test' });
    const first = await connector.run();
    assert.equal(first.created, 1);
    await dir.deleteUser(dn);
    const second = await connector.run();
    assert.equal(second.deprovisioned, 1);
    assert.deepEqual(server.lines().slice(-1), ['DELETE /Users/u1']);
    assert.equal(fake.users.size, 0);
  } finally {
    await engine.close();
    await server.close();
  }
}
