import { Given, Then, When } from '@cucumber/cucumber';
import { isDeepStrictEqual } from 'node:util';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectDeclinedAs, expectEqual, expectStatus } from '../assertions.ts';
import type { Exchange } from '../http/exchange.ts';
import { getPath } from '../interpolate.ts';
import type { Json, ScimWorld } from '../world.ts';

/**
 * PATCH (RFC 7644 §3.5.2) and the "resource now shows" vocabulary shared with PUT and the IdP interop features.
 * A PATCH may legally answer 204 without a body, so outcomes are judged on what the target stores: every
 * "the resource now …" step reads the resource back, and when the update answered 200 with a body it checks that
 * body too (RFC 7644 §3.5.2: the 200 body is the updated resource, so a stale one is as wrong as a lost update).
 */

export const endpointOf = (f: Json) => (String(getPath(f, 'meta.resourceType')) === 'Group' ? '/Groups' : '/Users');
export const pathOf = (f: Json) => `${endpointOf(f)}/${encodeURIComponent(String(f.id))}`;

/** A PatchOp request body around the given operations. */
export const patchOp = (operations: unknown) => ({ schemas: [URN.PatchOp], Operations: operations });

/** "user A, user B" → those fixtures; "none" → []. */
export const fixtureList = (world: ScimWorld, names: string) =>
  names.trim() === 'none' ? [] : names.split(/\s*(?:,|\band\b)\s*/).filter(Boolean).map((n) => world.fixture(n));

const readBacks = new WeakMap<Exchange, Json>();

/** The resource the last When step addressed, read back once per exchange (so several checks cost one GET). */
async function readBack(world: ScimWorld): Promise<Json> {
  const res = world.response;
  let body = readBacks.get(res);
  if (!body) {
    const url = new URL(res.request.url);
    url.search = '';
    const got = await world.fetch('GET', url.toString());
    expectStatus(world, got, [200]);
    body = bodyOf(world, got);
    readBacks.set(res, body);
  }
  return body;
}

/** Label of the read-back view; the other view is the update's own 200 body. */
export const READ_BACK = 'the resource read back';

/** The views of the updated resource to check: the 200 body of the update (when unprojected) and the read-back. */
export async function updatedViews(world: ScimWorld): Promise<Array<[string, Json]>> {
  const res = world.response;
  const views: Array<[string, Json]> = [];
  const projected = /[?&](attributes|excludedAttributes)=/i.test(res.request.url);
  if (res.status === 200 && !projected && typeof (res.json as Json | undefined)?.id === 'string') {
    views.push([`the ${res.request.method} response`, res.json as Json]);
  }
  views.push([READ_BACK, await readBack(world)]);
  return views;
}

/** null and [] are the same as unassigned (RFC 7643 §2.5). */
const isUnassigned = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/** `partial` holds for `value` when every field of `partial` equals the same field of `value` (names case-insensitive). */
const matches = (value: unknown, partial: Json) => Object.entries(partial).every(([k, v]) => isDeepStrictEqual(getPath(value, k), v));

const valuesAt = (body: Json, field: string) => {
  const v = getPath(body, field);
  return Array.isArray(v) ? (v as Json[]) : isUnassigned(v) ? [] : [v as Json];
};

// ---------- actions ----------

When('I PATCH {string} with the operations:', async function (this: ScimWorld, name: string, doc: string) {
  const operations = JSON.parse(this.interpolate(doc)) as unknown;
  await this.call('PATCH', pathOf(this.fixture(name)), { body: patchOp(operations) });
});

When('I PATCH {string} asking for attributes {string} with the operations:', async function (this: ScimWorld, name: string, attributes: string, doc: string) {
  const operations = JSON.parse(this.interpolate(doc)) as unknown;
  await this.call('PATCH', pathOf(this.fixture(name)), { body: patchOp(operations), query: { attributes: this.interpolate(attributes) } });
});

Given('{string} was patched with the operations:', async function (this: ScimWorld, name: string, doc: string) {
  const res = await this.fetch('PATCH', pathOf(this.fixture(name)), { body: patchOp(JSON.parse(this.interpolate(doc))) });
  this.check([200, 204].includes(res.status), '200 or 204', res.status, `setup failed: PATCH answered ${res.status}`);
});

// ---------- outcome of the update ----------

// RFC 7644 §3.5.2: 200 with the resource, or 204 without a body (Entra prefers 204 for groups).
Then('the PATCH succeeded', function (this: ScimWorld) {
  const res = this.response;
  expectStatus(this, res, [200, 204]);
  if (res.status === 204) {
    this.check(res.text.trim() === '', 'no body with 204', res.text.slice(0, 200), 'a 204 No Content came with a body');
    return;
  }
  const target = decodeURIComponent(new URL(res.request.url).pathname.split('/').pop() ?? '');
  expectEqual(this, bodyOf(this).id, target, 'the 200 body of the PATCH is not the patched resource');
});

// rfc-requirements.md §22 A7: the RFC's own example text says removing a non-member succeeds without change.
Then('the PATCH succeeded, or was refused with noTarget and a warning', function (this: ScimWorld) {
  if (this.response.status === 400) {
    expectDeclinedAs(this, this.response, [400], ['noTarget'], 'a path that selects nothing, §22 A7');
    this.warn('removing a value that is not there answered 400 noTarget; the RFC example and the IdPs expect a no-op success');
    return;
  }
  expectStatus(this, this.response, [200, 204]);
});

/**
 * rfc-requirements.md §22 A8: RFC 7644 §3.5.2.3 says noTarget; Entra's `emails[type eq "work"].value` replace
 * means "upsert", which lenient servers honour. The upsert passes with a warning only if it added exactly the one
 * value the filter and the value describe; a 2xx that changed nothing is a lost update.
 */
Then('the response is a noTarget error, or the {string} of {string} gained one value with a warning:', async function (this: ScimWorld, field: string, name: string, doc: string) {
  if (this.response.status === 400) return expectDeclinedAs(this, this.response, [400], ['noTarget'], 'RFC 7644 §3.5.2.3: a value filter that matches nothing');
  expectStatus(this, this.response, [200, 204]);
  const partial = JSON.parse(this.interpolate(doc)) as Json;
  const before = valuesAt(this.fixture(name), field).length;
  for (const [where, body] of await updatedViews(this)) {
    const values = valuesAt(body, field);
    this.check(values.length === before + 1 && values.some((v) => matches(v, partial)), { count: before + 1, containing: partial }, values,
      `${where}: a replace through an unmatched filter answered ${this.response.status} but did not add exactly ${JSON.stringify(partial)}`);
  }
  this.warn(`a replace through a value filter that matches nothing was applied as an upsert (Entra's reading) instead of 400 noTarget (RFC 7644 §3.5.2.3)`);
});

// ---------- what the target now stores ----------

Then('the resource now shows {string} as {string}', async function (this: ScimWorld, path: string, value: string) {
  const field = this.interpolate(path);
  const want = this.interpolate(value);
  for (const [where, body] of await updatedViews(this)) expectEqual(this, getPath(body, field), want, `${where}: ${field} is not ${JSON.stringify(want)}`);
});

Then('the resource now shows {string} as the boolean {word}', async function (this: ScimWorld, field: string, value: string) {
  for (const [where, body] of await updatedViews(this)) expectEqual(this, getPath(body, field), value === 'true', `${where}: ${field} is not the JSON boolean ${value}`);
});

Then('the resource now has no {string}', async function (this: ScimWorld, path: string) {
  const field = this.interpolate(path);
  for (const [where, body] of await updatedViews(this)) {
    const v = getPath(body, field);
    this.check(isUnassigned(v), 'no value', v, `${where}: ${field} is still present`);
  }
});

Then('the resource now has {int} {string} value(s)', async function (this: ScimWorld, count: number, field: string) {
  for (const [where, body] of await updatedViews(this)) {
    const values = valuesAt(body, field);
    this.check(values.length === count, count, values, `${where}: ${field} has ${values.length} values, expected ${count}`);
  }
});

Then('the resource now has a {string} value with:', async function (this: ScimWorld, field: string, doc: string) {
  const partial = JSON.parse(this.interpolate(doc)) as Json;
  for (const [where, body] of await updatedViews(this)) {
    const values = valuesAt(body, field);
    this.check(values.some((v) => matches(v, partial)), `a ${field} value with ${JSON.stringify(partial)}`, values, `${where}: no ${field} value matches ${JSON.stringify(partial)}`);
  }
});

Then('the resource now has no {string} value with:', async function (this: ScimWorld, field: string, doc: string) {
  const partial = JSON.parse(this.interpolate(doc)) as Json;
  for (const [where, body] of await updatedViews(this)) {
    const values = valuesAt(body, field);
    this.check(!values.some((v) => matches(v, partial)), `no ${field} value with ${JSON.stringify(partial)}`, values, `${where}: a ${field} value matches ${JSON.stringify(partial)}`);
  }
});

Then('the resource now lists schema {string}', async function (this: ScimWorld, urn: string) {
  const want = urn === 'enterprise' ? URN.EnterpriseUser : urn;
  for (const [where, body] of await updatedViews(this)) {
    const schemas = body.schemas;
    this.check(Array.isArray(schemas) && schemas.includes(want), `schemas containing ${want}`, schemas ?? null, `${where}: schemas does not list ${want}`);
  }
});

/**
 * Exactly these members, by id. A PATCH 200 body that leaves `members` out altogether is tolerated with a
 * warning: Entra and Okta discourage returning large member lists, though RFC 7644 §3.5.2 asks for the resource.
 */
Then('the resource now has exactly the members {string}', async function (this: ScimWorld, names: string) {
  const want = fixtureList(this, names).map((f) => String(f.id)).sort();
  for (const [where, body] of await updatedViews(this)) {
    const members = getPath(body, 'members');
    if (members === undefined && where !== READ_BACK && want.length > 0) {
      this.warn(`${where} leaves out members; only the read-back could be checked`);
      continue;
    }
    const ids = valuesAt(body, 'members').map((m) => String(m.value)).sort();
    expectEqual(this, ids, want, `${where}: the members are not exactly ${names}`);
  }
});

/** The resource's meta timestamps and version, after a change that must not count as a modification. */
Then('the resource now has the meta.lastModified and meta.version of {string}', async function (this: ScimWorld, name: string) {
  const before = this.fixture(name);
  for (const [where, body] of await updatedViews(this)) {
    expectEqual(this, getPath(body, 'meta.lastModified'), getPath(before, 'meta.lastModified'), `${where}: meta.lastModified moved although nothing changed`);
    expectEqual(this, getPath(body, 'meta.version'), getPath(before, 'meta.version'), `${where}: meta.version moved although nothing changed`);
  }
});

/** Drops meta (timestamps, version) and unassigned values, and orders multi-valued attributes, for comparison. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Json)[key];
    if (key === 'meta' || isUnassigned(v)) continue;
    out[key] = canonical(v);
  }
  return out;
}

// After a refused update (RFC 7644 §3.5.2: a PATCH is atomic; a refused PUT changes nothing either).
Then('{string} is unchanged', async function (this: ScimWorld, name: string) {
  const before = this.fixture(name);
  const res = await this.fetch('GET', pathOf(before));
  expectStatus(this, res, [200]);
  expectEqual(this, canonical(bodyOf(this, res)), canonical(before), `${name} changed although the update was refused`);
});

// ---------- preconditions from the published schemas (rfc-requirements.md §22 A19) ----------

Given('the published Group schema declares members.value immutable', async function (this: ScimWorld) {
  const res = await this.fetch('GET', `/Schemas/${URN.Group}`);
  const members = ((getPath(res.json, 'attributes') as Json[] | undefined) ?? []).find((a) => String(a.name).toLowerCase() === 'members');
  const value = ((members?.subAttributes as Json[] | undefined) ?? []).find((a) => String(a.name).toLowerCase() === 'value');
  if (value?.mutability !== 'immutable') return this.skip(`the published Group schema declares members.value ${String(value?.mutability ?? 'absent')}, not immutable`);
});

// ---------- many members at once (P-PATCH-40) ----------

const userRange = (world: ScimWorld, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => world.fixture(`user ${from + i}`));

Given('a group exists with users {int} to {int} as members', async function (this: ScimWorld, from: number, to: number) {
  await this.createGroup('group', {}, userRange(this, from, to));
});

When('I PATCH the group removing users {int} to {int} one by one and adding users {int} to {int} at once', async function (this: ScimWorld, rFrom: number, rTo: number, aFrom: number, aTo: number) {
  const removes = userRange(this, rFrom, rTo).map((u) => ({ op: 'remove', path: `members[value eq "${String(u.id)}"]` }));
  const add = { op: 'add', path: 'members', value: userRange(this, aFrom, aTo).map((u) => ({ value: u.id })) };
  await this.call('PATCH', pathOf(this.fixture('group')), { body: patchOp([...removes, add]) });
});

Then('the resource now has exactly users {int} to {int} as members', async function (this: ScimWorld, from: number, to: number) {
  const want = userRange(this, from, to).map((u) => String(u.id)).sort();
  for (const [where, body] of await updatedViews(this)) {
    if (getPath(body, 'members') === undefined && where !== READ_BACK) continue;
    const ids = valuesAt(body, 'members').map((m) => String(m.value)).sort();
    this.check(isDeepStrictEqual(ids, want), { count: want.length, ids: want }, { count: ids.length, missing: want.filter((i) => !ids.includes(i)), extra: ids.filter((i) => !want.includes(i)) },
      `${where}: the members are not exactly users ${from} to ${to}`);
  }
});
