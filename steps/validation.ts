import { validateAgainstPublishedSchemas, validateBody, type ScimBodyKind } from '../scim/json-schema/index.ts';
import type { ScimClient } from './http/client.ts';
import type { Exchange } from './http/exchange.ts';
import { getPath } from './interpolate.ts';

/**
 * Every response body is checked twice: against our JSON Schemas of the RFC shapes (validateBody) and, for
 * resources, against the attribute definitions the target itself publishes at /Schemas.
 */

/** The target's /Schemas list and /ResourceTypes list, read once per worker. Undefined when unreadable. */
export interface PublishedSchemas {
  schemas: unknown;
  resourceTypes: Record<string, unknown>[];
}

const published = new Map<string, Promise<PublishedSchemas | undefined>>();

export function loadPublishedSchemas(client: ScimClient, target: string): Promise<PublishedSchemas | undefined> {
  let pending = published.get(target);
  if (!pending) {
    pending = (async () => {
      const [schemas, types] = await Promise.all([client.send('GET', '/Schemas'), client.send('GET', '/ResourceTypes')]);
      const resources = getPath(types.json, 'Resources');
      // Discovery scenarios report a broken /Schemas; here it only means there is nothing to compare against.
      if (schemas.status !== 200 || types.status !== 200 || !Array.isArray(resources)) return undefined;
      return { schemas: schemas.json, resourceTypes: resources as Record<string, unknown>[] };
    })();
    // A read that got no usable answer (no response, or still throttled after the retries) is not the target's
    // /Schemas: the next scenario reads again instead of every later one inheriting the failure.
    pending.catch(() => published.delete(target));
    published.set(target, pending);
  }
  return pending;
}

/** The ResourceType whose endpoint serves this path, e.g. "/Users/123" → the User type. */
function resourceTypeFor(types: Record<string, unknown>[], pathname: string, body: unknown): Record<string, unknown> | undefined {
  const declared = getPath(body, 'meta.resourceType');
  if (typeof declared === 'string') {
    const byName = types.find((t) => String(t.name).toLowerCase() === declared.toLowerCase());
    if (byName) return byName;
  }
  return types.find((t) => typeof t.endpoint === 'string' && pathname.toLowerCase().includes(`${t.endpoint.toLowerCase()}/`));
}

/** Which RFC shape a response body should have, judged from the request and the status only. */
export function expectedKind(method: string, pathname: string, status: number): ScimBodyKind | undefined {
  if (status === 204 || status === 304) return undefined;
  if (status >= 400) return 'Error';
  if (status >= 300) return undefined;
  const p = pathname.replace(/\/+$/, '');
  if (/\/ServiceProviderConfigs?$/i.test(p)) return 'ServiceProviderConfig';
  if (/\/ResourceTypes$/i.test(p) || /\/Schemas$/i.test(p)) return 'ListResponse';
  if (/\/ResourceTypes\/[^/]+$/i.test(p)) return 'ResourceType';
  if (/\/Schemas\/[^/]+$/i.test(p)) return 'Schema';
  if (/\/Bulk$/i.test(p)) return method === 'POST' ? 'BulkResponse' : undefined;
  if (/\/\.search$/i.test(p)) return 'ListResponse';
  if (/\/Users$/i.test(p) || /\/Groups$/i.test(p)) return method === 'GET' ? 'ListResponse' : method === 'POST' ? (/Users$/i.test(p) ? 'User' : 'Group') : undefined;
  if (/\/Users\/[^/]+$/i.test(p) || /\/Me$/i.test(p)) return 'User';
  if (/\/Groups\/[^/]+$/i.test(p)) return 'Group';
  return undefined;
}

/** The messages of every violation in a response; empty when the body is valid or has no expected shape. */
export async function validateExchange(exchange: Exchange, client: ScimClient, target: string): Promise<string[]> {
  const pathname = new URL(exchange.request.url).pathname;
  const kind = expectedKind(exchange.request.method, pathname, exchange.status);
  if (!kind) return [];
  if (exchange.json === undefined) {
    // An empty body is judged by the scenario (a 401 may have none); a body that is not JSON is always wrong.
    return exchange.text.trim() ? [`${kind}: the body is not JSON (${exchange.headers['content-type'] ?? 'no Content-Type'})`] : [];
  }
  const messages = validateBody(kind, exchange.json).map((m) => `${kind}: ${m}`);
  const isResource = kind === 'User' || kind === 'Group';
  // A projection (attributes=...) legally drops attributes the published schemas call required.
  // POST .search carries them in its body (RFC 7644 §3.4.3).
  const searchBody = exchange.request.body as { attributes?: unknown; excludedAttributes?: unknown } | undefined;
  const projected = /[?&](attributes|excludedAttributes)=/i.test(exchange.request.url) ||
    (/\/\.search$/i.test(pathname) && typeof searchBody === 'object' && searchBody !== null && (searchBody.attributes !== undefined || searchBody.excludedAttributes !== undefined));
  const items: unknown[] = isResource ? [exchange.json] : kind === 'ListResponse' ? ((getPath(exchange.json, 'Resources') as unknown[]) ?? []) : [];
  if ((isResource || kind === 'ListResponse') && !projected) {
    const pub = await loadPublishedSchemas(client, target);
    if (pub && Array.isArray(items)) {
      for (const item of items) {
        const type = resourceTypeFor(pub.resourceTypes, pathname, item);
        if (type) messages.push(...validateAgainstPublishedSchemas(item, pub.schemas, type).map((m) => `published /Schemas: ${m}`));
      }
    }
  }
  return messages;
}
