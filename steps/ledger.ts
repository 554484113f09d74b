import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ScimClient } from './http/client.ts';
import type { HarnessParameters } from './parameters.ts';

/**
 * The run ledger: an append-only JSONL file, one line per created resource and one per deletion, shared by all
 * cucumber workers. Each line is written by one appendFileSync call (O_APPEND, well under PIPE_BUF-sized writes
 * in practice), so lines from parallel workers never interleave. What is created but not deleted is "pending":
 * the next run or `scim-harness cleanup` deletes it after a crash or Ctrl-C.
 */
export interface LedgerEntry {
  /** Resource type name: "User", "Group". */
  type: string;
  id: string;
  location?: string;
  runId: string;
  createdAt: string;
  /** Which cucumber worker created it, so a worker's AfterAll only touches its own resources. */
  worker?: string;
  /** The IntendedCreate this creation resolves. */
  resolves?: string;
}

interface DeletedLine {
  deleted: string;
}

/**
 * A create about to be sent, written BEFORE the request (issue 8 item 16): if the run is cut off while the POST is
 * in flight, or the 201 arrives after the step gave up, the ledger still names what may exist on the target, by
 * the unique name the run gave it (userName or displayName, which carries the run prefix). Resolved by the
 * created entry (`resolves`), or by `{ settled: key }` when the target answered without creating anything.
 */
export interface IntendedCreate {
  intended: string;
  type: string;
  /** The `attribute eq name` the target can be searched by. */
  attribute: 'userName' | 'displayName';
  name: string;
  runId: string;
  worker?: string;
}

/** Resource types whose creation the ledger tracks, by collection path segment. */
const COLLECTIONS: Record<string, { type: string; attribute: IntendedCreate['attribute'] }> = {
  users: { type: 'User', attribute: 'userName' },
  groups: { type: 'Group', attribute: 'displayName' },
};

/**
 * The IntendedCreate of a POST to `pathname` with `body`, or undefined when it creates nothing the ledger tracks
 * (not a POST to /Users or /Groups, or no string userName/displayName to find it by).
 */
export function intendedCreate(method: string, pathname: string, body: unknown, runId: string, worker?: string): IntendedCreate | undefined {
  if (method.toUpperCase() !== 'POST') return undefined;
  const m = /\/(Users|Groups)\/?$/i.exec(pathname);
  const collection = m && COLLECTIONS[m[1].toLowerCase()];
  const name = collection && typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[collection.attribute] : undefined;
  if (!collection || typeof name !== 'string' || !name) return undefined;
  const intended = `${runId}:${collection.type}:${name}`;
  return { intended, type: collection.type, attribute: collection.attribute, name, runId, ...(worker ? { worker } : {}) };
}

/**
 * Whether an answer settles the creates its request intended: a success (what was created is then tracked by id;
 * a Bulk answer lists each operation's outcome) or a client error (nothing was created, RFC 7644 §3.12). A 5xx,
 * a 429/503 after the last retry, or no answer at all leave them open for the cleanup's lookup by name.
 */
export function intentSettledBy(status: number): boolean {
  return (status >= 200 && status < 300) || (status >= 400 && status < 500 && status !== 429);
}

/**
 * What an answered request did to the resources the ledger tracks: a 201 (or another 2xx) to a POST on /Users or
 * /Groups created the resource its body names (by `id`, RFC 7644 §3.3); a 2xx or 404 to a DELETE of /Users/{id} or /Groups/{id}
 * means it is gone. Undefined for everything else (or a success without a string id, which the intent then covers).
 */
export function ledgerEffect(
  method: string,
  pathname: string,
  status: number,
  responseText: string,
): { created: { type: string; id: string; location?: string } } | { deleted: string } | undefined {
  const m = /\/(Users|Groups)(?:\/([^/]+))?\/?$/i.exec(pathname);
  if (!m) return undefined;
  const type = COLLECTIONS[m[1].toLowerCase()].type;
  if (method.toUpperCase() === 'POST' && status >= 200 && status < 300 && !m[2]) {
    let body: { id?: unknown; meta?: { location?: unknown } } | undefined;
    try {
      body = JSON.parse(responseText) as typeof body;
    } catch {
      return undefined;
    }
    if (typeof body?.id !== 'string') return undefined;
    const location = typeof body.meta?.location === 'string' ? body.meta.location : undefined;
    return { created: { type, id: body.id, ...(location ? { location } : {}) } };
  }
  if (method.toUpperCase() === 'DELETE' && m[2] && ((status >= 200 && status < 300) || status === 404)) return { deleted: decodeURIComponent(m[2]) };
  return undefined;
}

/** Writes the intent before the request is sent. */
export function recordIntended(ledgerPath: string, intent: IntendedCreate): void {
  appendLine(ledgerPath, intent);
}

/** The target answered the create without creating anything (an error status): the intent is settled. */
export function recordSettled(ledgerPath: string, intended: string): void {
  appendLine(ledgerPath, { settled: intended });
}

/** Intents neither resolved by a created entry nor settled: what may exist on the target under a known name. */
export function unresolvedIntents(ledgerPath: string): IntendedCreate[] {
  if (!existsSync(ledgerPath)) return [];
  const open = new Map<string, IntendedCreate>();
  for (const line of readFileSync(ledgerPath, 'utf8').split('\n')) {
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (typeof v.intended === 'string' && typeof v.name === 'string') open.set(v.intended, v as unknown as IntendedCreate);
    else if (typeof v.settled === 'string') open.delete(v.settled);
    else if (typeof v.resolves === 'string') open.delete(v.resolves);
  }
  return [...open.values()];
}

export function recordCreated(ledgerPath: string, entry: LedgerEntry): void {
  appendLine(ledgerPath, entry);
}

export function recordDeleted(ledgerPath: string, id: string): void {
  appendLine(ledgerPath, { deleted: id } satisfies DeletedLine);
}

function appendLine(ledgerPath: string, value: object): void {
  mkdirSync(dirname(ledgerPath), { recursive: true });
  appendFileSync(ledgerPath, `${JSON.stringify(value)}\n`);
}

/** Created and not yet deleted, in creation order. A torn last line (crash mid-write) is ignored. */
export function pendingResources(ledgerPath: string): LedgerEntry[] {
  if (!existsSync(ledgerPath)) return [];
  const pending = new Map<string, LedgerEntry>();
  for (const line of readFileSync(ledgerPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const v = value as Partial<LedgerEntry & DeletedLine>;
    if (typeof v.deleted === 'string') pending.delete(v.deleted);
    else if (typeof v.id === 'string' && typeof v.type === 'string') pending.set(v.id, v as LedgerEntry);
  }
  return [...pending.values()];
}

/** Collection endpoint of a resource type name ("User" → "/Users"). */
export function endpointOf(type: string): string {
  return `/${type}s`;
}

export interface CleanupResult {
  deleted: LedgerEntry[];
  failed: { entry: LedgerEntry; error: string }[];
}

export interface CleanupOptions {
  /** Only this worker's resources (a worker's AfterAll must not delete what another worker still uses). */
  worker?: string;
  client?: ScimClient;
}

/**
 * Deletes every pending resource of the ledger (DELETE, 404 counts as already gone) and records each deletion.
 * Groups first, then newest first, so memberships never point at an already-deleted user mid-way.
 */
export async function cleanupPending(
  params: Pick<HarnessParameters, 'target' | 'auth' | 'headers' | 'timeoutMs' | 'maxRetries' | 'ledgerPath'>,
  options: CleanupOptions = {},
): Promise<CleanupResult> {
  const entries = pendingResources(params.ledgerPath)
    .filter((e) => options.worker === undefined || e.worker === options.worker)
    .reverse()
    .sort((a, b) => Number(b.type === 'Group') - Number(a.type === 'Group'));
  const result: CleanupResult = { deleted: [], failed: [] };
  const intents = unresolvedIntents(params.ledgerPath).filter((i) => options.worker === undefined || i.worker === options.worker);
  if (entries.length === 0 && intents.length === 0) return result;
  const client = options.client ?? new ScimClient({ params });
  try {
    // Creates that may have happened without the ledger learning the id (cut off in flight, a late 201): found by
    // the unique name the run gave them, with `eq` (which every server that filters supports, RFC 7644 §3.4.2.2).
    for (const intent of intents) {
      try {
        const found = await client.send('GET', endpointOf(intent.type), { record: false, query: { filter: `${intent.attribute} eq ${JSON.stringify(intent.name)}` } });
        const resources = found.status === 200 ? ((found.json as { Resources?: Record<string, unknown>[] } | undefined)?.Resources ?? []) : undefined;
        if (!resources) {
          result.failed.push({ entry: { type: intent.type, id: `(${intent.attribute} ${intent.name})`, runId: intent.runId, createdAt: '' }, error: `HTTP ${found.status} on the lookup` });
          continue;
        }
        for (const r of resources.filter((r) => r[intent.attribute] === intent.name && typeof r.id === 'string')) {
          const res = await client.send('DELETE', `${endpointOf(intent.type)}/${encodeURIComponent(r.id as string)}`, { record: false });
          if (res.status < 300 || res.status === 404) result.deleted.push({ type: intent.type, id: r.id as string, runId: intent.runId, createdAt: '' });
          else throw new Error(`HTTP ${res.status}`);
        }
        recordSettled(params.ledgerPath, intent.intended);
      } catch (err) {
        result.failed.push({ entry: { type: intent.type, id: `(${intent.attribute} ${intent.name})`, runId: intent.runId, createdAt: '' }, error: (err as Error).message });
      }
    }
    for (const entry of entries) {
      try {
        const res = await client.send('DELETE', `${endpointOf(entry.type)}/${encodeURIComponent(entry.id)}`, { record: false });
        if (res.status < 300 || res.status === 404) {
          recordDeleted(params.ledgerPath, entry.id);
          result.deleted.push(entry);
        } else result.failed.push({ entry, error: `HTTP ${res.status}` });
      } catch (err) {
        result.failed.push({ entry, error: (err as Error).message });
      }
    }
  } finally {
    if (!options.client) await client.close();
  }
  return result;
}
