import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ScimClient } from '../steps/http/client.ts';
import { cleanupPending, pendingResources, recordSettled, unresolvedIntents, type CleanupResult } from '../steps/ledger.ts';
import { runPrefix, type HarnessParameters } from '../steps/parameters.ts';
import { sweepByPrefix, SWEEP_REQUEST_UNITS } from '../steps/prefix-sweep.ts';
import { requestBudgetMs } from '../steps/step-budget.ts';

/**
 * The one folder that keeps the harness's state, whatever directory a command runs from: `SCIM_HARNESS_HOME`,
 * else `$XDG_STATE_HOME/scim-harness`, else `~/.local/state/scim-harness`.
 */
export function harnessHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.SCIM_HARNESS_HOME || join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'scim-harness');
}

/**
 * The folder holding the ledgers of one target: `<harness home>/ledgers/<hash of the target URL>/`, so that "finish
 * the pending ledgers of this target" is a directory listing, and a run never touches another target's leftovers.
 */
export function ledgerDirFor(target: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(harnessHome(env), 'ledgers', createHash('sha256').update(target).digest('hex').slice(0, 12));
}

export const ledgerFileName = (runId: string) => `ledger-${runId}.jsonl`;
const pidFileName = (runId: string) => `run-${runId}.pid`;

/**
 * Marks a run as live (its pid next to its ledger), so that a concurrent run or `cleanup` against the same
 * target does not delete resources that run is still using. Returns the release function.
 */
export function claimLedger(dir: string, runId: string): () => void {
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, pidFileName(runId));
  writeFileSync(pidFile, String(process.pid));
  return () => rmSync(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Ledgers in `dir` whose run is over (no pid file, or its process is gone), excluding `exceptRunId`. */
export function abandonedLedgers(dir: string, exceptRunId?: string): { runId: string; path: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => /^ledger-(.+)\.jsonl$/.exec(name)?.[1])
    .filter((runId): runId is string => runId !== undefined && runId !== exceptRunId)
    .filter((runId) => {
      const pidFile = join(dir, pidFileName(runId));
      return !existsSync(pidFile) || !isAlive(Number(readFileSync(pidFile, 'utf8')));
    })
    .map((runId) => ({ runId, path: join(dir, ledgerFileName(runId)) }));
}

type CleanupParams = Pick<HarnessParameters, 'target' | 'auth' | 'headers' | 'timeoutMs' | 'maxRetries'>;

/** The run id in a ledger's file name (`ledger-<runId>.jsonl`). */
const runIdOf = (ledgerPath: string) => /ledger-(.+)\.jsonl$/.exec(ledgerPath)?.[1];

/** Budget of the prefix sweep in one drain (see SWEEP_REQUEST_UNITS), in ms. */
export const sweepBudgetMs = (params: Pick<HarnessParameters, 'timeoutMs' | 'maxRetries'>) => SWEEP_REQUEST_UNITS * requestBudgetMs(params);

export interface DrainOptions {
  /** Keep the ledger even when nothing is left (after an interrupt: a create still in flight may land later). */
  keep?: boolean;
  now?: () => number;
}

/**
 * Deletes what a ledger still lists (by id, and unsettled creates by name), then walks the target for the run's
 * prefix (steps/prefix-sweep.ts, within sweepBudgetMs) and deletes what the ledger never learnt of. A sweep that
 * looked everywhere settles the creates nobody found. Removes the ledger (and a stale pid file) once nothing is
 * pending, unless `keep`; keeps it otherwise so that the next attempt can finish the job.
 */
export async function drainLedger(params: CleanupParams, ledgerPath: string, options: DrainOptions = {}): Promise<CleanupResult> {
  const now = options.now ?? Date.now;
  const client = new ScimClient({ params });
  try {
    const result = await cleanupPending({ ...params, ledgerPath }, { client });
    const runId = runIdOf(ledgerPath);
    if (runId) {
      const swept = await sweepByPrefix(client, { prefix: runPrefix(runId), runId, deadline: now() + sweepBudgetMs(params), now });
      const known = new Set(result.deleted.map((e) => e.id));
      result.deleted.push(...swept.deleted.filter((e) => !known.has(e.id)));
      result.failed.push(...swept.failed);
      if (swept.complete) for (const intent of unresolvedIntents(ledgerPath)) recordSettled(ledgerPath, intent.intended);
    }
    if (!options.keep && pendingResources(ledgerPath).length === 0 && unresolvedIntents(ledgerPath).length === 0) {
      rmSync(ledgerPath, { force: true });
      rmSync(ledgerPath.replace(/ledger-(.+)\.jsonl$/, 'run-$1.pid'), { force: true });
    }
    return result;
  } finally {
    await client.close();
  }
}

/** Drains every abandoned ledger of the target (an earlier run that crashed or was killed). */
export async function drainAbandonedLedgers(params: CleanupParams, dir: string, exceptRunId?: string): Promise<CleanupResult> {
  const total: CleanupResult = { deleted: [], failed: [] };
  for (const { path } of abandonedLedgers(dir, exceptRunId)) {
    const result = await drainLedger(params, path);
    total.deleted.push(...result.deleted);
    total.failed.push(...result.failed);
  }
  return total;
}
