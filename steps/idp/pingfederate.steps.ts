import { Given, When } from '@cucumber/cucumber';
import { MemoryStateStore } from '../../simulators/connector-state.ts';
import { normalizeDn } from '../../simulators/directory/ldap-search.ts';
import { MockDirectory } from '../../simulators/directory/mock-directory.ts';
import { PingFederateConnector, pingFederateProfile } from '../../simulators/pingfederate.ts';
import type { ScimWorld } from '../world.ts';
import { expectSuccess, idp, nameList } from './session.ts';

/**
 * PingFederate's SCIM provisioner (simulators/pingfederate.ts) as a generic Ping source for X-PING-02: users
 * created after a userName lookup, updated with whole-user PUTs (never PATCH), deprovisioned by PUT active
 * false or by DELETE, groups matched by listing and their members overwritten with PATCH. Its source is the
 * embedded directory, private to the scenario; the LDAP-specific behaviours (ZPA-*) are features/ping/zpa.feature.
 */

interface PingFederate {
  connector: PingFederateConnector;
  directory: MockDirectory;
  state: MemoryStateStore;
  /** Person name → DN, group name → DN, in the directory. */
  userDns: Map<string, string>;
  groupDns: Map<string, string>;
}

const states = new WeakMap<ScimWorld, PingFederate>();

function pf(world: ScimWorld): PingFederate {
  const state = states.get(world);
  if (!state) world.fail('a step "Given PingFederate provisions to the target ..."', 'none', 'this step needs PingFederate connected to the target');
  return state;
}

function dnOf(world: ScimWorld, map: Map<string, string>, name: string): string {
  const dn = map.get(name);
  if (!dn) world.fail(`"${name}" in PingFederate's directory`, [...map.keys()], `PingFederate's directory has no "${name}"`);
  return dn;
}

Given('PingFederate provisions to the target, removing users by {word}', async function (this: ScimWorld, action: string) {
  if (action !== 'disable' && action !== 'delete') throw new Error(`PingFederate's "Remove User Action" is disable or delete, not "${action}"`);
  const session = idp(this);
  const directory = await MockDirectory.start();
  session.onClose(() => directory.close());
  const state = new MemoryStateStore();
  const connector = new PingFederateConnector(session.engine(pingFederateProfile), {
    ldap: directory.endpoint,
    source: { baseDn: directory.peopleDn, groupBaseDn: directory.groupsDn, groupFilter: '(objectClass=groupOfNames)' },
    removeUserAction: action,
    state,
  });
  states.set(this, { connector, directory, state, userDns: new Map(), groupDns: new Map() });
});

Given('PingFederate\'s source has the people {string}', async function (this: ScimWorld, list: string) {
  const { directory, userDns } = pf(this);
  const session = idp(this);
  for (const name of nameList(list)) {
    const p = session.person(name);
    userDns.set(name, await directory.addUser({ uid: session.scoped(name), givenName: p.givenName, sn: p.familyName, cn: p.displayName, mail: p.userName }));
  }
});

Given('PingFederate\'s source has the group {string} with the members {string}', async function (this: ScimWorld, name: string, list: string) {
  const { directory, userDns, groupDns } = pf(this);
  const members = nameList(list).map((n) => dnOf(this, userDns, n));
  groupDns.set(name, await directory.addGroup(idp(this).groupName(name), members));
});

/** One provisioning cycle; then the target ids the connector holds are put under the scenario's names. */
async function cycle(world: ScimWorld): Promise<void> {
  const { connector, state, userDns, groupDns } = pf(world);
  const session = idp(world);
  await expectSuccess(world, 'PingFederate\'s provisioning cycle', () => connector.run());
  const known = await state.load();
  for (const user of Object.values(known.users)) {
    const name = [...userDns].find(([, dn]) => normalizeDn(dn) === normalizeDn(user.dn))?.[0];
    if (name) session.userIds.set(name, user.targetId);
  }
  for (const group of Object.values(known.groups)) {
    const name = [...groupDns.keys()].find((n) => session.groupName(n) === group.cn);
    if (name) session.groupIds.set(name, group.targetId);
  }
}

Given('PingFederate\'s provisioning cycle ran', function (this: ScimWorld) {
  return cycle(this);
});

When('PingFederate\'s provisioning cycle runs', function (this: ScimWorld) {
  return cycle(this);
});

When('the title of {string} becomes {string} in PingFederate\'s source', async function (this: ScimWorld, name: string, title: string) {
  const { directory, userDns } = pf(this);
  await directory.setAttribute(dnOf(this, userDns, name), 'title', title);
});

When('{string} is disabled in PingFederate\'s source', async function (this: ScimWorld, name: string) {
  const { directory, userDns } = pf(this);
  await directory.disable(dnOf(this, userDns, name));
});

When('{string} is deleted from PingFederate\'s source', async function (this: ScimWorld, name: string) {
  const { directory, userDns } = pf(this);
  await directory.deleteUser(dnOf(this, userDns, name));
});

When('{string} leaves the group {string} in PingFederate\'s source', async function (this: ScimWorld, name: string, group: string) {
  const { directory, userDns, groupDns } = pf(this);
  await directory.removeMember(dnOf(this, groupDns, group), dnOf(this, userDns, name));
});

When('the group {string} is renamed to {string} in PingFederate\'s source', async function (this: ScimWorld, name: string, newName: string) {
  const { directory, groupDns } = pf(this);
  groupDns.set(name, await directory.renameGroup(dnOf(this, groupDns, name), idp(this).groupName(newName)));
});

