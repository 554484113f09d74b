import { SCIM_TYPES } from '../scim/json-schema/index.ts';
import { URN } from '../scim/urns.ts';
import type { Exchange } from './http/exchange.ts';
import { tolerance } from './tolerances.ts';

/**
 * Judges one SCIM error response (RFC 7644 §3.12) against what a scenario expects, without cucumber, so the
 * rules are unit-testable: which HTTP statuses pass, which Table 9 keywords fit the request that was sent, and
 * what is a failure (a MUST broken or a wrong keyword) versus a warning (an OPTIONAL member left out).
 */

export interface ErrorExpectation {
  /** Statuses that pass, e.g. [400]; the first is the one named in messages. */
  statuses: readonly number[];
  /** Keywords the situation calls for; omitted: any Table 9 keyword or none. */
  scimTypes?: readonly string[];
  /**
   * The clause that itself names the keyword (e.g. "RFC 7644 §3.3 MUST"): then a missing scimType fails.
   * Without it scimType is OPTIONAL (§3.12) and its absence only warns (tolerance error-scimType-optional).
   */
  keywordRequiredBy?: string;
  /**
   * Set where the refusal is not what the scenario asks for but the legal alternative to its result, and the keyword
   * is what makes it legal (e.g. "a Table 9 decline of an unsupported filter" for invalidFilter): then another keyword
   * fails (the server refused for some other reason), while a missing one still only warns (OPTIONAL, §3.12).
   */
  alternativeTo?: string;
}

export interface Finding {
  expected: unknown;
  actual: unknown;
  message: string;
}

export interface ErrorVerdict {
  failures: Finding[];
  warnings: string[];
}

const ERROR_CLAUSE = 'RFC 7644 §3.12 MUST: errors are returned in a JSON body with the Error schema and "status" (REQUIRED)';

/** The filter of a GET URL, or undefined. */
function filterOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('filter') ?? undefined;
  } catch {
    return undefined;
  }
}

/** PATCH operation paths of a request body. */
function patchPaths(body: unknown): string[] {
  const ops = (body as { Operations?: unknown } | undefined)?.Operations;
  return Array.isArray(ops) ? ops.map((op) => (op as { path?: unknown })?.path).filter((p): p is string => typeof p === 'string') : [];
}

/**
 * The keywords that fit: the expected ones widened by the tolerance rows that apply to this request.
 * Throws nothing; an expectation without scimTypes yields every Table 9 keyword.
 */
export function fittingKeywords(expected: readonly string[] | undefined, request: Exchange['request']): string[] {
  if (!expected) return [...SCIM_TYPES];
  const fit = new Set(expected);
  // tolerance error-keyword-body-schema
  if (fit.has('invalidSyntax') || fit.has('invalidValue')) {
    tolerance('error-keyword-body-schema');
    fit.add('invalidSyntax').add('invalidValue');
  }
  // tolerance error-keyword-path-filter
  if (request.method.toUpperCase() === 'PATCH' && patchPaths(request.body).some((p) => p.includes('['))
    && ['invalidPath', 'noTarget', 'invalidValue', 'invalidFilter'].some((k) => fit.has(k))) {
    tolerance('error-keyword-path-filter');
    fit.add('invalidFilter');
  }
  // tolerance error-keyword-sensitive
  if (request.method.toUpperCase() === 'GET' && /password/i.test(filterOf(request.url) ?? '')) {
    tolerance('error-keyword-sensitive');
    fit.add('sensitive');
  }
  return [...fit];
}

/** Statuses that pass: the expected ones, plus 403 where `sensitive` fits (the RFC's own §3.4.3 example). */
function fittingStatuses(statuses: readonly number[], keywords: readonly string[]): number[] {
  return keywords.includes('sensitive') && statuses.includes(400) ? [...statuses, 403] : [...statuses];
}

/**
 * Judges `res` as the SCIM error `exp` describes. Failures: a status outside the fitting ones; a body that is not a
 * SCIM Error (schemas, status as the HTTP code in a JSON string); where `keywordRequiredBy` names the clause that
 * makes the keyword a MUST/SHALL for this case, a scimType that is missing or does not fit. Warnings, where no such
 * clause applies: a missing scimType (OPTIONAL, tolerance error-scimType-optional) and a present one that does not
 * fit (tolerance error-keyword-suggested; the refusal itself is what the status and the scenario's state checks
 * judge), unless `alternativeTo` says the keyword is what makes the refusal a legal alternative (then it fails). A 401 may come without a body (RFC 7235 leaves it to the server).
 */
export function judgeScimError(res: Pick<Exchange, 'status' | 'json' | 'text' | 'request'>, exp: ErrorExpectation): ErrorVerdict {
  const failures: Finding[] = [];
  const warnings: string[] = [];
  // Where the clause itself names the keyword, nothing else fits (e.g. §3.5.2.3: "400 and ... noTarget").
  const keywords = exp.keywordRequiredBy && exp.scimTypes ? [...exp.scimTypes] : fittingKeywords(exp.scimTypes, res.request);
  const statuses = fittingStatuses(exp.statuses, exp.scimTypes ? keywords : []);
  if (!statuses.includes(res.status)) {
    failures.push({ expected: statuses.length === 1 ? statuses[0] : statuses, actual: res.status, message: `expected HTTP ${statuses.join(' or ')}, got ${res.status}${exp.keywordRequiredBy ? ` (${exp.keywordRequiredBy})` : ''}` });
    return { failures, warnings };
  }
  if (res.status === 401 && !res.text.trim() && !exp.scimTypes) return { failures, warnings };
  const body = res.json as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    failures.push({ expected: 'a SCIM Error JSON body', actual: res.text.slice(0, 200), message: `HTTP ${res.status} has no SCIM Error body (${ERROR_CLAUSE})` });
    return { failures, warnings };
  }
  const schemas = body.schemas;
  if (!(Array.isArray(schemas) && schemas.includes(URN.Error))) {
    failures.push({ expected: [URN.Error], actual: schemas ?? null, message: `the error body does not carry the Error schema URN (${ERROR_CLAUSE})` });
  }
  if (body.status !== String(res.status)) {
    failures.push({ expected: String(res.status), actual: body.status ?? null,
      message: `the error body's status must be the HTTP code as a JSON string "${res.status}", got ${JSON.stringify(body.status ?? null)} (${ERROR_CLAUSE})` });
  }
  if (!exp.scimTypes) return { failures, warnings };
  const scimType = body.scimType;
  if (scimType === undefined || scimType === null) {
    if (exp.keywordRequiredBy) {
      failures.push({ expected: exp.scimTypes.length === 1 ? exp.scimTypes[0] : exp.scimTypes, actual: null,
        message: `the error has no scimType; ${exp.keywordRequiredBy} requires scimType ${exp.scimTypes.map((t) => `"${t}"`).join(' or ')}` });
    } else {
      warnings.push(`the error has no scimType (OPTIONAL per ${tolerance('error-scimType-optional').clause}); ${exp.scimTypes.map((t) => `"${t}"`).join(' or ')} would tell the client why`);
    }
  } else if (typeof scimType !== 'string' || !keywords.includes(scimType)) {
    const expected = keywords.map((t) => `"${t}"`).join(' or ');
    if (exp.keywordRequiredBy) {
      failures.push({ expected: keywords.length === 1 ? keywords[0] : keywords, actual: scimType,
        message: `scimType ${JSON.stringify(scimType)} does not fit this error (RFC 7644 §3.12 Table 9; ${exp.keywordRequiredBy}): expected ${expected}` });
    } else if (exp.alternativeTo) {
      failures.push({ expected: keywords.length === 1 ? keywords[0] : keywords, actual: scimType,
        message: `refused with scimType ${JSON.stringify(scimType)}: only ${expected} (${exp.alternativeTo}) may stand in for the expected result, and this refusal gives another reason` });
    } else {
      // tolerance error-keyword-suggested: no MUST/SHALL names the keyword for this case.
      warnings.push(`scimType ${JSON.stringify(scimType)} where ${expected} fits (${tolerance('error-keyword-suggested').clause}); `
        + 'the request was refused, and what it changed is judged by the scenario\'s own checks');
    }
  }
  return { failures, warnings };
}

/**
 * Whether `res` is a refusal of the kind `keywords` name: one of `statuses`, carrying one of those keywords or no
 * scimType at all (OPTIONAL, RFC 7644 §3.12; tolerance error-scimType-optional). Steps that recognise a refusal by
 * its kind (a declined scope filter, a provider rule, a sensitive filter) use this instead of comparing the keyword,
 * so a server that leaves scimType out is read the same way. Throws nothing.
 */
export function isRefusal(res: Pick<Exchange, 'status' | 'json'>, statuses: readonly number[], keywords: readonly string[]): boolean {
  if (!statuses.includes(res.status)) return false;
  const body = res.json;
  const scimType = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).scimType : undefined;
  return scimType === undefined || scimType === null || (typeof scimType === 'string' && keywords.includes(scimType));
}
