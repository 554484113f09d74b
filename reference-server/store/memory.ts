/**
 * In-process Store: per-tenant maps with secondary indexes so every lookup is O(1) or O(result).
 * Used for `serve --store memory` and for fast tests; it must behave exactly like SqliteStore.
 */
import {
  UniqueViolation,
  type GroupRef,
  type MemberView,
  type Membership,
  type Positioned,
  type ResourceKind,
  type Store,
  type StoredResource,
  type SyncLogEntry,
  type SyncLogPage,
  type SyncLogQuery,
} from './types.ts';
import { deepFreeze } from './freeze.ts';
import { MembershipTargetMissing } from './integrity.ts';

/** A stored resource plus its creation rank, which lets a rolled-back delete go back to its old place. */
interface Entry {
  readonly seq: number;
  readonly resource: StoredResource;
}

interface TenantState {
  /** Ids are unique across types (S-RES-06), so one map serves getAnyType. */
  byId: Map<string, Entry>;
  /** Map iteration order is insertion order, which is creation order as long as rollbacks re-sort. */
  byType: Record<ResourceKind, Map<string, Entry>>;
  uniqueKeys: Record<ResourceKind, Map<string, string>>;
  externalIds: Record<ResourceKind, Map<string, Set<string>>>;
  /**
   * Entries of each type sorted by seq, for keyset scans. Deletes leave the entry in place (a tombstone: the live
   * map no longer holds that seq) and are swept out once they outnumber the live entries, so deletes stay O(1).
   */
  order: Record<ResourceKind, Entry[]>;
  tombstones: Record<ResourceKind, number>;
  /** group id → (member id → member type) */
  membersOf: Map<string, Map<string, ResourceKind>>;
  /** member id → group ids */
  groupsOf: Map<string, Set<string>>;
}

function newTenant(): TenantState {
  return {
    byId: new Map(),
    byType: { User: new Map(), Group: new Map() },
    uniqueKeys: { User: new Map(), Group: new Map() },
    externalIds: { User: new Map(), Group: new Map() },
    order: { User: [], Group: [] },
    tombstones: { User: 0, Group: 0 },
    membersOf: new Map(),
    groupsOf: new Map(),
  };
}

/** A deep copy, frozen: the store keeps it and hands it out as is, so reads cost no copy and cannot alias. */
function frozenCopy(resource: StoredResource): StoredResource {
  return deepFreeze(structuredClone(resource));
}


export class MemoryStore implements Store {
  private readonly tenants = new Map<string, TenantState>();
  // From 1, so that position 0 can mean "before the first" in scan().
  private nextSeq = 1;
  /**
   * Inverse operations recorded while a transaction is open (undo log instead of snapshots, so a
   * transaction costs O(writes), not O(store)). `null` outside transactions.
   */
  private undoLog: Array<() => void> | null = null;
  /** Type maps whose order a rollback disturbed (a deleted entry re-added at the end). */
  private readonly unsorted = new Set<Map<string, Entry>>();
  private readonly docs = new Map<string, Map<string, string>>();
  private readonly syncLog: SyncLogEntry[] = [];
  private syncSeq = 0;

  get(tenant: string, type: ResourceKind, id: string): StoredResource | undefined {
    const entry = this.tenants.get(tenant)?.byType[type].get(id);
    return entry?.resource;
  }

  getAnyType(tenant: string, id: string): StoredResource | undefined {
    const entry = this.tenants.get(tenant)?.byId.get(id);
    return entry?.resource;
  }

  findByUniqueKey(tenant: string, type: ResourceKind, uniqueKey: string): StoredResource | undefined {
    const state = this.tenants.get(tenant);
    const id = state?.uniqueKeys[type].get(uniqueKey);
    return id === undefined ? undefined : this.get(tenant, type, id);
  }

  findByExternalId(tenant: string, type: ResourceKind, externalId: string): StoredResource[] {
    const state = this.tenants.get(tenant);
    const ids = state?.externalIds[type].get(externalId);
    if (!state || !ids) return [];
    return [...ids]
      .map((id) => state.byType[type].get(id)!)
      .sort((a, b) => a.seq - b.seq)
      .map((entry) => entry.resource);
  }

  *all(tenant: string, type: ResourceKind): Iterable<StoredResource> {
    const map = this.tenants.get(tenant)?.byType[type];
    if (!map) return;
    for (const entry of map.values()) yield entry.resource;
  }

  count(tenant: string, type: ResourceKind): number {
    return this.tenants.get(tenant)?.byType[type].size ?? 0;
  }

  /** O(limit) at any depth: the creation-order array, swept of deleted entries first, is indexed directly. */
  slice(tenant: string, type: ResourceKind, offset: number, limit: number): StoredResource[] {
    const state = this.tenants.get(tenant);
    if (!state || limit <= 0) return [];
    if (state.tombstones[type] > 0) this.sweepOrder(state, type, true);
    const order = state.order[type];
    const live = state.byType[type];
    const out: StoredResource[] = [];
    for (let i = Math.max(0, offset); i < order.length && out.length < limit; i++) {
      // The array keeps the entry as inserted; an update replaced the map's entry under the same seq.
      out.push(live.get(order[i].resource.id)!.resource);
    }
    return out;
  }

  scan(tenant: string, type: ResourceKind, after: number, limit: number): Positioned[] {
    const state = this.tenants.get(tenant);
    if (!state || limit <= 0) return [];
    const order = state.order[type];
    const live = state.byType[type];
    const out: Positioned[] = [];
    for (let i = firstAfter(order, after); i < order.length && out.length < limit; i++) {
      const current = live.get(order[i].resource.id);
      // The array keeps the entry as inserted; an update replaced the map's entry under the same seq.
      if (current && current.seq === order[i].seq) out.push({ position: current.seq, resource: current.resource });
    }
    return out;
  }

  insert(resource: StoredResource): void {
    const state = this.tenant(resource.tenant);
    if (state.byId.has(resource.id)) throw new Error(`id already exists in tenant: ${resource.id}`);
    this.assertKeyFree(state, resource);
    this.putEntry(state, { seq: this.nextSeq++, resource: frozenCopy(resource) });
  }

  update(resource: StoredResource): boolean {
    const state = this.tenants.get(resource.tenant);
    const old = state?.byType[resource.type].get(resource.id);
    if (!state || !old) return false;
    this.assertKeyFree(state, resource);
    this.putEntry(state, { seq: old.seq, resource: frozenCopy(resource) });
    return true;
  }

  delete(tenant: string, type: ResourceKind, id: string): boolean {
    const state = this.tenants.get(tenant);
    const entry = state?.byType[type].get(id);
    if (!state || !entry) return false;
    for (const memberId of [...(state.membersOf.get(id)?.keys() ?? [])]) this.unlink(state, id, memberId);
    for (const groupId of [...(state.groupsOf.get(id) ?? [])]) this.unlink(state, groupId, id);
    this.dropEntry(state, entry);
    return true;
  }

  members(tenant: string, groupId: string): MemberView[] {
    const state = this.tenants.get(tenant);
    const members = state?.membersOf.get(groupId);
    if (!state || !members) return [];
    return [...members].map(([value, type]) => ({
      value,
      type,
      display: state.byId.get(value)?.resource.display ?? null,
    }));
  }

  isMember(tenant: string, groupId: string, memberId: string): boolean {
    return this.tenants.get(tenant)?.membersOf.get(groupId)?.has(memberId) ?? false;
  }

  groupsOf(tenant: string, memberId: string): GroupRef[] {
    const state = this.tenants.get(tenant);
    const groups = state?.groupsOf.get(memberId);
    if (!state || !groups) return [];
    return [...groups].map((groupId) => ({
      groupId,
      display: state.byId.get(groupId)?.resource.display ?? null,
    }));
  }

  groupsOfEach(tenant: string, memberIds: readonly string[]): Map<string, GroupRef[]> {
    return new Map(memberIds.map((id) => [id, this.groupsOf(tenant, id)]));
  }

  addMembers(tenant: string, groupId: string, members: Membership[]): number {
    const state = this.groupTenant(tenant, groupId);
    // A transaction so that a missing member half-way leaves the group as it was.
    return this.transaction(() => {
      let added = 0;
      for (const { value, type } of members) {
        if (!state.byId.has(value)) throw new MembershipTargetMissing('member', value);
        if (state.membersOf.get(groupId)?.has(value)) continue;
        this.link(state, groupId, value, type);
        added++;
      }
      return added;
    });
  }

  removeMembers(tenant: string, groupId: string, memberIds: string[]): number {
    const state = this.tenants.get(tenant);
    if (!state) return 0;
    let removed = 0;
    for (const memberId of memberIds) {
      if (!state.membersOf.get(groupId)?.has(memberId)) continue;
      this.unlink(state, groupId, memberId);
      removed++;
    }
    return removed;
  }

  replaceMembers(tenant: string, groupId: string, members: Membership[]): void {
    const state = this.groupTenant(tenant, groupId);
    this.transaction(() => {
      const wanted = new Map(members.map((m) => [m.value, m.type]));
      for (const [memberId, type] of [...(state.membersOf.get(groupId) ?? [])]) {
        if (wanted.get(memberId) !== type) this.unlink(state, groupId, memberId);
      }
      this.addMembers(tenant, groupId, members);
    });
  }

  getDoc<T>(collection: string, key: string): T | undefined {
    const text = this.docs.get(collection)?.get(key);
    // Kept as JSON text, like SqliteStore, so no caller can alias or mutate what the store holds.
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  putDoc(collection: string, key: string, value: unknown): void {
    let docs = this.docs.get(collection);
    if (!docs) this.docs.set(collection, (docs = new Map()));
    const previous = docs.get(key);
    docs.set(key, JSON.stringify(value));
    const map = docs;
    this.undoLog?.push(() => (previous === undefined ? map.delete(key) : map.set(key, previous)));
  }

  deleteDoc(collection: string, key: string): boolean {
    const docs = this.docs.get(collection);
    const previous = docs?.get(key);
    if (!docs || previous === undefined) return false;
    docs.delete(key);
    // Re-added at the end on rollback: document order only matters for listings, never for correctness.
    this.undoLog?.push(() => docs.set(key, previous));
    return true;
  }

  listDocs<T>(collection: string, keyPrefix = ''): T[] {
    const out: T[] = [];
    for (const [key, text] of this.docs.get(collection) ?? []) if (key.startsWith(keyPrefix)) out.push(JSON.parse(text) as T);
    return out;
  }

  appendSyncLog(entry: SyncLogEntry): void {
    this.syncLog.push({ ...entry, seq: ++this.syncSeq });
    this.undoLog?.push(() => this.syncLog.pop());
  }

  querySyncLog(query: SyncLogQuery): SyncLogPage {
    const matching = this.syncLog.filter((e) => matchesSyncQuery(e, query));
    const start = Math.max(1, query.startIndex) - 1;
    return { total: matching.length, entries: matching.slice(start, start + Math.max(0, query.count)).map((e) => ({ ...e })) };
  }

  dropTenant(tenant: string): void {
    this.tenants.delete(tenant);
    for (const docs of this.docs.values()) for (const key of [...docs.keys()]) if (key.startsWith(`${tenant}/`)) docs.delete(key);
    for (let i = this.syncLog.length - 1; i >= 0; i--) if (this.syncLog[i].tenant === tenant) this.syncLog.splice(i, 1);
  }

  /**
   * Nested calls behave like better-sqlite3's savepoints: an inner failure undoes only the inner
   * writes (and is rethrown); the outermost failure undoes everything.
   */
  transaction<T>(fn: () => T): T {
    const outermost = this.undoLog === null;
    if (outermost) this.undoLog = [];
    const log = this.undoLog!;
    const mark = log.length;
    try {
      return fn();
    } catch (error) {
      this.rollbackTo(log, mark);
      throw error;
    } finally {
      if (outermost) this.undoLog = null;
    }
  }

  durable(): Promise<void> {
    return Promise.resolve();
  }

  close(): void {
    this.tenants.clear();
  }

  private rollbackTo(log: Array<() => void>, mark: number): void {
    const saved = this.undoLog;
    this.undoLog = null; // inverse operations must not log themselves
    try {
      while (log.length > mark) log.pop()!();
      for (const map of this.unsorted) {
        const ordered = [...map].sort(([, a], [, b]) => a.seq - b.seq);
        map.clear();
        for (const [id, entry] of ordered) map.set(id, entry);
      }
      this.unsorted.clear();
    } finally {
      this.undoLog = saved;
    }
  }

  private tenant(tenant: string): TenantState {
    let state = this.tenants.get(tenant);
    if (!state) this.tenants.set(tenant, (state = newTenant()));
    return state;
  }

  /** Same check SqliteStore gets from its foreign keys: memberships only between existing resources. */
  private groupTenant(tenant: string, groupId: string): TenantState {
    const state = this.tenants.get(tenant);
    if (!state?.byType.Group.has(groupId)) throw new MembershipTargetMissing('group', groupId);
    return state;
  }

  private assertKeyFree(state: TenantState, resource: StoredResource): void {
    const holder = state.uniqueKeys[resource.type].get(resource.uniqueKey);
    if (holder !== undefined && holder !== resource.id) throw new UniqueViolation(resource.uniqueKey);
  }

  /** Inserts or replaces an entry (keeping its map position on replace) and maintains every index. */
  private putEntry(state: TenantState, entry: Entry): void {
    const { type, id } = entry.resource;
    const previous = state.byType[type].get(id);
    if (previous) this.unindexKeys(state, previous.resource);
    state.byId.set(id, entry);
    state.byType[type].set(id, entry);
    if (!previous) this.placeInOrder(state, entry);
    this.indexKeys(state, entry.resource);
    this.undoLog?.push(() => (previous ? this.putEntry(state, previous) : this.dropEntry(state, entry)));
  }

  private dropEntry(state: TenantState, entry: Entry): void {
    const { type, id } = entry.resource;
    state.byId.delete(id);
    state.byType[type].delete(id);
    this.unindexKeys(state, entry.resource);
    this.sweepOrder(state, type);
    this.undoLog?.push(() => {
      this.putEntry(state, entry);
      this.unsorted.add(state.byType[type]);
    });
  }

  /** Inserts are always the newest seq (a push); only a rolled-back delete brings back an older one. */
  private placeInOrder(state: TenantState, entry: Entry): void {
    const order = state.order[entry.resource.type];
    const at = firstAfter(order, entry.seq - 1);
    if (order[at]?.seq === entry.seq) {
      state.tombstones[entry.resource.type]--; // its tombstone is alive again
      return;
    }
    order.splice(at, 0, entry);
  }

  /** Counts a new tombstone and sweeps them out once they outnumber the live entries (or `now`, for slice). */
  private sweepOrder(state: TenantState, type: ResourceKind, now = false): void {
    const dead = now ? state.tombstones[type] : ++state.tombstones[type];
    if (!now && (dead < 1024 || dead < state.byType[type].size)) return;
    const live = state.byType[type];
    state.order[type] = state.order[type].filter((e) => live.get(e.resource.id)?.seq === e.seq);
    state.tombstones[type] = 0;
  }

  private indexKeys(state: TenantState, resource: StoredResource): void {
    state.uniqueKeys[resource.type].set(resource.uniqueKey, resource.id);
    if (resource.externalId === null) return;
    const byExternalId = state.externalIds[resource.type];
    let ids = byExternalId.get(resource.externalId);
    if (!ids) byExternalId.set(resource.externalId, (ids = new Set()));
    ids.add(resource.id);
  }

  private unindexKeys(state: TenantState, resource: StoredResource): void {
    state.uniqueKeys[resource.type].delete(resource.uniqueKey);
    if (resource.externalId === null) return;
    const byExternalId = state.externalIds[resource.type];
    const ids = byExternalId.get(resource.externalId);
    ids?.delete(resource.id);
    if (ids?.size === 0) byExternalId.delete(resource.externalId);
  }

  private link(state: TenantState, groupId: string, memberId: string, type: ResourceKind): void {
    let members = state.membersOf.get(groupId);
    if (!members) state.membersOf.set(groupId, (members = new Map()));
    members.set(memberId, type);
    let groups = state.groupsOf.get(memberId);
    if (!groups) state.groupsOf.set(memberId, (groups = new Set()));
    groups.add(groupId);
    this.undoLog?.push(() => this.unlink(state, groupId, memberId));
  }

  private unlink(state: TenantState, groupId: string, memberId: string): void {
    const members = state.membersOf.get(groupId);
    const type = members?.get(memberId);
    if (!members || type === undefined) return;
    members.delete(memberId);
    if (members.size === 0) state.membersOf.delete(groupId);
    const groups = state.groupsOf.get(memberId)!;
    groups.delete(groupId);
    if (groups.size === 0) state.groupsOf.delete(memberId);
    this.undoLog?.push(() => this.link(state, groupId, memberId, type));
  }
}

/** Index of the first entry whose seq is greater than `after` (binary search over a seq-sorted array). */
function firstAfter(order: readonly Entry[], after: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid].seq <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function matchesSyncQuery(e: SyncLogEntry, q: SyncLogQuery): boolean {
  return (
    (q.tenant === undefined || e.tenant === q.tenant) &&
    (q.connection === undefined || e.connection === q.connection) &&
    (q.operation === undefined || e.operation === q.operation) &&
    (q.outcome === undefined || e.outcome === q.outcome) &&
    (q.resourceType === undefined || e.resourceType === q.resourceType) &&
    (q.resourceId === undefined || e.resourceId === q.resourceId) &&
    (q.since === undefined || e.time >= q.since) &&
    (q.until === undefined || e.time <= q.until)
  );
}
