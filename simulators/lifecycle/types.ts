/** What a lifecycle reports back to the CLI. */
export interface LifecycleResult {
  /** Requests the IdP would treat as failed, and anything else that stopped an operation. */
  failures: unknown[];
  /** End-state checks that did not hold, in words. */
  mismatches: string[];
}

/** Called as each phase progresses; the CLI draws its progress bar from it. */
export type Progress = (phase: string, done: number, total: number) => void;
