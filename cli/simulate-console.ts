/**
 * `simulate`'s console: the progress of each phase on stderr and the summary on stdout. Kept apart from the
 * command so that both can be tested as text.
 */
import type { Writable } from 'node:stream';
import { styleText } from 'node:util';
import type { StatsSummary } from '../simulators/engine/stats.ts';
import type { LifecycleResult, Progress } from '../simulators/lifecycle/types.ts';

/** Failures listed one per line in the summary; the rest are counted ("… and N more"). */
export const LISTED_FAILURES = 10;

/**
 * Draws a lifecycle's progress to `out`. On a terminal (`tty`) one bar per phase, redrawn in place (the line is
 * cleared first, so a shorter count never leaves digits of a longer one behind) and left on screen, at its final
 * count, when the next phase starts. Elsewhere (CI logs) a plain line `simulate <idp>: <phase> <done>/<total>` when a
 * phase starts and at each quarter of it, so a log shows progress without a line per request. Call `end()` before
 * printing anything else.
 */
export function simulateProgress(out: Writable, idp: string, tty: boolean): Progress & { end(): void } {
  let phaseNow: string | undefined;
  let quarter = -1;
  let live = '';
  const progress = (phase: string, done: number, total: number) => {
    if (phase !== phaseNow) {
      if (tty && live) out.write('\n');
      [phaseNow, quarter, live] = [phase, -1, ''];
    }
    if (!tty) {
      const reached = total ? Math.floor((4 * Math.min(done, total)) / total) : 4;
      if (reached > quarter) {
        quarter = reached;
        out.write(`simulate ${idp}: ${phase} ${done}/${total}\n`);
      }
      return;
    }
    const width = 30;
    const filled = total ? Math.round((Math.min(done, total) / total) * width) : width;
    const line = `${phase.padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (line === live) return;
    out.write(`\r\x1b[2K${styleText('cyan', line)}`);
    live = line;
  };
  return Object.assign(progress, {
    end: () => {
      if (tty && live) out.write('\n');
      live = '';
    },
  });
}

/** What the summary reports: the run's figures, the request statistics and the lifecycle's result. */
export interface SummaryInput {
  idp: string;
  users: number;
  seconds: number;
  stats: StatsSummary;
  result: LifecycleResult;
}

const message = (f: unknown) => (f instanceof Error ? f.message : String(f));

/**
 * The summary as lines. Operations (what the IdP counts: an assigned user, a pushed group, a sync run) and requests
 * (what went over the wire, each attempt of a retried request included) are kept apart: the failed-operations
 * count is the per-phase `failed` figures added up and equals the failures listed (the first LISTED_FAILURES, then
 * how many more); error answers count every attempt, so a 429 that a retry got past shows there and not as a
 * failed operation.
 */
export function formatSummary({ idp, users, seconds, stats: s, result }: SummaryInput): string[] {
  const out: string[] = [];
  out.push(`simulate ${idp}: ${s.requests} requests in ${seconds.toFixed(2)} s (${(s.requests / seconds).toFixed(0)} req/s, ${(users / seconds).toFixed(0)} users/s)`);
  out.push('operations by phase:');
  for (const p of result.phases) {
    out.push(`  ${p.phase.padEnd(28)} ${p.operations - p.failed} ok${p.failed ? `, ${p.failed} failed` : ''}`);
  }
  out.push('requests by kind (each attempt):');
  for (const [kind, statuses] of Object.entries(s.byKind).sort()) {
    out.push(`  ${kind.padEnd(28)} ${Object.entries(statuses).map(([status, n]) => `${status}×${n}`).join('  ')}`);
  }
  const errors = Object.entries(s.errors);
  out.push(`error answers by status and scimType (each attempt): ${errors.length ? errors.map(([k, n]) => `${k} ×${n}`).join(', ') : 'none'}`);
  out.push(`latency: p50 ${s.p50Ms.toFixed(1)} ms, p99 ${s.p99Ms.toFixed(1)} ms`);
  out.push(`failed operations: ${result.failures.length}`);
  for (const f of result.failures.slice(0, LISTED_FAILURES)) out.push(`  ${message(f)}`);
  if (result.failures.length > LISTED_FAILURES) out.push(`  … and ${result.failures.length - LISTED_FAILURES} more (--har FILE records every exchange)`);
  out.push(`end state: ${result.mismatches.length ? `${result.mismatches.length} mismatch(es)` : 'as expected'}`);
  for (const m of result.mismatches.slice(0, LISTED_FAILURES)) out.push(`  ${m}`);
  if (result.mismatches.length > LISTED_FAILURES) out.push(`  … and ${result.mismatches.length - LISTED_FAILURES} more`);
  return out;
}
