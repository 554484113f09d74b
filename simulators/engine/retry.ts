/**
 * The one retry policy of the project: the suite's steps (steps/http/client.ts) and every simulated IdP
 * (engine.ts) retry 429 and 503 answers with it, honouring Retry-After (RFC 9110 §10.2.3, RFC 6585 §4: a 429 or
 * 503 is legal on any request). An IdP profile only sets its numbers, and whether it retries the request at once
 * or the whole operation in a later provisioning cycle.
 */
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
  /**
   * 'request' (default): the same request is sent again after the wait. 'cycle': the request is not retried; the
   * IdP retries the whole operation in a later provisioning cycle (Entra ID, idp-behaviours.md §2.5), which the
   * simulator does with retryInLaterCycles().
   */
  scope?: 'request' | 'cycle';
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

/** Upper bound of one wait in the suite's steps and in the IdP scenarios, so a run never stalls on one header. */
export const SUITE_MAX_RETRY_WAIT_MS = 10_000;

/**
 * The suite's policy for `--retries N`: N retries of a 429/503, waiting Retry-After (seconds or a date) or else
 * 500 ms doubling, each wait at most SUITE_MAX_RETRY_WAIT_MS.
 */
export function suiteRetryPolicy(maxRetries: number): RetryPolicy {
  return { maxAttempts: maxRetries + 1, retryOn: [429, 503], initialDelayMs: 500, factor: 2, maxDelayMs: SUITE_MAX_RETRY_WAIT_MS, acceptHttpDate: true };
}

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

/**
 * The wait before retry `retry` (1 = first) after an answer with `status` and Retry-After header `retryAfter`,
 * or undefined when the policy does not retry it (not a retried status, or the attempts are used up).
 */
export function nextRetryWait(policy: RetryPolicy, retry: number, status: number, retryAfter: string | undefined, nowMs: number): number | undefined {
  if (!policy.retryOn.includes(status) || retry >= policy.maxAttempts) return undefined;
  return retryDelay(policy, retry, parseRetryAfter(retryAfter, nowMs, policy.acceptHttpDate));
}

/**
 * The target still answered a retried status (429 or 503) when the policy's attempts were used up. Either is legal
 * on any request (RFC 6585 §4, RFC 7231 §6.6.4, RFC 7644 §3.12), so the answer says nothing about the requirement
 * a scenario checks: the suite reports it as its own `error` verdict (the harness could not judge), never as the
 * server's failure. `operation` names the request ("GET /Users") or the IdP operation.
 */
export class ThrottledError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: the target still answered ${status} after ${attempts} attempt(s), so the harness could not judge it `
      + `(a ${status} is legal on any request, RFC 6585 §4 / RFC 7644 §3.12; --retries allows more attempts)`, options);
    this.name = 'ThrottledError';
  }
}

/**
 * The longest one request can take under the policy, in milliseconds: every attempt running into the per-request
 * timeout and every wait at its cap. A step's time budget is a multiple of this (steps/support/step-budget.ts).
 */
export function worstCaseRequestMs(policy: RetryPolicy, timeoutMs: number): number {
  return policy.maxAttempts * timeoutMs + (policy.maxAttempts - 1) * policy.maxDelayMs;
}
