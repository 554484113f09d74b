import { isDeepStrictEqual } from 'node:util';
import { URN } from '../scim/urns.ts';
import { judgeScimError } from './error-verdict.ts';
import type { Exchange } from './http/exchange.ts';
import type { Json, ScimWorld } from './world.ts';

/** Checks shared by several step files, each failing with expected/actual evidence. */

export function expectStatus(world: ScimWorld, res: Exchange, allowed: readonly number[]): void {
  world.check(allowed.includes(res.status), allowed.length === 1 ? allowed[0] : allowed, res.status,
    `expected HTTP ${allowed.join(' or ')}, got ${res.status}`);
}

/**
 * A SCIM Error (RFC 7644 §3.12), judged by steps/error-verdict.ts: the HTTP status, the Error URN, `status` as the
 * same code in a JSON string, and a scimType that fits the request when `scimTypes` are given. A missing scimType
 * warns (OPTIONAL) unless `keywordRequiredBy` names the clause that requires it; a wrong one fails.
 */
export function expectScimError(world: ScimWorld, res: Exchange, statuses: readonly number[], scimTypes?: readonly string[], keywordRequiredBy?: string): void {
  const verdict = judgeScimError(res, { statuses, scimTypes, keywordRequiredBy });
  const first = verdict.failures[0];
  if (first) world.fail(first.expected, first.actual, verdict.failures.map((f) => f.message).join('; '));
  for (const warning of verdict.warnings) world.warn(warning);
}

/**
 * A refusal that stands in for the result a scenario expects only as the kind of refusal `scimTypes` name (RFC 7644
 * Table 9), e.g. a filter declined as unsupported with invalidFilter: judged like expectScimError, but a present
 * other keyword fails (the server refused for another reason); a missing one warns (OPTIONAL, §3.12).
 * `alternativeTo` says, for the message, what the keyword stands for.
 */
export function expectDeclinedAs(world: ScimWorld, res: Exchange, statuses: readonly number[], scimTypes: readonly string[], alternativeTo: string): void {
  const verdict = judgeScimError(res, { statuses, scimTypes, alternativeTo });
  const first = verdict.failures[0];
  if (first) world.fail(first.expected, first.actual, verdict.failures.map((f) => f.message).join('; '));
  for (const warning of verdict.warnings) world.warn(warning);
}

export function bodyOf(world: ScimWorld, res: Exchange = world.response): Json {
  const body = res.json;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    world.fail('a JSON object body', res.text.slice(0, 200), `HTTP ${res.status}: the body is not a JSON object`);
  }
  return body as Json;
}

/** Resources of a ListResponse; absent `Resources` is legal when totalResults is 0 (RFC 7644 §3.4.2, A14). */
export function listOf(world: ScimWorld, res: Exchange = world.response): Json[] {
  const body = bodyOf(world, res);
  const schemas = body.schemas;
  world.check(Array.isArray(schemas) && schemas.includes(URN.ListResponse), [URN.ListResponse], schemas, 'not a ListResponse');
  world.check(Number.isInteger(body.totalResults), 'an integer totalResults', body.totalResults ?? null, 'the ListResponse has no integer totalResults');
  if (body.Resources === undefined) {
    world.check(body.totalResults === 0, 'Resources when totalResults > 0', body, `totalResults is ${body.totalResults} but Resources is missing`);
    return [];
  }
  world.check(Array.isArray(body.Resources), 'Resources as an array', body.Resources, 'Resources is not an array');
  return body.Resources as Json[];
}

export function expectEqual(world: ScimWorld, actual: unknown, expected: unknown, message: string): void {
  world.check(isDeepStrictEqual(actual, expected), expected, actual ?? null, message);
}

/** xsd:dateTime with date and time (RFC 7643 §2.3.5). */
export const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
