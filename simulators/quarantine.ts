/**
 * Entra's quarantine rule (idp-behaviours.md §2.5): the job stops when most calls fail early on, or once at
 * least `minFailures` failures are counted and either more than `failureRate` of events failed or there are
 * more than `maxFailures`; `absoluteCap` stops it regardless. The early "most calls fail" window is not given
 * a number by Microsoft: `earlyWindow` events with more than half failing is our reading.
 */
export interface QuarantineRule {
  earlyWindow: number;
  minFailures: number;
  failureRate: number;
  maxFailures: number;
  absoluteCap: number;
}

export const entraQuarantineRule: QuarantineRule = {
  earlyWindow: 10,
  minFailures: 5_000,
  failureRate: 0.4,
  maxFailures: 40_000,
  absoluteCap: 60_000,
};

export type QuarantineReason = 'EncounteredQuarantineException' | 'EncounteredEscrowProportionThreshold';

/** Counts events and failures and says when the rule trips. */
export class QuarantineTracker {
  private events = 0;
  private failures = 0;
  reason: QuarantineReason | undefined;

  constructor(private readonly rule: QuarantineRule) {}

  record(failed: boolean): void {
    this.events++;
    if (failed) this.failures++;
    if (this.reason) return;
    const { rule } = this;
    if (this.events === rule.earlyWindow && this.failures * 2 > this.events) {
      this.reason = 'EncounteredQuarantineException';
    } else if (this.failures >= rule.absoluteCap) {
      this.reason = 'EncounteredEscrowProportionThreshold';
    } else if (this.failures >= rule.minFailures && (this.failures / this.events > rule.failureRate || this.failures > rule.maxFailures)) {
      this.reason = 'EncounteredEscrowProportionThreshold';
    }
  }
}

export class QuarantinedError extends Error {
  constructor(readonly reason: QuarantineReason) {
    super(`provisioning job is quarantined (${reason}); no further requests are sent`);
    this.name = 'QuarantinedError';
  }
}
