import { Given, Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { expectEqual, expectStatus, listOf } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import type { LocalUserView } from '../setup/index.ts';
import type { Json, ScimWorld } from '../world.ts';
import { adapter, currentTenant, idOf, idpCall, idpFetch, names, needsSetup, provision, vendor } from './context.ts';

const patchOp = (operations: Json[]) => ({ schemas: [URN.PatchOp], Operations: operations });

/** The user body with overrides; a null override removes the attribute. */
function userBody(world: ScimWorld, overrides: Json = {}): Json {
  const body = world.userBody(overrides);
  for (const [k, v] of Object.entries(overrides)) if (v === null) delete body[k];
  return body;
}

async function createUser(world: ScimWorld, name: string | undefined, body: Json): Promise<void> {
  const res = await idpCall(world, 'POST', '/Users', { body });
  if (name && res.status < 300 && typeof (res.json as Json | undefined)?.id === 'string') world.remember(name, res.json as Json);
}

// ---------- local identities (setup adapter) ----------

async function localUser(world: ScimWorld, name: string, origin: 'manual' | 'portal'): Promise<void> {
  const userName = world.unique(name);
  const user = await adapter(world).createLocalUser(currentTenant(world).id, { userName, email: `${userName}@example.com`, displayName: name, origin });
  world.remember(name, user as unknown as Json);
}

Given('a local user {string} exists', needsSetup(async function (this: ScimWorld, name: string) {
  await localUser(this, name, 'manual');
}));

Given('a local portal user {string} exists', needsSetup(async function (this: ScimWorld, name: string) {
  await localUser(this, name, 'portal');
}));

Given('a built-in group {string} exists', needsSetup(async function (this: ScimWorld, name: string) {
  this.remember(name, await adapter(this).createLocalGroup(currentTenant(this).id, { displayName: this.unique(name), origin: 'builtin' }) as unknown as Json);
}));

Given('a manually created group {string} exists', needsSetup(async function (this: ScimWorld, name: string) {
  this.remember(name, await adapter(this).createLocalGroup(currentTenant(this).id, { displayName: this.unique(name), origin: 'manual' }) as unknown as Json);
}));

Given('a policy {string} naming {string} exists', needsSetup(async function (this: ScimWorld, name: string, user: string) {
  const unique = this.unique(name);
  const policy = await adapter(this).createPolicy(currentTenant(this).id, { name: unique, users: [idOf(this, user)] });
  this.remember(name, { ...policy, name: unique });
}));

Given('{string} is on legal hold', needsSetup(async function (this: ScimWorld, name: string) {
  await adapter(this).setLegalHold(currentTenant(this).id, idOf(this, name), true);
}));

// ---------- SCIM resources in the current tenant ----------

Given('in the tenant a provisioned user {string}', async function (this: ScimWorld, name: string) {
  await provision(this, '/Users', this.userBody(), name);
});

Given('in tenant {string} a provisioned user {string}', async function (this: ScimWorld, tenant: string, name: string) {
  const before = vendor(this).current;
  vendor(this).current = vendor(this).tenants.get(tenant.toLowerCase());
  try {
    await provision(this, '/Users', this.userBody(), name);
  } finally {
    vendor(this).current = before;
  }
});

Given('in the tenant a provisioned group {string}', async function (this: ScimWorld, name: string) {
  await provision(this, '/Groups', this.groupBody(), name);
});

Given('in the tenant a provisioned group {string} with members {string}', async function (this: ScimWorld, name: string, members: string) {
  await provision(this, '/Groups', this.groupBody({ members: names(members).map((m) => ({ value: idOf(this, m) })) }), name);
});

Given('in the tenant a provisioned group named {string} with members {string}', async function (this: ScimWorld, displayName: string, members: string) {
  const name = this.interpolate(displayName);
  await provision(this, '/Groups', this.groupBody({ displayName: name, members: names(members).map((m) => ({ value: idOf(this, m) })) }), name);
});

When('the IdP creates a user {string}', async function (this: ScimWorld, name: string) {
  await createUser(this, name, this.userBody());
});

When('the IdP creates a user {string} with:', async function (this: ScimWorld, name: string, doc: string) {
  await createUser(this, name, userBody(this, this.json(doc)));
});

When('the IdP creates a user with userName {string}', async function (this: ScimWorld, userName: string) {
  await createUser(this, undefined, this.userBody({ userName: this.interpolate(userName) }));
});

When('the IdP creates a user {string} with the email of {string}', async function (this: ScimWorld, name: string, local: string) {
  const email = String(this.fixture(local).email);
  await createUser(this, name, this.userBody({ emails: [{ value: email, type: 'work', primary: true }] }));
});

When('the IdP creates a user with the userName of {string} and another email', async function (this: ScimWorld, local: string) {
  const userName = String(this.fixture(local).userName);
  await createUser(this, 'created', this.userBody({ userName, emails: [{ value: `${this.unique('other')}@elsewhere.example`, type: 'work', primary: true }] }));
});

When('the IdP patches {string} with:', async function (this: ScimWorld, name: string, doc: string) {
  await idpCall(this, 'PATCH', `/Users/${idOf(this, name)}`, { body: this.json(doc) });
});

async function setActive(world: ScimWorld, name: string, active: boolean, asSetup: boolean): Promise<void> {
  const send = asSetup ? idpFetch : idpCall;
  const res = await send(world, 'PATCH', `/Users/${idOf(world, name)}`, { body: patchOp([{ op: 'replace', path: 'active', value: active }]) });
  if (asSetup) expectStatus(world, res, [200, 204]);
}

When('the IdP deactivates {string}', async function (this: ScimWorld, name: string) {
  await setActive(this, name, false, false);
});

Given('the IdP deactivated {string}', async function (this: ScimWorld, name: string) {
  await setActive(this, name, false, true);
});

When('the IdP reactivates {string}', async function (this: ScimWorld, name: string) {
  await setActive(this, name, true, false);
});

Given('the IdP renamed {string} to {string}', async function (this: ScimWorld, name: string, displayName: string) {
  const res = await idpFetch(this, 'PATCH', `/Users/${idOf(this, name)}`, { body: patchOp([{ op: 'replace', path: 'displayName', value: displayName }]) });
  expectStatus(this, res, [200, 204]);
});

When('the IdP deletes the user {string}', async function (this: ScimWorld, name: string) {
  await idpCall(this, 'DELETE', `/Users/${idOf(this, name)}`);
});

When('the IdP deletes the group {string}', async function (this: ScimWorld, name: string) {
  await idpCall(this, 'DELETE', `/Groups/${idOf(this, name)}`);
});

When('the IdP pushes a group named like {string}', async function (this: ScimWorld, local: string) {
  await idpCall(this, 'POST', '/Groups', { body: { schemas: [URN.Group], displayName: String(this.fixture(local).displayName) } });
});

When('the IdP pushes a group named {string}', async function (this: ScimWorld, displayName: string) {
  await idpCall(this, 'POST', '/Groups', { body: { schemas: [URN.Group], displayName: this.interpolate(displayName) } });
});

// ---------- SCIM reads in the current tenant ----------

Then('in the tenant reading {string} shows {string} as {word}', async function (this: ScimWorld, name: string, field: string, json: string) {
  const res = await idpFetch(this, 'GET', `/Users/${idOf(this, name)}`);
  expectStatus(this, res, [200]);
  expectEqual(this, getPath(res.json, field), JSON.parse(json), `read back by id, ${field} is not ${json}`);
});

Then('in the tenant reading {string} shows the same version as when it was provisioned', async function (this: ScimWorld, name: string) {
  const res = await idpFetch(this, 'GET', `/Users/${idOf(this, name)}`);
  expectStatus(this, res, [200]);
  expectEqual(this, getPath(res.json, 'meta.version') ?? getPath(res.json, 'meta.lastModified'),
    getPath(this.fixture(name), 'meta.version') ?? getPath(this.fixture(name), 'meta.lastModified'), 'a local change altered the SCIM resource');
});

async function memberIds(world: ScimWorld, group: string): Promise<string[]> {
  const res = await idpFetch(world, 'GET', `/Groups/${idOf(world, group)}`);
  expectStatus(world, res, [200]);
  return ((getPath(res.json, 'members') as Json[] | undefined) ?? []).map((m) => String(m.value));
}

Then('in the tenant the group {string} does not list {string}', async function (this: ScimWorld, group: string, user: string) {
  const members = await memberIds(this, group);
  this.check(!members.includes(idOf(this, user)), `members without ${user}`, members, `${group} still lists ${user}`);
});

Then('in the tenant no user has userName {string}', async function (this: ScimWorld, userName: string) {
  const res = await idpFetch(this, 'GET', `/Users?filter=${encodeURIComponent(`userName eq ${JSON.stringify(this.interpolate(userName))}`)}`);
  expectStatus(this, res, [200]);
  const found = listOf(this, res);
  this.check(found.length === 0, 'no user', found.map((r) => r.id), `a user with userName ${userName} was stored`);
});

Then('the error detail names {string}', function (this: ScimWorld, local: string) {
  const detail = String(getPath(this.response.json, 'detail') ?? '');
  const want = String(this.fixture(local).displayName);
  this.check(detail.includes(want), `a detail naming "${want}"`, detail, 'the error detail does not name the clashing group');
});

// PRV-13: membership arrives by PATCH, in its three forms.
async function patchMembers(world: ScimWorld, group: string, operation: Json, expected: string): Promise<void> {
  const res = await idpFetch(world, 'PATCH', `/Groups/${idOf(world, group)}`, { body: patchOp([operation]) });
  expectStatus(world, res, [200, 204]);
  const members = (await memberIds(world, group)).sort();
  expectEqual(world, members, names(expected).map((n) => idOf(world, n)).sort(), `the members of ${group} are not ${expected}`);
}

Then('after PATCH add of {string} the group {string} has exactly the members {string}', async function (this: ScimWorld, users: string, group: string, expected: string) {
  await patchMembers(this, group, { op: 'add', path: 'members', value: names(users).map((u) => ({ value: idOf(this, u) })) }, expected);
});

Then('after PATCH remove of {string} by value filter the group {string} has exactly the members {string}', async function (this: ScimWorld, user: string, group: string, expected: string) {
  await patchMembers(this, group, { op: 'remove', path: `members[value eq "${idOf(this, user)}"]` }, expected);
});

Then('after PATCH replace with {string} the group {string} has exactly the members {string}', async function (this: ScimWorld, users: string, group: string, expected: string) {
  await patchMembers(this, group, { op: 'replace', path: 'members', value: names(users).map((u) => ({ value: idOf(this, u) })) }, expected);
});

// ---------- the product's own view (setup adapter) ----------

async function local(world: ScimWorld, name: string): Promise<LocalUserView> {
  const user = await adapter(world).localUser(currentTenant(world).id, idOf(world, name));
  if (!user) world.fail(`a local record of ${name}`, null, `the product has no user for ${name}`);
  return user;
}

Then('the local view lists {string}', needsSetup(async function (this: ScimWorld, name: string) {
  const ids = (await adapter(this).localUsers(currentTenant(this).id)).map((u) => u.id);
  this.check(ids.includes(idOf(this, name)), `a local view listing ${name}`, ids, `the product's view does not list ${name}`);
}));

Then('the local view does not list {string}', needsSetup(async function (this: ScimWorld, name: string) {
  const ids = (await adapter(this).localUsers(currentTenant(this).id)).map((u) => u.id);
  this.check(!ids.includes(idOf(this, name)), `a local view without ${name}`, ids, `the product's view still lists ${name}`);
}));

Then('the local view lists {string} as externally managed', needsSetup(async function (this: ScimWorld, name: string) {
  const user = await local(this, name);
  this.check(user.externallyManaged === true, 'externally managed', user, `${name} is not marked externally managed`);
}));

Then('the local view holds exactly one user with the email of {string}', needsSetup(async function (this: ScimWorld, name: string) {
  const email = String(this.fixture(name).email).toLowerCase();
  const users = await adapter(this).localUsers(currentTenant(this).id, { includeDeactivated: true });
  const same = users.filter((u) => (u.email ?? '').toLowerCase() === email);
  this.check(same.length === 1, 1, same, `${same.length} users have the email ${email}`);
}));

Then('a local edit of the display name of {string} is refused', needsSetup(async function (this: ScimWorld, name: string) {
  const edit = await adapter(this).editLocalUser(currentTenant(this).id, idOf(this, name), { displayName: 'Edited Locally' });
  this.check(!edit.accepted, 'a refusal', edit, `the product let an admin edit the externally managed ${name}`);
}));

Then('a local rename of the group {string} is refused', needsSetup(async function (this: ScimWorld, name: string) {
  const edit = await adapter(this).editLocalGroup(currentTenant(this).id, idOf(this, name), { displayName: this.unique('renamed') });
  this.check(!edit.accepted, 'a refusal', edit, `the product let an admin rename the SCIM group ${name}`);
}));

Then('the local user {string} has {word} {string}', needsSetup(async function (this: ScimWorld, name: string, field: string, value: string) {
  const user = await local(this, name);
  const actual = (user as unknown as Json)[field];
  const want = this.interpolate(value);
  this.check(String(actual).toLowerCase() === want.toLowerCase(), want, actual ?? null, `${name}'s ${field} is not ${want}`);
}));

Then('the local user {string} has email equal to its userName', needsSetup(async function (this: ScimWorld, name: string) {
  const user = await local(this, name);
  expectEqual(this, user.email, String(this.fixture(name).userName), `${name}'s email was not mapped from userName`);
}));

Then('the local user {string} has roles {}', needsSetup(async function (this: ScimWorld, name: string, json: string) {
  const user = await local(this, name);
  expectEqual(this, [...user.roles].sort(), (JSON.parse(json) as string[]).sort(), `${name}'s roles differ`);
}));

Then('the local user {string} belongs to organization {string}', needsSetup(async function (this: ScimWorld, name: string, org: string) {
  const user = await local(this, name);
  const want = this.interpolate(org).toLowerCase();
  const got = [user.organization, (user as unknown as Json).organizationName].map((x) => String(x ?? '').toLowerCase());
  this.check(got.some((g) => g === want || g.endsWith(`-${want}`) || g === `${this.params.prefix}${want}`.toLowerCase()), org, got, `${name} is not in organization ${org}`);
}));

Then('after applying the mappings the local user {string} belongs to organization {string}', needsSetup(async function (this: ScimWorld, name: string, org: string) {
  await adapter(this).applyMappings(currentTenant(this).id);
  const user = await local(this, name);
  const got = String((user as unknown as Json).organizationName ?? user.organization).toLowerCase();
  this.check(got === org.toLowerCase(), org, got, `after apply-mappings ${name} is not in ${org}`);
}));

When('the product changes the roles of {string} to {} locally', needsSetup(async function (this: ScimWorld, name: string, json: string) {
  const edit = await adapter(this).editLocalUser(currentTenant(this).id, idOf(this, name), { roles: JSON.parse(json) });
  this.check(edit.accepted, 'an accepted local change', edit, 'the product refused a local role change');
}));

When('the product unblocks {string}', needsSetup(async function (this: ScimWorld, name: string) {
  await adapter(this).unblock(currentTenant(this).id, idOf(this, name));
}));

Then('after {int} minutes the local user {string} has status {string}', needsSetup(async function (this: ScimWorld, minutes: number, name: string, status: string) {
  await adapter(this).elapse(currentTenant(this).id, minutes * 60_000);
  const user = await local(this, name);
  this.check(user.status === status, status, user.status, `${minutes} minutes later ${name} is ${user.status}, not ${status}`);
}));

Then('after {string} is released from legal hold the local user {string} has status {string}', needsSetup(async function (this: ScimWorld, held: string, name: string, status: string) {
  await adapter(this).setLegalHold(currentTenant(this).id, idOf(this, held), false);
  const user = await local(this, name);
  this.check(user.status === status, status, user.status, `after the release ${name} is ${user.status}, not ${status}`);
}));

Then('the policy {string} still names {string}', needsSetup(async function (this: ScimWorld, policy: string, user: string) {
  const found = await adapter(this).policy(currentTenant(this).id, String(this.fixture(policy).id));
  this.check(found.users.includes(idOf(this, user)), `a policy naming ${user}`, found.users, `the policy no longer names ${user}`);
}));
