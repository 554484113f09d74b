import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { authorizationHeader, type Auth } from './auth.ts';
import { systemClock, type Clock } from './clock.ts';
import { TransportError } from './errors.ts';
import { headerValue, type HarRecorder } from './har.ts';
import { Limiter } from './limiter.ts';
import { nextRetryWait, type RetryPolicy } from './retry.ts';
import { requestKind, type RequestStats } from './stats.ts';

/** Everything that makes one IdP's traffic look like that IdP's, apart from the requests themselves. */
export interface IdpProfile {
  name: string;
  userAgent: string;
  /** Sent on every request (Accept, Accept-Charset, ...). */
  headers: Record<string, string>;
  /** Content-Type of request bodies. */
  contentType: string;
  retry: RetryPolicy;
  concurrency: number;
  /** Requests started per second; Infinity for no cap. */
  ratePerSecond: number;
  timeoutMs: number;
}

export interface EngineOptions {
  /** The SCIM base URL, e.g. http://127.0.0.1:8080/scim/v2. */
  baseUrl: string;
  auth: Auth;
  profile: IdpProfile;
  clock?: Clock;
  har?: HarRecorder;
  stats?: RequestStats;
  /** Called before every attempt, retries included (a scenario's step budget counts requests). */
  onAttempt?: () => void;
}

export interface ScimRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the base URL: "/Users", "/Groups/abc". */
  path: string;
  /** Kept in order and percent-encoded with encodeURIComponent (spaces as %20, as Okta sends them). */
  query?: [string, string][];
  body?: unknown;
  /** Overrides the profile's Content-Type (Okta's SPEC test POSTs application/json). */
  contentType?: string;
}

export interface ScimResponse<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: T | undefined;
  text: string;
  attempts: number;
}

/**
 * The HTTP engine every simulator shares: one undici Agent per target, the IdP's headers and auth, its
 * concurrency and rate caps, retries on 429/503 with Retry-After, a per-request timeout, HAR recording and
 * request statistics. It knows nothing about any IdP's request sequences.
 */
export class ScimEngine {
  readonly profile: IdpProfile;
  readonly clock: Clock;
  private readonly base: URL;
  private readonly agent: Agent;
  private readonly limiter: Limiter;
  private readonly authorization: string | undefined;

  constructor(private readonly options: EngineOptions) {
    this.profile = options.profile;
    this.clock = options.clock ?? systemClock;
    this.base = new URL(options.baseUrl.replace(/\/+$/, ''));
    this.agent = new Agent({ connections: options.profile.concurrency, keepAliveTimeout: 10_000 });
    this.limiter = new Limiter(options.profile.concurrency, options.profile.ratePerSecond, this.clock);
    this.authorization = authorizationHeader(options.auth);
  }

  get auth(): Auth {
    return this.options.auth;
  }

  /**
   * Sends one request, retrying a 429/503 as the profile's policy says (not at all when the IdP retries in a later
   * cycle instead); HTTP error statuses are returned, not thrown. `signal` cancels the request and any retry
   * wait: the send then rejects with a TransportError and sends nothing more.
   */
  async send<T = unknown>(req: ScimRequest, signal?: AbortSignal): Promise<ScimResponse<T>> {
    const { retry } = this.profile;
    const maxAttempts = retry.scope === 'cycle' ? 1 : retry.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new TransportError(`${req.method} ${req.path}`, signal.reason);
      const res = await this.limiter.run(() => this.once<T>(req, attempt, signal));
      const wait = nextRetryWait({ ...retry, maxAttempts }, attempt, res.status, headerValue(res.headers['retry-after']), this.clock.now());
      if (wait === undefined) return res;
      // Sleep outside the limiter so a throttled request does not hold a concurrency slot.
      await this.sleep(wait, signal);
    }
  }

  /** The engine clock's sleep, cut short (rejecting) when `signal` aborts. */
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (!signal) return this.clock.sleep(ms);
    signal.throwIfAborted();
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new TransportError('retry wait', signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.clock.sleep(ms), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  url(req: Pick<ScimRequest, 'path' | 'query'>): string {
    const query = (req.query ?? []).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    return `${this.base.origin}${this.base.pathname}${req.path}${query ? `?${query}` : ''}`;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async once<T>(req: ScimRequest, attempt: number, signal?: AbortSignal): Promise<ScimResponse<T>> {
    this.options.onAttempt?.();
    const url = this.url(req);
    const headers: Record<string, string> = { 'user-agent': this.profile.userAgent, ...lowerKeys(this.profile.headers) };
    if (this.authorization) headers.authorization = this.authorization;
    const bodyText = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (bodyText !== undefined) headers['content-type'] = req.contentType ?? this.profile.contentType;

    const startedAt = this.clock.now();
    const t0 = performance.now();
    let status = 0;
    let responseHeaders: ScimResponse['headers'] = {};
    let text = '';
    let waitMs = 0;
    try {
      const res = await request(url, {
        method: req.method,
        headers,
        body: bodyText,
        dispatcher: this.agent,
        signal: signal ? AbortSignal.any([AbortSignal.timeout(this.profile.timeoutMs), signal]) : AbortSignal.timeout(this.profile.timeoutMs),
      });
      waitMs = performance.now() - t0;
      status = res.statusCode;
      responseHeaders = res.headers;
      text = await res.body.text();
    } catch (err) {
      throw new TransportError(`${req.method} ${req.path}`, err);
    } finally {
      const durationMs = performance.now() - t0;
      const body = parseJson(text) as { scimType?: string } | undefined;
      this.options.stats?.add({ method: req.method, kind: requestKind(req.method, req.path), status, scimType: body?.scimType, durationMs });
      this.options.har?.record({
        startedAt, method: req.method, url, requestHeaders: headers, requestBody: bodyText,
        status, responseHeaders, responseBody: text, waitMs, receiveMs: durationMs - waitMs, attempt,
      });
    }
    return { status, headers: responseHeaders, body: parseJson(text) as T | undefined, text, attempts: attempt };
  }
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
