/** How an IdP retries throttled or unavailable answers. */
export interface RetryPolicy {
  /** Total tries including the first; 1 means never retry. */
  maxAttempts: number;
  /** Statuses that are retried (429 and 503 for every IdP we model). */
  retryOn: readonly number[];
  /** Wait before the first retry when the server gives no usable Retry-After. */
  initialDelayMs: number;
  /** Each further retry multiplies the previous default wait by this. */
  factor: number;
  /** Upper bound for any single wait, Retry-After included, so a hostile header cannot stall a run. */
  maxDelayMs: number;
  /** Okta honours only integer seconds; an HTTP-date makes it fall back to its default wait. */
  acceptHttpDate: boolean;
}

/** Bounded exponential back-off honouring Retry-After in seconds or as an HTTP date. */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  retryOn: [429, 503],
  initialDelayMs: 1_000,
  factor: 2,
  maxDelayMs: 60_000,
  acceptHttpDate: true,
};

/**
 * Parses Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds to wait, or
 * undefined when absent or unusable under the policy.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number, acceptHttpDate: boolean): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!acceptHttpDate) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The wait before retry number `retry` (1 = first retry). */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs: number | undefined): number {
  const fallback = policy.initialDelayMs * policy.factor ** (retry - 1);
  return Math.min(policy.maxDelayMs, retryAfterMs ?? fallback);
}
