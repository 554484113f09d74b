import { Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectEqual, expectStatus } from '../assertions.ts';
import type { Exchange } from '../http/exchange.ts';
import type { Json, ScimWorld } from '../world.ts';
import { idsOf } from './filter.steps.ts';

/** Index-based pagination (RFC 7644 §3.4.2.4, Tables 6 and 7). RFC 9865 cursor members are ignored here (§22 A23). */

/**
 * The resources of a ListResponse page. Unlike listOf, an absent `Resources` is accepted whatever totalResults
 * says, because a page can legally be empty while the result set is not (count=0, a startIndex past the end; A14).
 */
function pageOf(world: ScimWorld, res: Exchange = world.response): Json[] {
  expectStatus(world, res, [200]);
  const body = bodyOf(world, res);
  world.check(Array.isArray(body.schemas) && body.schemas.includes(URN.ListResponse), [URN.ListResponse], body.schemas ?? null, 'not a ListResponse');
  if (body.Resources === undefined) return [];
  world.check(Array.isArray(body.Resources), 'Resources as an array', body.Resources, 'Resources is not an array');
  return body.Resources as Json[];
}

/** A ListResponse member that must be a JSON integer (P-PAGE-08), with evidence when it is not. */
function integerMember(world: ScimWorld, name: string, res: Exchange = world.response): number {
  const value = bodyOf(world, res)[name];
  world.check(Number.isInteger(value), `${name} as a JSON integer`, value ?? null, `${name} is ${JSON.stringify(value ?? null)}, not a JSON integer`);
  return value as number;
}

Then('the page holds {int} resource(s)', function (this: ScimWorld, count: number) {
  const page = pageOf(this);
  this.check(page.length === count, count, page.length, `the page holds ${page.length} resources, expected ${count}`);
});

Then('the page holds at most {int} resources', function (this: ScimWorld, count: number) {
  const page = pageOf(this);
  this.check(page.length <= count, `at most ${count}`, page.length, `the page holds ${page.length} resources, more than count=${count}`);
});

Then('the page holds at most filter.maxResults resources', async function (this: ScimWorld) {
  const { filter } = await this.capabilities();
  const page = pageOf(this);
  if (filter.maxResults === undefined) return this.skip('ServiceProviderConfig has no filter.maxResults');
  this.check(page.length <= filter.maxResults, `at most ${filter.maxResults}`, page.length, `the page holds ${page.length} resources, more than filter.maxResults`);
});

/**
 * Whether a ListResponse holds the whole result set: RFC 7644 §3.4.2 makes startIndex and itemsPerPage REQUIRED
 * only "when partial results are returned due to pagination" (tolerance row paging-members-on-whole-results).
 */
function holdsWholeResult(world: ScimWorld): boolean {
  const body = bodyOf(world);
  const page = Array.isArray(body.Resources) ? body.Resources.length : 0;
  return Number.isInteger(body.totalResults) && page === body.totalResults;
}

Then('the list\'s {word} is {int}', function (this: ScimWorld, member: string, expected: number) {
  if ((member === 'startIndex' || member === 'itemsPerPage') && bodyOf(this)[member] === undefined && holdsWholeResult(this)) {
    // paging-members-on-whole-results: legal to leave out on a page that is the whole result; the weaker choice warns.
    return this.warn(`${member} is left out; RFC 7644 §3.4.2 requires it only when results are partial, and this page holds all ${bodyOf(this).totalResults}`);
  }
  expectEqual(this, integerMember(this, member), expected, `${member} is not ${expected}`);
});

Then('the paging numbers are non-negative JSON integers', function (this: ScimWorld) {
  const body = bodyOf(this);
  for (const name of ['totalResults', 'itemsPerPage', 'startIndex']) {
    if (name !== 'totalResults' && body[name] === undefined) continue;
    const value = integerMember(this, name);
    this.check(value >= 0, `${name} ≥ 0`, value, `${name} is negative`);
  }
});

Then('itemsPerPage is the number of resources on the page', function (this: ScimWorld) {
  const page = pageOf(this);
  if (bodyOf(this).itemsPerPage === undefined && holdsWholeResult(this)) {
    return this.warn(`itemsPerPage is left out; RFC 7644 §3.4.2 requires it only when results are partial, and this page holds all ${page.length}`);
  }
  expectEqual(this, integerMember(this, 'itemsPerPage'), page.length, 'itemsPerPage is not the number of resources returned');
});

// P-PAGE-09: without count the server applies its own limit; a truncated page must say where it stands.
Then('the page respects filter.maxResults and says where it stands when truncated', async function (this: ScimWorld) {
  const { filter } = await this.capabilities();
  const page = pageOf(this);
  if (filter.maxResults !== undefined) {
    this.check(page.length <= filter.maxResults, `at most ${filter.maxResults}`, page.length, `without count the page holds ${page.length} resources, more than filter.maxResults`);
  }
  const total = integerMember(this, 'totalResults');
  if (page.length < total) {
    integerMember(this, 'startIndex');
    expectEqual(this, integerMember(this, 'itemsPerPage'), page.length, 'a truncated page has an itemsPerPage other than the number of resources returned');
  }
});

// ---------- walking every page (P-PAGE-11) ----------

/** Ids seen while walking, in order, per scenario. */
const walks = new WeakMap<ScimWorld, unknown[]>();

/** A walk is over the scenario's few fixtures; a totalResults that asks for more pages is itself the failure. */
const MAX_PAGES = 50;

/**
 * Follows the pages from startIndex 1 with `count`, each next page starting after the resources the last one
 * returned (RFC 7644 §3.4.2.4: a page may be shorter than count; tolerance short-page), while startIndex ≤
 * totalResults as the first page announced it.
 */
When('I walk the pages of {string} with count {int}', async function (this: ScimWorld, path: string, count: number) {
  const base = this.interpolate(path);
  const join = base.includes('?') ? '&' : '?';
  const seen: unknown[] = [];
  walks.set(this, seen);
  let total = 1;
  for (let start = 1, pages = 0; start <= total; pages++) {
    const res = await this.call('GET', `${base}${join}startIndex=${start}&count=${count}`);
    if (pages === 0) {
      const declined = await this.scopeDeclined(res);
      if (declined) return declined;
    }
    const page = pageOf(this, res);
    if (pages === 0) {
      total = integerMember(this, 'totalResults', res);
      this.check(Math.ceil(total / count) <= MAX_PAGES, `at most ${MAX_PAGES} pages`, total, `totalResults ${total} means more than ${MAX_PAGES} pages for a few fixtures`);
    }
    this.check(page.length > 0 || start > total, `resources from startIndex ${start} up to totalResults ${total}`, page.length,
      `the page at startIndex=${start} is empty although totalResults is ${total}`);
    this.check(pages < MAX_PAGES, `at most ${MAX_PAGES} pages`, pages, `more than ${MAX_PAGES} pages for ${total} resources`);
    seen.push(...page.map((r) => r.id));
    start += page.length;
  }
});

Then('the walk visited each of {string} exactly once', function (this: ScimWorld, names: string) {
  const seen = walks.get(this);
  if (!seen) this.fail('a walk over the pages', 'none', 'no page walk happened in this scenario');
  const want = idsOf(this, names);
  const duplicates = seen.filter((id, i) => seen.indexOf(id) !== i);
  this.check(duplicates.length === 0, 'each resource once', duplicates, `the walk visited ${duplicates.length} resources more than once`);
  expectEqual(this, [...seen].sort(), [...want].sort(), `the walk did not visit exactly ${names}`);
});
