import { setTimeout as delay } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import type { HarnessAuth, HarnessParameters } from '../parameters.ts';
import { redactBody, redactHeaders, redactText, secretsOf } from '../redact.ts';
import type { Exchange, ExchangeRecord, RecordedRequest } from './exchange.ts';
import { nextRetryWait, suiteRetryPolicy, ThrottledError } from '../../simulators/engine/retry.ts';
import { USER_AGENT } from './user-agent.ts';

export const SCIM_JSON = 'application/scim+json';
/** Bodies beyond this are cut in recorded exchanges (not in what steps see). */
export const MAX_RECORDED_BODY = 64 * 1024;

export interface SendOptions {
  /** Serialised as JSON. */
  body?: unknown;
  /** Sent as is (malformed-JSON tests). */
  rawBody?: string;
  /** Per-request headers; `null` removes a default header (e.g. no Accept at all). */
  headers?: Record<string, string | null>;
  query?: Record<string, string | number | boolean>;
  /** 'default' = the run's credentials; 'none' = no Authorization; or other credentials (bad-token tests). */
  auth?: 'default' | 'none' | HarnessAuth;
  /** false: do not report this exchange (cleanup traffic). */
  record?: boolean;
  /**
   * Cancels the request and any retry wait (the step that sent it gave up): the send then rejects with a
   * TransportError, and nothing is sent after the abort.
   */
  signal?: AbortSignal;
  /** Receives this send's exchanges instead of the client's `onExchange` (so they land in the right scenario). */
  onExchange?: (record: ExchangeRecord) => void;
  /** Called before every attempt, retries included (the step budget counts requests). */
  onAttempt?: () => void;
}

export interface ClientOptions {
  params: Pick<HarnessParameters, 'target' | 'auth' | 'headers' | 'timeoutMs' | 'maxRetries'>;
  /** Receives every exchange, already redacted. */
  onExchange?: (record: ExchangeRecord) => void;
  dispatcher?: Dispatcher;
  /** Injected so tests do not wait for real Retry-After delays; must reject when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The request never got a response (refused, DNS, TLS, timeout). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

const realSleep = (ms: number, signal?: AbortSignal) => delay(ms, undefined, signal ? { signal } : undefined);

function authHeader(auth: HarnessAuth): string | undefined {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}`;
  return undefined;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function parseJson(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (!looksJson) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A SCIM target client: default SCIM headers, User-Agent (overridable per run or request) and credentials, timeout, bounded 429/503 retries, recording. */
export class ScimClient {
  private readonly params: ClientOptions['params'];
  private readonly secrets: string[];
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onExchange?: (record: ExchangeRecord) => void;

  constructor(options: ClientOptions) {
    this.params = options.params;
    this.secrets = secretsOf(options.params);
    this.ownsDispatcher = !options.dispatcher;
    this.dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000 });
    this.sleep = options.sleep ?? realSleep;
    this.onExchange = options.onExchange;
  }

  /** Absolute URL for a path relative to the target (or an absolute URL, used as is). */
  url(path: string, query?: SendOptions['query']): string {
    const url = new URL(/^https?:\/\//i.test(path) ? path : this.params.target + (path.startsWith('/') ? path : `/${path}`));
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.append(k, String(v));
    return url.toString();
  }

  /**
   * Sends one request under the run's policy: the timeout per attempt, 429/503 retried honouring Retry-After
   * (simulators/engine/retry.ts). Rejects with TransportError when no answer came or `signal` cancelled it, and
   * with ThrottledError when the target still throttles after the last retry (a harness error, not a verdict);
   * every other status is returned.
   */
  async send(method: string, path: string, options: SendOptions = {}): Promise<Exchange> {
    const url = this.url(path, options.query);
    const hasBody = options.body !== undefined || options.rawBody !== undefined;
    const headers: Record<string, string> = { accept: SCIM_JSON, 'user-agent': USER_AGENT };
    if (hasBody) headers['content-type'] = SCIM_JSON;
    const auth = options.auth === undefined || options.auth === 'default' ? this.params.auth : options.auth === 'none' ? { kind: 'none' as const } : options.auth;
    const authorization = authHeader(auth);
    if (authorization) headers.authorization = authorization;
    for (const [k, v] of Object.entries(this.params.headers)) headers[k.toLowerCase()] = v;
    for (const [k, v] of Object.entries(options.headers ?? {})) {
      if (v === null) delete headers[k.toLowerCase()];
      else headers[k.toLowerCase()] = v;
    }
    const body = options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
    const recorded: RecordedRequest = {
      method,
      url: redactText(url, this.secrets),
      headers: redactHeaders(headers, this.secrets),
      ...(body !== undefined ? { body: this.recordBody(body, headers['content-type']) } : {}),
    };

    const report = options.record === false ? undefined : options.onExchange ?? this.onExchange;
    const policy = suiteRetryPolicy(this.params.maxRetries);
    const cancelled = () => new TransportError(`${method} ${recorded.url}: cancelled (${describeAbort(options.signal)})`, recorded.url);
    for (let attempt = 1; ; attempt++) {
      if (options.signal?.aborted) throw cancelled();
      options.onAttempt?.();
      const started = performance.now();
      let exchange: Exchange;
      const timeout = AbortSignal.timeout(this.params.timeoutMs);
      try {
        const res = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers,
          body,
          dispatcher: this.dispatcher,
          signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout,
        });
        const text = await res.body.text();
        const resHeaders = flattenHeaders(res.headers);
        exchange = {
          status: res.statusCode,
          headers: resHeaders,
          text,
          json: parseJson(text, resHeaders['content-type']),
          durationMs: Math.round(performance.now() - started),
          request: recorded,
        };
      } catch (err) {
        // Cancelled by the step: the scenario is over for this request, so nothing is reported into it.
        if (options.signal?.aborted) throw cancelled();
        const durationMs = Math.round(performance.now() - started);
        const message = describeTransportError(err, this.params.timeoutMs);
        report?.({ request: recorded, error: message, durationMs });
        throw new TransportError(`${method} ${recorded.url}: ${message}`, recorded.url);
      }
      if (options.signal?.aborted) throw cancelled();
      report?.(this.record(exchange));
      const wait = nextRetryWait(policy, attempt, exchange.status, exchange.headers['retry-after'], Date.now());
      if (wait === undefined) {
        // Throttled to the end of the retries (tolerance "throttled"): no step, setup or check may judge the server by it.
        if (policy.retryOn.includes(exchange.status)) throw new ThrottledError(`${method} ${recorded.url}`, exchange.status, attempt);
        return exchange;
      }
      try {
        await this.sleep(wait, options.signal);
      } catch {
        throw cancelled();
      }
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private recordBody(text: string, contentType: string | undefined): unknown {
    if (text.length > MAX_RECORDED_BODY) {
      return `${redactText(text.slice(0, MAX_RECORDED_BODY), this.secrets)}… [truncated ${text.length - MAX_RECORDED_BODY} characters]`;
    }
    const json = parseJson(text, contentType);
    return json === undefined ? redactText(text, this.secrets) : redactBody(json, this.secrets);
  }

  private record(exchange: Exchange): ExchangeRecord {
    const response: ExchangeRecord['response'] = {
      status: exchange.status,
      headers: redactHeaders(exchange.headers, this.secrets),
    };
    if (exchange.text) response.body = this.recordBody(exchange.text, exchange.headers['content-type']);
    return { request: exchange.request, response, durationMs: exchange.durationMs };
  }
}

function describeAbort(signal: AbortSignal | undefined): string {
  const reason = signal?.reason as { message?: string } | undefined;
  return reason?.message ?? 'the step gave up';
}

function describeTransportError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no response within ${timeoutMs} ms`;
  const code = e?.code ?? e?.cause?.code;
  const message = e?.cause?.message ?? e?.message ?? String(err);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}
