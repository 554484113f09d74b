import type { ScimResponse } from './engine.ts';

/** The target answered with a status the IdP treats as a failure of this operation. */
export class ScimRequestError extends Error {
  readonly status: number;
  readonly scimType?: string;
  readonly detail?: string;

  constructor(readonly operation: string, readonly response: ScimResponse) {
    const body = response.body as { scimType?: string; detail?: string } | undefined;
    super(`${operation}: HTTP ${response.status}${body?.scimType ? ` ${body.scimType}` : ''}${body?.detail ? `: ${body.detail}` : ''}`);
    this.name = 'ScimRequestError';
    this.status = response.status;
    this.scimType = body?.scimType;
    this.detail = body?.detail;
  }
}

/** No HTTP answer at all: connection refused, reset, or the per-request timeout. */
export class TransportError extends Error {
  constructor(readonly operation: string, cause: unknown) {
    super(`${operation}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'TransportError';
  }
}

/** Throws unless the response status is one of `ok`. */
export function expectStatus(operation: string, res: ScimResponse, ...ok: number[]): ScimResponse {
  if (!ok.includes(res.status)) throw new ScimRequestError(operation, res);
  return res;
}
