import { Given, Then, When } from '@cucumber/cucumber';
import { MemoryStateStore } from '../../simulators/connector-state.ts';
import type { Directory } from '../../simulators/directory/types.ts';
import { openDirectory } from './directory-backend.ts';
import type { ScimEngine } from '../../simulators/engine/engine.ts';
import { PingFederateConnector, pingFederateProfile } from '../../simulators/pingfederate.ts';
import { expectStatus, listOf } from '../assertions.ts';
import { idp } from '../idp/session.ts';
import { listedResources } from '../listing.ts';
import type { Json, ScimWorld } from '../world.ts';
import { names } from './context.ts';

/**
 * ZPA-01..09 as the target sees them: the PingFederate LDAP connector of simulators/pingfederate.ts reads a
 * directory (the embedded mock or a real LDAP server, by the world parameters) and provisions the run's target;
 * the Then steps read the target over SCIM.
 */
interface Zpa {
  directory: Directory;
  connector: PingFederateConnector;
  state: MemoryStateStore;
  engine: ScimEngine;
  users: Map<string, string>;
  groups: Map<string, string>;
  targeted: string;
}

const zpas = new WeakMap<ScimWorld, Zpa>();

function zpa(world: ScimWorld): Zpa {
  const z = zpas.get(world);
  if (!z) world.fail('a directory and PingFederate connector made by a Given step', 'none', 'this step needs the PingFederate connector');
  return z;
}

/** Names carry the run prefix and the scenario key: parallel scenarios must never share a directory name. */
const scoped = (world: ScimWorld) => `${world.params.prefix}${world.scenarioKey}-`;
const mailOf = (world: ScimWorld, uid: string) => `${scoped(world)}${uid}@zpa.example`;
const cnOf = (world: ScimWorld, name: string) => `${scoped(world)}${name}`;

async function start(world: ScimWorld, removeUserAction: 'disable' | 'delete', list: string, group: string): Promise<void> {
  const directory = await openDirectory(world);
  // The scenario's IdP engine: the connector's requests are evidence, run under the step budget, and what it
  // creates is in the run's ledger before the request is sent (so cleanup, and `scim-harness cleanup`, find it).
  const engine = idp(world).engine(pingFederateProfile);
  const state = new MemoryStateStore();
  const targeted = cnOf(world, group);
  const connector = new PingFederateConnector(engine, {
    ldap: directory.endpoint,
    source: {
      baseDn: directory.peopleDn,
      groupDn: `cn=${targeted},${directory.groupsDn}`,
      groupBaseDn: directory.groupsDn,
      // Only this scenario's groups, and not the targeting group itself.
      groupFilter: `(&(objectClass=groupOfNames)(cn=${scoped(world)}*)(!(cn=${targeted})))`,
    },
    removeUserAction,
    state,
  });
  const z: Zpa = { directory, connector, state, engine, users: new Map(), groups: new Map(), targeted };
  zpas.set(world, z);
  const members: string[] = [];
  for (const uid of names(list)) {
    const dn = await directory.addUser({ uid, givenName: uid, sn: 'Zpa', mail: mailOf(world, uid) });
    z.users.set(uid, dn);
    members.push(dn);
  }
  z.groups.set(group, await directory.addGroup(targeted, members));
}

Given('a directory with the users {string} in the targeted group {string}', async function (this: ScimWorld, list: string, group: string) {
  await start(this, 'disable', list, group);
});

Given('a directory with the users {string} in the targeted group {string}, removing users by delete', async function (this: ScimWorld, list: string, group: string) {
  await start(this, 'delete', list, group);
});

Given('the directory group {string} with members {string}', async function (this: ScimWorld, group: string, list: string) {
  const z = zpa(this);
  z.groups.set(group, await z.directory.addGroup(cnOf(this, group), names(list).map((u) => z.users.get(u)!)));
});

Given('the PingFederate connector ran', async function (this: ScimWorld) {
  await zpa(this).connector.run();
});

When('the PingFederate connector runs', async function (this: ScimWorld) {
  await zpa(this).connector.run();
});

Given('the target already has a user with the userName of the directory user {string}', async function (this: ScimWorld, uid: string) {
  await this.createUser(`existing ${uid}`, { userName: mailOf(this, uid), emails: [{ value: mailOf(this, uid), type: 'work', primary: true }] });
});

Given('the target already has a group named like the directory group {string}', async function (this: ScimWorld, group: string) {
  await this.createGroup(`existing ${group}`, { displayName: cnOf(this, group) });
});

When('the directory user {string} gets the title {string}', async function (this: ScimWorld, uid: string, title: string) {
  const z = zpa(this);
  await z.directory.setAttribute(z.users.get(uid)!, 'title', title);
});

When('the directory user {string} is disabled', async function (this: ScimWorld, uid: string) {
  const z = zpa(this);
  await z.directory.disable(z.users.get(uid)!);
});

When('the directory user {string} is deleted', async function (this: ScimWorld, uid: string) {
  const z = zpa(this);
  await z.directory.deleteUser(z.users.get(uid)!);
});

When('the directory user {string} leaves the targeted group', async function (this: ScimWorld, uid: string) {
  const z = zpa(this);
  await z.directory.removeMember(z.groups.get([...z.groups.keys()][0])!, z.users.get(uid)!);
});

When('the directory group {string} is renamed to {string}', async function (this: ScimWorld, group: string, to: string) {
  const z = zpa(this);
  z.groups.set(to, await z.directory.renameGroup(z.groups.get(group)!, cnOf(this, to)));
  z.groups.delete(group);
});

When('{string} joins the directory group {string}', async function (this: ScimWorld, uid: string, group: string) {
  const z = zpa(this);
  await z.directory.addMember(z.groups.get(group)!, z.users.get(uid)!);
});

When('{string} leaves the directory group {string}', async function (this: ScimWorld, uid: string, group: string) {
  const z = zpa(this);
  await z.directory.removeMember(z.groups.get(group)!, z.users.get(uid)!);
});

When('the directory group {string} is deleted', async function (this: ScimWorld, group: string) {
  const z = zpa(this);
  await z.directory.deleteGroup(z.groups.get(group)!);
});

// ---------- the target, read over SCIM ----------

async function find(world: ScimWorld, endpoint: '/Users' | '/Groups', attribute: string, value: string): Promise<Json[]> {
  const res = await world.fetch('GET', `${endpoint}?filter=${encodeURIComponent(`${attribute} eq ${JSON.stringify(value)}`)}`);
  expectStatus(world, res, [200]);
  return listedResources(world, res);
}

const targetUsers = (world: ScimWorld, uid: string) => find(world, '/Users', 'userName', mailOf(world, uid));
const targetGroups = (world: ScimWorld, group: string) => find(world, '/Groups', 'displayName', cnOf(world, group));

Then('the target has one active user for the directory user {string}', async function (this: ScimWorld, uid: string) {
  const users = await targetUsers(this, uid);
  this.check(users.length === 1 && users[0].active !== false, `one active user ${mailOf(this, uid)}`, users, `the target does not hold ${uid} as one active user`);
});

Then('the target user for {string} is the one that already existed', async function (this: ScimWorld, uid: string) {
  const users = await targetUsers(this, uid);
  this.check(users.length === 1 && users[0].id === this.fixture(`existing ${uid}`).id, this.fixture(`existing ${uid}`).id, users.map((u) => u.id),
    `the connector did not match ${uid} to the existing user`);
});

Then('the target user for {string} is inactive', async function (this: ScimWorld, uid: string) {
  const users = await targetUsers(this, uid);
  this.check(users.length === 1 && users[0].active === false, 'active: false', users, `${uid} was not disabled in the target`);
});

Then('the target has no user for {string}', async function (this: ScimWorld, uid: string) {
  const users = await targetUsers(this, uid);
  this.check(users.length === 0, 'no user', users.map((u) => u.id), `${uid} was not deleted from the target`);
});

Then('the target user for {string} has the title {string}', async function (this: ScimWorld, uid: string, title: string) {
  const users = await targetUsers(this, uid);
  this.check(users[0]?.title === title, title, users[0]?.title ?? null, `the title of ${uid} was not pushed`);
});

Then('the target has one group named like {string} with exactly the members {string}', async function (this: ScimWorld, group: string, list: string) {
  const groups = await targetGroups(this, group);
  this.check(groups.length === 1, 1, groups.length, `the target holds ${groups.length} groups named ${cnOf(this, group)}`);
  const res = await this.fetch('GET', `/Groups/${groups[0].id}`);
  const members = ((res.json as Json).members as Json[] | undefined ?? []).map((m) => String(m.value)).sort();
  const want: string[] = [];
  for (const uid of names(list)) want.push(String((await targetUsers(this, uid))[0]?.id));
  this.check(JSON.stringify(members) === JSON.stringify(want.sort()), want, members, `the members of ${group} differ from the directory's`);
});

Then('the target group named like {string} is the one that already existed', async function (this: ScimWorld, group: string) {
  const groups = await targetGroups(this, group);
  this.check(groups.length === 1 && groups[0].id === this.fixture(`existing ${group}`).id, this.fixture(`existing ${group}`).id, groups.map((g) => g.id),
    `the connector did not match ${group} to the existing group`);
});

Then('the target has no group named like {string}', async function (this: ScimWorld, group: string) {
  const groups = await targetGroups(this, group);
  this.check(groups.length === 0, 'no group', groups.map((g) => g.id), `the target still holds ${cnOf(this, group)}`);
});
