import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import type { RunMeta } from '../reports/index.ts';

/**
 * Builds the JUnit/JSON/HTML reports from the run's envelopes and writes them to `dir`. The requirement
 * catalogue (reports/requirements.json, committed by the reports module) feeds the coverage table when present.
 * The reports module is loaded on demand: a fault in it then costs the reports, never the run or its cleanup.
 */
export async function writeRunReports(projectRoot: string, envelopes: Envelope[], meta: RunMeta, dir: string): Promise<{ junit: string; json: string; html: string }> {
  const { buildReport, writeReports } = await import('../reports/index.ts');
  const cataloguePath = join(projectRoot, 'reports', 'requirements.json');
  const catalogue = existsSync(cataloguePath) ? (JSON.parse(readFileSync(cataloguePath, 'utf8')) as { id: string; level: string }[]) : undefined;
  return writeReports(buildReport(envelopes, meta, catalogue), dir);
}
