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
 * The run was interrupted (Ctrl-C, SIGTERM) while the step ran: its requests were cancelled and the scenario is cut
 * short. A harness `error`, never the server's failure.
 */
export class InterruptedError extends Error {
  constructor() {
    super('the run was interrupted while this step ran; its requests were cancelled and the scenario was cut short');
    this.name = 'InterruptedError';
  }
}

/**
 * Interrupted runs and the steps running now, per process. Kept on globalThis because the runner that interrupts
 * may be a bundled copy of this module (dist/) while cucumber loads the steps' own copy.
 */
interface Interrupts {
  runs: Set<string>;
  running: Map<StepBudget, string>;
}
const interrupts: Interrupts = ((globalThis as Record<symbol, unknown>)[Symbol.for('scim-harness.interrupts')] ??= { runs: new Set(), running: new Map() }) as Interrupts;

/**
 * Stops the run `runId` in this process: each of its running steps gives up at once with InterruptedError (its
 * requests and retry waits cancelled), and any step or hook of that run that starts later fails the same way before
 * it runs, so nothing of the run is sent any more while the runner cleans up.
 */
export function interruptRunningSteps(runId: string): void {
  interrupts.runs.add(runId);
  for (const [budget, id] of interrupts.running) if (id === runId) budget.interrupt();
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
  private expire?: (err: StepTimeoutError | InterruptedError) => void;

  /** `runId`: the run the step belongs to, so that interruptRunningSteps() reaches it. */
  constructor(
    readonly unitMs: number,
    private readonly now: () => number = Date.now,
    private readonly runId?: string,
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
    if (this.runId !== undefined && interrupts.runs.has(this.runId)) throw new InterruptedError();
    const expired = new Promise<never>((_, reject) => (this.expire = reject));
    if (this.runId !== undefined) interrupts.running.set(this, this.runId);
    this.arm();
    const work = Promise.resolve().then(() => stepContext.run(this, fn));
    work.catch(() => undefined); // after a timeout, the abandoned work's own rejection is expected
    try {
      return await Promise.race([work, expired]);
    } finally {
      interrupts.running.delete(this);
      clearTimeout(this.timer);
      if (!this.controller.signal.aborted) this.controller.abort(new Error('the step is over'));
    }
  }

  /** Gives up on the step now with InterruptedError, cancelling its requests (see interruptRunningSteps). */
  interrupt(): void {
    if (this.controller.signal.aborted) return;
    const err = new InterruptedError();
    clearTimeout(this.timer);
    this.controller.abort(err);
    this.expire?.(err);
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
