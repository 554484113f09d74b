import type { Envelope } from '@cucumber/messages';
import { verdictOf, type StepVerdictInput, type Verdict } from '../reports/verdict.ts';
import { EXIT } from './exit-codes.ts';

export type { Verdict } from '../reports/verdict.ts';
export type Level = 'must' | 'should' | 'may' | 'none';

/** What happened to one scenario (its last attempt), as far as the runner's exit code is concerned. */
export interface ScenarioOutcome {
  pickleId: string;
  name: string;
  uri: string;
  /** Line of the scenario (or of its Examples row) in `uri`. */
  line: number;
  tags: string[];
  /** Requirement IDs among the tags, without `@` (P-FILTER-07, X-ENTRA-03...). */
  requirements: string[];
  level: Level;
  verdict: Verdict;
  /** First broken step's message, for the console. */
  message?: string;
}

const WARNING_MEDIA_TYPE = 'application/vnd.scim-harness.warning+json';
const ASSERTION_MEDIA_TYPE = 'application/vnd.scim-harness.assertion+json';
const BROKEN_STATUSES = new Set(['FAILED', 'UNDEFINED', 'AMBIGUOUS', 'UNKNOWN']);
const REQUIREMENT_TAG = /^@([A-Z]+(?:-[A-Z0-9]+)+)$/;

interface Attempt {
  pickleId: string;
  steps: Map<string, StepVerdictInput>;
  asserted: Set<string>;
  message?: string;
  warned: boolean;
  finished: boolean;
}

/**
 * Reduces cucumber's message stream to one outcome per scenario that started, with the reports' rule
 * (reports/verdict.ts): a step that failed an assertion fails the scenario; any other broken step, or a scenario
 * that never finished, is a harness `error`; otherwise a skipped or pending step skips it; a passing scenario with
 * a warning attachment is a 'warning'.
 */
export function scenarioOutcomes(envelopes: Envelope[]): ScenarioOutcome[] {
  const pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  const pickleOfTestCase = new Map<string, string>();
  const attempts = new Map<string, Attempt>();
  const lastAttemptOfPickle = new Map<string, string>();

  for (const e of envelopes) {
    if (e.pickle) pickles.set(e.pickle.id, e.pickle);
    else if (e.testCase) pickleOfTestCase.set(e.testCase.id, e.testCase.pickleId);
    else if (e.testCaseStarted) {
      const pickleId = pickleOfTestCase.get(e.testCaseStarted.testCaseId) ?? '';
      attempts.set(e.testCaseStarted.id, { pickleId, steps: new Map(), asserted: new Set(), warned: false, finished: false });
      lastAttemptOfPickle.set(pickleId, e.testCaseStarted.id);
    } else if (e.testStepFinished) {
      const attempt = attempts.get(e.testStepFinished.testCaseStartedId);
      const { testStepId, testStepResult: result } = e.testStepFinished;
      if (!attempt) continue;
      attempt.steps.set(testStepId, { status: String(result.status), exceptionType: result.exception?.type, asserted: attempt.asserted.has(testStepId) });
      if (!attempt.message && BROKEN_STATUSES.has(String(result.status))) attempt.message = result.message ?? String(result.status).toLowerCase();
    } else if (e.testCaseFinished) {
      const attempt = attempts.get(e.testCaseFinished.testCaseStartedId);
      if (attempt) attempt.finished = true;
    } else if (e.attachment?.testCaseStartedId) {
      const attempt = attempts.get(e.attachment.testCaseStartedId);
      if (attempt && e.attachment.mediaType === WARNING_MEDIA_TYPE) attempt.warned = true;
      if (attempt && e.attachment.mediaType === ASSERTION_MEDIA_TYPE && e.attachment.testStepId) attempt.asserted.add(e.attachment.testStepId);
    }
  }

  return [...lastAttemptOfPickle.entries()].flatMap(([pickleId, attemptId]) => {
    const pickle = pickles.get(pickleId);
    const attempt = attempts.get(attemptId);
    if (!pickle || !attempt) return [];
    const tags = pickle.tags.map((t) => t.name);
    const verdict = verdictOf([...attempt.steps.values()], attempt.warned, attempt.finished);
    const message = attempt.message ?? (verdict === 'error' ? 'the scenario did not finish (the run was interrupted)' : undefined);
    const requirements = tags.map((t) => REQUIREMENT_TAG.exec(t)?.[1]).filter((id): id is string => id !== undefined);
    return [{ pickleId, name: pickle.name, uri: pickle.uri, line: pickle.location?.line ?? 0, tags, requirements, level: levelOf(tags), verdict, message }];
  });
}

function levelOf(tags: string[]): Level {
  for (const level of ['must', 'should', 'may'] as const) if (tags.includes(`@${level}`)) return level;
  return 'none';
}

/**
 * Disjoint counts: `passed` are plain passes, `warnings` passes with a warning, `errors` harness errors, `known`
 * failures accepted by --known-failures.
 */
export interface RunTally {
  passed: number;
  failed: number;
  skipped: number;
  warnings: number;
  errors: number;
  known: number;
}

export function tally(outcomes: ScenarioOutcome[]): RunTally {
  const count = (v: Verdict) => outcomes.filter((o) => o.verdict === v).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), warnings: count('warning'), errors: count('error'), known: count('known') };
}

/**
 * The console's last line, which scripts may parse: always starts `N passed, N failed, N skipped` (plain passes:
 * passes with a warning are named, not counted as passed), then `, N warnings`, `, N errors` and `, N known`
 * (failures accepted by --known-failures) when there are any.
 * The same counts as report.json's summary.
 */
export const summaryLine = (t: RunTally) =>
  `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped${t.warnings ? `, ${t.warnings} warning${t.warnings === 1 ? '' : 's'}` : ''}${t.errors ? `, ${t.errors} error${t.errors === 1 ? '' : 's'}` : ''}${t.known ? `, ${t.known} known` : ''}`;

/**
 * Whether the run failed: any failed @must scenario, or with `strict` any failed @should one. @may failures are
 * informational. A failing scenario without a level tag (a suite bug: every scenario must carry one) is treated
 * like @must, so that a missing tag cannot hide a failure. Without such a failure, any harness `error` gives
 * EXIT.error: the run could not judge everything, and that must not read as a pass nor as the server's failure.
 */
export function exitCodeFor(outcomes: ScenarioOutcome[], strict: boolean): number {
  const blocking = outcomes.some((o) => o.verdict === 'failed' && (o.level === 'must' || o.level === 'none' || (strict && o.level === 'should')));
  if (blocking) return EXIT.failed;
  return outcomes.some((o) => o.verdict === 'error') ? EXIT.error : EXIT.ok;
}
