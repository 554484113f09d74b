/**
 * The CI gate: turns the scenario outcomes, the known-failures list and the baseline comparison into the run's
 * verdict. Kept pure (the date is passed in) so that every rule is pinned by a unit test.
 */
import { compareWithBaseline, type Baseline, type Change } from './baseline.ts';
import { EXIT } from './exit-codes.ts';
import { entryMatches, isExpired, type KnownFailure, type KnownFailureList } from './known-failures.ts';
import type { ScenarioOutcome } from './outcomes.ts';

export type FailOn = 'any' | 'new';
export const FAIL_ON: readonly FailOn[] = ['any', 'new'];

/** What the gate says about one scenario, keyed by `uri:line` in GateResult.notes. */
export interface GateNote {
  /** The known-failures entry that matched this failed scenario; `expired` when its `until` is over. */
  known?: { id: string; reason: string; until?: string; expired: boolean };
  /** Only with a baseline. */
  change?: Change;
  /** Only with a baseline: whether the baseline had this scenario. */
  inBaseline?: boolean;
}

/**
 * Where each known-failures entry stands after the run: `known` (a matched scenario failed and was accepted),
 * `expired` (a matched scenario failed after `until`), `now-passing` (every matched scenario that ran passed: remove
 * the entry), `not-run` (no matched scenario was judged in this run).
 */
export interface KnownEntryStatus extends KnownFailure {
  status: 'known' | 'expired' | 'now-passing' | 'not-run';
}

export interface BaselineSummary {
  path: string;
  toolVersion?: string;
  newFailures: number;
  fixed: number;
  unchanged: number;
  /** Baseline scenarios this run did not match, as "REQ-IDS | name". */
  unmatched: string[];
  /** Scenarios of this run that the baseline does not have, as `uri:line`. */
  notInBaseline: string[];
}

export interface GateResult {
  /** The outcomes with accepted failures turned into `known`. */
  outcomes: ScenarioOutcome[];
  notes: Map<string, GateNote>;
  knownFailures?: { path: string; entries: KnownEntryStatus[] };
  baseline?: BaselineSummary;
  failOn: FailOn;
  /** One line per reason the run fails (empty: it passes). */
  reasons: string[];
  exitCode: number;
}

export interface GateInput {
  outcomes: ScenarioOutcome[];
  strict: boolean;
  failOn: FailOn;
  known?: KnownFailureList;
  baseline?: Baseline;
  /** Today as YYYY-MM-DD (UTC); known failures whose `until` is earlier have expired. */
  today: string;
}

export const locationOf = (o: { uri: string; line: number }) => `${o.uri}:${o.line}`;

/**
 * Whether a failure of this level fails the run: @must always, @should under --strict, @may never. A failing
 * scenario without a level tag (a suite bug) counts as @must, so a missing tag cannot hide a failure.
 */
export const isBlockingLevel = (o: ScenarioOutcome, strict: boolean) => o.level === 'must' || o.level === 'none' || (strict && o.level === 'should');

/**
 * Applies the gate. With --fail-on any (the default) every blocking failure fails the run, as without a gate;
 * with --fail-on new only those the baseline did not have. Either way, a known failure past its `until` is a
 * failure again, and an entry whose scenarios all pass now fails the run until it is removed (the list shrinks).
 * Without such a reason, a harness `error` gives EXIT.error, as exitCodeFor does.
 */
export function applyGate(input: GateInput): GateResult {
  const notes = new Map<string, GateNote>();
  const note = (o: ScenarioOutcome) => {
    const key = locationOf(o);
    if (!notes.has(key)) notes.set(key, {});
    return notes.get(key)!;
  };
  const reasons: string[] = [];

  let outcomes = input.outcomes;
  let knownFailures: GateResult['knownFailures'];
  if (input.known) {
    outcomes = outcomes.map((o) => {
      if (o.verdict !== 'failed') return o;
      const matching = input.known!.entries.filter((e) => entryMatches(e, o));
      if (!matching.length) return o;
      const active = matching.find((e) => !isExpired(e, input.today));
      const entry = active ?? matching[0];
      note(o).known = { id: entry.id, reason: entry.reason, ...(entry.until ? { until: entry.until } : {}), expired: !active };
      return active ? { ...o, verdict: 'known' as const } : o;
    });
    const entries = input.known.entries.map((entry): KnownEntryStatus => {
      const judged = outcomes.filter((o) => entryMatches(entry, o) && o.verdict !== 'skipped');
      const failedHere = judged.filter((o) => o.verdict === 'failed' || o.verdict === 'known');
      const status = judged.length === 0 ? 'not-run' : failedHere.length === 0 ? 'now-passing' : isExpired(entry, input.today) ? 'expired' : 'known';
      return { ...entry, status };
    });
    for (const e of entries) {
      if (e.status === 'now-passing') reasons.push(`known failure "${e.id}" passes now: remove it from ${input.known.path}`);
      if (e.status === 'expired') reasons.push(`known failure "${e.id}" expired on ${e.until}: ${e.reason}`);
    }
    knownFailures = { path: input.known.path, entries };
  }

  let baseline: BaselineSummary | undefined;
  if (input.baseline) {
    const comparison = compareWithBaseline(outcomes, input.baseline);
    outcomes.forEach((o, i) => Object.assign(note(o), { change: comparison.changes[i], inBaseline: comparison.matched[i] }));
    const count = (c: Change) => comparison.changes.filter((x) => x === c).length;
    baseline = {
      path: input.baseline.path,
      ...(input.baseline.toolVersion ? { toolVersion: input.baseline.toolVersion } : {}),
      newFailures: count('new-failure'),
      fixed: count('fixed'),
      unchanged: count('unchanged'),
      unmatched: comparison.unmatched.map((s) => `${s.requirements.join(' ') || '(no requirement)'} | ${s.name}`),
      notInBaseline: outcomes.filter((_, i) => !comparison.matched[i]).map(locationOf),
    };
  }

  const blocking = outcomes.filter((o) => o.verdict === 'failed' && isBlockingLevel(o, input.strict));
  const counted = input.failOn === 'new' ? blocking.filter((o) => notes.get(locationOf(o))?.change === 'new-failure') : blocking;
  if (counted.length) reasons.unshift(`${counted.length} ${input.failOn === 'new' ? 'new ' : ''}failure(s) fail the run`);
  // As without a gate: a harness error (the server not fully judged) is exit 5 unless a failure decided the run.
  const exitCode = reasons.length ? EXIT.failed : outcomes.some((o) => o.verdict === 'error') ? EXIT.error : EXIT.ok;
  return { outcomes, notes, ...(knownFailures ? { knownFailures } : {}), ...(baseline ? { baseline } : {}), failOn: input.failOn, reasons, exitCode };
}

/** The blocking failures that decided the run (under --fail-on new, only the new ones), for the console. */
export function decidingFailures(result: GateResult, strict: boolean): ScenarioOutcome[] {
  return result.outcomes.filter(
    (o) => o.verdict === 'failed' && isBlockingLevel(o, strict) && (result.failOn === 'any' || result.notes.get(locationOf(o))?.change === 'new-failure'),
  );
}
