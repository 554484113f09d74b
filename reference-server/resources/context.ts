import type { SchemaRegistry } from '../../scim/schema/registry.ts';
import type { ResourceKind, Store, StoredResource } from '../store/types.ts';
import type { CursorCodec } from './cursor.ts';

/** What every resource operation needs to know about the request it serves. */
export interface RequestContext {
  tenant: string;
  /** Absolute base URL of the SCIM service for this request, e.g. http://127.0.0.1:8080/scim/v2 */
  baseUrl: string;
  /** The tenant connection whose credentials made the request (sync log); absent for the server's own credentials. */
  connection?: string;
  /** The provider that connection serves, or the source of timed work (e.g. "ldap"). */
  idp?: string;
  /** Hashes of the passwords the request body carries, made off the event loop by the HTTP layer (passwords.ts). */
  passwordHashes?: Map<string, string>;
}

export type WriteOperation = 'create' | 'replace' | 'patch';

/**
 * Tenant behaviours around provisioning writes (reference-server/tenants/provisioning.ts implements them).
 * `before*` run before anything is stored and may refuse by throwing a ScimError; `after*` run inside the
 * write's transaction, so what they record commits or rolls back with it.
 */
export interface ProvisioningHooks {
  /** May return the id of a local identity the new resource links to (PRV-06) instead of a fresh id. */
  beforeCreate(ctx: RequestContext, type: ResourceKind, data: Record<string, unknown>): { linkTo?: string } | void;
  beforeUpdate(ctx: RequestContext, existing: StoredResource, data: Record<string, unknown>): void;
  /** `raw` is the request body (create/replace), for attributes the schema does not know (c42OrgName). */
  afterWrite(ctx: RequestContext, op: WriteOperation, before: StoredResource | undefined, after: StoredResource, raw?: unknown): void;
  beforeDelete(ctx: RequestContext, existing: StoredResource): void;
  afterDelete(ctx: RequestContext, existing: StoredResource): void;
}

/** The service's dependencies, injected so tests can swap the store and the clock. */
export interface ServiceDeps {
  store: Store;
  registry: SchemaRegistry;
  /** Interop tolerances on (the default); false = strict RFC mode. */
  lenient: boolean;
  now: () => Date;
  newId: () => string;
  hooks?: ProvisioningHooks;
  /** log2 of scrypt's N for stored passwords (passwords.ts): DURABLE_COST unless the store keeps nothing at rest. */
  passwordCost?: number;
  /** RFC 9865 cursor pagination; absent = index paging only. */
  cursors?: CursorCodec;
  /** The method used when a query names neither startIndex nor cursor (RFC 9865 §2.4); default 'index'. */
  defaultPagination?: 'index' | 'cursor';
  /**
   * The SCIM interop profile's stricter rules (draft-zollner-scim-interop-profile-01): path-less PATCH and
   * attributes or schemas the server does not define are refused with 400 invalidSyntax, and
   * /ServiceProviderConfig says interopProfileConformant. Off by default, because Entra sends path-less PATCH.
   */
  interopProfile?: boolean;
}
