import type { Store } from '../store/types.ts';

const JOBS = 'jobs';

/** Timed work waiting in the store, so that a restart neither loses nor repeats it. */
export interface Job {
  /** Unique within the tenant and stable, e.g. "deactivate:<userId>": scheduling it again replaces it. */
  key: string;
  tenant: string;
  kind: string;
  /** ISO time at or after which it runs. */
  dueAt: string;
  payload: Record<string, unknown>;
}

export type JobHandler = (job: Job) => void | Promise<void>;

/** Longest setTimeout node accepts; later jobs re-arm when it fires. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Runs stored jobs when they fall due. The clock is injected: tests move it and call runDue(), and never sleep.
 * While started, a single unref'd timer waits for the next due job, so a running server does the work on its
 * own and an idle process can still exit.
 */
export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private started = false;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly onError: (err: unknown, job: Job) => void = (err, job) => console.error(`scim-harness: job ${job.kind} failed:`, err),
  ) {}

  handle(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  schedule(job: Job): void {
    this.store.putDoc(JOBS, `${job.tenant}/${job.key}`, job);
    this.arm();
  }

  cancel(tenant: string, key: string): boolean {
    return this.store.deleteDoc(JOBS, `${tenant}/${key}`);
  }

  pending(tenant?: string): Job[] {
    return this.store
      .listDocs<Job>(JOBS, tenant === undefined ? '' : `${tenant}/`)
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  /**
   * Runs every job due at `asOf` (default: now), oldest first, optionally for one tenant; returns how many
   * ran. A job is removed before its handler runs, so a handler may schedule its successor under the same key
   * (periodic work). Calls never overlap: a second caller waits for the first and then looks again.
   */
  async runDue(asOf: Date = this.now(), tenant?: string): Promise<number> {
    while (this.running) await this.running;
    this.running = this.drain(asOf.toISOString(), tenant);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      this.arm();
    }
  }

  /** Catches up on work that fell due while the server was down, then keeps a timer for the next job. */
  async start(): Promise<void> {
    this.started = true;
    await this.runDue();
  }

  stop(): void {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async drain(asOf: string, tenant: string | undefined): Promise<number> {
    let ran = 0;
    for (const job of this.pending(tenant)) {
      if (job.dueAt > asOf) break;
      // Another run may have cancelled or replaced it meanwhile.
      const current = this.store.getDoc<Job>(JOBS, `${job.tenant}/${job.key}`);
      if (!current || current.dueAt !== job.dueAt) continue;
      this.store.deleteDoc(JOBS, `${job.tenant}/${job.key}`);
      const handler = this.handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
        await handler(job);
      } catch (err) {
        this.onError(err, job);
      }
      ran++;
    }
    return ran;
  }

  private arm(): void {
    if (!this.started || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.pending()[0];
    if (!next) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(next.dueAt) - this.now().getTime()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runDue();
    }, wait);
    this.timer.unref();
  }
}
