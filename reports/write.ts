/** Writes the three report files of a run into one directory. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportHtml } from './html.ts';
import { junitXml } from './junit.ts';
import type { RunReport } from './types.ts';

const reportPaths = (dir: string) => ({ junit: join(dir, 'junit.xml'), json: join(dir, 'report.json'), html: join(dir, 'report.html') });

/**
 * Removes an earlier run's three reports from `dir` (only those files), so a run that ends without writing its own
 * (a crash, a kill) never leaves the previous run's verdict where CI uploads it. Call after reading any baseline.
 */
export function removeReports(dir: string): void {
  for (const path of Object.values(reportPaths(dir))) rmSync(path, { force: true });
}

export function writeReports(report: RunReport, dir: string): { junit: string; json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const paths = reportPaths(dir);
  writeFileSync(paths.junit, junitXml(report));
  writeFileSync(paths.json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(paths.html, reportHtml(report));
  return paths;
}
