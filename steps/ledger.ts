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
}

interface DeletedLine {
  deleted: string;
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
  if (entries.length === 0) return result;
  const client = options.client ?? new ScimClient({ params });
  try {
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
