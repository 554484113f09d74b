import { runConcurrent } from './run-concurrent.ts';
import type { LifecycleResult, PhaseResult, Progress } from './types.ts';

/** An operation of a lifecycle that failed, named by its phase ("push groups: POST /Groups: HTTP 409 uniqueness"). */
export class OperationFailure extends Error {
  constructor(readonly phase: string, cause: unknown) {
    super(`${phase}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'OperationFailure';
  }
}

/**
 * Runs a lifecycle's phases and keeps the books the CLI prints: each phase's operations and failed operations, and
 * each failure named by its phase, so that the failures listed, the per-phase counts and the progress totals are the
 * same numbers (every operation counted once, when it ends, whether it failed or not).
 */
export class Phases {
  readonly results: PhaseResult[] = [];
  readonly failures: OperationFailure[] = [];

  constructor(private readonly progress: Progress) {}

  /** Runs `fn` over `items`, `concurrency` at a time; a failed item is counted and the others carry on. */
  async each<T>(phase: string, items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
    const result = this.open(phase, items.length);
    let done = 0;
    const failed = await runConcurrent(items, concurrency, fn, () => this.progress(phase, ++done, items.length));
    this.close(result, failed);
  }

  /** One operation (a connection test, a sync run, an import): its value, or undefined when it failed. */
  async one<T>(phase: string, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    const result = this.open(phase, 1);
    try {
      const value = await fn();
      this.progress(phase, 1, 1);
      this.close(result, []);
      return { ok: true, value };
    } catch (err) {
      this.progress(phase, 1, 1);
      this.close(result, [err]);
      return { ok: false };
    }
  }

  /** The lifecycle's result with these books. */
  result(mismatches: string[]): LifecycleResult {
    return { phases: this.results, failures: this.failures, mismatches };
  }

  private open(phase: string, operations: number): PhaseResult {
    const result = { phase, operations, failed: 0 };
    this.results.push(result);
    if (operations) this.progress(phase, 0, operations);
    return result;
  }

  private close(result: PhaseResult, failed: unknown[]): void {
    result.failed += failed.length;
    this.failures.push(...failed.map((err) => new OperationFailure(result.phase, err)));
  }
}
