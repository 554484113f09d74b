import { walkPages } from '../scim/paging.ts';
import type { ScimClient } from './http/client.ts';
import type { Exchange } from './http/exchange.ts';
import { endpointOf, type CleanupResult } from './ledger.ts';

/**
 * The last net of "nothing left behind" (issue 8 item 16): every name a run gives a User or Group starts with its run
 * prefix (`shx-<runId>-`), so whatever the ledger never learnt of (a create cut off in flight, a 201 after the
 * timeout, what a simulated connector made) is found by walking the target for that prefix. Groups first: a group may
 * list the users as members.
 */
const SWEPT = [
  { type: 'Group', attribute: 'displayName' },
  { type: 'User', attribute: 'userName' },
] as const;

/** Resources asked for per page; the server may return fewer (RFC 7644 §3.4.2.4), and the walk follows what it returns. */
const PAGE_SIZE = 100;

/**
 * How many request budgets (steps/step-budget.ts requestBudgetMs) a sweep may take: per type, the filtered walk and,
 * when `sw` is declined, the first unfiltered page; further pages fit in it unless the target is huge or very slow,
 * and then the sweep stops at its deadline and says so.
 */
export const SWEEP_REQUEST_UNITS = 4;

export interface SweepOptions {
  /** The run prefix; only resources whose name starts with it (case-sensitive) are ever deleted. */
  prefix: string;
  /** Reported with each deleted resource. */
  runId: string;
  /** When the sweep stops (ms since the epoch, on `now`'s clock): no request is sent or waited for after it. */
  deadline: number;
  now?: () => number;
  /** Upper bound of pages per walk (a totalResults that never ends). */
  maxPages?: number;
}

/** The sweep's result: what it deleted or could not, and whether it looked everywhere (then nothing is left). */
export interface SweepResult extends CleanupResult {
  complete: boolean;
}

/** The walk ran into the sweep's deadline. */
class SweepDeadline extends Error {
  constructor(pages: number) {
    super(`the walk stopped at the cleanup's time budget after ${pages} page(s); run \`scim-harness cleanup\` to finish it`);
    this.name = 'SweepDeadline';
  }
}

/**
 * Finds every User and Group named with `options.prefix` and deletes it (404 counts as gone). Each type is listed with
 * `userName sw "<prefix>"` / `displayName sw "<prefix>"`; a server that declines the filter (400, e.g. invalidFilter
 * for an operator it does not support, RFC 7644 §3.12 Table 9; or 501) is walked unfiltered instead, every page,
 * keeping the resources whose name starts with the prefix. Walks advance by what each page returned (scim/paging.ts).
 * A type the target does not serve (404) has nothing to sweep. Never throws: what it cannot list or delete is in
 * `failed`, and `complete` is false.
 */
export async function sweepByPrefix(client: ScimClient, options: SweepOptions): Promise<SweepResult> {
  const now = options.now ?? Date.now;
  const result: SweepResult = { deleted: [], failed: [], complete: true };
  let pages = 0;
  const remaining = () => {
    const ms = options.deadline - now();
    if (ms <= 0) throw new SweepDeadline(pages);
    return ms;
  };
  const list = (endpoint: string, startIndex: number, filter?: string): Promise<Exchange> => {
    const signal = AbortSignal.timeout(remaining());
    pages += 1;
    return client.send('GET', endpoint, { record: false, signal, query: { ...(filter ? { filter } : {}), startIndex, count: PAGE_SIZE } });
  };

  for (const { type, attribute } of SWEPT) {
    const endpoint = endpointOf(type);
    const failure = (error: string) => {
      result.complete = false;
      result.failed.push({ entry: { type, id: `(${attribute} starting "${options.prefix}")`, runId: options.runId, createdAt: '' }, error });
    };
    let ids: string[];
    try {
      const filter = `${attribute} sw ${JSON.stringify(options.prefix)}`;
      let first = await list(endpoint, 1, filter);
      const filtered = first.status !== 400 && first.status !== 501;
      if (!filtered) first = await list(endpoint, 1);
      if (first.status === 404) continue;
      const resources = await walkPages(async (startIndex) => {
        const page = startIndex === 1 ? first : await list(endpoint, startIndex, filtered ? filter : undefined);
        if (page.status !== 200) throw new Error(`GET ${endpoint}${filtered ? ` (${filter})` : ''} at startIndex ${startIndex} answered ${page.status}`);
        return page.json;
      }, options.maxPages);
      ids = (resources as Record<string, unknown>[])
        .filter((r) => typeof r?.id === 'string' && typeof r[attribute] === 'string' && (r[attribute] as string).startsWith(options.prefix))
        .map((r) => r.id as string);
    } catch (err) {
      failure(err instanceof Error ? err.message : String(err));
      continue;
    }
    for (const id of new Set(ids)) {
      try {
        const res = await client.send('DELETE', `${endpoint}/${encodeURIComponent(id)}`, { record: false, signal: AbortSignal.timeout(remaining()) });
        if (res.status < 300 || res.status === 404) result.deleted.push({ type, id, runId: options.runId, createdAt: '' });
        else failure(`DELETE ${endpoint}/${id} answered ${res.status}`);
      } catch (err) {
        failure((err as Error).message);
      }
    }
  }
  return result;
}
