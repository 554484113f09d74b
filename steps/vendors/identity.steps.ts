import { Given, Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { expectEqual, expectScimError, expectStatus, listOf } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import type { LocalEdit, LocalUserView } from '../setup/index.ts';
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
  const policy = await adapter(this).createPolicy(currentTenant(this).id, { name: unique, users: [await localIdOf(this, user)] });
  this.remember(name, { ...policy, name: unique });
}));

Given('{string} is on legal hold', needsSetup(async function (this: ScimWorld, name: string) {
  await adapter(this).setLegalHold(currentTenant(this).id, await localIdOf(this, name), true);
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

/** A fixture made by createLocalUser carries `scimId` (null or linked); a SCIM resource does not. */
const isLocalView = (fixture: Json) => 'scimId' in fixture;

/**
 * The product's record of a fixture: a local user by its local id, a SCIM user through the adapter's mapping
 * (localUserByScimId). Fails when the product has no record of it.
 */
async function local(world: ScimWorld, name: string): Promise<LocalUserView> {
  const fixture = world.fixture(name);
  const tenant = currentTenant(world).id;
  const user = isLocalView(fixture)
    ? await adapter(world).localUser(tenant, String(fixture.id))
    : await adapter(world).localUserByScimId(tenant, String(fixture.id));
  if (!user) world.fail(`a local record of ${name}`, null, `the product has no user for ${name}`);
  return user;
}

/** The product's local id of a fixture (see local()). */
async function localIdOf(world: ScimWorld, name: string): Promise<string> {
  const fixture = world.fixture(name);
  return isLocalView(fixture) ? String(fixture.id) : (await local(world, name)).id;
}

/** Does this entry of the local view stand for the fixture? By local id for local users, by linked SCIM id for SCIM ones. */
function isRecordOf(world: ScimWorld, name: string, user: LocalUserView): boolean {
  const fixture = world.fixture(name);
  return isLocalView(fixture) ? user.id === fixture.id : user.scimId === fixture.id;
}

Then('the local view lists {string}', needsSetup(async function (this: ScimWorld, name: string) {
  const users = await adapter(this).localUsers(currentTenant(this).id);
  this.check(users.some((u) => isRecordOf(this, name, u)), `a local view listing ${name}`, users.map((u) => u.userName), `the product's view does not list ${name}`);
}));

Then('the local view does not list {string}', needsSetup(async function (this: ScimWorld, name: string) {
  const users = await adapter(this).localUsers(currentTenant(this).id);
  this.check(!users.some((u) => isRecordOf(this, name, u)), `a local view without ${name}`, users.map((u) => u.userName), `the product's view still lists ${name}`);
}));

Then('the local view lists {string} as externally managed', needsSetup(async function (this: ScimWorld, name: string) {
  const user = await local(this, name);
  this.check(user.externallyManaged === true, 'externally managed', user, `${name} is not marked externally managed`);
}));

// PRV-06/17: linking is shown by the product's record, not by equal ids (a product's local ids are its own).
Then('the product links {string} to the local user {string}', needsSetup(async function (this: ScimWorld, scim: string, localName: string) {
  const record = await local(this, scim);
  const wanted = String(this.fixture(localName).id);
  this.check(record.id === wanted, `the local record ${wanted} of ${localName}`, record, `the SCIM user ${scim} is not linked to the local user ${localName}: the product made or used another record`);
}));

// PRV-01: a portal user stays out of SCIM's reach: no SCIM user is linked to it.
Then('the product does not link {string} to the local user {string}', needsSetup(async function (this: ScimWorld, scim: string, localName: string) {
  const record = await adapter(this).localUserByScimId(currentTenant(this).id, idOf(this, scim));
  const portal = await adapter(this).localUser(currentTenant(this).id, String(this.fixture(localName).id));
  this.check(record?.id !== this.fixture(localName).id, `another record than ${localName}`, record, `the SCIM user ${scim} was linked to ${localName}`);
  this.check(portal !== null && portal.scimId === null, `${localName} not linked to any SCIM user`, portal, `${localName} was taken over by SCIM`);
}));

Then('the local view holds exactly one user with the email of {string}', needsSetup(async function (this: ScimWorld, name: string) {
  const email = String(this.fixture(name).email).toLowerCase();
  const users = await adapter(this).localUsers(currentTenant(this).id, { includeDeactivated: true });
  const same = users.filter((u) => (u.email ?? '').toLowerCase() === email);
  this.check(same.length === 1, 1, same, `${same.length} users have the email ${email}`);
}));

/** PRV-05/PRV-11: refused because the IdP owns the record; a 404, a validation error or an outage is not that refusal. */
function expectManagedRefusal(world: ScimWorld, edit: LocalEdit, what: string): void {
  world.check(!edit.accepted, 'a refusal', edit, `the product let an admin edit ${what}`);
  world.check(edit.refusal === 'externally-managed', 'a refusal because the IdP manages it', edit,
    `the edit of ${what} was refused for another reason (${edit.refusal ?? 'none given'}): ${edit.detail ?? ''}`);
}

Then('a local edit of the display name of {string} is refused', needsSetup(async function (this: ScimWorld, name: string) {
  const edit = await adapter(this).editLocalUser(currentTenant(this).id, await localIdOf(this, name), { displayName: 'Edited Locally' });
  expectManagedRefusal(this, edit, `the externally managed ${name}`);
}));

Then('a local rename of the group {string} is refused', needsSetup(async function (this: ScimWorld, name: string) {
  const group = await adapter(this).localGroupByScimId(currentTenant(this).id, idOf(this, name));
  if (!group) this.fail(`the product's record of the SCIM group ${name}`, null, `the product has no group for ${name}`);
  const edit = await adapter(this).editLocalGroup(currentTenant(this).id, group.id, { displayName: this.unique('renamed') });
  expectManagedRefusal(this, edit, `the SCIM group ${name}`);
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

/**
 * INC-03: the organization's name as the admin sees it. Organizations the scenario made carry the run prefix; those
 * the product made from a mapping carry the mapped name.
 */
function expectOrganization(world: ScimWorld, user: LocalUserView, name: string, org: string, when = ''): void {
  const want = world.interpolate(org).toLowerCase();
  const got = String(user.organization ?? '').toLowerCase();
  world.check(got === want || got === `${world.params.prefix}${want}`.toLowerCase(), org, user.organization, `${when}${name} is not in organization ${org}`);
}

Then('the local user {string} belongs to organization {string}', needsSetup(async function (this: ScimWorld, name: string, org: string) {
  expectOrganization(this, await local(this, name), name, org);
}));

Then('after applying the mappings the local user {string} belongs to organization {string}', needsSetup(async function (this: ScimWorld, name: string, org: string) {
  await adapter(this).applyMappings(currentTenant(this).id);
  expectOrganization(this, await local(this, name), name, org, 'after apply-mappings ');
}));

When('the product changes the roles of {string} to {} locally', needsSetup(async function (this: ScimWorld, name: string, json: string) {
  const edit = await adapter(this).editLocalUser(currentTenant(this).id, await localIdOf(this, name), { roles: JSON.parse(json) });
  this.check(edit.accepted, 'an accepted local change', edit, 'the product refused a local role change');
}));

When('the product unblocks {string}', needsSetup(async function (this: ScimWorld, name: string) {
  await adapter(this).unblock(currentTenant(this).id, await localIdOf(this, name));
}));

Then('after {int} minutes the local user {string} has status {string}', needsSetup(async function (this: ScimWorld, minutes: number, name: string, status: string) {
  await adapter(this).elapse(currentTenant(this).id, minutes * 60_000);
  const user = await local(this, name);
  this.check(user.status === status, status, user.status, `${minutes} minutes later ${name} is ${user.status}, not ${status}`);
}));

Then('after {string} is released from legal hold the local user {string} has status {string}', needsSetup(async function (this: ScimWorld, held: string, name: string, status: string) {
  await adapter(this).setLegalHold(currentTenant(this).id, await localIdOf(this, held), false);
  const user = await local(this, name);
  this.check(user.status === status, status, user.status, `after the release ${name} is ${user.status}, not ${status}`);
}));

Then('the policy {string} still names {string}', needsSetup(async function (this: ScimWorld, policy: string, user: string) {
  const found = await adapter(this).policy(currentTenant(this).id, String(this.fixture(policy).id));
  const wanted = await localIdOf(this, user);
  this.check(found.users.includes(wanted), `a policy naming ${user}`, found.users, `the policy no longer names ${user}`);
}));

// PRV-03 lets the product choose: a clear SCIM error, or an acknowledged no-op. Either passes; the report says which.
Then('the product refuses the identity with a SCIM error or acknowledges it without storing it', function (this: ScimWorld) {
  const res = this.response;
  if (res.status >= 200 && res.status < 300) {
    void this.attach('PRV-03 alternative chosen: an acknowledged no-op (2xx, nothing stored)', 'text/plain');
    return;
  }
  expectScimError(this, res, [400, 403, 409, 422]);
  void this.attach(`PRV-03 alternative chosen: a refusal (${res.status} SCIM error)`, 'text/plain');
});

Then('in the tenant no group has displayName {string}', async function (this: ScimWorld, displayName: string) {
  const res = await idpFetch(this, 'GET', `/Groups?filter=${encodeURIComponent(`displayName eq ${JSON.stringify(this.interpolate(displayName))}`)}`);
  expectStatus(this, res, [200]);
  const found = listOf(this, res);
  this.check(found.length === 0, 'no group', found.map((r) => r.id), `a group named ${displayName} was stored`);
});
