import type { Envelope } from '@cucumber/messages';
import { EXIT } from './exit-codes.ts';

export type Verdict = 'passed' | 'warning' | 'failed' | 'skipped';
export type Level = 'must' | 'should' | 'may' | 'none';

/** What happened to one scenario (its last attempt), as far as the runner's exit code is concerned. */
export interface ScenarioOutcome {
  pickleId: string;
  name: string;
  uri: string;
  tags: string[];
  level: Level;
  verdict: Verdict;
  /** First failing step's message, for the console. */
  message?: string;
}

const WARNING_MEDIA_TYPE = 'application/vnd.scim-harness.warning+json';
const FAILING_STATUSES = new Set(['FAILED', 'UNDEFINED', 'AMBIGUOUS']);

/**
 * Reduces cucumber's message stream to one outcome per scenario that started. The rules match the reports'
 * verdicts: a failed, undefined or ambiguous step fails the scenario; otherwise a skipped or pending step skips
 * it; a passing scenario with a warning attachment is a 'warning' (counted as passed).
 */
export function scenarioOutcomes(envelopes: Envelope[]): ScenarioOutcome[] {
  const pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  const pickleOfTestCase = new Map<string, string>();
  const attempts = new Map<string, { pickleId: string; statuses: string[]; message?: string; warned: boolean }>();
  const lastAttemptOfPickle = new Map<string, string>();

  for (const e of envelopes) {
    if (e.pickle) pickles.set(e.pickle.id, e.pickle);
    else if (e.testCase) pickleOfTestCase.set(e.testCase.id, e.testCase.pickleId);
    else if (e.testCaseStarted) {
      const pickleId = pickleOfTestCase.get(e.testCaseStarted.testCaseId) ?? '';
      attempts.set(e.testCaseStarted.id, { pickleId, statuses: [], warned: false });
      lastAttemptOfPickle.set(pickleId, e.testCaseStarted.id);
    } else if (e.testStepFinished) {
      const attempt = attempts.get(e.testStepFinished.testCaseStartedId);
      const result = e.testStepFinished.testStepResult;
      attempt?.statuses.push(result.status);
      if (attempt && !attempt.message && FAILING_STATUSES.has(result.status)) attempt.message = result.message ?? result.status.toLowerCase();
    } else if (e.attachment?.mediaType === WARNING_MEDIA_TYPE && e.attachment.testCaseStartedId) {
      const attempt = attempts.get(e.attachment.testCaseStartedId);
      if (attempt) attempt.warned = true;
    }
  }

  return [...lastAttemptOfPickle.entries()].flatMap(([pickleId, attemptId]) => {
    const pickle = pickles.get(pickleId);
    const attempt = attempts.get(attemptId);
    if (!pickle || !attempt) return [];
    const tags = pickle.tags.map((t) => t.name);
    return [{ pickleId, name: pickle.name, uri: pickle.uri, tags, level: levelOf(tags), verdict: verdictOf(attempt.statuses, attempt.warned), message: attempt.message }];
  });
}

function verdictOf(statuses: string[], warned: boolean): Verdict {
  if (statuses.some((s) => FAILING_STATUSES.has(s))) return 'failed';
  if (statuses.some((s) => s !== 'PASSED')) return 'skipped';
  return warned ? 'warning' : 'passed';
}

function levelOf(tags: string[]): Level {
  for (const level of ['must', 'should', 'may'] as const) if (tags.includes(`@${level}`)) return level;
  return 'none';
}

export interface RunTally {
  passed: number;
  failed: number;
  skipped: number;
  warnings: number;
}

export function tally(outcomes: ScenarioOutcome[]): RunTally {
  const count = (v: Verdict) => outcomes.filter((o) => o.verdict === v).length;
  return { passed: count('passed') + count('warning'), failed: count('failed'), skipped: count('skipped'), warnings: count('warning') };
}

/** The console's last line, which scripts may parse. */
export const summaryLine = (t: RunTally) => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;

/**
 * Whether the run failed: any failed @must scenario, or with `strict` any failed @should one. @may failures are
 * informational. A failing scenario without a level tag (a suite bug: every scenario must carry one) is treated
 * like @must, so that a missing tag cannot hide a failure.
 */
export function exitCodeFor(outcomes: ScenarioOutcome[], strict: boolean): number {
  const blocking = outcomes.some((o) => o.verdict === 'failed' && (o.level === 'must' || o.level === 'none' || (strict && o.level === 'should')));
  return blocking ? EXIT.failed : EXIT.ok;
}
