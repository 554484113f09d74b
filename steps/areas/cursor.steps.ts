import { setTimeout as sleep } from 'node:timers/promises';
import { Given, Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectDeclinedAs, expectEqual, expectStatus } from '../assertions.ts';
import type { Exchange } from '../http/exchange.ts';
import { getPath } from '../interpolate.ts';
import type { Json, ScimWorld } from '../world.ts';
import { idsOf } from './filter.steps.ts';

/**
 * RFC 9865 cursor pagination. Every scenario first reads /ServiceProviderConfig `pagination` (§4) and skips with
 * the true reason when the target does not advertise cursors. Pages may be shorter than count (§2 Table 1), so
 * nothing here assumes a page size; walks are scoped to the scenario's own fixtures by `eq`/`or` filters.
 */

/** A walk covers a handful of fixtures; more pages than this means the server never stops handing out cursors. */
const MAX_PAGES = 50;
/** RFC 3986 §2.3 unreserved characters (RFC 9865 §2 Table 1). */
const UNRESERVED = /^[A-Za-z0-9._~-]+$/;
/** The longest cursorTimeout the harness waits out to see what an old cursor gets (C-ERR-03). */
export const CURSOR_WAIT_BUDGET_S = 30;

interface CursorWalk {
  pages: Exchange[];
  ids: unknown[];
  userNames: string[];
}
const walks = new WeakMap<ScimWorld, CursorWalk>();

function pagination(world: ScimWorld, raw: Json): Json | undefined {
  const p = raw.pagination;
  return typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Json) : undefined;
}

/**
 * Why the target cannot be judged on cursors (no `pagination.cursor: true` in /ServiceProviderConfig, RFC 9865 §4),
 * or its pagination object.
 */
async function cursorSupport(world: ScimWorld): Promise<{ skip: string } | { pagination: Json }> {
  const p = pagination(world, (await world.capabilities()).raw);
  if (!p) return { skip: '/ServiceProviderConfig advertises no "pagination" (RFC 9865 §4): the target does not claim cursor pagination' };
  if (p.cursor !== true) return { skip: '/ServiceProviderConfig says pagination.cursor is not true: the target does not offer cursor pagination' };
  return { pagination: p };
}

function listPage(world: ScimWorld, res: Exchange): Json[] {
  expectStatus(world, res, [200]);
  const body = bodyOf(world, res);
  world.check(Array.isArray(body.schemas) && body.schemas.includes(URN.ListResponse), [URN.ListResponse], body.schemas ?? null, 'not a ListResponse');
  if (body.Resources === undefined) return [];
  world.check(Array.isArray(body.Resources), 'Resources as an array', body.Resources, 'Resources is not an array');
  return body.Resources as Json[];
}

function withQuery(path: string, extra: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${extra}`;
}

Given('the server supports cursor pagination', async function (this: ScimWorld) {
  const support = await cursorSupport(this);
  if ('skip' in support) return this.skip(support.skip);
});

Given('the server supports cursor and index pagination', async function (this: ScimWorld) {
  const support = await cursorSupport(this);
  if ('skip' in support) return this.skip(support.skip);
  if (support.pagination.index !== true) return this.skip('/ServiceProviderConfig says pagination.index is not true: only cursor paging is offered');
});

/**
 * Walks by cursor: the first request has an empty cursor (§2 Table 1), each next one the previous nextCursor with
 * every other parameter unchanged (§2), until a page comes without nextCursor.
 */
async function walkByCursor(world: ScimWorld, first: (cursor: string) => Promise<Exchange>): Promise<CursorWalk> {
  const walk: CursorWalk = { pages: [], ids: [], userNames: [] };
  walks.set(world, walk);
  let cursor = '';
  for (;;) {
    const res = await first(cursor);
    const page = listPage(world, res);
    walk.pages.push(res);
    walk.ids.push(...page.map((r) => r.id));
    walk.userNames.push(...page.map((r) => String(r.userName ?? r.displayName ?? '')));
    const next = bodyOf(world, res).nextCursor;
    if (next === undefined || next === null) return walk;
    world.check(typeof next === 'string' && next !== '', 'nextCursor as a non-empty string', next, 'nextCursor is not a non-empty string');
    world.check(walk.pages.length < MAX_PAGES, `at most ${MAX_PAGES} pages`, walk.pages.length, `the walk still had a nextCursor after ${MAX_PAGES} pages over a few fixtures`);
    cursor = next as string;
  }
}

When('I walk {string} by cursor with count {int}', async function (this: ScimWorld, path: string, count: number) {
  const base = this.interpolate(path);
  await walkByCursor(this, (cursor) => this.call('GET', withQuery(base, `count=${count}&cursor=${encodeURIComponent(cursor)}`)));
});

When('I walk {string} by cursor in .search bodies with count {int} and filter {string}', async function (this: ScimWorld, endpoint: string, count: number, filter: string) {
  const f = this.interpolate(filter);
  await walkByCursor(this, (cursor) =>
    this.call('POST', `${endpoint}/.search`, { body: { schemas: [URN.SearchRequest], filter: f, count, cursor } }),
  );
});

function walkOf(world: ScimWorld): CursorWalk {
  const walk = walks.get(world);
  if (!walk) world.fail('a cursor walk', 'none', 'no cursor walk happened in this scenario');
  return walk;
}

Then('the cursor walk visited each of {string} exactly once', function (this: ScimWorld, names: string) {
  const { ids } = walkOf(this);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  this.check(duplicates.length === 0, 'each resource once', duplicates, `the cursor walk returned ${duplicates.length} resources more than once`);
  expectEqual(this, [...ids].sort(), [...idsOf(this, names)].sort(), `following nextCursor did not return exactly ${names}`);
});

Then('every cursor page held at most {int} resource(s)', function (this: ScimWorld, count: number) {
  for (const [i, res] of walkOf(this).pages.entries()) {
    const n = listPage(this, res).length;
    this.check(n <= count, `at most ${count}`, n, `cursor page ${i + 1} holds ${n} resources, more than count=${count}`);
  }
});

Then('the cursor walk took more than one page', function (this: ScimWorld) {
  const { pages } = walkOf(this);
  this.check(pages.length > 1, 'more than one page', pages.length, 'the walk fitted one page, so nextCursor was never exercised');
});

Then('every nextCursor of the walk uses only unreserved characters', function (this: ScimWorld) {
  for (const res of walkOf(this).pages) {
    const next = bodyOf(this, res).nextCursor;
    if (typeof next === 'string') this.check(UNRESERVED.test(next), 'RFC 3986 unreserved characters only', next, 'nextCursor has characters outside RFC 3986 §2.3 unreserved');
  }
});

Then('the first cursor page has no previousCursor', function (this: ScimWorld) {
  const first = walkOf(this).pages[0];
  const previous = bodyOf(this, first).previousCursor;
  this.check(previous === undefined || previous === null, 'no previousCursor on the first page', previous, 'the first page of a cursor walk carries a previousCursor (RFC 9865 §2 Table 2)');
});

Then('the cursor walk returned userNames in {word} order', function (this: ScimWorld, order: string) {
  const names = walkOf(this).userNames.map((n) => n.toLowerCase());
  const sorted = [...names].sort();
  if (order === 'descending') sorted.reverse();
  expectEqual(this, names, sorted, `the cursor pages are not in ${order} userName order across pages`);
});

// ---------- single pages and remembered cursors ----------

const cursors = new WeakMap<ScimWorld, string>();

When('I GET the first cursor page of {string} with count {int}', async function (this: ScimWorld, path: string, count: number) {
  const res = await this.call('GET', withQuery(this.interpolate(path), `count=${count}&cursor=`));
  listPage(this, res);
  const next = bodyOf(this, res).nextCursor;
  if (typeof next !== 'string' || next === '') this.fail('a nextCursor on a first page that cannot hold every match', next ?? null, 'the first cursor page of a multi-page result has no nextCursor (RFC 9865 §2 Table 2)');
  cursors.set(this, next);
});

function rememberedCursor(world: ScimWorld): string {
  const cursor = cursors.get(world);
  if (cursor === undefined) world.fail('a remembered nextCursor', 'none', 'no first cursor page was fetched in this scenario');
  return cursor;
}

When('I GET {string} with that nextCursor', async function (this: ScimWorld, path: string) {
  await this.call('GET', withQuery(this.interpolate(path), `cursor=${encodeURIComponent(rememberedCursor(this))}`));
});

When('I GET {string} with that nextCursor altered', async function (this: ScimWorld, path: string) {
  const cursor = rememberedCursor(this);
  // Change one character in the middle to another unreserved one: a forgery the server should detect (§5.2).
  const at = Math.floor(cursor.length / 2);
  const altered = cursor.slice(0, at) + (cursor[at] === 'A' ? 'B' : 'A') + cursor.slice(at + 1);
  await this.call('GET', withQuery(this.interpolate(path), `cursor=${encodeURIComponent(altered)}`));
});

When('I GET {string} with a cursor the server never issued', async function (this: ScimWorld, path: string) {
  await this.call('GET', withQuery(this.interpolate(path), `cursor=${this.params.prefix.replace(/[^A-Za-z0-9]/g, '')}NotACursor0`));
});

When(
  'I wait out the advertised cursorTimeout and GET {string} with that nextCursor',
  { timeout: (CURSOR_WAIT_BUDGET_S + 60) * 1000 },
  async function (this: ScimWorld, path: string) {
    const p = pagination(this, (await this.capabilities()).raw) ?? {};
    const timeout = p.cursorTimeout;
    if (typeof timeout !== 'number') return this.skip('not checked: /ServiceProviderConfig advertises no cursorTimeout, so there is no moment after which a cursor may expire');
    if (timeout > CURSOR_WAIT_BUDGET_S) {
      return this.skip(`not checked: cursorTimeout is ${timeout} s, longer than the ${CURSOR_WAIT_BUDGET_S} s the harness waits in one scenario`);
    }
    const cursor = rememberedCursor(this);
    await sleep((timeout + 1) * 1000);
    await this.call('GET', withQuery(this.interpolate(path), `cursor=${encodeURIComponent(cursor)}`));
  },
);

Then('the response is a page, or a SCIM error 400 with scimType one of {string}', function (this: ScimWorld, types: string) {
  const res = this.response;
  if (res.status === 200) {
    listPage(this, res);
    this.note('the server chose to still serve the cursor after cursorTimeout (a page) over refusing it');
    return;
  }
  this.check(res.status === 400, 200 + ' or 400', res.status, `an old cursor got ${res.status}, neither a page nor 400`);
  // The one error judge: a missing keyword warns (scimType is OPTIONAL, RFC 7644 §3.12), another one fails.
  expectDeclinedAs(this, res, [400], types.split(',').map((t) => t.trim()), 'RFC 9865: a cursor the server no longer serves');
  const scimType = getPath(res.json, 'scimType');
  this.note(`the server chose to refuse the cursor after cursorTimeout (400${typeof scimType === 'string' ? ` ${scimType}` : ''}) over serving it`);
});

// ---------- discovery (RFC 9865 §4) ----------

async function spcPagination(world: ScimWorld): Promise<Json> {
  return pagination(world, (await world.capabilities()).raw) ?? {};
}

Then('pagination.cursor and pagination.index are booleans', async function (this: ScimWorld) {
  const p = await spcPagination(this);
  for (const name of ['cursor', 'index']) this.check(typeof p[name] === 'boolean', `pagination.${name} as a Boolean`, p[name] ?? null, `pagination.${name} is REQUIRED and Boolean (RFC 9865 §4)`);
});

Then('pagination.defaultPaginationMethod is absent or one of "cursor, index"', async function (this: ScimWorld) {
  const p = await spcPagination(this);
  if (p.defaultPaginationMethod === undefined) return;
  this.check(['cursor', 'index'].includes(p.defaultPaginationMethod as string), ['cursor', 'index'], p.defaultPaginationMethod, 'pagination.defaultPaginationMethod is neither "cursor" nor "index"');
});

Then('pagination {string} are absent or positive integers', async function (this: ScimWorld, names: string) {
  const p = await spcPagination(this);
  for (const name of names.split(',').map((n) => n.trim())) {
    const v = p[name];
    if (v !== undefined) this.check(Number.isInteger(v) && (v as number) > 0, `pagination.${name} as a positive integer`, v, `pagination.${name} is not a positive integer`);
  }
});

/** C-SPC-01: a target that pages by cursor when asked, but does not say so in /ServiceProviderConfig. */
Then('a target that answers cursors advertises pagination', async function (this: ScimWorld) {
  const p = pagination(this, (await this.capabilities()).raw);
  const answered = typeof bodyOf(this).nextCursor === 'string';
  if (!p && !answered) return this.skip('the target neither advertises nor answers cursors: it does not implement RFC 9865');
  this.check(p !== undefined, 'a "pagination" object in /ServiceProviderConfig', null, 'the target hands out nextCursor but /ServiceProviderConfig does not advertise "pagination" (RFC 9865 §4)');
});

// ---------- index and cursor together (§2.3, §2.4) ----------

Then('the page follows the advertised default pagination method', async function (this: ScimWorld) {
  const p = pagination(this, (await this.capabilities()).raw) ?? {};
  const body = bodyOf(this);
  const page = listPage(this, this.response);
  const total = typeof body.totalResults === 'number' ? body.totalResults : undefined;
  const more = total !== undefined ? page.length < total : undefined;
  switch (p.defaultPaginationMethod) {
    case 'index':
      this.check(Number.isInteger(body.startIndex), 'startIndex (index paging is the default)', body.startIndex ?? null, 'defaultPaginationMethod is "index" but the page has no startIndex');
      break;
    case 'cursor':
      if (more) this.check(typeof body.nextCursor === 'string', 'nextCursor (cursor paging is the default)', body.nextCursor ?? null, 'defaultPaginationMethod is "cursor" and matches remain, but the page has no nextCursor');
      break;
    default:
      // §2.4: without an advertised default the server may choose per response; answering at all is the requirement.
      break;
  }
});

Then('the page answers nextCursor', function (this: ScimWorld) {
  listPage(this, this.response);
  const next = bodyOf(this).nextCursor;
  this.check(typeof next === 'string' && next !== '', 'a nextCursor', next ?? null, 'a cursor-paged query with more matches than count has no nextCursor');
});

Given('the server offers cursor pagination only', async function (this: ScimWorld) {
  const support = await cursorSupport(this);
  if ('skip' in support) return this.skip(support.skip);
  if (support.pagination.index !== false) return this.skip('not applicable: the target also offers index paging (pagination.index is not false), so it need not answer cursors unasked (RFC 9865 §2.3)');
});

Given('this cannot be checked over SCIM: {string}', function (this: ScimWorld, reason: string) {
  return this.skip(`not checked: ${reason}`);
});
