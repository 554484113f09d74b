import { HarRecorder, type Exchange as EngineExchange } from '../../simulators/engine/har.ts';
import { defaultRetryPolicy } from '../../simulators/engine/retry.ts';
import { MAX_RECORDED_BODY } from '../http/client.ts';
import { MEDIA, type ExchangeRecord } from '../http/exchange.ts';
import { ledgerEffect, recordCreated, recordDeleted, type LedgerEntry } from '../ledger.ts';
import { redactBody, redactHeaders, redactText, secretsOf } from '../redact.ts';
import { currentStep } from '../step-budget.ts';
import { WORKER, type ScimWorld } from '../world.ts';

/** What the scenario's Then steps need to know about one request a simulator sent. */
export interface SentRequest {
  method: string;
  /** Path relative to the target ("/Users/42"), without the query. */
  path: string;
  /** The query parameters as sent. */
  query: URLSearchParams;
  status: number;
  /** The request body, parsed when JSON (redacted). */
  body?: unknown;
}

/**
 * Plugged into a simulator's ScimEngine in place of its HAR recorder (the engine's one hook that sees every
 * exchange), so that the IdP's own traffic becomes part of the scenario: each exchange is attached as evidence
 * in the suite's exchange format, secrets redacted, and whatever the IdP creates or deletes goes into the run
 * ledger exactly as the World does for its own requests, so cleanup (and `scim-harness cleanup` after a crash)
 * finds it.
 */
export class ScenarioRecorder extends HarRecorder {
  /** Every request the simulators of this scenario sent, in order, with the answer that counted (throttled attempts left out). */
  readonly sent: SentRequest[] = [];
  private readonly secrets: string[];

  constructor(private readonly world: ScimWorld) {
    super();
    this.secrets = secretsOf(world.params);
  }

  override record(x: EngineExchange): void {
    const url = new URL(x.url);
    const path = url.pathname.slice(new URL(this.world.params.target).pathname.length) || '/';
    // What the target created goes into the ledger even when the step that asked has given up (a late 201).
    this.track(x.method, url.pathname, x.status, x.responseBody);
    // A step that gave up or ended: its late exchanges belong to no step, and never to the next one.
    if (currentStep()?.ended) return;
    void this.world.attach(JSON.stringify(this.toRecord(x)), MEDIA.exchange);
    // A throttled answer (tolerance "throttled") is not the target's answer to the IdP's operation: the IdP
    // retries it, or gives up with a ThrottledError (a harness error). The Then steps judge the answers that count.
    if (defaultRetryPolicy.retryOn.includes(x.status)) return;
    this.sent.push({ method: x.method, path, query: url.searchParams, status: x.status, ...(x.requestBody !== undefined ? { body: this.body(x.requestBody) } : {}) });
  }

  private toRecord(x: EngineExchange): ExchangeRecord {
    const request = {
      method: x.method,
      url: redactText(x.url, this.secrets),
      headers: redactHeaders(x.requestHeaders, this.secrets),
      ...(x.requestBody !== undefined ? { body: this.body(x.requestBody) } : {}),
    };
    const durationMs = Math.round(x.waitMs + x.receiveMs);
    // The engine reports status 0 when no answer came (refused, reset, timeout).
    if (x.status === 0) return { request, error: 'no response from the target', durationMs };
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(x.responseHeaders)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    return {
      request,
      response: { status: x.status, headers: redactHeaders(headers, this.secrets), ...(x.responseBody ? { body: this.body(x.responseBody) } : {}) },
      durationMs,
    };
  }

  /** Parsed and redacted when JSON, else redacted text; cut beyond the suite's 64 KiB. */
  private body(text: string): unknown {
    if (text.length > MAX_RECORDED_BODY) {
      return `${redactText(text.slice(0, MAX_RECORDED_BODY), this.secrets)}… [truncated ${text.length - MAX_RECORDED_BODY} characters]`;
    }
    try {
      return redactBody(JSON.parse(text), this.secrets);
    } catch {
      return redactText(text, this.secrets);
    }
  }

  private track(method: string, pathname: string, status: number, responseText: string): void {
    const effect = ledgerEffect(method, pathname, status, responseText);
    if (effect && 'created' in effect) {
      const entry: LedgerEntry = { ...effect.created, runId: this.world.params.runId, createdAt: new Date().toISOString(), worker: WORKER };
      recordCreated(this.world.params.ledgerPath, entry);
      this.world.created.push(entry);
    } else if (effect) {
      const i = this.world.created.findIndex((e) => e.id === effect.deleted);
      if (i < 0) return;
      this.world.created.splice(i, 1);
      recordDeleted(this.world.params.ledgerPath, effect.deleted);
    }
  }
}
