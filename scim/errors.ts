import { URN } from './urns.ts';

/** The scimType keywords of RFC 7644 §3.12 Table 9, plus `sensitive` (403) and RFC 9865 §2.1 Table 3's cursor errors. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

export interface ScimErrorBody {
  schemas: [typeof URN.Error];
  status: string;
  scimType?: ScimType;
  detail?: string;
}

/** An error that knows its HTTP status and SCIM scimType; everything the server refuses is one of these. */
export class ScimError extends Error {
  readonly status: number;
  readonly scimType?: ScimType;
  /** Extra response headers (WWW-Authenticate, Retry-After...). */
  readonly headers: Record<string, string>;

  constructor(status: number, detail: string, scimType?: ScimType, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
    this.headers = headers;
  }

  toBody(): ScimErrorBody {
    const body: ScimErrorBody = { schemas: [URN.Error], status: String(this.status), detail: this.message };
    if (this.scimType) body.scimType = this.scimType;
    return body;
  }
}

export const badRequest = (scimType: ScimType, detail: string) => new ScimError(400, detail, scimType);
export const invalidFilter = (detail: string) => badRequest('invalidFilter', detail);
export const invalidPath = (detail: string) => badRequest('invalidPath', detail);
export const invalidValue = (detail: string) => badRequest('invalidValue', detail);
export const invalidSyntax = (detail: string) => badRequest('invalidSyntax', detail);
export const noTarget = (detail: string) => badRequest('noTarget', detail);
export const mutability = (detail: string) => badRequest('mutability', detail);
export const notFound = (detail: string) => new ScimError(404, detail);
export const conflict = (detail: string) => new ScimError(409, detail, 'uniqueness');
