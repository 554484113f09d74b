import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSources } from '@cucumber/cucumber/api';
import type { SuiteIndex } from './known-failures.ts';

/** A requirement-ID tag anywhere on a tag line of a feature file. */
const REQUIREMENT_TAG = /(?<=^|\s)@([A-Z]+(?:-[A-Z0-9]+)+)(?=\s|$)/g;

/**
 * Every scenario name, location and requirement ID of the whole suite (all profiles, no tag filter) plus the
 * requirement catalogue's IDs: what a known-failures entry may name, whatever this run selects.
 */
export async function indexSuite(projectRoot: string, featuresRoot: string): Promise<SuiteIndex> {
  const { plan } = await loadSources({ defaultDialect: 'en', paths: [join(featuresRoot, '**/*.feature')], names: [], tagExpression: '', order: 'defined' }, { cwd: projectRoot });
  const index: SuiteIndex = { requirementIds: new Set(), scenarioNames: new Set(), locations: new Set() };
  for (const pickle of plan) {
    index.scenarioNames.add(pickle.name);
    index.locations.add(`${pickle.uri}:${pickle.location.line}`);
  }
  // The planned pickles carry no tags: the tag lines are read from the files.
  const root = join(projectRoot, featuresRoot);
  for (const file of readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.feature'))) {
    for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
      if (line.trim().startsWith('@')) for (const m of line.matchAll(REQUIREMENT_TAG)) index.requirementIds.add(m[1]);
    }
  }
  const cataloguePath = join(projectRoot, 'reports', 'requirements.json');
  if (existsSync(cataloguePath)) for (const r of JSON.parse(readFileSync(cataloguePath, 'utf8')) as { id: string }[]) index.requirementIds.add(r.id);
  return index;
}
