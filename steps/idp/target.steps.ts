import { Given, Then } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { ScimRequestError } from '../../simulators/engine/errors.ts';
import { bodyOf, expectEqual, expectScimError, expectStatus, listOf } from '../assertions.ts';
import { judgeScimError } from '../error-verdict.ts';
import { listedResources } from '../listing.ts';
import { getPath } from '../interpolate.ts';
import type { Json, ScimWorld } from '../world.ts';
import { idp, nameList } from './session.ts';

/**
 * The target as a person would check it after an IdP acted: read over SCIM with the World's own client, by the
 * names the IdP knows ("the user of "ana"", "the pushed group "Sales""). Shared by the Okta, Entra and Ping
 * scenarios; the IdP steps only record which target id each name ended up with.
 */

// ---------- what the target holds before the IdP acts ----------

Given('the target already has users for the people {string}', async function (this: ScimWorld, list: string) {
  const session = idp(this);
  for (const name of nameList(list)) {
    const { userName } = session.person(name);
    // The app's own record of the person: same userName, but not the IdP's profile (so a later push shows).
    const user = await this.createResource('/Users', this.userBody({ userName, externalId: `${userName}-app`, emails: [{ value: userName, type: 'work', primary: true }] }));
    session.userIds.set(name, String(user.id));
    session.preexisting.set(`user:${name}`, String(user.id));
  }
});

Given('the target already has a group named {string} with the members {string}', async function (this: ScimWorld, name: string, list: string) {
  const session = idp(this);
  const members = nameList(list).map((n) => ({ value: session.userId(n) }));
  const group = await this.createResource('/Groups', { schemas: [URN.Group], displayName: session.groupName(name), ...(members.length ? { members } : {}) });
  session.groupIds.set(name, String(group.id));
  session.preexisting.set(`group:${name}`, String(group.id));
});

// ---------- users ----------

async function readUser(world: ScimWorld, name: string): Promise<Json> {
  const res = await world.fetch('GET', `/Users/${encodeURIComponent(idp(world).userId(name))}`);
  expectStatus(world, res, [200]);
  return bodyOf(world, res);
}

Then('the target has exactly one user for the person {string}', async function (this: ScimWorld, name: string) {
  const session = idp(this);
  const { userName } = session.person(name);
  const res = await this.fetch('GET', '/Users', { query: { filter: `userName eq ${JSON.stringify(userName)}` } });
  expectStatus(this, res, [200]);
  const ids = (await listedResources(this, res)).map((r) => String(r.id));
  expectEqual(this, ids.length, 1, `the target holds ${ids.length} users with the userName of "${name}"`);
  const known = session.userIds.get(name);
  if (known) expectEqual(this, ids[0], known, `the user found by userName is not the one the IdP holds for "${name}"`);
  // The IdP holds no id when its own create failed (a 409): later steps then address the user that was found.
  else session.userIds.set(name, ids[0]);
});

Then('the user of {string} is the user the target already had', function (this: ScimWorld, name: string) {
  const session = idp(this);
  expectEqual(this, session.userId(name), session.preexisting.get(`user:${name}`), `the IdP did not link "${name}" to the user the target already had`);
});

Then('the user of {string} is {word} in the target', async function (this: ScimWorld, name: string, state: string) {
  if (state !== 'active' && state !== 'inactive') throw new Error(`"active" or "inactive", not "${state}"`);
  const body = await readUser(this, name);
  expectEqual(this, body.active, state === 'active', `the user of "${name}" is not ${state}: active is ${JSON.stringify(body.active)}`);
});

// An optional attribute (title, the enterprise extension) is checked only when the target publishes it.
Then('the user of {string} shows {string} as {string}', async function (this: ScimWorld, name: string, path: string, value: string) {
  const unpublished = await this.requirePublished('User', path);
  if (unpublished) return unpublished;
  const body = await readUser(this, name);
  expectEqual(this, getPath(body, path), value, `the user of "${name}" does not show ${path} as "${value}"`);
});

Then('the user of {string} has the name the IdP holds for that person', async function (this: ScimWorld, name: string) {
  const p = idp(this).person(name);
  const body = await readUser(this, name);
  expectEqual(this, { givenName: getPath(body, 'name.givenName'), familyName: getPath(body, 'name.familyName'), displayName: body.displayName },
    { givenName: p.givenName, familyName: p.familyName, displayName: p.displayName }, `the user of "${name}" does not carry the IdP's profile`);
});

// The manager is read where the target publishes it: the enterprise extension's, else a core "manager".
Then('the user of {string} has the user of {string} as manager', async function (this: ScimWorld, name: string, manager: string) {
  const pub = await this.published();
  const enterprise = `${URN.EnterpriseUser}:manager`;
  const path = !pub.attribute('User', enterprise) && pub.attribute('User', 'manager') ? 'manager' : enterprise;
  const body = await readUser(this, name);
  const value = getPath(body, `${path}.value`);
  expectEqual(this, value, idp(this).userId(manager), `the manager (${path}) of "${name}" is not the user of "${manager}"`);
});

Then('the user of {string} is gone from the target', async function (this: ScimWorld, name: string) {
  const session = idp(this);
  const res = await this.fetch('GET', `/Users/${encodeURIComponent(session.userId(name))}`);
  expectScimError(this, res, [404]);
  const list = await this.fetch('GET', '/Users', { query: { filter: `userName eq ${JSON.stringify(session.person(name).userName)}` } });
  expectStatus(this, list, [200]);
  expectEqual(this, listOf(this, list).length, 0, `a filter on the userName of "${name}" still finds the deleted user`);
});

// ---------- groups ----------

async function readGroup(world: ScimWorld, name: string): Promise<Json> {
  const res = await world.fetch('GET', `/Groups/${encodeURIComponent(idp(world).groupId(name))}`);
  expectStatus(world, res, [200]);
  return bodyOf(world, res);
}

/** The ids of the groups a displayName filter finds: the IdP's lookup, so exactly one is expected. */
async function groupsNamed(world: ScimWorld, displayName: string): Promise<string[]> {
  const res = await world.fetch('GET', '/Groups', { query: { filter: `displayName eq ${JSON.stringify(displayName)}`, excludedAttributes: 'members' } });
  expectStatus(world, res, [200]);
  return (await listedResources(world, res)).map((r) => String(r.id));
}

Then('the pushed group {string} exists exactly once in the target', async function (this: ScimWorld, name: string) {
  const session = idp(this);
  const ids = await groupsNamed(this, session.groupName(name));
  expectEqual(this, ids, [session.groupId(name)], `the target does not hold exactly one group named like "${name}", the one the IdP holds`);
});

Then('the pushed group {string} has exactly the members {string}', async function (this: ScimWorld, name: string, list: string) {
  const session = idp(this);
  const want = nameList(list).map((n) => session.userId(n)).sort();
  const body = await readGroup(this, name);
  const got = ((body.members as Json[] | undefined) ?? []).map((m) => String(m.value)).sort();
  expectEqual(this, got, want, `the group "${name}" does not have exactly the members ${list || 'none'}`);
});

Then('the pushed group {string} is named {string} in the target', async function (this: ScimWorld, name: string, newName: string) {
  const session = idp(this);
  const body = await readGroup(this, name);
  expectEqual(this, body.displayName, session.groupName(newName), `the group "${name}" was not renamed to "${newName}"`);
  expectEqual(this, await groupsNamed(this, session.groupName(newName)), [session.groupId(name)], `a lookup of "${newName}" does not find exactly the renamed group`);
});

Then('the pushed group {string} is the group the target already had', function (this: ScimWorld, name: string) {
  const session = idp(this);
  expectEqual(this, session.groupId(name), session.preexisting.get(`group:${name}`), `the IdP did not link "${name}" to the group the target already had`);
});

Then('the pushed group {string} is gone from the target', async function (this: ScimWorld, name: string) {
  const res = await this.fetch('GET', `/Groups/${encodeURIComponent(idp(this).groupId(name))}`);
  expectScimError(this, res, [404]);
});

// ---------- what the IdP saw ----------

Then('every request the IdP sent was answered with success', function (this: ScimWorld) {
  const { sent } = idp(this).recorder;
  this.check(sent.length > 0, 'at least one request', 0, 'the IdP sent nothing');
  const failed = sent.filter((r) => r.status < 200 || r.status >= 300).map((r) => `${r.method} ${r.path} → ${r.status}`);
  expectEqual(this, failed, [], `${failed.length} of the IdP's requests failed`);
});

Then('the IdP was refused with a SCIM error {int} {string}', function (this: ScimWorld, status: number, scimType: string) {
  const session = idp(this);
  const err = session.lastError;
  if (!(err instanceof ScimRequestError)) {
    this.fail(`a ${status} ${scimType} SCIM error`, err instanceof Error ? err.message : 'success', `the IdP's request was not refused with ${status} ${scimType}`);
  }
  const body = err.response.body as Json | undefined;
  const last = session.recorder.sent.at(-1);
  const request = { method: last?.method ?? 'GET', url: new URL(`${this.params.target}${last?.path ?? ''}?${last?.query ?? ''}`).toString(), headers: {} };
  // RFC 7644 §3.3 names the keyword for a duplicate create; elsewhere scimType is OPTIONAL (§3.12).
  const required = request.method === 'POST' && status === 409 && scimType === 'uniqueness' ? 'RFC 7644 §3.3' : undefined;
  const verdict = judgeScimError({ status: err.status, json: body, text: body === undefined ? '' : JSON.stringify(body), request }, { statuses: [status], scimTypes: [scimType], keywordRequiredBy: required });
  const first = verdict.failures[0];
  if (first) this.fail(first.expected, first.actual, `the IdP's refusal: ${verdict.failures.map((f) => f.message).join('; ')}`);
  for (const warning of verdict.warnings) this.warn(warning);
  // IdPs show `detail` to their admin (idp-behaviours.md §1.7); the RFC leaves it optional.
  if (typeof body?.detail !== 'string' || !body.detail) this.warn('the refusal has no detail: the IdP admin sees no reason for the failure');
});
