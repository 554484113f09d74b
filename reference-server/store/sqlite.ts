/**
 * Durable Store on better-sqlite3. Commits run with synchronous=NORMAL (in WAL mode: written to the WAL, which
 * survives a SIGKILL of the process, but not fsynced); durable() then fsyncs the WAL once for every write committed
 * so far, and the HTTP layer acknowledges writes only after it: group commit, one fsync for all the requests in
 * flight instead of one per request. A 201 the server sent survives a SIGKILL, and a power cut, right after it. Memberships live in their own table: adding
 * one member to a huge group is one INSERT and never rewrites the group row.
 */
import { closeSync, fdatasync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
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

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Append, never edit:
 * a file written by an older build is brought forward by the steps it has not seen.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE resources (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     tenant TEXT NOT NULL,
     type TEXT NOT NULL CHECK (type IN ('User', 'Group')),
     id TEXT NOT NULL,
     data TEXT NOT NULL,
     unique_key TEXT NOT NULL,
     external_id TEXT,
     display TEXT,
     created TEXT NOT NULL,
     last_modified TEXT NOT NULL,
     version INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX resources_unique_key ON resources (tenant, type, unique_key);
   -- UNIQUE because ids are unique across types (S-RES-06) and memberships reference (tenant, id).
   CREATE UNIQUE INDEX resources_id ON resources (tenant, id);
   CREATE INDEX resources_external_id ON resources (tenant, type, external_id);
   -- Creation-order scans and counts of one type without touching other tenants' rows.
   CREATE INDEX resources_type_seq ON resources (tenant, type, seq);
   CREATE TABLE memberships (
     tenant TEXT NOT NULL,
     group_id TEXT NOT NULL,
     member_id TEXT NOT NULL,
     member_type TEXT NOT NULL CHECK (member_type IN ('User', 'Group')),
     PRIMARY KEY (tenant, group_id, member_id),
     FOREIGN KEY (tenant, group_id) REFERENCES resources (tenant, id) ON DELETE CASCADE,
     FOREIGN KEY (tenant, member_id) REFERENCES resources (tenant, id) ON DELETE CASCADE
   );
   CREATE INDEX memberships_member ON memberships (tenant, member_id);`,
  // Tenants, connections, local identities and scheduled jobs (documents), and the provisioning sync log.
  `CREATE TABLE docs (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     collection TEXT NOT NULL,
     key TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE UNIQUE INDEX docs_key ON docs (collection, key);
   CREATE TABLE sync_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     time TEXT NOT NULL,
     tenant TEXT NOT NULL,
     connection TEXT,
     idp TEXT,
     operation TEXT NOT NULL,
     resource_type TEXT NOT NULL,
     resource_id TEXT,
     outcome TEXT NOT NULL,
     detail TEXT NOT NULL
   );
   CREATE INDEX sync_log_tenant ON sync_log (tenant, seq);`,
];

/** Rows fetched per step of all(): lazy enough for 100k resources, and no statement stays open between steps. */
const PAGE = 500;

interface ResourceRow {
  seq: number;
  tenant: string;
  type: ResourceKind;
  id: string;
  data: string;
  unique_key: string;
  external_id: string | null;
  display: string | null;
  created: string;
  last_modified: string;
  version: number;
}

/** A row of a page (`range`): id, data, unique_key, external_id, display, created, last_modified, version. */
type PageRow = [string, string, string, string | null, string | null, string, string, number];

const COLUMNS = 'seq, tenant, type, id, data, unique_key, external_id, display, created, last_modified, version';

function toResource(row: ResourceRow): StoredResource {
  return {
    tenant: row.tenant,
    type: row.type,
    id: row.id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    uniqueKey: row.unique_key,
    externalId: row.external_id,
    display: row.display,
    created: row.created,
    lastModified: row.last_modified,
    version: row.version,
  };
}

function toParams(r: StoredResource) {
  return {
    tenant: r.tenant,
    type: r.type,
    id: r.id,
    data: JSON.stringify(r.data),
    unique_key: r.uniqueKey,
    external_id: r.externalId,
    display: r.display,
    created: r.created,
    last_modified: r.lastModified,
    version: r.version,
  };
}

interface SyncLogRow {
  seq: number;
  time: string;
  tenant: string;
  connection: string | null;
  idp: string | null;
  operation: string;
  resource_type: string;
  resource_id: string | null;
  outcome: SyncLogEntry['outcome'];
  detail: string;
}

const LOG_FILTERS: ReadonlyArray<[keyof SyncLogQuery, string]> = [
  ['tenant', 'tenant = ?'],
  ['connection', 'connection = ?'],
  ['operation', 'operation = ?'],
  ['outcome', 'outcome = ?'],
  ['resourceType', 'resource_type = ?'],
  ['resourceId', 'resource_id = ?'],
  ['since', 'time >= ?'],
  ['until', 'time <= ?'],
];

function isSqliteError(error: unknown, code: string): error is Error & { code: string } {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}

function migrate(db: Database.Database): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new Error(`store schema version ${applied} is newer than this build knows (${MIGRATIONS.length})`);
  }
  db.transaction(() => {
    for (const sql of MIGRATIONS.slice(applied)) db.exec(sql);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

function prepareStatements(db: Database.Database) {
  return {
    get: db.prepare<[string, string, string], ResourceRow>(
      `SELECT ${COLUMNS} FROM resources WHERE tenant = ? AND type = ? AND id = ?`,
    ),
    getAnyType: db.prepare<[string, string], ResourceRow>(`SELECT ${COLUMNS} FROM resources WHERE tenant = ? AND id = ?`),
    byUniqueKey: db.prepare<[string, string, string], ResourceRow>(
      `SELECT ${COLUMNS} FROM resources WHERE tenant = ? AND type = ? AND unique_key = ?`,
    ),
    byExternalId: db.prepare<[string, string, string], ResourceRow>(
      `SELECT ${COLUMNS} FROM resources WHERE tenant = ? AND type = ? AND external_id = ? ORDER BY seq`,
    ),
    page: db.prepare<[string, string, number, number], ResourceRow>(
      `SELECT ${COLUMNS} FROM resources WHERE tenant = ? AND type = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    count: db.prepare<[string, string], number>(`SELECT count(*) FROM resources WHERE tenant = ? AND type = ?`).pluck(),
    seqs: db.prepare<[string, string], number>(`SELECT seq FROM resources WHERE tenant = ? AND type = ? ORDER BY seq`).pluck(),
    // One range of the (tenant, type, seq) index: a page whose first and last seq the position index gave.
    // Rows as arrays, without the columns the caller knows: half the cost of a page's row objects.
    range: db
      .prepare<[string, string, number, number], PageRow>(
        `SELECT id, data, unique_key, external_id, display, created, last_modified, version
         FROM resources WHERE tenant = ? AND type = ? AND seq BETWEEN ? AND ? ORDER BY seq`,
      )
      .raw(),
    insert: db.prepare<ReturnType<typeof toParams>>(
      `INSERT INTO resources (tenant, type, id, data, unique_key, external_id, display, created, last_modified, version)
       VALUES (@tenant, @type, @id, @data, @unique_key, @external_id, @display, @created, @last_modified, @version)`,
    ),
    update: db.prepare<ReturnType<typeof toParams>>(
      `UPDATE resources SET data = @data, unique_key = @unique_key, external_id = @external_id, display = @display,
         created = @created, last_modified = @last_modified, version = @version
       WHERE tenant = @tenant AND type = @type AND id = @id`,
    ),
    // Memberships go with it through ON DELETE CASCADE.
    delete: db.prepare<[string, string, string], number>(`DELETE FROM resources WHERE tenant = ? AND type = ? AND id = ? RETURNING seq`).pluck(),
    isGroup: db
      .prepare<[string, string], number>(`SELECT 1 FROM resources WHERE tenant = ? AND id = ? AND type = 'Group'`)
      .pluck(),
    members: db.prepare<[string, string], { value: string; type: ResourceKind; display: string | null }>(
      `SELECT m.member_id AS value, m.member_type AS type, r.display
       FROM memberships m JOIN resources r ON r.tenant = m.tenant AND r.id = m.member_id
       WHERE m.tenant = ? AND m.group_id = ? ORDER BY m.rowid`,
    ),
    isMember: db
      .prepare<[string, string, string], number>(
        `SELECT 1 FROM memberships WHERE tenant = ? AND group_id = ? AND member_id = ?`,
      )
      .pluck(),
    groupsOf: db.prepare<[string, string], GroupRef>(
      `SELECT m.group_id AS groupId, r.display
       FROM memberships m JOIN resources r ON r.tenant = m.tenant AND r.id = m.group_id
       WHERE m.tenant = ? AND m.member_id = ? ORDER BY m.rowid`,
    ),
    // The ids come as one JSON array (json_each), so a page of any size is one prepared statement.
    groupsOfEach: db.prepare<[string, string], GroupRef & { memberId: string }>(
      `SELECT m.member_id AS memberId, m.group_id AS groupId, r.display
       FROM memberships m JOIN resources r ON r.tenant = m.tenant AND r.id = m.group_id
       WHERE m.tenant = ? AND m.member_id IN (SELECT value FROM json_each(?)) ORDER BY m.rowid`,
    ),
    addMember: db.prepare<[string, string, string, string]>(
      // OR IGNORE skips memberships already present; it does not apply to foreign keys, which still fail.
      `INSERT OR IGNORE INTO memberships (tenant, group_id, member_id, member_type) VALUES (?, ?, ?, ?)`,
    ),
    removeMember: db.prepare<[string, string, string]>(
      `DELETE FROM memberships WHERE tenant = ? AND group_id = ? AND member_id = ?`,
    ),
    clearMembers: db.prepare<[string, string]>(`DELETE FROM memberships WHERE tenant = ? AND group_id = ?`),
    getDoc: db.prepare<[string, string], string>(`SELECT data FROM docs WHERE collection = ? AND key = ?`).pluck(),
    // Upsert keeps seq, so a document keeps its place in listings when rewritten.
    putDoc: db.prepare<[string, string, string]>(
      `INSERT INTO docs (collection, key, data) VALUES (?, ?, ?) ON CONFLICT (collection, key) DO UPDATE SET data = excluded.data`,
    ),
    deleteDoc: db.prepare<[string, string]>(`DELETE FROM docs WHERE collection = ? AND key = ?`),
    // substr, not LIKE: keys may contain % or _.
    listDocs: db
      .prepare<[string, number, string], string>(`SELECT data FROM docs WHERE collection = ? AND substr(key, 1, ?) = ? ORDER BY seq`)
      .pluck(),
    appendLog: db.prepare<Omit<SyncLogRow, 'seq'>>(
      `INSERT INTO sync_log (time, tenant, connection, idp, operation, resource_type, resource_id, outcome, detail)
       VALUES (@time, @tenant, @connection, @idp, @operation, @resource_type, @resource_id, @outcome, @detail)`,
    ),
    dropResources: db.prepare<[string]>(`DELETE FROM resources WHERE tenant = ?`),
    dropMemberships: db.prepare<[string]>(`DELETE FROM memberships WHERE tenant = ?`),
    dropDocs: db.prepare<[number, string]>(`DELETE FROM docs WHERE substr(key, 1, ?) = ?`),
    dropLog: db.prepare<[string]>(`DELETE FROM sync_log WHERE tenant = ?`),
  };
}

const READ_CACHE_SIZE = 10_000;

/** Index of the first element of an ascending array that is >= `value` (binary search). */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const cacheKey = (tenant: string, id: string) => `${tenant}\u0000${id}`;


export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly sql: ReturnType<typeof prepareStatements>;
  /** One transaction wrapper for every call; better-sqlite3 turns nested calls into savepoints. */
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(path: string) {
    this.db = new Database(path);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
      migrate(this.db);
      this.sql = prepareStatements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
    // The WAL stays the same file while the database is open (checkpoints rewrite it from the start), so one
    // descriptor serves every flush; `a` creates it if SQLite has not yet.
    this.walFd = path === ':memory:' ? undefined : openSync(`${path}-wal`, 'a');
  }

  private readonly walFd: number | undefined;
  /** fsyncs of the WAL made so far (for tests and the bench: with group commit, far fewer than writes). */
  flushes = 0;
  /** Writes made so far, and how many of them a finished flush covered. */
  private writes = 0;
  private flushed = 0;
  private flushing: Promise<void> | undefined;

  durable(): Promise<void> {
    return this.flushUpTo(this.writes);
  }

  private async flushUpTo(target: number): Promise<void> {
    while (this.flushed < target && this.walFd !== undefined) {
      if (!this.flushing) {
        const covers = this.writes;
        const fd = this.walFd;
        this.flushes++;
        this.flushing = new Promise<void>((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())))
          .then(() => {
            this.flushed = Math.max(this.flushed, covers);
          })
          .finally(() => {
            this.flushing = undefined;
          });
      }
      await this.flushing;
    }
  }

  get(tenant: string, type: ResourceKind, id: string): StoredResource | undefined {
    const key = cacheKey(tenant, id);
    const cached = this.readCache.get(key);
    if (cached) return cached.type === type ? cached : undefined;
    const row = this.sql.get.get(tenant, type, id);
    if (!row) return undefined;
    const resource = toResource(row);
    // Only committed rows are cached: a row read inside a transaction may still be rolled back.
    if (!this.db.inTransaction) this.remember(key, resource);
    return resource;
  }

  /** Reads by id are the hot path (GET /Users/{id}); a bounded cache of frozen rows spares SQLite most of them. */
  private readonly readCache = new Map<string, StoredResource>();

  private remember(key: string, resource: StoredResource): void {
    if (this.readCache.size >= READ_CACHE_SIZE) this.readCache.delete(this.readCache.keys().next().value!);
    this.readCache.set(key, deepFreeze(resource));
  }

  private forget(tenant: string, id: string): void {
    this.readCache.delete(cacheKey(tenant, id));
  }

  getAnyType(tenant: string, id: string): StoredResource | undefined {
    const row = this.sql.getAnyType.get(tenant, id);
    return row && toResource(row);
  }

  findByUniqueKey(tenant: string, type: ResourceKind, uniqueKey: string): StoredResource | undefined {
    const row = this.sql.byUniqueKey.get(tenant, type, uniqueKey);
    return row && toResource(row);
  }

  findByExternalId(tenant: string, type: ResourceKind, externalId: string): StoredResource[] {
    return this.sql.byExternalId.all(tenant, type, externalId).map(toResource);
  }

  *all(tenant: string, type: ResourceKind): Iterable<StoredResource> {
    let after = 0;
    for (;;) {
      const rows = this.sql.page.all(tenant, type, after, PAGE);
      for (const row of rows) yield toResource(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  count(tenant: string, type: ResourceKind): number {
    const key = cacheKey(tenant, type);
    const cached = this.counts.get(key);
    if (cached !== undefined) return cached;
    const n = this.sql.count.get(tenant, type)!;
    if (!this.db.inTransaction) this.counts.set(key, n);
    return n;
  }

  /**
   * count(*) walks the whole type index (milliseconds at 100k), and every list page asks for it: committed counts
   * are kept, dropped by each insert and delete and by any failed transaction.
   */
  private readonly counts = new Map<string, number>();

  /**
   * O(log n + limit) at any depth: the position index gives the seqs of the page's first and last rows, and one
   * range read of the type index fetches the rows between them (exactly the page, as the index lists every row).
   */
  slice(tenant: string, type: ResourceKind, offset: number, limit: number): StoredResource[] {
    const seqs = this.positions(tenant, type);
    const from = Math.max(0, offset);
    if (limit <= 0 || from >= seqs.length) return [];
    const last = Math.min(seqs.length, from + limit) - 1;
    return this.sql.range.all(tenant, type, seqs[from]!, seqs[last]!).map(([id, data, uniqueKey, externalId, display, created, lastModified, version]) => ({
      tenant, type, id, data: JSON.parse(data) as Record<string, unknown>, uniqueKey, externalId, display, created, lastModified, version,
    }));
  }

  /**
   * The seqs of every committed resource of a type, ascending: what a page at an offset needs without an OFFSET
   * walk (milliseconds at 100k rows). Built on first use, appended to by inserts (AUTOINCREMENT only grows), cut by
   * deletes, and dropped with the counts by any failed transaction; 8 bytes a resource. Like the counts, it holds
   * because one process owns the file (SQLite is not the store for several serve processes; PostgreSQL is).
   */
  private readonly seqIndex = new Map<string, number[]>();

  private positions(tenant: string, type: ResourceKind): number[] {
    const key = cacheKey(tenant, type);
    let seqs = this.seqIndex.get(key);
    if (!seqs) {
      seqs = this.sql.seqs.all(tenant, type);
      if (!this.db.inTransaction) this.seqIndex.set(key, seqs);
    }
    return seqs;
  }

  /** The position is the row's AUTOINCREMENT seq, which SQLite never hands out twice. */
  scan(tenant: string, type: ResourceKind, after: number, limit: number): Positioned[] {
    if (limit <= 0) return [];
    return this.sql.page.all(tenant, type, after, limit).map((row) => ({ position: row.seq, resource: toResource(row) }));
  }

  insert(resource: StoredResource): void {
    this.writes++;
    this.forget(resource.tenant, resource.id);
    this.counts.delete(cacheKey(resource.tenant, resource.type));
    const { lastInsertRowid } = this.mapUniqueViolation(resource, () => this.sql.insert.run(toParams(resource)));
    this.seqIndex.get(cacheKey(resource.tenant, resource.type))?.push(Number(lastInsertRowid));
  }

  update(resource: StoredResource): boolean {
    this.writes++;
    this.forget(resource.tenant, resource.id);
    if (resource.type === 'Group') this.groupsCache.clear();
    return this.mapUniqueViolation(resource, () => this.sql.update.run(toParams(resource)).changes > 0);
  }

  delete(tenant: string, type: ResourceKind, id: string): boolean {
    this.writes++;
    this.forget(tenant, id);
    this.counts.delete(cacheKey(tenant, type));
    this.groupsCache.clear();
    const seq = this.sql.delete.get(tenant, type, id);
    if (seq === undefined) return false;
    const seqs = this.seqIndex.get(cacheKey(tenant, type));
    if (seqs) {
      const at = firstAtLeast(seqs, seq);
      if (seqs[at] === seq) seqs.splice(at, 1);
      else this.seqIndex.delete(cacheKey(tenant, type));
    }
    return true;
  }

  members(tenant: string, groupId: string): MemberView[] {
    return this.sql.members.all(tenant, groupId);
  }

  isMember(tenant: string, groupId: string, memberId: string): boolean {
    return this.sql.isMember.get(tenant, groupId, memberId) !== undefined;
  }

  groupsOf(tenant: string, memberId: string): GroupRef[] {
    const key = cacheKey(tenant, memberId);
    const cached = this.groupsCache.get(key);
    if (cached) return cached;
    const groups = this.sql.groupsOf.all(tenant, memberId);
    if (!this.db.inTransaction) this.cacheGroups(key, groups);
    return groups;
  }

  groupsOfEach(tenant: string, memberIds: readonly string[]): Map<string, GroupRef[]> {
    const out = new Map<string, GroupRef[]>();
    const missing: string[] = [];
    for (const id of memberIds) {
      if (out.has(id)) continue;
      const cached = this.groupsCache.get(cacheKey(tenant, id));
      if (cached) out.set(id, cached);
      else {
        out.set(id, []);
        missing.push(id);
      }
    }
    if (missing.length === 0) return out;
    for (const { memberId, groupId, display } of this.sql.groupsOfEach.all(tenant, JSON.stringify(missing))) {
      out.get(memberId)!.push({ groupId, display });
    }
    if (!this.db.inTransaction) for (const id of missing) this.cacheGroups(cacheKey(tenant, id), out.get(id)!);
    return out;
  }

  private cacheGroups(key: string, groups: GroupRef[]): void {
    if (this.groupsCache.size >= READ_CACHE_SIZE) this.groupsCache.delete(this.groupsCache.keys().next().value!);
    this.groupsCache.set(key, deepFreeze(groups));
  }

  /**
   * A User's `groups` costs a second query on every GET; cached per member and dropped wholesale whenever any
   * membership or any Group changes (a group rename changes the `display` every member shows).
   */
  private readonly groupsCache = new Map<string, GroupRef[]>();

  addMembers(tenant: string, groupId: string, members: Membership[]): number {
    this.writes++;
    this.groupsCache.clear();
    this.assertGroup(tenant, groupId);
    return this.transaction(() => {
      let added = 0;
      for (const { value, type } of members) {
        try {
          added += this.sql.addMember.run(tenant, groupId, value, type).changes;
        } catch (error) {
          if (isSqliteError(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw new MembershipTargetMissing('member', value);
          throw error;
        }
      }
      return added;
    });
  }

  removeMembers(tenant: string, groupId: string, memberIds: string[]): number {
    this.writes++;
    this.groupsCache.clear();
    return this.transaction(() => {
      let removed = 0;
      for (const memberId of memberIds) removed += this.sql.removeMember.run(tenant, groupId, memberId).changes;
      return removed;
    });
  }

  replaceMembers(tenant: string, groupId: string, members: Membership[]): void {
    this.writes++;
    this.groupsCache.clear();
    this.assertGroup(tenant, groupId);
    this.transaction(() => {
      this.sql.clearMembers.run(tenant, groupId);
      this.addMembers(tenant, groupId, members);
    });
  }

  getDoc<T>(collection: string, key: string): T | undefined {
    const text = this.sql.getDoc.get(collection, key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  putDoc(collection: string, key: string, value: unknown): void {
    this.writes++;
    this.sql.putDoc.run(collection, key, JSON.stringify(value));
  }

  deleteDoc(collection: string, key: string): boolean {
    this.writes++;
    return this.sql.deleteDoc.run(collection, key).changes > 0;
  }

  listDocs<T>(collection: string, keyPrefix = ''): T[] {
    return this.sql.listDocs.all(collection, keyPrefix.length, keyPrefix).map((text) => JSON.parse(text) as T);
  }

  appendSyncLog(e: SyncLogEntry): void {
    this.writes++;
    this.sql.appendLog.run({
      time: e.time, tenant: e.tenant, connection: e.connection, idp: e.idp, operation: e.operation,
      resource_type: e.resourceType, resource_id: e.resourceId, outcome: e.outcome, detail: e.detail,
    });
  }

  querySyncLog(query: SyncLogQuery): SyncLogPage {
    // Built from a fixed list of column conditions; only the values come from the caller, as parameters.
    const used = LOG_FILTERS.filter(([key]) => query[key] !== undefined);
    const where = used.length ? `WHERE ${used.map(([, sql]) => sql).join(' AND ')}` : '';
    const values = used.map(([key]) => query[key] as string);
    const total = this.db.prepare(`SELECT count(*) FROM sync_log ${where}`).pluck().get(...values) as number;
    const rows = this.db
      .prepare(`SELECT * FROM sync_log ${where} ORDER BY seq LIMIT ? OFFSET ?`)
      .all(...values, Math.max(0, query.count), Math.max(1, query.startIndex) - 1) as SyncLogRow[];
    return {
      total,
      entries: rows.map((r) => ({
        seq: r.seq, time: r.time, tenant: r.tenant, connection: r.connection, idp: r.idp, operation: r.operation,
        resourceType: r.resource_type, resourceId: r.resource_id, outcome: r.outcome, detail: r.detail,
      })),
    };
  }

  dropTenant(tenant: string): void {
    this.writes++;
    const prefix = `${tenant}/`;
    this.readCache.clear();
    this.groupsCache.clear();
    this.counts.clear();
    this.seqIndex.clear();
    this.transaction(() => {
      this.sql.dropMemberships.run(tenant);
      this.sql.dropResources.run(tenant);
      this.sql.dropDocs.run(prefix.length, prefix);
      this.sql.dropLog.run(tenant);
    });
  }

  transaction<T>(fn: () => T): T {
    try {
      return this.inTransaction(fn) as T;
    } catch (error) {
      // An insert or delete it undid may have been counted and indexed meanwhile.
      this.counts.clear();
      this.seqIndex.clear();
      throw error;
    }
  }

  close(): void {
    this.db.close();
    if (this.walFd !== undefined) closeSync(this.walFd);
  }

  private assertGroup(tenant: string, groupId: string): void {
    if (this.sql.isGroup.get(tenant, groupId) === undefined) throw new MembershipTargetMissing('group', groupId);
  }

  /** Turns the UNIQUE failure of (tenant, type, unique_key) into the contract's UniqueViolation. */
  private mapUniqueViolation<T>(resource: StoredResource, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (isSqliteError(error, 'SQLITE_CONSTRAINT_UNIQUE')) {
        if (error.message.includes('resources.unique_key')) throw new UniqueViolation(resource.uniqueKey);
        throw new Error(`id already exists in tenant: ${resource.id}`, { cause: error });
      }
      throw error;
    }
  }
}
