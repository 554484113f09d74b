import { parseRetryAfter, retryDelay, suiteRetryPolicy, SUITE_MAX_RETRY_WAIT_MS } from '../../simulators/engine/retry.ts';

/** Upper bound for one wait, so a server asking for an hour cannot stall the suite. */
export const MAX_RETRY_WAIT_MS = SUITE_MAX_RETRY_WAIT_MS;

/**
 * Milliseconds to wait before retrying a 429/503 (`attempt` 0 = the first retry): the Retry-After header
 * (delta-seconds or an HTTP date, RFC 9110 §10.2.3) when present, else exponential backoff from 500 ms; always
 * capped. The suite's policy (simulators/engine/retry.ts), shared with the simulators.
 */
export function retryDelayMs(retryAfter: string | undefined, attempt: number, now: () => number = Date.now): number {
  const policy = suiteRetryPolicy(attempt + 1);
  return retryDelay(policy, attempt + 1, parseRetryAfter(retryAfter, now(), policy.acceptHttpDate));
}
