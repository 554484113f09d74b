import type { HarnessParameters } from './parameters.ts';

/** What every recorded exchange, report and log line shows instead of a secret. */
export const REDACTED = '***';

const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key)$|token|secret|password/i;
const SECRET_FIELD = /password|secret|token/i;

/** The secret strings of a run: the token, the basic password and its encoded credentials, secret-looking extra headers. */
export function secretsOf(params: Pick<HarnessParameters, 'auth' | 'headers'>): string[] {
  const secrets: string[] = [];
  if (params.auth.kind === 'bearer') secrets.push(params.auth.token);
  if (params.auth.kind === 'basic') {
    secrets.push(params.auth.pass, Buffer.from(`${params.auth.user}:${params.auth.pass}`).toString('base64'));
  }
  for (const [name, value] of Object.entries(params.headers)) if (SECRET_HEADER.test(name)) secrets.push(value);
  // Very short strings would blank out unrelated text; a real credential is never that short.
  return secrets.filter((s) => s.length >= 4);
}

/** Replaces every occurrence of each secret in a string. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(REDACTED);
  return out;
}

export function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADER.test(name) ? REDACTED : redactText(value, secrets);
  }
  return out;
}

/** Deep copy of a JSON value with password-like fields masked and secrets removed from every string. */
export function redactBody(body: unknown, secrets: readonly string[]): unknown {
  if (typeof body === 'string') return redactText(body, secrets);
  if (Array.isArray(body)) return body.map((v) => redactBody(v, secrets));
  if (typeof body === 'object' && body !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) {
      out[k] = SECRET_FIELD.test(k) && v !== null && typeof v !== 'object' ? REDACTED : redactBody(v, secrets);
    }
    return out;
  }
  return body;
}
