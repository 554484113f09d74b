import { Then, When } from '@cucumber/cucumber';
import { bodyOf, expectDeclinedAs, expectEqual, expectScimError, expectStatus, listOf } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import { listedResources } from '../listing.ts';
import type { Json, ScimWorld } from '../world.ts';
import { fixtureList, READ_BACK, updatedViews } from './patch.steps.ts';

/**
 * What Okta, Entra ID and PingFederate send beyond the RFC (rfc-requirements.md §20). Where a strict RFC server may
 * legitimately refuse the IdP's form (§22 A8-A10), the refusal passes with a warning naming the IdP setting that
 * avoids it; what never passes is a 2xx that did something other than what the IdP meant.
 */

// ---------- lookups ----------

// Okta: "a 404 with a SCIM error body is also accepted" for a lookup that finds nothing (idp-behaviours.md §1.2).
Then('the response is an empty ListResponse, or a 404 SCIM error with a warning', function (this: ScimWorld) {
  if (this.response.status === 404) {
    expectScimError(this, this.response, [404]);
    this.warn('a lookup that found nothing answered 404; Okta tolerates it, the RFC and Entra expect 200 with an empty ListResponse');
    return;
  }
  expectStatus(this, this.response, [200]);
  this.check(listOf(this).length === 0 && bodyOf(this).totalResults === 0, { totalResults: 0 }, bodyOf(this), 'the lookup of an unknown userName found something');
});

// Entra's matching attribute emails[type eq "work"].value is outside the RFC filter grammar (§22 A12).
Then('the list holds exactly that user, or the filter was refused with invalidFilter and a warning', async function (this: ScimWorld) {
  if (this.response.status === 400) {
    expectDeclinedAs(this, this.response, [400], ['invalidFilter'], 'RFC 7644 Table 9: a filter form the server does not support');
    this.warn('the filter form Entra sends for an emails matching attribute was refused with invalidFilter; Entra cannot match users by email here');
    return;
  }
  expectStatus(this, this.response, [200]);
  expectEqual(this, (await listedResources(this)).map((r) => r.id), [this.fixture('user').id], 'the list does not hold exactly the user');
});

// ---------- paging walks (Okta import, PingFederate group lookup) ----------

/**
 * Pages through the endpoint with `count`, scoped to this scenario's resources (other workers and other data share
 * the server), each next page after what the last returned (tolerance short-page); at most 50 pages. Okta's
 * documented import asks for startIndex 1, 101, … (count 100): it assumes full pages, so a short page earns a
 * warning for Okta, never an RFC failure. Returns 'skipped' when the server declines the scope filter.
 */
async function walk(world: ScimWorld, endpoint: 'Users' | 'Groups', count: number): Promise<string[] | 'skipped'> {
  const ids: string[] = [];
  const filter = world.scopeFilter(endpoint === 'Users' ? 'User' : 'Group');
  for (let page = 0, startIndex = 1; page < 50; page++) {
    const res = await world.fetch('GET', `/${endpoint}`, { query: { filter, startIndex, count } });
    const declined = await world.scopeDeclined(res);
    if (declined) return declined;
    expectStatus(world, res, [200]);
    const resources = listOf(world, res);
    ids.push(...resources.map((r) => String(r.id)));
    const total = Number(bodyOf(world, res).totalResults);
    if (resources.length === 0 || ids.length >= total) break;
    if (resources.length < count) {
      world.warn(`a page held ${resources.length} of count=${count} while more remained: legal (RFC 7644 §3.4.2.4), but an IdP that advances startIndex by count (Okta's documented import: 1, 101, …) would skip resources`);
    }
    startIndex += resources.length;
  }
  return ids;
}

const walks = new WeakMap<ScimWorld, string[][]>();

When('I page through this scenario\'s {word} with count {int} and again with count {int}', async function (this: ScimWorld, endpoint: string, first: number, second: number) {
  if (endpoint !== 'Users' && endpoint !== 'Groups') throw new Error(`page through Users or Groups, not ${endpoint}`);
  const a = await walk(this, endpoint, first);
  if (a === 'skipped') return a;
  const b = await walk(this, endpoint, second);
  if (b === 'skipped') return b;
  walks.set(this, [a, b]);
});

Then('both walks list {string} once each, in the same order', function (this: ScimWorld, names: string) {
  const [a, b] = walks.get(this) ?? [[], []];
  const want = fixtureList(this, names).map((f) => String(f.id)).sort();
  expectEqual(this, [...a].sort(), want, 'the first walk does not list every resource exactly once');
  expectEqual(this, [...b].sort(), want, 'the second walk does not list every resource exactly once');
  expectEqual(this, b, a, 'the order of resources depends on the page size');
});

// ---------- Entra ID legacy forms (no aadOptscim062020) ----------

/**
 * X-ENTRA-01 / §22 A10: capitalised ops are Entra's legacy form. A strict server may refuse them (the RFC names the
 * ops in lower case); Entra then works only with the aadOptscim062020 flag, so the scenario is skipped on that
 * condition (the Entra-ready verdict says so) instead of failing. Any other answer must be a success.
 */
Then('the PATCH succeeded, or Entra\'s legacy form was refused', function (this: ScimWorld) {
  if (this.response.status === 400) {
    expectDeclinedAs(this, this.response, [400], ['invalidSyntax', 'invalidValue', 'invalidPath'], 'a refusal of Entra\'s legacy form, §22 A10');
    return this.skip('the server refused Entra\'s capitalised ops (legacy form); Entra apps on this server need the aadOptscim062020 flag', undefined, 'aadOptscim062020');
  }
  expectStatus(this, this.response, [200, 204]);
});

/**
 * X-ENTRA-02: "False" as a string (with the legacy capitalised op). Lenient servers apply it; strict ones refuse
 * the string (invalidValue: RFC 7643 §2.3.2 wants a boolean) or already the op's case (invalidSyntax, §22 A10).
 */
Then('the resource now shows active as the boolean false, or the legacy request was refused with a warning', async function (this: ScimWorld) {
  if (this.response.status === 400) {
    expectDeclinedAs(this, this.response, [400], ['invalidValue', 'invalidSyntax'], 'a refusal of the string "False", RFC 7643 §2.3.2');
    this.warn('Entra\'s legacy "False" string was refused: Entra apps on this server need the aadOptscim062020 flag to deactivate users');
    this.note('the legacy dialect was refused; Entra works with the aadOptscim062020 flag', 'aadOptscim062020');
    return;
  }
  expectStatus(this, this.response, [200, 204]);
  for (const [where, body] of await updatedViews(this)) {
    expectEqual(this, getPath(body, 'active'), false, `${where}: active is not the JSON boolean false after Entra's "False"`);
  }
});

/**
 * X-ENTRA-03 / §22 A9: `{op: Remove, path: members, value: [...]}` means "remove these". The strict RFC reading
 * (no filter: remove every member) silently empties the group, which is the one outcome that fails outright.
 */
Then('the resource now has exactly the members {string}, or the legacy removal was refused with a warning', async function (this: ScimWorld, names: string) {
  if (this.response.status === 400) {
    expectDeclinedAs(this, this.response, [400], ['invalidValue', 'invalidSyntax', 'invalidPath', 'noTarget'], 'a refusal of Entra\'s legacy member removal, §22 A9');
    this.warn('Entra\'s legacy member removal (path "members" with a value list) was refused: Entra apps on this server need the aadOptscim062020 flag');
    this.note('the legacy dialect was refused; Entra works with the aadOptscim062020 flag', 'aadOptscim062020');
    return;
  }
  expectStatus(this, this.response, [200, 204]);
  const want = fixtureList(this, names).map((f) => String(f.id)).sort();
  for (const [where, body] of await updatedViews(this)) {
    if (getPath(body, 'members') === undefined && where !== READ_BACK) continue;
    const ids = ((getPath(body, 'members') as Json[] | undefined) ?? []).map((m) => String(m.value)).sort();
    if (ids.length === 0 && want.length > 0) {
      this.fail(want, ids, `${where}: the legacy removal emptied the group (strict RFC reading): Entra would silently destroy every membership`);
    }
    expectEqual(this, ids, want, `${where}: the members are not exactly ${names}`);
  }
});

// X-ENTRA-05: dotted keys in a path-less value are paths, not attribute names to store.
Then('the resource now has no attribute literally named {string}', async function (this: ScimWorld, key: string) {
  for (const [where, body] of await updatedViews(this)) {
    const literal = Object.keys(body).find((k) => k.toLowerCase() === key.toLowerCase());
    this.check(literal === undefined, `no key "${key}"`, Object.keys(body), `${where}: "${key}" was stored as an attribute name instead of being read as a path`);
  }
});
