/**
 * Index-based paging as a client must follow it (RFC 7644 §3.4.2.4): a server MAY return fewer results than
 * `count` asked for, so the next page starts after the resources actually returned (`itemsPerPage`, or the
 * length of `Resources` when the server leaves `itemsPerPage` out), never at `startIndex + count`.
 */

/** What one ListResponse says about where it stands. */
export interface PageInfo {
  resources: unknown[];
  /** totalResults; NaN when the server sent none (the walk then stops after this page). */
  totalResults: number;
  /** The 1-based index of the first resource on this page: the one requested (clamped to 1). */
  startIndex: number;
  /** How many resources this page holds: the number of `Resources` returned. */
  itemsPerPage: number;
}

const int = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
};

/**
 * Reads a ListResponse body fetched with `startIndex=requestedStart`. The walk follows what the server sent
 * (the requested start plus the resources returned), not its echoed `startIndex`/`itemsPerPage`: the paging
 * scenarios judge those members, and a walk that trusted a wrong echo would skip or repeat resources.
 */
export function readPage(body: unknown, requestedStart = 1): PageInfo {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const resources = Array.isArray(b.Resources) ? b.Resources : [];
  const startIndex = Math.max(1, requestedStart);
  return { resources, totalResults: int(b.totalResults) ?? Number.NaN, startIndex, itemsPerPage: resources.length };
}

/** The startIndex of the page after this one, or undefined when this page is the last (or empty). */
export function nextStartIndex(page: PageInfo): number | undefined {
  if (page.itemsPerPage === 0 || !Number.isFinite(page.totalResults)) return undefined;
  const next = page.startIndex + page.itemsPerPage;
  return next <= page.totalResults ? next : undefined;
}

/** Thrown when a walk needs more pages than its bound: a totalResults that never ends, or a huge collection. */
export class PageLimitError extends Error {
  constructor(readonly pages: number) {
    super(`walked ${pages} pages without reaching totalResults`);
    this.name = 'PageLimitError';
  }
}

/**
 * Every resource of a listing, walking from startIndex 1 by what each page returned.
 * `fetchPage(startIndex)` returns the parsed ListResponse body of that page (it chooses `count` and throws for a
 * non-200 answer). Stops at totalResults or an empty page; throws PageLimitError beyond `maxPages` pages.
 */
export async function walkPages(fetchPage: (startIndex: number) => Promise<unknown>, maxPages = 1_000): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let start: number | undefined = 1, pages = 0; start !== undefined; pages++) {
    if (pages >= maxPages) throw new PageLimitError(pages);
    const page = readPage(await fetchPage(start), start);
    all.push(...page.resources);
    start = nextStartIndex(page);
  }
  return all;
}
