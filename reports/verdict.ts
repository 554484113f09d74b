/**
 * The one rule that turns a scenario's step results into its verdict. The runner (console, exit code) and the
 * reports (report.json, JUnit, HTML) both call it, so they can never count the same scenario differently.
 * Pure and dependency-free on purpose: the runner imports it statically, and a fault elsewhere in reports/ must
 * cost only the reports.
 */

/**
 * `failed`: the server broke what an assertion checked. `error`: the harness could not judge the scenario (a
 * timeout, a TypeError, an interpolation error, an unreachable setup, an undefined step, a scenario cut off by
 * an interrupt): never the server's failure. `warning`: passed, with a legal-but-weaker behaviour named.
 * `known`: a failure accepted by an unexpired --known-failures entry; never returned by verdictOf, the runner's
 * gate (runner/gate.ts) applies it after the run.
 */
export type Verdict = 'passed' | 'warning' | 'failed' | 'error' | 'skipped' | 'known';

/** One step's (or hook's) result as cucumber reported it. */
export interface StepVerdictInput {
  /** Cucumber's TestStepResultStatus: PASSED, FAILED, SKIPPED, PENDING, UNDEFINED, AMBIGUOUS, UNKNOWN. */
  status: string;
  /** The thrown error's constructor name (cucumber's `exception.type`), when the step threw. */
  exceptionType?: string;
  /** Whether the step attached an assertion record (the World's `fail()` always does before throwing). */
  asserted: boolean;
}

/**
 * Errors that are assertions about the server: the World's AssertionFailure, and node:assert's / chai's
 * AssertionError for hand-written support code. Anything else a step throws is the harness's problem.
 */
export const ASSERTION_ERROR_TYPES: ReadonlySet<string> = new Set(['AssertionFailure', 'AssertionError']);

const BROKEN = new Set(['FAILED', 'UNDEFINED', 'AMBIGUOUS', 'UNKNOWN']);

/** Whether a broken step is the server's failure (an assertion) rather than the harness's error. */
export function isAssertionFailure(step: StepVerdictInput): boolean {
  return step.status === 'FAILED' && (step.asserted || (step.exceptionType !== undefined && ASSERTION_ERROR_TYPES.has(step.exceptionType)));
}

/**
 * The verdict of one attempt. The first broken step decides between `failed` (an assertion) and `error` (anything
 * else); an attempt that never finished (interrupted) is an `error`; otherwise a skipped or pending step skips
 * the scenario, and a warning attachment turns a pass into a `warning`.
 */
export function verdictOf(steps: readonly StepVerdictInput[], warned: boolean, finished = true): Verdict {
  const broken = steps.find((s) => BROKEN.has(s.status));
  if (broken) return isAssertionFailure(broken) ? 'failed' : 'error';
  if (!finished) return 'error';
  if (steps.some((s) => s.status !== 'PASSED')) return 'skipped';
  return warned ? 'warning' : 'passed';
}
