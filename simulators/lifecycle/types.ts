/** One phase of a lifecycle as the summary counts it. */
export interface PhaseResult {
  phase: string;
  /** Operations the phase ran (an assigned user, a pushed group, one sync run), each counted once. */
  operations: number;
  /** Of those, how many failed; the failures list holds one entry per failed operation. */
  failed: number;
}

/** What a lifecycle reports back to the CLI. */
export interface LifecycleResult {
  /** The phases run, in order; their `failed` counts add up to `failures.length`. */
  phases: PhaseResult[];
  /** One per failed operation: requests the IdP would treat as failed, and anything else that stopped an operation. */
  failures: unknown[];
  /** End-state checks that did not hold, in words. */
  mismatches: string[];
}

/**
 * Called as each phase progresses, the CLI draws its progress bar from it: `done` of `total` operations of the
 * phase have ended (0 when the phase starts). The totals are the phase's operation counts in the result.
 */
export type Progress = (phase: string, done: number, total: number) => void;
