/** Writes the three report files of a run into one directory. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportHtml } from './html.ts';
import { junitXml } from './junit.ts';
import type { RunReport } from './types.ts';

export function writeReports(report: RunReport, dir: string): { junit: string; json: string; html: string } {
  mkdirSync(dir, { recursive: true });
  const paths = { junit: join(dir, 'junit.xml'), json: join(dir, 'report.json'), html: join(dir, 'report.html') };
  writeFileSync(paths.junit, junitXml(report));
  writeFileSync(paths.json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(paths.html, reportHtml(report));
  return paths;
}
