import { Given, Then, When } from '@cucumber/cucumber';
import type { Directory } from '../../simulators/directory/types.ts';
import { openDirectory } from './directory-backend.ts';
import { expectStatus, listOf } from '../assertions.ts';
import type { Json, ScimWorld } from '../world.ts';
import { adapter, currentTenant, idpFetch, names, needsSetup, vendor } from './context.ts';

/** PRV-16: an LDAP directory (embedded mock or real server, by the world parameters) the target pulls from. */
interface PullState {
  directory: Directory;
  dns: Map<string, string>;
}

const pulls = new WeakMap<ScimWorld, PullState>();
const HOUR = 3_600_000;

function pullState(world: ScimWorld): PullState {
  const state = pulls.get(world);
  if (!state) world.fail('an LDAP directory made by a Given step', 'none', 'this step needs a directory');
  return state;
}

const mailOf = (world: ScimWorld, uid: string) => `${world.params.prefix}${world.scenarioKey}-${uid}@directory.example`;

Given('an LDAP directory with the users {string}', async function (this: ScimWorld, list: string) {
  const directory = await openDirectory(this);
  const dns = new Map<string, string>();
  for (const uid of names(list)) {
    dns.set(uid, await directory.addUser({ uid, givenName: uid, sn: 'Directory', mail: mailOf(this, uid) }));
  }
  pulls.set(this, { directory, dns });
});

Given('a tenant pulling hourly from that directory', needsSetup(async function (this: ScimWorld) {
  const { directory } = pullState(this);
  const { endpoint } = directory;
  const handle = await adapter(this).createTenant({
    name: `${this.params.prefix}directory`, provider: 'generic', authKind: 'bearer',
    settings: {
      directoryPull: {
        url: endpoint.url, bindDn: endpoint.bindDn, password: endpoint.password, baseDn: directory.peopleDn,
        filter: '(objectClass=inetOrgPerson)', userNameAttribute: 'mail', intervalMs: HOUR,
      },
    },
  });
  vendor(this).tenants.set('tenant', handle);
  vendor(this).made.push(handle.id);
  vendor(this).current = handle;
}));

When('an hour passes', needsSetup(async function (this: ScimWorld) {
  await adapter(this).elapse(currentTenant(this).id, HOUR + 60_000);
}));

async function directoryUser(world: ScimWorld, uid: string): Promise<Json | undefined> {
  const filter = encodeURIComponent(`userName eq ${JSON.stringify(mailOf(world, uid))}`);
  const res = await idpFetch(world, 'GET', `/Users?filter=${filter}`);
  expectStatus(world, res, [200]);
  return listOf(world, res)[0];
}

Then('in the tenant the directory users {string} exist', async function (this: ScimWorld, list: string) {
  for (const uid of names(list)) {
    const user = await directoryUser(this, uid);
    this.check(user !== undefined, `a user ${mailOf(this, uid)}`, null, `the pull did not provision ${uid}`);
  }
});

Then('after the directory changes the display name of {string} and an hour passes, the tenant shows the new display name', needsSetup(async function (this: ScimWorld, uid: string) {
  const { directory, dns } = pullState(this);
  const renamed = `${uid} Renamed ${this.params.runId}`;
  await directory.setAttribute(dns.get(uid)!, 'cn', renamed);
  await adapter(this).elapse(currentTenant(this).id, HOUR + 60_000);
  const user = await directoryUser(this, uid);
  this.check(user?.displayName === renamed, renamed, user?.displayName ?? null, 'the next pull did not refresh the user');
}));
