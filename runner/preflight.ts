import { request } from 'undici';
import { USER_AGENT } from '../steps/http/user-agent.ts';
import { unreachableError } from './exit-codes.ts';
import type { TargetAuth } from './options.ts';

/** The Authorization header for the configured credentials (none for `kind: 'none'`). */
export function authorizationHeader(auth: TargetAuth): Record<string, string> {
  if (auth.kind === 'bearer') return { authorization: `Bearer ${auth.token}` };
  if (auth.kind === 'basic') return { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}` };
  return {};
}

/** What one pre-flight request found: the status, the media type and the start of the body. */
interface Probe {
  path: string;
  status: number;
  contentType: string;
  text: string;
}

/**
 * Checks, before any scenario runs, that the target can be judged at all, so that a wrong URL or token is one
 * clear line (exit 3) instead of hundreds of identical failures:
 * - the target answers (else "cannot reach");
 * - authenticated requests are accepted: GET /ServiceProviderConfig and, since RFC 7644 §4 lets a server serve its
 *   configuration without authentication, GET /Users?count=1 too; 401 or 403 on either is "credentials refused";
 * - it looks like a SCIM service root: not 404 on both /ServiceProviderConfig and /Users, and not an HTML page or
 *   other non-JSON body where /ServiceProviderConfig should be.
 * Any other answer (a 500, a 400 on /Users, a 404 on one of the two) counts as judgeable: that is the scenarios' job.
 * Throws a RunnerError with EXIT.unreachable; the message never contains the credentials.
 */
export async function preflight(target: string, auth: TargetAuth, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  const config = await probe(target, '/ServiceProviderConfig', auth, headers, timeoutMs);
  refuseCredentials(target, config);
  const users = await probe(target, '/Users?count=1', auth, headers, timeoutMs);
  refuseCredentials(target, users);
  if (config.status === 404 && users.status === 404) {
    throw unreachableError(`${target} is not a SCIM service root: GET /ServiceProviderConfig and GET /Users both answered 404`);
  }
  if (config.status < 300 && !looksLikeJson(config)) {
    throw unreachableError(`${target} is not a SCIM service root: GET /ServiceProviderConfig answered ${config.status} with ${describeBody(config)}, not SCIM JSON`);
  }
}

function refuseCredentials(target: string, found: Probe): void {
  if (found.status === 401 || found.status === 403) {
    throw unreachableError(`credentials refused by ${target} (GET ${found.path} answered ${found.status})`);
  }
}

async function probe(target: string, path: string, auth: TargetAuth, headers: Record<string, string>, timeoutMs: number): Promise<Probe> {
  try {
    const response = await request(`${target}${path}`, {
      method: 'GET',
      headers: { accept: 'application/scim+json', 'user-agent': USER_AGENT, ...headers, ...authorizationHeader(auth) },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = (await response.body.text()).slice(0, 2000);
    const type = response.headers['content-type'];
    return { path, status: response.statusCode, contentType: String(Array.isArray(type) ? type[0] : (type ?? '')), text };
  } catch (err) {
    throw unreachableError(`cannot reach ${target}: ${describeNetworkError(err, timeoutMs)}`);
  }
}

/** A JSON media type (application/scim+json, application/json) or, whatever the header says, a body that parses as a JSON object. */
function looksLikeJson(found: Probe): boolean {
  if (/json/i.test(found.contentType) && !/^\s*</.test(found.text)) return true;
  try {
    const parsed: unknown = JSON.parse(found.text);
    return typeof parsed === 'object' && parsed !== null;
  } catch {
    return false;
  }
}

function describeBody(found: Probe): string {
  const type = found.contentType.split(';')[0].trim() || 'no Content-Type';
  if (/html/i.test(type) || /^\s*<(!doctype html|html)/i.test(found.text)) return `an HTML page (${type})`;
  return found.text.trim() === '' ? `an empty body (${type})` : `a ${type} body`;
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
