import { isDeepStrictEqual } from 'node:util';
import { URN } from '../scim/urns.ts';
import type { Exchange } from './http/exchange.ts';
import { getPath } from './interpolate.ts';
import type { Json, ScimWorld } from './world.ts';

/** Checks shared by several step files, each failing with expected/actual evidence. */

export function expectStatus(world: ScimWorld, res: Exchange, allowed: readonly number[]): void {
  world.check(allowed.includes(res.status), allowed.length === 1 ? allowed[0] : allowed, res.status,
    `expected HTTP ${allowed.join(' or ')}, got ${res.status}`);
}

/**
 * A SCIM Error (RFC 7644 §3.12): the HTTP status, the Error URN, `status` as the same code in a JSON string,
 * and the scimType when one is expected. A 401 may come without a body (RFC 7235 leaves it to the server).
 */
export function expectScimError(world: ScimWorld, res: Exchange, statuses: readonly number[], scimTypes?: readonly string[]): void {
  expectStatus(world, res, statuses);
  const body = res.json as Json | undefined;
  if (res.status === 401 && !res.text.trim() && !scimTypes) return;
  world.check(typeof body === 'object' && body !== null, 'a SCIM Error JSON body', res.text.slice(0, 200), `HTTP ${res.status} has no SCIM Error body`);
  const schemas = getPath(body, 'schemas');
  world.check(Array.isArray(schemas) && schemas.includes(URN.Error), [URN.Error], schemas, 'the error body does not carry the Error schema URN');
  world.check(body!.status === String(res.status), String(res.status), body!.status,
    `the error body's status must be the HTTP code as a JSON string "${res.status}", got ${JSON.stringify(body!.status)}`);
  if (scimTypes) {
    world.check(typeof body!.scimType === 'string' && scimTypes.includes(body!.scimType), scimTypes.length === 1 ? scimTypes[0] : scimTypes, body!.scimType ?? null,
      `expected scimType ${scimTypes.map((t) => `"${t}"`).join(' or ')}, got ${JSON.stringify(body!.scimType ?? null)}`);
  }
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
