import type { ScimClient } from './http/client.ts';

/** What the target's /ServiceProviderConfig says it supports (RFC 7643 §5). */
export interface Capabilities {
  raw: Record<string, unknown>;
  patch: boolean;
  bulk: { supported: boolean; maxOperations?: number; maxPayloadSize?: number };
  filter: { supported: boolean; maxResults?: number };
  changePassword: boolean;
  sort: boolean;
  etag: boolean;
}

/** The features a scenario can require with `Given the server supports <feature>`. */
export const FEATURES = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'] as const;
export type Feature = (typeof FEATURES)[number];

export class CapabilitiesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CapabilitiesError';
  }
}

const section = (raw: Record<string, unknown>, name: string): Record<string, unknown> => {
  const v = raw[name];
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
};
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

export function parseCapabilities(raw: Record<string, unknown>): Capabilities {
  const supported = (name: string) => section(raw, name).supported === true;
  return {
    raw,
    patch: supported('patch'),
    bulk: {
      supported: supported('bulk'),
      maxOperations: num(section(raw, 'bulk').maxOperations),
      maxPayloadSize: num(section(raw, 'bulk').maxPayloadSize),
    },
    filter: { supported: supported('filter'), maxResults: num(section(raw, 'filter').maxResults) },
    changePassword: supported('changePassword'),
    sort: supported('sort'),
    etag: supported('etag'),
  };
}

export function isSupported(caps: Capabilities, feature: Feature): boolean {
  const v = caps[feature];
  return typeof v === 'boolean' ? v : v.supported;
}

/** One read per worker process and target: SPC does not change during a run. */
const cache = new Map<string, Promise<Capabilities>>();

export function loadCapabilities(client: ScimClient, target: string): Promise<Capabilities> {
  let pending = cache.get(target);
  if (!pending) {
    pending = client.send('GET', '/ServiceProviderConfig').then((res) => {
      if (res.status !== 200 || typeof res.json !== 'object' || res.json === null || Array.isArray(res.json)) {
        throw new CapabilitiesError(`GET /ServiceProviderConfig answered ${res.status}: cannot tell what the server supports`);
      }
      return parseCapabilities(res.json as Record<string, unknown>);
    });
    // A failed read is not cached: the next scenario tries again and reports its own failure.
    pending.catch(() => cache.delete(target));
    cache.set(target, pending);
  }
  return pending;
}
