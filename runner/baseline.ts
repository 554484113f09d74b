/**
 * `--baseline PATH`: an earlier report.json to compare this run with, scenario by scenario. Scenarios are matched
 * by an identity that survives line moves and suite upgrades: the requirement IDs plus the scenario name (an
 * ordinal tells apart scenarios that share both, e.g. the rows of a Scenario Outline), never by `uri:line`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError } from './exit-codes.ts';

/** What the comparison needs from a scenario of either run. */
export interface ComparableScenario {
  name: string;
  uri: string;
  line: number;
  requirements: string[];
  verdict: string;
}

export interface Baseline {
  /** Absolute path of the baseline report. */
  path: string;
  toolVersion?: string;
  scenarios: (ComparableScenario & { id: string })[];
}

/** How a scenario of this run compares with the baseline. */
export type Change = 'new-failure' | 'fixed' | 'unchanged';

/**
 * Reads an earlier report.json. Throws a usage error (exit 2) when the file is missing, is not JSON, or does not
 * look like a scim-harness report (no `scenarios` array of {name, requirements, verdict}).
 */
export function loadBaseline(cwd: string, file: string): Baseline {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw usageError(`baseline report not found: ${path}`);
  let parsed: { reportVersion?: unknown; meta?: { toolVersion?: unknown }; scenarios?: unknown };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw usageError(`baseline ${path} is not JSON: ${(err as Error).message}`);
  }
  const scenarios = parsed?.scenarios;
  const valid = Array.isArray(scenarios) && scenarios.every((s) => typeof s?.name === 'string' && Array.isArray(s?.requirements) && typeof s?.verdict === 'string');
  if (typeof parsed?.reportVersion !== 'string' || !valid) throw usageError(`baseline ${path} is not a scim-harness report.json (no reportVersion or scenarios)`);
  return {
    path,
    ...(typeof parsed.meta?.toolVersion === 'string' ? { toolVersion: parsed.meta.toolVersion } : {}),
    scenarios: (scenarios as Record<string, unknown>[]).map((s) => ({
      id: typeof s.id === 'string' ? s.id : `${String(s.uri)}:${String(s.line)}`,
      name: s.name as string,
      uri: typeof s.uri === 'string' ? s.uri : '',
      line: typeof s.line === 'number' ? s.line : 0,
      requirements: (s.requirements as unknown[]).map(String),
      verdict: s.verdict as string,
    })),
  };
}

/** Failed now or then: `known` failures are still failures of the server, only accepted ones. */
const failing = (verdict: string) => verdict === 'failed' || verdict === 'known';

/**
 * Identity keys in the order of `scenarios`: sorted requirement IDs + name, then `#n` for the n-th scenario
 * (in file order) sharing both.
 */
export function identities(scenarios: ComparableScenario[]): string[] {
  const order = scenarios.map((s, i) => i).sort((a, b) => {
    const x = scenarios[a];
    const y = scenarios[b];
    return x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : x.line - y.line;
  });
  const keys: string[] = new Array(scenarios.length);
  const seen = new Map<string, number>();
  for (const i of order) {
    const s = scenarios[i];
    const base = `${[...s.requirements].sort().join(' ')}|${s.name}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    keys[i] = n === 1 ? base : `${base}#${n}`;
  }
  return keys;
}

export interface BaselineComparison {
  /** Per scenario of this run, in its order. A scenario the baseline lacks counts as new when it fails. */
  changes: Change[];
  /** Per scenario of this run: whether the baseline had it. */
  matched: boolean[];
  /** Baseline scenarios that no scenario of this run matched (removed, renamed, retagged, or not selected). */
  unmatched: { id: string; name: string; requirements: string[] }[];
}

/**
 * Compares this run with the baseline: new-failure = fails now and did not then (or is not in the baseline);
 * fixed = failed then and passes now; everything else (a skip included) unchanged.
 */
export function compareWithBaseline(current: ComparableScenario[], baseline: Baseline): BaselineComparison {
  const before = new Map<string, Baseline['scenarios'][number]>();
  identities(baseline.scenarios).forEach((key, i) => before.set(key, baseline.scenarios[i]));
  const used = new Set<string>();
  const changes: Change[] = [];
  const matched: boolean[] = [];
  identities(current).forEach((key, i) => {
    const then = before.get(key);
    if (then) used.add(key);
    matched.push(then !== undefined);
    const nowFailing = failing(current[i].verdict);
    const thenFailing = then !== undefined && failing(then.verdict);
    // Skipped now is not fixed: the scenario was not judged.
    const nowPassing = current[i].verdict === 'passed' || current[i].verdict === 'warning';
    changes.push(nowFailing && !thenFailing ? 'new-failure' : nowPassing && thenFailing ? 'fixed' : 'unchanged');
  });
  const unmatched = [...before.entries()].filter(([key]) => !used.has(key)).map(([, s]) => ({ id: s.id, name: s.name, requirements: s.requirements }));
  return { changes, matched, unmatched };
}
