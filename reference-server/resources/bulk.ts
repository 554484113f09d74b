import { ScimError, invalidSyntax, invalidValue } from '../../scim/errors.ts';
import type { ResourceTypeDef } from '../../scim/schema/types.ts';
import { URN } from '../../scim/urns.ts';
import type { RequestContext } from './context.ts';
import type { ResourceService } from './service.ts';

export interface BulkLimits {
  maxOperations: number;
}

interface BulkOperation {
  index: number;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

export interface BulkOperationResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: unknown;
}

const BULK_REF = /^bulkId:(.+)$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * RFC 7644 §3.7: runs a BulkRequest, resolving bulkId references and honouring failOnErrors. The request is
 * all-or-nothing as a whole: it runs in one store transaction, each operation in a nested one, so an operation
 * that fails with a SCIM error leaves nothing behind while the others stand, and anything else (a bug, a stack
 * overflow) undoes every operation before the client hears 500 "nothing was changed".
 */
export function processBulk(service: ResourceService, ctx: RequestContext, body: unknown, limits: BulkLimits) {
  const { operations, failOnErrors } = parseBulkRequest(body, limits);
  return service.atomically(() => runAll(service, ctx, operations, failOnErrors));
}

function runAll(service: ResourceService, ctx: RequestContext, operations: BulkOperation[], failOnErrors: number | undefined) {
  const created = new Map<string, string>(); // bulkId → new resource id
  const defined = new Set(operations.filter((o) => o.method === 'POST' && o.bulkId).map((o) => o.bulkId!));
  const results: { index: number; result: BulkOperationResult }[] = [];
  let errors = 0;
  let pending = operations;
  // Each pass runs every operation whose bulkId references are resolved; references to later POSTs wait.
  while (pending.length && (failOnErrors === undefined || errors < failOnErrors)) {
    const waiting: BulkOperation[] = [];
    let progressed = false;
    for (const op of pending) {
      if (failOnErrors !== undefined && errors >= failOnErrors) break;
      const refs = referencedBulkIds(op);
      const unknown = refs.find((r) => !defined.has(r));
      if (unknown === undefined && refs.some((r) => !created.has(r))) {
        waiting.push(op);
        continue;
      }
      progressed = true;
      const result = unknown !== undefined
        ? failure(op, invalidValue(`bulkId "${unknown}" is not defined by any POST operation of this request.`))
        : run(service, ctx, op, created);
      if (Number(result.status) >= 400) errors++;
      results.push({ index: op.index, result });
    }
    if (!progressed) {
      // Circular references: RFC 7644 §3.7.1 allows 409 after a failed attempt to resolve them.
      for (const op of waiting) {
        if (failOnErrors !== undefined && errors >= failOnErrors) break;
        errors++;
        results.push({ index: op.index, result: failure(op, new ScimError(409, `bulkId references of this operation could not be resolved (circular or failed dependency).`)) });
      }
      break;
    }
    pending = waiting;
  }
  results.sort((a, b) => a.index - b.index);
  return { schemas: [URN.BulkResponse], Operations: results.map((r) => r.result) };
}

function parseBulkRequest(body: unknown, limits: BulkLimits): { operations: BulkOperation[]; failOnErrors?: number } {
  if (!isObject(body)) throw invalidSyntax('A BulkRequest must be a JSON object.');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(URN.BulkRequest)) {
    throw invalidSyntax(`A BulkRequest must list "${URN.BulkRequest}" in schemas.`);
  }
  if (!Array.isArray(body.Operations)) throw invalidSyntax('A BulkRequest must carry an "Operations" array.');
  if (body.Operations.length > limits.maxOperations) {
    throw new ScimError(413, `The bulk request has ${body.Operations.length} operations; the maximum is ${limits.maxOperations} (maxOperations).`);
  }
  let failOnErrors: number | undefined;
  if (body.failOnErrors !== undefined) {
    if (!Number.isInteger(body.failOnErrors) || (body.failOnErrors as number) < 1) {
      throw invalidSyntax('"failOnErrors" must be an integer of at least 1.');
    }
    failOnErrors = body.failOnErrors as number;
  }
  const operations = body.Operations.map((raw, index) => {
    if (!isObject(raw)) throw invalidSyntax(`Operation ${index + 1} is not a JSON object.`);
    const method = typeof raw.method === 'string' ? raw.method.toUpperCase() : '';
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
      throw invalidSyntax(`Operation ${index + 1} has method ${JSON.stringify(raw.method)}; use POST, PUT, PATCH or DELETE.`);
    }
    if (typeof raw.path !== 'string' || !raw.path.startsWith('/')) {
      throw invalidSyntax(`Operation ${index + 1} needs a "path" such as "/Users" or "/Users/{id}".`);
    }
    if (method === 'POST' && (typeof raw.bulkId !== 'string' || raw.bulkId === '')) {
      throw invalidSyntax(`Operation ${index + 1} is a POST and needs a "bulkId".`);
    }
    if (method !== 'DELETE' && raw.data === undefined) throw invalidSyntax(`Operation ${index + 1} (${method}) needs "data".`);
    return {
      index,
      method: method as BulkOperation['method'],
      bulkId: typeof raw.bulkId === 'string' ? raw.bulkId : undefined,
      version: typeof raw.version === 'string' ? raw.version : undefined,
      path: raw.path,
      data: raw.data,
    };
  });
  return { operations, failOnErrors };
}

function referencedBulkIds(op: BulkOperation): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const m = BULK_REF.exec(value);
      if (m) found.add(m[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) Object.values(value).forEach(visit);
  };
  visit(op.path.split('/').pop());
  visit(op.data);
  return [...found];
}

function resolveRefs(value: unknown, created: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const m = BULK_REF.exec(value);
    return m && created.has(m[1]) ? created.get(m[1]) : value;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, created));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, created)]));
  return value;
}

function run(service: ResourceService, ctx: RequestContext, op: BulkOperation, created: Map<string, string>): BulkOperationResult {
  try {
    return service.atomically(() => runOne(service, ctx, op, created));
  } catch (err) {
    if (err instanceof ScimError) return failure(op, err);
    throw err;
  }
}

function runOne(service: ResourceService, ctx: RequestContext, op: BulkOperation, created: Map<string, string>): BulkOperationResult {
  const segments = op.path.split('/').filter(Boolean);
  const rt: ResourceTypeDef | undefined = service.registry.resourceTypeByEndpoint(`/${segments[0] ?? ''}`);
  if (!rt) throw new ScimError(404, `No resource endpoint at "${op.path}".`);
  const data = resolveRefs(op.data, created);
  if (op.method === 'POST') {
    if (segments.length !== 1) throw invalidSyntax(`A POST path names the endpoint only, e.g. "${rt.endpoint}".`);
    const r = service.create(ctx, rt, data);
    created.set(op.bulkId!, String(r.body.id));
    return { method: op.method, bulkId: op.bulkId, location: r.location, version: r.etag, status: '201' };
  }
  if (segments.length !== 2) throw invalidSyntax(`A ${op.method} path names one resource, e.g. "${rt.endpoint}/{id}".`);
  const id = resolveRefs(segments[1], created) as string;
  if (op.method === 'DELETE') {
    service.delete(ctx, rt, id, op.version);
    return { method: op.method, bulkId: op.bulkId, location: `${ctx.baseUrl}${rt.endpoint}/${id}`, status: '204' };
  }
  const r = op.method === 'PUT' ? service.replace(ctx, rt, id, data, op.version) : service.patch(ctx, rt, id, data, op.version, {}, false);
  return { method: op.method, bulkId: op.bulkId, location: r.location, version: r.etag, status: '200' };
}

function failure(op: BulkOperation, err: ScimError): BulkOperationResult {
  return { method: op.method, ...(op.bulkId ? { bulkId: op.bulkId } : {}), status: String(err.status), response: err.toBody() };
}
