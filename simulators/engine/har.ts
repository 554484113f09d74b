import { writeFile } from 'node:fs/promises';

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): the subset browsers' HAR viewers read. */
export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    queryString: HarHeader[];
    postData?: { mimeType: string; text: string };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: '';
    headersSize: -1;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  /** Custom field (HAR allows `_`-prefixed ones): which try of a retried request this was. */
  _attempt: number;
}

export interface HarLog {
  log: { version: '1.2'; creator: { name: string; version: string }; entries: HarEntry[] };
}

/** What the engine knows about one exchange; the recorder turns it into a HAR entry. */
export interface Exchange {
  startedAt: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  responseHeaders: Record<string, string | string[] | undefined>;
  responseBody: string;
  /** Milliseconds until the response headers arrived, and until the body was read. */
  waitMs: number;
  receiveMs: number;
  attempt: number;
}

const REDACTED = 'REDACTED';

/** Collects every exchange an engine makes; secrets in Authorization and in JSON bodies never reach the file. */
export class HarRecorder {
  readonly entries: HarEntry[] = [];

  record(x: Exchange): void {
    const url = new URL(x.url);
    const requestMime = x.requestHeaders['content-type'] ?? '';
    const responseMime = headerValue(x.responseHeaders['content-type']) ?? '';
    this.entries.push({
      startedDateTime: new Date(x.startedAt).toISOString(),
      time: x.waitMs + x.receiveMs,
      request: {
        method: x.method,
        url: x.url,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: Object.entries(x.requestHeaders).map(([name, value]) => ({
          name,
          value: name.toLowerCase() === 'authorization' ? redactAuthorization(value) : value,
        })),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        ...(x.requestBody !== undefined ? { postData: { mimeType: requestMime, text: redactBodyText(x.requestBody) } } : {}),
        headersSize: -1,
        bodySize: x.requestBody === undefined ? 0 : Buffer.byteLength(x.requestBody),
      },
      response: {
        status: x.status,
        statusText: '',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: Object.entries(x.responseHeaders).flatMap(([name, value]) =>
          value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })),
        ),
        content: { size: Buffer.byteLength(x.responseBody), mimeType: responseMime, text: redactBodyText(x.responseBody) },
        redirectURL: '',
        headersSize: -1,
        bodySize: Buffer.byteLength(x.responseBody),
      },
      cache: {},
      timings: { send: 0, wait: x.waitMs, receive: x.receiveMs },
      _attempt: x.attempt,
    });
  }

  toJSON(): HarLog {
    return { log: { version: '1.2', creator: { name: 'scim-harness', version: '0.1.0' }, entries: this.entries } };
  }

  async write(path: string): Promise<void> {
    await writeFile(path, JSON.stringify(this.toJSON(), null, 2));
  }
}

const SECRET_FIELD = /password|secret|token/i;

/**
 * A JSON body with the values of secret-looking members (`password`, `client_secret`, ...) and of PATCH operations
 * whose path names one replaced by REDACTED, as headers are; the layout of the body is kept. Text that is not JSON
 * is returned as it is.
 */
export function redactBodyText(text: string): string {
  if (!/password|secret|token/i.test(text)) return text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(redactValue(body));
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const secretPath = typeof object.path === 'string' && SECRET_FIELD.test(object.path);
  return Object.fromEntries(
    Object.entries(object).map(([key, member]) => {
      if ((SECRET_FIELD.test(key) || (secretPath && key.toLowerCase() === 'value')) && (typeof member === 'string' || secretPath)) return [key, REDACTED];
      return [key, redactValue(member)];
    }),
  );
}

/** Keeps the scheme (Bearer/Basic) so a reader still sees which auth the IdP used. */
function redactAuthorization(value: string): string {
  const scheme = value.split(' ')[0];
  return scheme && scheme !== value ? `${scheme} ${REDACTED}` : REDACTED;
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
