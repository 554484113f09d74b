import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import type { GateNotes, RunGate, RunMeta, RunReport } from '../reports/index.ts';

export interface ReportExtras {
  /** The CI gate's decision and per-scenario notes (known failures, baseline changes). */
  gate?: { report: RunGate; notes: GateNotes };
  /** Append a Markdown summary to this file (GITHUB_STEP_SUMMARY); the HTML path is shown relative to `cwd`. */
  stepSummary?: { path: string; cwd: string };
}

/**
 * Builds the JUnit/JSON/HTML reports from the run's envelopes and writes them to `dir`; with `extras.stepSummary`
 * appends the CI summary too. The requirement catalogue (reports/requirements.json, committed by the reports
 * module) feeds the coverage table when present. The reports module is loaded on demand: a fault in it then costs
 * the reports, never the run or its cleanup.
 */
export async function writeRunReports(
  projectRoot: string,
  envelopes: Envelope[],
  meta: RunMeta,
  dir: string,
  extras: ReportExtras = {},
): Promise<{ files: { junit: string; json: string; html: string }; report: RunReport }> {
  const { buildReport, writeReports, stepSummaryMarkdown } = await import('../reports/index.ts');
  const cataloguePath = join(projectRoot, 'reports', 'requirements.json');
  const catalogue = existsSync(cataloguePath) ? (JSON.parse(readFileSync(cataloguePath, 'utf8')) as { id: string; level: string }[]) : undefined;
  const report = buildReport(envelopes, meta, catalogue, extras.gate);
  const files = writeReports(report, dir);
  if (extras.stepSummary) {
    const shown = relative(extras.stepSummary.cwd, files.html);
    appendFileSync(extras.stepSummary.path, stepSummaryMarkdown(report, shown && !shown.startsWith('..') && !isAbsolute(shown) ? shown : files.html));
  }
  return { files, report };
}
