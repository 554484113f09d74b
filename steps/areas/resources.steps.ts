import { Given, Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectEqual, expectScimError, expectStatus, listOf } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
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
