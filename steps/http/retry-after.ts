/** Upper bound for one wait, so a server asking for an hour cannot stall the suite. */
export const MAX_RETRY_WAIT_MS = 10_000;

/**
 * Milliseconds to wait before retrying a 429/503: the Retry-After header (delta-seconds or an HTTP date,
 * RFC 9110 §10.2.3) when present, else exponential backoff from 500 ms; always capped.
 */
export function retryDelayMs(retryAfter: string | undefined, attempt: number, now: () => number = Date.now): number {
  const fallback = 500 * 2 ** attempt;
  let ms = fallback;
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const v = retryAfter.trim();
    if (/^\d+$/.test(v)) ms = Number(v) * 1000;
    else {
      const date = Date.parse(v);
      if (!Number.isNaN(date)) ms = Math.max(0, date - now());
    }
  }
  return Math.min(ms, MAX_RETRY_WAIT_MS);
}
