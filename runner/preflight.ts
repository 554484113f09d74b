import { request } from 'undici';
import { unreachableError } from './exit-codes.ts';
import type { TargetAuth } from './options.ts';

/** The Authorization header for the configured credentials (none for `kind: 'none'`). */
export function authorizationHeader(auth: TargetAuth): Record<string, string> {
  if (auth.kind === 'bearer') return { authorization: `Bearer ${auth.token}` };
  if (auth.kind === 'basic') return { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}` };
  return {};
}

/**
 * Checks, before any scenario runs, that the target answers GET /ServiceProviderConfig with these credentials,
 * so that an unreachable server or a wrong token is one clear error instead of hundreds of failed scenarios.
 * Any other HTTP answer (even 404 or 500) counts as reachable: judging it is the scenarios' job.
 */
export async function preflight(target: string, auth: TargetAuth, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  const url = `${target}/ServiceProviderConfig`;
  let status: number;
  try {
    const response = await request(url, {
      method: 'GET',
      headers: { accept: 'application/scim+json', ...headers, ...authorizationHeader(auth) },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.statusCode;
    await response.body.dump();
  } catch (err) {
    throw unreachableError(`cannot reach ${target}: ${describeNetworkError(err, timeoutMs)}`);
  }
  if (status === 401) throw unreachableError(`credentials refused by ${target} (GET /ServiceProviderConfig answered 401)`);
}

/** The most telling part of a network error: the system error code (ECONNREFUSED, ENOTFOUND, a TLS code) or a timeout. */
function describeNetworkError(err: unknown, timeoutMs: number): string {
  const seen = new Set<unknown>();
  for (let e = err as { code?: string; name?: string; message?: string; cause?: unknown } | undefined; e && !seen.has(e); e = e.cause as typeof e) {
    seen.add(e);
    if (e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT') return `no answer within ${timeoutMs} ms`;
    if (e.code && !e.code.startsWith('UND_ERR')) return e.code;
  }
  return (err as Error)?.message ?? String(err);
}
