import type { IncomingMessage, ServerResponse } from 'node:http';
import { ScimError, invalidSyntax, invalidValue, notFound } from '../../scim/errors.ts';
import { parseAttributeList, type ProjectionOptions } from '../../scim/projection.ts';
import type { ResourceTypeDef } from '../../scim/schema/types.ts';
import { URN } from '../../scim/urns.ts';
import { processBulk } from '../resources/bulk.ts';
import type { RequestContext } from '../resources/context.ts';
import {
  BULK_MAX_OPERATIONS,
  BULK_MAX_PAYLOAD,
  allResourceTypes,
  allSchemas,
  resourceTypeDocument,
  schemaDocument,
  serviceProviderConfig,
} from '../resources/discovery.ts';
import { prehashPasswords } from '../resources/passwords.ts';
import { opaque, type ListQuery, type ResourceService } from '../resources/service.ts';
import type { Authenticator } from './auth.ts';
import { parseJsonBody, readBody } from './body.ts';
import { sendEmpty, sendError, sendJson } from './respond.ts';

export const BASE_PATH = '/scim/v2';
const MAX_BODY = 1_048_576;

export interface AppDeps {
  service: ResourceService;
  auth: Authenticator;
  onError?: (err: unknown) => void;
  /** The admin API, served under /admin/v1 when present. */
  admin?: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;
  /** The provider a tenant connection serves, for the sync log. */
  providerOf?: (connection: string) => string | undefined;
  /** Whether a tenant path names an existing tenant (unauthenticated discovery must not invent one). */
  tenantExists?: (tenant: string) => boolean;
}

export const ADMIN_PREFIX = '/admin/v1';
const TENANT_PATH = /^\/tenants\/([^/]+)(\/scim(?:\/.*)?)$/;

/** Which tenant a path addresses and its SCIM part: /scim/... is the default tenant, /tenants/{slug}/scim/... another. */
function scimTarget(path: string): { tenant: string; base: string; scimPath: string } | undefined {
  if (path === '/scim' || path.startsWith('/scim/')) return { tenant: 'default', base: '', scimPath: path };
  const m = TENANT_PATH.exec(path);
  if (!m) return undefined;
  return { tenant: decodeSegment(m[1]), base: `/tenants/${m[1]}`, scimPath: m[2] };
}

interface Route {
  method: string;
  ctx: RequestContext;
  /** Path segments after the base path and the optional version segment. */
  segments: string[];
  query: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
}

const DISCOVERY = new Set(['serviceproviderconfig', 'resourcetypes', 'schemas']);

/** The node:http request handler: routing, content negotiation, auth and error mapping. No business rules. */
export function createApp(deps: AppDeps) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await dispatch(deps, req, res);
    } catch (err) {
      if (err instanceof ScimError) return sendError(res, err);
      deps.onError?.(err);
      sendError(res, new ScimError(500, 'The server failed to process the request; nothing was changed.'));
    }
  };
}

async function dispatch(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestTarget(req.url ?? '/');
  const path = url.pathname.replace(/\/+$/, '');
  if (deps.admin && (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`))) return deps.admin(req, res, path);
  const target = scimTarget(path);
  if (!target || (target.base && deps.tenantExists && !deps.tenantExists(target.tenant))) {
    throw notFound(`Nothing is served at "${url.pathname}"; the SCIM base is ${BASE_PATH}.`);
  }
  let segments = target.scimPath.slice('/scim'.length).split('/').filter(Boolean).map(decodeSegment);
  if (segments[0] && /^v\d+$/i.test(segments[0])) {
    if (segments[0].toLowerCase() !== 'v2') {
      throw new ScimError(400, `Protocol version "${segments[0]}" is not supported; this server speaks SCIM 2.0 (v2).`, 'invalidVers');
    }
    segments = segments.slice(1);
  }
  assertAcceptable(req);
  const host = req.headers.host ?? 'localhost';
  const ctxBase = `http://${host}${target.base}${BASE_PATH}`;
  const method = (req.method ?? 'GET').toUpperCase();
  const first = (segments[0] ?? '').toLowerCase();

  if (DISCOVERY.has(first)) return discovery(deps, method, segments, url.searchParams, ctxBase, res);

  const who = deps.auth.identifyFor(req.headers.authorization, target.tenant);
  const ctx: RequestContext = { tenant: who.tenant, baseUrl: ctxBase };
  if (who.connection) {
    ctx.connection = who.connection;
    ctx.idp = deps.providerOf?.(who.connection);
  }
  const route: Route = { method, ctx, segments, query: url.searchParams, req, res };
  if (first === 'me') {
    throw new ScimError(501, '/Me is not supported: credentials here belong to a provisioning client, not to a User resource.');
  }
  if (first === 'bulk' && segments.length === 1) return bulk(deps, route);
  if (first === '.search' && segments.length === 1) return search(deps, route, deps.service.registry.resourceTypes);
  if (segments.length === 0) {
    if (method === 'GET' && route.query.has('filter')) return list(deps, route, deps.service.registry.resourceTypes);
    throw notFound('The service root answers only queries (GET with a filter, or POST /.search).');
  }
  const rt = deps.service.registry.resourceTypeByEndpoint(`/${segments[0]}`);
  if (!rt) throw notFound(`There is no "/${segments[0]}" endpoint; see ${BASE_PATH}/ResourceTypes.`);
  return resource(deps, route, rt);
}

async function resource(deps: AppDeps, route: Route, rt: ResourceTypeDef): Promise<void> {
  const { method, segments, ctx, req, res } = route;
  const { service } = deps;
  const projection = projectionOf(route.query);
  if (segments.length === 1) {
    if (method === 'GET') return list(deps, route, [rt]);
    if (method === 'POST') {
      const body = await writeBody(deps, route, MAX_BODY);
      const r = service.create(ctx, rt, body, projection);
      return sendJson(res, 201, r.body, { Location: r.location, ETag: r.etag });
    }
    throw notAllowed(method, 'GET, POST');
  }
  if (segments.length === 2 && segments[1] === '.search') {
    if (method !== 'POST') throw notAllowed(method, 'POST');
    return search(deps, route, [rt]);
  }
  if (segments.length !== 2) throw notFound(`Nothing is served at "${req.url}".`);
  const id = segments[1];
  const ifMatch = header(req, 'if-match');
  switch (method) {
    case 'GET': {
      const ifNoneMatch = header(req, 'if-none-match');
      if (ifNoneMatch !== undefined) {
        const etag = service.etag(ctx, rt, id);
        if (ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t.trim()) === opaque(etag))) {
          return sendEmpty(res, 304, { ETag: etag });
        }
      }
      const r = service.get(ctx, rt, id, projection);
      return sendJson(res, 200, r.body, { ETag: r.etag, Location: r.location });
    }
    case 'PUT': {
      const body = await writeBody(deps, route, MAX_BODY);
      const r = service.replace(ctx, rt, id, body, ifMatch, projection);
      return sendJson(res, 200, r.body, { ETag: r.etag, Location: r.location });
    }
    case 'PATCH': {
      const body = await writeBody(deps, route, MAX_BODY);
      const wantBody = rt.name !== 'Group' || projection.attributes !== undefined || projection.excludedAttributes !== undefined;
      const r = service.patch(ctx, rt, id, body, ifMatch, projection, wantBody);
      if ('body' in r) return sendJson(res, 200, r.body, { ETag: r.etag, Location: r.location });
      return sendEmpty(res, 204, { ETag: r.etag });
    }
    case 'DELETE':
      service.delete(ctx, rt, id, ifMatch);
      return sendEmpty(res, 204);
    default:
      throw notAllowed(method, 'GET, PUT, PATCH, DELETE');
  }
}

function list(deps: AppDeps, route: Route, rts: ResourceTypeDef[]): void {
  const q = route.query;
  const query: ListQuery = {
    ...projectionOf(q),
    filter: q.get('filter') ?? undefined,
    sortBy: q.get('sortBy') ?? undefined,
    sortOrder: q.get('sortOrder') ?? undefined,
    startIndex: integerParam(q, 'startIndex'),
    count: integerParam(q, 'count'),
    // `?cursor` and `?cursor=` both ask for the first cursor page (RFC 9865 §2 Table 1).
    cursor: q.get('cursor') ?? undefined,
  };
  sendJson(route.res, 200, deps.service.list(route.ctx, rts, query));
}

async function search(deps: AppDeps, route: Route, rts: ResourceTypeDef[]): Promise<void> {
  const body = await jsonBody(route.req, MAX_BODY);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidSyntax('A SearchRequest must be a JSON object.');
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(URN.SearchRequest)) {
    throw invalidSyntax(`A SearchRequest must list "${URN.SearchRequest}" in schemas.`);
  }
  const query: ListQuery = {
    attributes: stringList(b, 'attributes'),
    excludedAttributes: stringList(b, 'excludedAttributes'),
    filter: optionalString(b, 'filter'),
    sortBy: optionalString(b, 'sortBy'),
    sortOrder: optionalString(b, 'sortOrder'),
    startIndex: optionalInteger(b, 'startIndex'),
    count: optionalInteger(b, 'count'),
    cursor: optionalString(b, 'cursor'),
  };
  sendJson(route.res, 200, deps.service.list(route.ctx, rts, query));
}

async function bulk(deps: AppDeps, route: Route): Promise<void> {
  if (route.method !== 'POST') throw notAllowed(route.method, 'POST');
  const body = await writeBody(deps, route, BULK_MAX_PAYLOAD);
  sendJson(route.res, 200, processBulk(deps.service, route.ctx, body, { maxOperations: BULK_MAX_OPERATIONS }));
}

function discovery(deps: AppDeps, method: string, segments: string[], query: URLSearchParams, baseUrl: string, res: ServerResponse): void {
  if (method !== 'GET') throw notAllowed(method, 'GET');
  // RFC 7644 §4: discovery endpoints do not filter; a filter SHOULD be refused with 403.
  if (query.has('filter')) throw new ScimError(403, 'Filtering is not supported on discovery endpoints.');
  const registry = deps.service.registry;
  const [first, key, ...rest] = segments;
  if (rest.length) throw notFound(`Nothing is served at "${segments.join('/')}".`);
  switch (first.toLowerCase()) {
    case 'serviceproviderconfig':
      if (key !== undefined) throw notFound('ServiceProviderConfig is a single resource without an id.');
      return sendJson(res, 200, serviceProviderConfig(baseUrl, deps.auth.schemes.length ? deps.auth.schemes : ['Bearer'], deps.service.features));
    case 'resourcetypes': {
      if (key === undefined) return sendJson(res, 200, allResourceTypes(baseUrl, registry));
      const rt = registry.resourceType(key);
      if (!rt) throw notFound(`There is no resource type "${key}".`);
      return sendJson(res, 200, resourceTypeDocument(baseUrl, rt));
    }
    default: {
      if (key === undefined) return sendJson(res, 200, allSchemas(baseUrl, registry, deps.service.features.interopProfile));
      const schema = registry.schema(key);
      if (!schema) throw notFound(`There is no schema "${key}".`);
      return sendJson(res, 200, schemaDocument(baseUrl, schema, deps.service.features.interopProfile));
    }
  }
}

/**
 * Splits the request target into path and query without a full WHATWG URL parse, which costs more than the rest
 * of a GET by id; absolute-form targets (`GET http://host/path`) still go through URL.
 */
function requestTarget(raw: string): { pathname: string; searchParams: URLSearchParams } {
  if (!raw.startsWith('/')) {
    const url = new URL(raw, 'http://localhost');
    return { pathname: url.pathname, searchParams: url.searchParams };
  }
  const q = raw.indexOf('?');
  return q < 0
    ? { pathname: raw, searchParams: new URLSearchParams() }
    : { pathname: raw.slice(0, q), searchParams: new URLSearchParams(raw.slice(q + 1)) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound(`The path segment "${segment}" is not valid percent-encoding.`);
  }
}

async function jsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return parseJsonBody(req, await readBody(req, limit));
}

/** The body of a write, with the hashes of any passwords it sets computed off the event loop into the context. */
async function writeBody(deps: AppDeps, route: Route, limit: number): Promise<unknown> {
  const body = await jsonBody(route.req, limit);
  route.ctx.passwordHashes = await prehashPasswords(body, deps.service.passwordCost);
  return body;
}

/** Answers in SCIM JSON unless the client accepts neither SCIM JSON nor plain JSON. */
function assertAcceptable(req: IncomingMessage): void {
  const accept = req.headers.accept;
  if (!accept) return;
  const ok = accept
    .split(',')
    .map((p) => p.split(';')[0].trim().toLowerCase())
    .some((t) => t === 'application/scim+json' || t === 'application/json' || t === '*/*' || t === 'application/*');
  if (!ok) throw new ScimError(406, `Cannot answer in "${accept}"; this server answers application/scim+json.`);
}

function projectionOf(q: URLSearchParams): ProjectionOptions {
  return { attributes: parseAttributeList(q.get('attributes') ?? undefined), excludedAttributes: parseAttributeList(q.get('excludedAttributes') ?? undefined) };
}

function integerParam(q: URLSearchParams, name: string): number | undefined {
  const raw = q.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw invalidValue(`"${name}" must be an integer, not "${raw}".`);
  return n;
}

function optionalString(b: Record<string, unknown>, name: string): string | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidValue(`"${name}" must be a string.`);
  return v;
}

function optionalInteger(b: Record<string, unknown>, name: string): number | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (!Number.isInteger(v)) throw invalidValue(`"${name}" must be an integer.`);
  return v as number;
}

function stringList(b: Record<string, unknown>, name: string): string[] | undefined {
  const v = b[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return parseAttributeList(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw invalidValue(`"${name}" must be an array of attribute names.`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function notAllowed(method: string, allow: string): ScimError {
  return new ScimError(405, `${method} is not allowed here; allowed: ${allow}.`, undefined, { Allow: allow });
}
