/** The persistence boundary: nothing above this interface writes SQL or knows how data is kept. */

export type ResourceKind = 'User' | 'Group';

export interface StoredResource {
  tenant: string;
  type: ResourceKind;
  id: string;
  /**
   * The resource's attributes with canonical names, as the resource layer built them, WITHOUT
   * `id`, `meta`, `schemas`-independent server data, Group `members` or User `groups`
   * (membership lives in its own table so one member change never rewrites a group).
   */
  data: Record<string, unknown>;
  /** The case-folded unique key: PRECIS-prepared userName for Users, displayName for Groups. */
  uniqueKey: string;
  /** externalId exactly as sent (caseExact), or null. */
  externalId: string | null;
  /** Text shown for this resource in membership lists (`members[].display`, `groups[].display`). */
  display: string | null;
  created: string;
  lastModified: string;
  /** Increases on every change; meta.version is derived from it. */
  version: number;
}

export interface Membership {
  /** Member id (`members[].value`). */
  value: string;
  type: ResourceKind;
}

export interface MemberView extends Membership {
  display: string | null;
}

export interface GroupRef {
  groupId: string;
  display: string | null;
}

/** Thrown by insert/update when another resource of the tenant and type already holds the unique key. */
export class UniqueViolation extends Error {
  constructor(readonly uniqueKey: string) {
    super(`unique key already taken: ${uniqueKey}`);
    this.name = 'UniqueViolation';
  }
}

/**
 * Thrown by update when the stored row is no longer the one the change was computed from (another process wrote it
 * meanwhile; only stores shared between processes throw it). The caller reloads and applies its change again.
 */
export class ConcurrentUpdate extends Error {
  constructor(readonly id: string) {
    super(`resource ${id} was changed concurrently`);
    this.name = 'ConcurrentUpdate';
  }
}

/** A resource with its place in creation order (Store.scan). */
export interface Positioned {
  /** Increases with every insert, is kept by updates and is never reused, even after a delete. */
  position: number;
  resource: StoredResource;
}

/** One change made by provisioning (INC-08, PRV-10): what the admin API's sync log lists. */
export interface SyncLogEntry {
  /** Assigned by the store, increasing; absent on append. */
  seq?: number;
  time: string;
  tenant: string;
  /** The connection whose credentials made the change; null for timed work and local actions. */
  connection: string | null;
  /** The provider that connection serves (okta, entra, pingone, pingfederate, generic). */
  idp: string | null;
  /** create, link, update, deactivate, block, reactivate, delete, refuse, pull, ... */
  operation: string;
  resourceType: string;
  resourceId: string | null;
  outcome: 'success' | 'refused' | 'failed' | 'scheduled' | 'cancelled';
  detail: string;
}

export interface SyncLogQuery {
  tenant?: string;
  connection?: string;
  operation?: string;
  outcome?: string;
  resourceType?: string;
  resourceId?: string;
  /** ISO timestamps, inclusive. */
  since?: string;
  until?: string;
  /** 1-based, like SCIM paging. */
  startIndex: number;
  count: number;
}

export interface SyncLogPage {
  total: number;
  entries: SyncLogEntry[];
}

export interface Store {
  get(tenant: string, type: ResourceKind, id: string): StoredResource | undefined;
  /** Any type: ids are unique across the service provider (S-RES-06). */
  getAnyType(tenant: string, id: string): StoredResource | undefined;
  findByUniqueKey(tenant: string, type: ResourceKind, uniqueKey: string): StoredResource | undefined;
  findByExternalId(tenant: string, type: ResourceKind, externalId: string): StoredResource[];
  /** Every resource of a type, in creation order (stable, so paging is repeatable: X-OKTA-04). */
  all(tenant: string, type: ResourceKind): Iterable<StoredResource>;
  count(tenant: string, type: ResourceKind): number;
  /**
   * One page of all(): at most `limit` resources after skipping `offset` (0-based), in creation order (index paging,
   * RFC 7644 §3.4.2.4: "the Nth resource now"). Paged by the store itself, so a page deep in a large collection costs
   * no decoding of the skipped rows: the memory and SQLite stores keep the positions of their rows (O(log n + limit)),
   * PostgreSQL, shared between processes, walks an index with OFFSET.
   *
   * Why slice and scan are two methods: an offset counts the rows that exist now, a scan position names a row. One
   * turns into the other only through the rank of a row among the live ones (how many come before it), which costs
   * a walk unless the store keeps a rank index, and each caller needs its own kind: startIndex pages are defined by
   * offset (a deleted row shifts the later ones), cursor walks by position (a deleted row shifts nothing, RFC 9865).
   * One method taking either would only merge the names.
   */
  slice(tenant: string, type: ResourceKind, offset: number, limit: number): StoredResource[];
  /**
   * Keyset scan: at most `limit` resources of a type, in creation order, whose position is greater than `after`
   * (0 = from the start). Because positions only grow and are never reused, a walk that resumes after the last
   * position it saw returns every resource that existed throughout exactly once, whatever was inserted or deleted
   * between calls (what RFC 9865 cursors need). Cost O(log n + limit), so the walk is linear overall.
   */
  scan(tenant: string, type: ResourceKind, after: number, limit: number): Positioned[];

  /** Inserts a new resource; throws UniqueViolation when its uniqueKey is taken. */
  insert(resource: StoredResource): void;
  /**
   * Replaces data, keys and meta of an existing resource; throws UniqueViolation, or ConcurrentUpdate when a store
   * shared between processes already holds a version at least as new. Returns false if missing.
   */
  update(resource: StoredResource): boolean;
  /** Deletes the resource and every membership that names it (as group or as member). */
  delete(tenant: string, type: ResourceKind, id: string): boolean;

  members(tenant: string, groupId: string): MemberView[];
  isMember(tenant: string, groupId: string, memberId: string): boolean;
  groupsOf(tenant: string, memberId: string): GroupRef[];
  /**
   * groupsOf for many members at once, in one query (a list page of Users costs one, not one per User). Every id
   * asked for is a key of the answer (an empty list when it is in no group, or does not exist); each list is in
   * groupsOf's order.
   */
  groupsOfEach(tenant: string, memberIds: readonly string[]): Map<string, GroupRef[]>;
  /** Adds the memberships not already present; returns how many were new. */
  addMembers(tenant: string, groupId: string, members: Membership[]): number;
  /** Removes the listed member ids; returns how many were present. */
  removeMembers(tenant: string, groupId: string, memberIds: string[]): number;
  /** Makes the membership of the group exactly `members`. */
  replaceMembers(tenant: string, groupId: string, members: Membership[]): void;

  /**
   * Small JSON documents by collection and key (tenants, connections, local users, scheduled jobs, ...).
   * Keys of per-tenant documents start with "<tenant>/" so listDocs can select one tenant's by prefix.
   */
  getDoc<T>(collection: string, key: string): T | undefined;
  putDoc(collection: string, key: string, value: unknown): void;
  deleteDoc(collection: string, key: string): boolean;
  /** In the order the keys were first written. */
  listDocs<T>(collection: string, keyPrefix?: string): T[];

  appendSyncLog(entry: SyncLogEntry): void;
  /** Oldest first, filtered, one page. */
  querySyncLog(query: SyncLogQuery): SyncLogPage;

  /** Removes every resource, membership, document and sync-log entry of the tenant. */
  dropTenant(tenant: string): void;

  /**
   * Resolves once every write committed before the call is durable (survives a crash of the machine, not only of
   * the process). Writes of many requests share one flush (group commit); the HTTP layer acknowledges a write only
   * after it. Stores that keep nothing at rest resolve at once.
   */
  durable(): Promise<void>;

  /** Runs fn atomically: if it throws, nothing it wrote remains. Nested calls join the outer transaction. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
