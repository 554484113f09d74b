import { Then } from '@cucumber/cucumber';
import { validateBody, type ScimBodyKind } from '../../scim/json-schema/index.ts';
import { bodyOf, expectEqual, expectScimError, expectStatus, listOf } from '../assertions.ts';
import { listedResources } from '../listing.ts';
import { getPath } from '../interpolate.ts';
import { tolerance } from '../tolerances.ts';
import type { Json, ScimWorld } from '../world.ts';

const numbers = (list: string) => list.split(/\s*(?:,|\bor\b)\s*/).filter(Boolean).map(Number);
const words = (list: string) => list.split(/\s*(?:,|\bor\b)\s*/).filter(Boolean);

// Field names are interpolated too: `{{attribute.name}}` is an attribute chosen from the target's published /Schemas.

// ---------- status and errors ----------

Then('the response status is {int}', function (this: ScimWorld, status: number) {
  expectStatus(this, this.response, [status]);
});

// Several statuses are legal here: the report records which one the server chose (issue 8 item 11).
Then('the response status is one of {string}', function (this: ScimWorld, list: string) {
  const allowed = numbers(list);
  expectStatus(this, this.response, allowed);
  if (allowed.length > 1) this.note(`the server answered ${this.response.status} (of the ${allowed.join(', ')} this step accepts)`);
});

Then('the response is a SCIM error with status {int}', function (this: ScimWorld, status: number) {
  expectScimError(this, this.response, [status]);
});

Then('the response is a SCIM error with status {int} and scimType {string}', function (this: ScimWorld, status: number, scimType: string) {
  expectScimError(this, this.response, [status], words(scimType));
});

// The clause itself names the keyword (e.g. RFC 7644 §3.3 for uniqueness): a missing scimType fails too.
Then('the response is a SCIM error with status {int} and scimType {string} as RFC {int} {word} requires', function (this: ScimWorld, status: number, scimType: string, rfc: number, section: string) {
  expectScimError(this, this.response, [status], words(scimType), `RFC ${rfc} ${section}`);
});

/**
 * A refusal the RFC requires (a MUST/SHALL against storing or applying the request) whose status code only
 * Table 8 suggests (RFC 7644 §3.12: "SHOULD handle the identified HTTP status codes"): any 4xx SCIM error passes,
 * one other than 400 with a warning (tolerance error-status-suggested); a 2xx or 5xx fails.
 */
function expectRefusal(world: ScimWorld, scimTypes: string[] | undefined, clause?: string): void {
  const status = world.response.status;
  world.check(status >= 400 && status < 500, 'a 4xx SCIM error (400 suggested by RFC 7644 §3.12 Table 8)', status,
    `the request was ${status < 400 ? 'accepted' : 'not refused as a client error'} (HTTP ${status})${clause ? `; ${clause} requires a refusal` : ''}`);
  expectScimError(world, world.response, [status], scimTypes, clause);
  if (status !== 400) world.warn(`refused with ${status} instead of the 400 that ${tolerance('error-status-suggested').clause.split(' (')[0]} suggests`);
}

Then('the response is a SCIM client error, preferably 400', function (this: ScimWorld) {
  expectRefusal(this, undefined);
});

Then('the response is a SCIM client error, preferably 400, with scimType {string}', function (this: ScimWorld, scimType: string) {
  expectRefusal(this, words(scimType));
});

Then('the response is a SCIM client error, preferably 400, with scimType {string} as RFC {int} {word} requires', function (this: ScimWorld, scimType: string, rfc: number, section: string) {
  expectRefusal(this, words(scimType), `RFC ${rfc} ${section}`);
});

Then('the response is a SCIM error with status one of {string} and scimType {string}', function (this: ScimWorld, statuses: string, scimType: string) {
  expectScimError(this, this.response, numbers(statuses), words(scimType));
});

// RFC 7644 §3.3 demands 409 on create; Table 9 and RFC 7643 §7 allow 400 for PUT/PATCH (rfc-requirements.md §22 A1).
Then('the response is a uniqueness error, 409 preferred over 400', function (this: ScimWorld) {
  expectScimError(this, this.response, [409, 400], ['uniqueness']);
  if (this.response.status === 400) this.warn('uniqueness conflict answered 400 instead of the preferred 409 (RFC 7644 §3.12 Table 9 allows it)');
});

// ---------- headers ----------

Then('the response has header {string}', function (this: ScimWorld, name: string) {
  const value = this.response.headers[name.toLowerCase()];
  this.check(value !== undefined && value !== '', `a ${name} header`, null, `the response has no ${name} header`);
});

Then('the response header {string} starts with {string}', function (this: ScimWorld, name: string, prefix: string) {
  const value = this.response.headers[name.toLowerCase()];
  this.check(value?.toLowerCase().startsWith(prefix.toLowerCase()) === true, `${prefix}…`, value ?? null, `${name} does not start with ${prefix}`);
});

Then('the response has header {string} equal to the body\'s {word}', function (this: ScimWorld, name: string, field: string) {
  const value = this.response.headers[name.toLowerCase()];
  const expected = getPath(bodyOf(this), field);
  this.check(value !== undefined, `a ${name} header`, null, `the response has no ${name} header`);
  this.check(value === expected, expected ?? null, value, `${name} header differs from the body's ${field}`);
});

Then('the response has no body', function (this: ScimWorld) {
  this.check(this.response.text.trim() === '', 'an empty body', this.response.text.slice(0, 200), `HTTP ${this.response.status} came with a body`);
});

// ---------- body ----------

Then('the response body matches the {string} schema', function (this: ScimWorld, kind: string) {
  const problems = validateBody(kind as ScimBodyKind, this.response.json);
  this.check(problems.length === 0, `a valid ${kind}`, problems, `the body is not a valid ${kind}: ${problems.join('; ')}`);
});

Then('the body field {string} is {string}', function (this: ScimWorld, field: string, expected: string) {
  field = this.interpolate(field);
  const actual = getPath(bodyOf(this), field);
  const want = this.interpolate(expected);
  this.check(actual === want, want, actual ?? null, `body field ${field} is ${JSON.stringify(actual)}, expected ${JSON.stringify(want)}`);
});

Then('the body field {string} is not {string}', function (this: ScimWorld, field: string, unexpected: string) {
  field = this.interpolate(field);
  const actual = getPath(bodyOf(this), field);
  const not = this.interpolate(unexpected);
  this.check(actual !== not, `anything but ${JSON.stringify(not)}`, actual ?? null, `body field ${field} is ${JSON.stringify(not)}`);
});

Then('the body field {string} is the boolean {word}', function (this: ScimWorld, field: string, value: string) {
  field = this.interpolate(field);
  expectEqual(this, getPath(bodyOf(this), field), value === 'true', `body field ${field} is not the JSON boolean ${value}`);
});

Then('the body field {string} equals:', function (this: ScimWorld, field: string, doc: string) {
  field = this.interpolate(field);
  expectEqual(this, getPath(bodyOf(this), field), JSON.parse(this.interpolate(doc)), `body field ${field} differs`);
});

Then('the body field {string} is present', function (this: ScimWorld, field: string) {
  field = this.interpolate(field);
  const v = getPath(bodyOf(this), field);
  this.check(v !== undefined && v !== null && v !== '', `a value at ${field}`, v ?? null, `body field ${field} is missing`);
});

Then('the body field {string} is absent', function (this: ScimWorld, field: string) {
  field = this.interpolate(field);
  const v = getPath(bodyOf(this), field);
  // null and [] are the same as unassigned (RFC 7643 §2.5).
  const absent = v === undefined || v === null || (Array.isArray(v) && v.length === 0);
  this.check(absent, 'no value', v, `body field ${field} is present`);
});

Then('the body fields {string} are absent', function (this: ScimWorld, fields: string) {
  for (const field of words(this.interpolate(fields))) {
    const v = getPath(bodyOf(this), field);
    this.check(v === undefined || v === null || (Array.isArray(v) && v.length === 0), 'no value', v, `body field ${field} is present`);
  }
});

Then('the body field {string} is a non-empty string', function (this: ScimWorld, field: string) {
  field = this.interpolate(field);
  const v = getPath(bodyOf(this), field);
  this.check(typeof v === 'string' && v.length > 0, 'a non-empty string', v ?? null, `body field ${field} is not a non-empty string`);
});

Then('the body field {string} lists {string}', function (this: ScimWorld, field: string, value: string) {
  field = this.interpolate(field);
  const v = getPath(bodyOf(this), field);
  const want = this.interpolate(value);
  this.check(Array.isArray(v) && v.includes(want), `an array containing ${want}`, v ?? null, `body field ${field} does not list ${want}`);
});

Then('the body has only the attributes {string}', function (this: ScimWorld, list: string) {
  const allowed = new Set(words(list).map((w) => w.toLowerCase()));
  const extra = Object.keys(bodyOf(this)).filter((k) => !allowed.has(k.toLowerCase()));
  this.check(extra.length === 0, [...allowed], Object.keys(bodyOf(this)), `unexpected attributes in the body: ${extra.join(', ')}`);
});

// ---------- fixtures vs. body ----------

Then('the body is {string}', function (this: ScimWorld, name: string) {
  expectEqual(this, bodyOf(this).id, this.fixture(name).id, `the body is not ${name}`);
});

Then('the body field {string} is the same as in {string}', function (this: ScimWorld, field: string, name: string) {
  field = this.interpolate(field);
  expectEqual(this, getPath(bodyOf(this), field), getPath(this.fixture(name), field), `body field ${field} differs from ${name}'s`);
});

// ---------- lists ----------

Then('the response is a ListResponse', function (this: ScimWorld) {
  expectStatus(this, this.response, [200]);
  listOf(this);
});

// Membership checks read every page the request asked for: a page may be short (tolerance short-page).
Then('the list holds exactly that user', async function (this: ScimWorld) {
  const ids = (await listedResources(this)).map((r) => r.id);
  expectEqual(this, ids, [this.fixture('user').id], 'the list does not hold exactly the user');
});

Then('the list holds exactly {string}', async function (this: ScimWorld, names: string) {
  const ids = (await listedResources(this)).map((r) => r.id).sort();
  const want = words(names.replace(/\band\b/g, ',')).map((n) => this.fixture(n).id).sort();
  expectEqual(this, ids, want, `the list does not hold exactly ${names}`);
});

Then('the list holds {string}', async function (this: ScimWorld, name: string) {
  const ids = (await listedResources(this)).map((r) => r.id);
  const id = this.fixture(name).id;
  this.check(ids.includes(id), `a list containing ${id}`, ids, `the list does not hold ${name}`);
});

Then('the list does not hold {string}', async function (this: ScimWorld, name: string) {
  const ids = (await listedResources(this)).map((r) => r.id);
  const id = this.fixture(name).id;
  this.check(!ids.includes(id), `a list without ${id}`, ids, `the list holds ${name}`);
});

Then('the list is empty', function (this: ScimWorld) {
  const resources = listOf(this);
  const body = bodyOf(this);
  this.check(body.totalResults === 0 && resources.length === 0, { totalResults: 0 }, { totalResults: body.totalResults, Resources: resources.length }, 'the list is not empty');
});

/** The listed resources for an "every/no listed resource" check: an empty list proves nothing, so it fails. */
function nonEmptyList(world: ScimWorld): Json[] {
  const resources = listOf(world);
  world.check(resources.length > 0, 'at least one listed resource to check', [], 'the list is empty, so the check proves nothing (the scenario expects resources)');
  return resources;
}

Then('every listed resource has a non-empty id', function (this: ScimWorld) {
  const missing = nonEmptyList(this).filter((r) => typeof r.id !== 'string' || r.id === '');
  this.check(missing.length === 0, 'an id on every resource', missing, `${missing.length} listed resources have no id`);
});

Then('every listed resource has only the attributes {string}', function (this: ScimWorld, list: string) {
  const allowed = new Set(words(list).map((w) => w.toLowerCase()));
  for (const r of nonEmptyList(this)) {
    const extra = Object.keys(r).filter((k) => !allowed.has(k.toLowerCase()));
    this.check(extra.length === 0, [...allowed], Object.keys(r), `resource ${String(r.id)} has unexpected attributes: ${extra.join(', ')}`);
  }
});

Then('no listed resource has the attribute {string}', function (this: ScimWorld, field: string) {
  field = this.interpolate(field);
  for (const r of nonEmptyList(this)) {
    const v = getPath(r, field);
    this.check(v === undefined || v === null, 'absent', v, `resource ${String(r.id)} has ${field}`);
  }
});
