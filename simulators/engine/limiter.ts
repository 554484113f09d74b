import type { Clock } from './clock.ts';

/**
 * A concurrency cap plus a requests-per-second cap for one IdP. Written here rather than taken from
 * p-limit/bottleneck because the rate cap must run on the injected Clock (bottleneck uses real timers).
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private nextSlotAt = 0;

  constructor(
    private readonly concurrency: number,
    private readonly ratePerSecond: number,
    private readonly clock: Clock,
  ) {
    if (concurrency < 1) throw new RangeError('concurrency must be at least 1');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      await this.pace();
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    // The slot is handed over directly by release(), so `active` stays counted.
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  /** Spaces request starts 1/rate seconds apart; Infinity or 0 means no rate cap. */
  private async pace(): Promise<void> {
    if (!(this.ratePerSecond > 0) || !Number.isFinite(this.ratePerSecond)) return;
    const interval = 1000 / this.ratePerSecond;
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + interval;
    if (slot > now) await this.clock.sleep(slot - now);
  }
}
