import { loadSources } from '@cucumber/cucumber/api';
import { RunnerError, EXIT, usageError } from './exit-codes.ts';
import { combineTags, sliceGlobs, type SuiteSlice } from './profiles.ts';

/** The scenarios a run will execute, as cucumber `paths` entries of the form `features/x.feature:LINE`. */
export interface ScenarioPlan {
  paths: string[];
  count: number;
}

/**
 * Resolves the profile's slices (plus the user's --tags) to an explicit list of scenario locations, in suite
 * order and without duplicates. Done up front because (a) a profile is a union of differently filtered
 * folders, which one cucumber run cannot express, (b) the scenario count decides the default parallelism,
 * and (c) an empty selection or a bad --tags expression is a usage error to report before anything is sent.
 */
export async function planScenarios(projectRoot: string, featuresRoot: string, slices: SuiteSlice[], userTags?: string): Promise<ScenarioPlan> {
  const seen = new Set<string>();
  const paths: string[] = [];
  for (const slice of slices) {
    let result;
    try {
      result = await loadSources(
        { defaultDialect: 'en', paths: sliceGlobs(featuresRoot, slice), names: [], tagExpression: combineTags(slice.tags, userTags), order: 'defined' },
        { cwd: projectRoot },
      );
    } catch (err) {
      const cause = (err as Error & { cause?: Error }).cause;
      if (userTags && /pickles:filter/.test((err as Error).message)) throw usageError(`invalid --tags expression "${userTags}": ${cause?.message ?? (err as Error).message}`);
      throw err;
    }
    if (result.errors.length) {
      const first = result.errors[0];
      throw new RunnerError(EXIT.internal, `feature file ${first.uri}:${first.location.line} does not parse: ${first.message}`);
    }
    for (const pickle of result.plan) {
      const path = `${pickle.uri}:${pickle.location.line}`;
      if (!seen.has(path)) paths.push(path);
      seen.add(path);
    }
  }
  return { paths, count: paths.length };
}
