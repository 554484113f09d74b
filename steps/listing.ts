import { nextStartIndex, readPage } from '../scim/paging.ts';
import { listOf } from './assertions.ts';
import type { Exchange } from './http/exchange.ts';
import { tolerance } from './tolerances.ts';
import type { Json, ScimWorld } from './world.ts';

/**
 * What a list request found, across short pages. RFC 7644 §3.4.2.4 lets a server return fewer resources than
 * `count` asked for (or apply its own page size without `count`); a scenario that judges "the list holds exactly
 * u1, u2, u3" then reads the pages after the first one, up to what the request asked for, as any client would.
 * Tolerance row `short-page`.
 */

/** A list walk is over a scenario's few fixtures; more pages than this mean a totalResults that never ends. */
const MAX_PAGES = 50;

const found = new WeakMap<Exchange, Promise<Json[]>>();

const int = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
};

/** startIndex and count of the request that produced `res` (query for GET, SearchRequest body for POST .search). */
function requested(res: Exchange): { startIndex: number; count?: number; search?: Json } {
  if (res.request.method === 'POST') {
    const search = (typeof res.request.body === 'object' && res.request.body !== null ? res.request.body : {}) as Json;
    return { startIndex: Math.max(1, int(search.startIndex) ?? 1), count: int(search.count), search };
  }
  const query = new URL(res.request.url).searchParams;
  return { startIndex: Math.max(1, int(query.get('startIndex')) ?? 1), count: int(query.get('count') ?? undefined) };
}

/** The same request for the page starting at `startIndex`, with `count` lowered to what is still wanted. */
function pageRequest(res: Exchange, startIndex: number, count: number | undefined): { method: string; url: string; body?: Json } {
  const { search } = requested(res);
  if (search) return { method: 'POST', url: res.request.url, body: { ...search, startIndex, ...(count !== undefined ? { count } : {}) } };
  const url = new URL(res.request.url);
  url.searchParams.set('startIndex', String(startIndex));
  if (count !== undefined) url.searchParams.set('count', String(count));
  return { method: 'GET', url: url.toString() };
}

async function walkOn(world: ScimWorld, res: Exchange): Promise<Json[]> {
  const first = listOf(world, res);
  const { startIndex, count } = requested(res);
  if (count !== undefined && count <= 0) return first;
  const all = [...first];
  let page = readPage(res.json, startIndex);
  for (let pages = 1; ; pages++) {
    const next = nextStartIndex(page);
    const wanted = count === undefined ? undefined : count - all.length;
    if (next === undefined || (wanted !== undefined && wanted <= 0)) return all;
    world.check(pages < MAX_PAGES, `at most ${MAX_PAGES} pages`, page.totalResults, `totalResults ${page.totalResults} keeps the list going past ${MAX_PAGES} short pages`);
    const req = pageRequest(res, next, wanted);
    const more = await world.fetch(req.method, req.url, req.body ? { body: req.body } : {});
    world.check(more.status === 200, 200, more.status, `the next page (startIndex=${next}) of a short page answered ${more.status} (${tolerance('short-page').clause})`);
    all.push(...listOf(world, more));
    page = readPage(more.json, next);
  }
}

/**
 * The resources `res` (default: the last response) lists, followed across short pages up to the `count` the
 * request asked for (all remaining matches when it set none). Fails like listOf when `res` is not a ListResponse.
 * Memoised per exchange, so several Then steps on one response walk once.
 */
export function listedResources(world: ScimWorld, res: Exchange = world.response): Promise<Json[]> {
  let pending = found.get(res);
  if (!pending) {
    pending = walkOn(world, res);
    found.set(res, pending);
  }
  return pending;
}
