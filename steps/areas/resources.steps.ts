import { Given, Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectEqual, expectScimError, expectStatus, listOf } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import { listedResources } from '../listing.ts';
import type { Json, ScimWorld } from '../world.ts';

/** Retrieval, projection, uniqueness and delete checks that need more than one field compare. */

const words = (list: string) => list.split(/\s*,\s*/).filter(Boolean);

Then('the body field {string} has only the attributes {string}', function (this: ScimWorld, field: string, list: string) {
  const value = getPath(bodyOf(this), field);
  this.check(typeof value === 'object' && value !== null, `an object at ${field}`, value ?? null, `${field} is missing`);
  const allowed = new Set(words(list).map((w) => w.toLowerCase()));
  const extra = Object.keys(value as Json).filter((k) => !allowed.has(k.toLowerCase()));
  this.check(extra.length === 0, [...allowed], Object.keys(value as Json), `${field} has unexpected sub-attributes: ${extra.join(', ')}`);
});

Given('a fresh userName {string}', function (this: ScimWorld, name: string) {
  this.remember(name, { userName: this.unique('fresh') });
});

Then('no user has userName {string}', async function (this: ScimWorld, userName: string) {
  const caps = await this.capabilities();
  if (!caps.filter.supported) {
    this.warn('filter is not supported, so the absence of the user could not be checked');
    return;
  }
  const res = await this.fetch('GET', '/Users', { query: { filter: `userName eq "${this.interpolate(userName)}"` } });
  expectStatus(this, res, [200]);
  const list = listOf(this, res);
  this.check(list.length === 0, 'no user', list.map((u) => u.id), `a user with userName ${this.interpolate(userName)} exists`);
});

Then('reading {string} back shows the body field {string} as {string}', async function (this: ScimWorld, name: string, field: string, value: string) {
  const f = this.fixture(name);
  const endpoint = String(getPath(f, 'meta.resourceType')) === 'Group' ? '/Groups' : '/Users';
  const res = await this.fetch('GET', `${endpoint}/${encodeURIComponent(String(f.id))}`);
  expectStatus(this, res, [200]);
  expectEqual(this, getPath(res.json, field), this.interpolate(value), `${name}'s ${field} is not ${this.interpolate(value)}`);
});

Then('reading {string} back answers {int}', async function (this: ScimWorld, name: string, status: number) {
  const f = this.fixture(name);
  const endpoint = String(getPath(f, 'meta.resourceType')) === 'Group' ? '/Groups' : '/Users';
  const res = await this.fetch('GET', `${endpoint}/${encodeURIComponent(String(f.id))}`);
  if (status >= 400) expectScimError(this, res, [status]);
  else expectStatus(this, res, [status]);
});

/**
 * P-DEL-07, graded SHOULD (see features/rfc/delete.feature): after a member is deleted, the group lists exactly the
 * named members. Reads the group itself, so it holds whatever the last request addressed.
 */
Then('the group {string} now lists exactly the members {string}', async function (this: ScimWorld, name: string, names: string) {
  const res = await this.fetch('GET', `/Groups/${encodeURIComponent(String(this.fixture(name).id))}`);
  expectStatus(this, res, [200]);
  const listed = ((getPath(res.json, 'members') as Json[] | undefined) ?? []).map((m) => m.value).sort();
  const want = (names.trim() === 'none' ? [] : names.split(/\s*,\s*/)).map((n) => this.fixture(n).id).sort();
  const extra = listed.filter((id) => !want.includes(id));
  this.check(JSON.stringify(listed) === JSON.stringify(want), want, listed, extra.length
    ? `the group ${name} still lists ${extra.join(', ')}, deleted, as a member: a dangling reference (RFC 7643 §2.3.7 allows it, but IdPs and other servers treat it as a bug)`
    : `the group ${name} lost members that were not deleted: it lists ${JSON.stringify(listed)} instead of ${names}`);
});

Then('the root query result holds {string} and otherwise only groups', function (this: ScimWorld, name: string) {
  const res = this.response;
  // tooMany (RFC 7644 §3.4.2) or no scimType at all (OPTIONAL, §3.12): declined either way.
  if ([404, 501].includes(res.status) || (res.status === 400 && [undefined, 'tooMany'].includes(getPath(res.json, 'scimType') as string | undefined))) {
    return this.skip(`queries at the server root are not supported (HTTP ${res.status})`);
  }
  const list = listOf(this);
  const id = this.fixture(name).id;
  this.check(list.some((r) => r.id === id), `a list containing ${String(id)}`, list.map((r) => r.id), `the root query does not hold ${name}`);
  const others = list.filter((r) => r.id !== id && !(Array.isArray(r.schemas) && r.schemas.includes(URN.Group)));
  this.check(others.length === 0, 'only groups besides the user', others.map((r) => r.id), 'the root query returned non-group resources that do not match');
});

Then('the list has the same totalResults as a plain GET of {string}', async function (this: ScimWorld, path: string) {
  const here = bodyOf(this);
  const plain = await this.fetch('GET', path);
  const all = bodyOf(this, plain);
  expectEqual(this, [here.totalResults, listOf(this).length], [all.totalResults, listOf(this, plain).length], 'query parameters changed the discovery list');
});

// ---------- returned:request (P-PROJ-12): only when the target's /Schemas declares such an attribute ----------

Given('the published schemas declare a writable string attribute returned {string}', async function (this: ScimWorld, returned: string) {
  const res = await this.fetch('GET', `/Schemas/${URN.User}`);
  const attributes = (getPath(res.json, 'attributes') as Json[] | undefined) ?? [];
  const found = attributes.find((a) => a.returned === returned && a.type === 'string' && !a.multiValued && ['readWrite', 'immutable'].includes(String(a.mutability)));
  if (!found) return this.skip(`the published User schema declares no writable single-valued string attribute returned "${returned}"`);
  this.remember('request attribute', found);
});

Given('a user exists with a value for that attribute', async function (this: ScimWorld) {
  const name = String(this.fixture('request attribute').name);
  await this.createUser('user', { [name]: `${this.params.prefix}requested` });
});

When('I GET the user asking for that attribute', async function (this: ScimWorld) {
  const name = String(this.fixture('request attribute').name);
  await this.call('GET', `/Users/${encodeURIComponent(String(this.fixture('user').id))}`, { query: { attributes: name } });
});

Then('the returned-request attribute is absent', function (this: ScimWorld) {
  const name = String(this.fixture('request attribute').name);
  const v = getPath(bodyOf(this), name);
  this.check(v === undefined || v === null, 'absent', v, `${name} (returned: request) is in the default representation`);
});

Then('the returned-request attribute is present', function (this: ScimWorld) {
  const name = String(this.fixture('request attribute').name);
  const v = getPath(bodyOf(this), name);
  this.check(v !== undefined && v !== null, 'a value', v ?? null, `${name} was asked for but not returned`);
});

// ---------- outcomes where the RFC lets the server choose: each records the choice and checks what it implies ----------

/**
 * P-UNIQ-06 (MAY): RFC 7643 §3.1 leaves the uniqueness of externalId to the server. A 409 is a uniqueness conflict
 * (RFC 7644 §3.3: scimType uniqueness); a 201 must have created a user that keeps the externalId it was sent.
 */
Then('the user was created with the externalId of {string}, or refused as a uniqueness conflict', async function (this: ScimWorld, name: string) {
  const res = this.response;
  const externalId = this.fixture(name).externalId;
  if (res.status === 409) {
    expectScimError(this, res, [409], ['uniqueness']);
    this.note('the server chose to hold externalId unique: a second user with the same externalId was refused with 409');
    return;
  }
  expectStatus(this, res, [201]);
  const id = bodyOf(this).id;
  this.check(typeof id === 'string' && id !== '', 'the created user with its id', id ?? null, 'the 201 body is not the created user (no id)');
  const back = await this.fetch('GET', `/Users/${encodeURIComponent(String(id))}`);
  expectStatus(this, back, [200]);
  expectEqual(this, getPath(back.json, 'externalId'), externalId, 'the second user was created but does not keep the externalId it was sent');
  this.note('the server chose to accept a second user with the same externalId (201) over refusing it');
});

/**
 * P-GET-09 (MAY): a query at the server root. Declining it is legal (the statuses below, recorded); answering it means
 * a ListResponse that finds the fixture the filter names.
 */
Then('the root query lists {string}, or is declined', async function (this: ScimWorld, name: string) {
  const res = this.response;
  if ([400, 403, 404, 501].includes(res.status)) {
    this.note(`the server chose to decline queries at the root (HTTP ${res.status}) over answering them`);
    return;
  }
  expectStatus(this, res, [200]);
  const ids = (await listedResources(this)).map((r) => String(r.id));
  const want = String(this.fixture(name).id);
  this.check(ids.includes(want), `a list holding ${want}`, ids, `the root query answered 200 but does not list the ${name} its filter names`);
  this.note('the server chose to answer queries at the root (200 with the matching resource)');
});

/**
 * P-PROJ-13 (MAY): `attributes=userName&excludedAttributes=emails` on one request. RFC 7644 §3.9 does not say how the
 * two combine, but under either reading the answer is the user with userName and without emails; refusing the
 * combination with a 400 SCIM error is the other legal choice. The choice is recorded.
 */
Then('the user came back with userName and without emails, or the combination was refused with 400', function (this: ScimWorld) {
  const res = this.response;
  if (res.status === 400) {
    expectScimError(this, res, [400]);
    this.note('the server chose to refuse attributes together with excludedAttributes (400) over answering');
    return;
  }
  expectStatus(this, res, [200]);
  const body = bodyOf(this);
  const user = this.fixture('user');
  expectEqual(this, body.id, user.id, 'the answer is not the user asked for');
  expectEqual(this, getPath(body, 'userName'), user.userName, 'attributes=userName was asked for, but userName is not returned as stored');
  this.check(getPath(body, 'emails') === undefined, 'no emails', getPath(body, 'emails') ?? null, 'emails were excluded (excludedAttributes=emails) and not asked for (attributes=userName), yet returned');
  this.note('the server chose to answer attributes together with excludedAttributes (200, emails left out)');
});
