import { coreResourceTypes, coreSchemas } from '../scim/schema/core.ts';
import type { AttributeDef } from '../scim/schema/types.ts';
import type { ScimClient } from './http/client.ts';
import { loadPublishedSchemas } from './validation.ts';

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

// ---------- what the target publishes at /Schemas and /ResourceTypes (RFC 7643 §6, §7) ----------

/** One attribute definition as a target publishes it (RFC 7643 §7); characteristics left out take the §2.2 defaults. */
export interface PublishedAttribute {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  /** readOnly | readWrite | immutable | writeOnly ("readWrite" when left out, RFC 7643 §2.2). */
  mutability: string;
  subAttributes: PublishedAttribute[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function attributeOf(raw: Record<string, unknown>): PublishedAttribute {
  return {
    name: String(raw.name),
    type: typeof raw.type === 'string' ? raw.type : 'string',
    multiValued: raw.multiValued === true,
    required: raw.required === true,
    mutability: typeof raw.mutability === 'string' ? raw.mutability : 'readWrite',
    subAttributes: Array.isArray(raw.subAttributes) ? raw.subAttributes.filter(isObject).filter((a) => typeof a.name === 'string').map(attributeOf) : [],
  };
}

/**
 * The resource types and schemas a target publishes, read once per run through loadPublishedSchemas. Scenarios
 * draw from it what they write (an attribute the target calls writable) and why they skip (an extension or an
 * attribute the target does not publish). `readable` is false when /Schemas or /ResourceTypes could not be read:
 * every question then answers as RFC 7643's own User and Group would (the discovery scenarios report the breakage).
 */
export class Published {
  constructor(
    readonly readable: boolean,
    private readonly types: Record<string, unknown>[],
    private readonly schemas: Map<string, PublishedAttribute[]>,
  ) {}

  /** The ResourceType named `name` ("User", "Group"), case-insensitively. */
  resourceType(name: string): Record<string, unknown> | undefined {
    return this.types.find((t) => typeof t.name === 'string' && same(t.name, name));
  }

  /** The schema extension URNs the resource type lists in `schemaExtensions`. */
  extensionsOf(type: string): string[] {
    const raw = this.resourceType(type)?.schemaExtensions;
    const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : [];
    return list.filter(isObject).map((e) => String(e.schema));
  }

  /** Whether the type lists the extension and /Schemas defines it. */
  hasExtension(type: string, urn: string): boolean {
    return this.extensionsOf(type).some((e) => same(e, urn)) && [...this.schemas.keys()].some((k) => same(k, urn));
  }

  /** The core schema URN of the type. */
  coreSchemaOf(type: string): string | undefined {
    const schema = this.resourceType(type)?.schema;
    return typeof schema === 'string' ? schema : undefined;
  }

  /**
   * The published definition of an attribute path of the type: `title`, `name.givenName`, or URN-qualified
   * (`urn:…:enterprise:2.0:User:manager.value`, `urn:…:core:2.0:User:userName`). Undefined when the type, the
   * schema (an extension the type does not list) or the attribute is not published.
   */
  attribute(type: string, path: string): PublishedAttribute | undefined {
    let schema = this.coreSchemaOf(type);
    let rest = path;
    const colon = path.lastIndexOf(':');
    if (colon > 0) {
      schema = path.slice(0, colon);
      rest = path.slice(colon + 1);
      if (!same(schema, this.coreSchemaOf(type) ?? '') && !this.extensionsOf(type).some((e) => same(e, schema!))) return undefined;
    }
    const defs = schema === undefined ? undefined : [...this.schemas].find(([k]) => same(k, schema!))?.[1];
    const [head, sub] = rest.split('.');
    const attr = defs?.find((a) => same(a.name, head));
    return sub === undefined ? attr : attr?.subAttributes.find((a) => same(a.name, sub));
  }

  /**
   * A singular string attribute of the type's core schema that the target publishes as writable (readWrite or
   * writeOnly), not userName/displayName/id/password, preferring the names in `prefer` (in that order); undefined
   * when there is none.
   */
  writableString(type: string, prefer: readonly string[] = []): string | undefined {
    const schema = this.coreSchemaOf(type);
    const defs = [...this.schemas].find(([k]) => schema !== undefined && same(k, schema))?.[1] ?? [];
    const fit = defs.filter((a) => a.type === 'string' && !a.multiValued && (a.mutability === 'readWrite' || a.mutability === 'writeOnly')
      && !['username', 'displayname', 'id', 'password', 'externalid'].includes(a.name.toLowerCase()));
    return prefer.map((p) => fit.find((a) => same(a.name, p))?.name).find(Boolean) ?? fit[0]?.name;
  }

  /**
   * Attributes of the type's core schema the target publishes as required (and a client writes) although RFC 7643
   * does not require them (a work email, name parts): a provider rule. userName stays out: a body without it is an
   * RFC error the scenarios check.
   */
  providerRequired(type: string): string[] {
    const schema = this.coreSchemaOf(type);
    const defs = [...this.schemas].find(([k]) => schema !== undefined && same(k, schema))?.[1] ?? [];
    const rfc = coreSchemas.find((s) => schema !== undefined && same(s.id, schema))?.attributes ?? [];
    return defs.filter((a) => a.required && a.mutability !== 'readOnly' && !rfc.some((r) => r.required && same(r.name, a.name))).map((a) => a.name);
  }
}

/** RFC 7643's own User, Group and enterprise extension: the answer when a target's /Schemas cannot be read. */
function rfcDefaults(): Published {
  const toRaw = (a: AttributeDef): Record<string, unknown> => ({ ...a, subAttributes: a.subAttributes?.map(toRaw) });
  const schemas = new Map(coreSchemas.map((s) => [s.id, s.attributes.map((a) => attributeOf(toRaw(a)))]));
  return new Published(false, coreResourceTypes.map((t) => ({ ...t }) as unknown as Record<string, unknown>), schemas);
}

const publishedCache = new Map<string, Promise<Published>>();

/** The target's published model, read once per worker and target (reuses loadPublishedSchemas' single read). */
export function loadPublished(client: ScimClient, target: string): Promise<Published> {
  let pending = publishedCache.get(target);
  if (!pending) {
    pending = loadPublishedSchemas(client, target).then((pub) => {
      if (!pub) return rfcDefaults();
      const list = Array.isArray(pub.schemas) ? pub.schemas : isObject(pub.schemas) && Array.isArray(pub.schemas.Resources) ? pub.schemas.Resources : [];
      const schemas = new Map<string, PublishedAttribute[]>();
      for (const s of list.filter(isObject)) {
        if (typeof s.id === 'string' && Array.isArray(s.attributes)) schemas.set(s.id, s.attributes.filter(isObject).filter((a) => typeof a.name === 'string').map(attributeOf));
      }
      return new Published(true, pub.resourceTypes, schemas);
    });
    pending.catch(() => publishedCache.delete(target));
    publishedCache.set(target, pending);
  }
  return pending;
}
