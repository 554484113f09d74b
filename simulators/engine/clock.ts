import { setTimeout as delay } from 'node:timers/promises';

/**
 * Time as the simulators see it. Injected everywhere so tests (and scenarios that fast-forward an IdP's
 * soft-delete period) never really wait.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? delay(ms) : Promise.resolve()),
};

/** A clock that only moves when told to: `sleep` advances it at once and records the wait. */
export class VirtualClock implements Clock {
  private current: number;
  /** Every sleep asked for, in order; tests assert back-off schedules on it. */
  readonly sleeps: number[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.advance(ms);
  }

  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }
}
