/** Assembles the RunReport from a run's messages: scenarios, summary, profile verdicts and requirement coverage. */
import { readFileSync } from 'node:fs';
import type { Envelope } from '@cucumber/messages';
import { profileResults } from './profiles.ts';
import { bundledRequirements, isCoverageRequired } from './requirements.ts';
import { scenarioResults } from './scenarios.ts';
import type { CoverageEntry, GateNotes, RunGate, RunMeta, RunReport, RunSummary, ScenarioResult } from './types.ts';

/** The envelopes of a messages.ndjson file written by cucumber's `message` formatter. */
export function readEnvelopes(ndjsonPath: string): Envelope[] {
  return readFileSync(ndjsonPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Envelope);
}

function summarise(scenarios: ScenarioResult[]): RunSummary {
  const failedAt = (level: string) => scenarios.filter((s) => s.verdict === 'failed' && s.level === level).length;
  const count = (verdict: string) => scenarios.filter((s) => s.verdict === verdict).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    warnings: count('warning'),
    errors: count('error'),
    known: count('known'),
    mustFailed: failedAt('must'),
    shouldFailed: failedAt('should'),
    mayFailed: failedAt('may'),
    total: scenarios.length,
  };
}

/** Catalogue IDs in catalogue order, then IDs tagged in scenarios but unknown to the catalogue (level 'unknown'). */
function coverageOf(scenarios: ScenarioResult[], catalogue: { id: string; level: string }[]): CoverageEntry[] {
  const ids = [...catalogue.map((r) => r.id), ...new Set(scenarios.flatMap((s) => s.requirements))];
  const levels = new Map(catalogue.map((r) => [r.id, r.level]));
  return [...new Set(ids)].map((id) => {
    const tagged = scenarios.filter((s) => s.requirements.includes(id));
    const n = (...verdicts: string[]) => tagged.filter((s) => verdicts.includes(s.verdict)).length;
    // A known failure is the server failing the requirement, accepted by the vendor: neither met nor a new failure,
    // so it has its own column, as it has its own verdict everywhere else.
    const [passed, failed, known, skipped, errors] = [n('passed', 'warning'), n('failed'), n('known'), n('skipped'), n('error')];
    return { requirementId: id, level: levels.get(id) ?? 'unknown', scenarios: tagged.length, passed, failed, known, skipped, errors, exercised: passed + failed + known > 0 };
  });
}

/**
 * Builds the report. `requirementIds` defaults to the committed catalogue (reports/requirements.json);
 * `uncovered` lists its MUST/MUST†/SHOULD IDs that no scenario of this run carried.
 */
export function buildReport(envelopes: Envelope[], meta: RunMeta, requirementIds?: { id: string; level: string }[], gate?: { report: RunGate; notes: GateNotes }): RunReport {
  const scenarios = scenarioResults(envelopes);
  if (gate) applyGateNotes(scenarios, gate.notes);
  const catalogue = requirementIds ?? bundledRequirements();
  const coverage = coverageOf(scenarios, catalogue);
  const covered = new Set(coverage.filter((c) => c.scenarios > 0).map((c) => c.requirementId));
  return {
    reportVersion: '1.0',
    meta,
    summary: summarise(scenarios),
    profiles: profileResults(scenarios, { complete: !meta.tags && !meta.interrupted, runProfile: meta.profile }),
    coverage,
    uncovered: catalogue.filter((r) => isCoverageRequired(r.level) && !covered.has(r.id)).map((r) => r.id),
    scenarios,
    ...(gate ? { gate: gate.report } : {}),
  };
}

/**
 * Marks the scenarios the runner's gate annotated (by `uri:line`): an unexpired known-failure match turns a
 * failure into `known`, keeping its failure details; baseline changes are copied as they are.
 */
function applyGateNotes(scenarios: ScenarioResult[], notes: GateNotes): void {
  for (const s of scenarios) {
    const n = notes[`${s.uri}:${s.line}`];
    if (!n) continue;
    if (n.known && s.verdict === 'failed') {
      s.known = n.known;
      if (!n.known.expired) s.verdict = 'known';
    }
    if (n.change) s.change = n.change;
    if (n.inBaseline !== undefined) s.inBaseline = n.inBaseline;
  }
}
