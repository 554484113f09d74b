import { AsyncLocalStorage } from 'node:async_hooks';
import { suiteRetryPolicy, worstCaseRequestMs } from '../simulators/engine/retry.ts';
import type { HarnessParameters } from './parameters.ts';

/**
 * How long one step (or hook) may run, derived from the run's settings instead of a fixed hidden default: one
 * request's worst case under --timeout and --retries (every attempt timing out, every Retry-After wait at its
 * cap), once for the step's own work and once more for every request it sends. A step that sends nothing gets
 * one such unit (LDAP, local checks); a step that walks 40 pages gets 41.
 */
export function requestBudgetMs(params: Pick<HarnessParameters, 'timeoutMs' | 'maxRetries'>): number {
  return worstCaseRequestMs(suiteRetryPolicy(params.maxRetries), params.timeoutMs);
}

/** The step ran out of its budget: a harness error (the `error` verdict), never the server's failure. */
export class StepTimeoutError extends Error {
  constructor(
    readonly budgetMs: number,
    readonly requests: number,
  ) {
    super(`the step gave up after ${budgetMs} ms (its budget for ${requests} request(s) under --timeout and --retries); its requests were cancelled`);
    this.name = 'StepTimeoutError';
  }
}

/**
 * One running step: its deadline (extended by each request it sends), and the AbortSignal that cancels its
 * in-flight requests and retry waits when it gives up or ends. Reached through `currentStep()` from anywhere in
 * the step's async call tree (the World's client, the IdP engines), so a late request of a step that gave up can
 * never be sent, reported or attributed to another step or scenario.
 */
export class StepBudget {
  private readonly controller = new AbortController();
  private requests = 0;
  private deadline: number;
  private timer?: NodeJS.Timeout;
  private expire?: (err: StepTimeoutError) => void;

  constructor(
    readonly unitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = now() + unitMs;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the step is over (finished, or gave up): its leftovers must not act any more. */
  get ended(): boolean {
    return this.controller.signal.aborted;
  }

  /** Counts one request (one attempt) and extends the deadline by one unit. */
  noteRequest(): void {
    this.requests += 1;
    this.deadline += this.unitMs;
    this.arm();
  }

  /** Runs the step in this budget's context; rejects with StepTimeoutError when the deadline passes first. */
  async run<T>(fn: () => T | Promise<T>): Promise<T> {
    const expired = new Promise<never>((_, reject) => (this.expire = reject));
    this.arm();
    const work = Promise.resolve().then(() => stepContext.run(this, fn));
    work.catch(() => undefined); // after a timeout, the abandoned work's own rejection is expected
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(this.timer);
      if (!this.controller.signal.aborted) this.controller.abort(new Error('the step is over'));
    }
  }

  private arm(): void {
    if (!this.expire || this.controller.signal.aborted) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const err = new StepTimeoutError(this.unitMs * (this.requests + 1), this.requests);
      this.controller.abort(err);
      this.expire?.(err);
    }, Math.max(0, this.deadline - this.now()));
  }
}

const stepContext = new AsyncLocalStorage<StepBudget>();

/** The budget of the step whose async call tree this runs in, if any. */
export function currentStep(): StepBudget | undefined {
  return stepContext.getStore();
}
