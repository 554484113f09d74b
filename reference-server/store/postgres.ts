/**
 * Store on PostgreSQL, for several `serve` processes sharing one database. The same contract as SqliteStore, with
 * what sharing needs: no read caches (another process may have written), uniqueness and membership enforced by the
 * database's constraints, and updates that succeed only over the version they replace (`version < new`), so two
 * processes changing one resource at once cannot both win: the loser gets ConcurrentUpdate and the resource layer
 * runs its operation again on the fresh row. COMMIT is asynchronous (synchronous_commit off: visible at once, on
 * disk a moment later); durable() makes every commit so far durable with one WAL flush shared by all the requests
 * in flight, and the HTTP layer acknowledges a write only after it (group commit, as on SQLite).
 */
import { MembershipTargetMissing } from './integrity.ts';
import { PostgresError, SyncPostgres } from './postgres-bridge.ts';
import {
  ConcurrentUpdate,
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

/** Applied in order under an advisory lock (two processes starting at once); `schema_version` records how many ran. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE resources (
     seq BIGSERIAL PRIMARY KEY,
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
   CREATE UNIQUE INDEX resources_id ON resources (tenant, id);
   CREATE INDEX resources_external_id ON resources (tenant, type, external_id);
   CREATE INDEX resources_type_seq ON resources (tenant, type, seq);
   CREATE TABLE memberships (
     seq BIGSERIAL,
     tenant TEXT NOT NULL,
     group_id TEXT NOT NULL,
     member_id TEXT NOT NULL,
     member_type TEXT NOT NULL CHECK (member_type IN ('User', 'Group')),
     PRIMARY KEY (tenant, group_id, member_id),
     FOREIGN KEY (tenant, group_id) REFERENCES resources (tenant, id) ON DELETE CASCADE,
     FOREIGN KEY (tenant, member_id) REFERENCES resources (tenant, id) ON DELETE CASCADE
   );
   CREATE INDEX memberships_member ON memberships (tenant, member_id);
   CREATE TABLE docs (
     seq BIGSERIAL PRIMARY KEY,
     collection TEXT NOT NULL,
     key TEXT NOT NULL,
     data TEXT NOT NULL,
     UNIQUE (collection, key)
   );
   CREATE TABLE sync_log (
     seq BIGSERIAL PRIMARY KEY,
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

/** Any number: the key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 7_644_2026;

interface ResourceRow {
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

const COLUMNS = 'tenant, type, id, data, unique_key, external_id, display, created, last_modified, version';

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

const LOG_FILTERS: ReadonlyArray<[keyof SyncLogQuery, string]> = [
  ['tenant', 'tenant'],
  ['connection', 'connection'],
  ['operation', 'operation'],
  ['outcome', 'outcome'],
  ['resourceType', 'resource_type'],
  ['resourceId', 'resource_id'],
];

export class PostgresStore implements Store {
  private readonly db: SyncPostgres;
  /** Open transaction levels: 0 none, 1 BEGIN, more are savepoints. */
  private depth = 0;

  /** `url`: a postgres:// or postgresql:// connection URL. Creates or brings forward the schema. */
  constructor(url: string) {
    this.db = new SyncPostgres(url);
    try {
      this.migrate();
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  private migrate(): void {
    this.q('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      this.q('CREATE TABLE IF NOT EXISTS schema_version (applied INTEGER NOT NULL)');
      const applied = this.q<{ applied: number }>('SELECT applied FROM schema_version').rows[0]?.applied ?? 0;
      if (applied > MIGRATIONS.length) throw new Error(`store schema version ${applied} is newer than this build knows (${MIGRATIONS.length})`);
      if (applied === MIGRATIONS.length) return;
      this.transaction(() => {
        for (const sql of MIGRATIONS.slice(applied)) this.q(sql);
        this.q('DELETE FROM schema_version');
        this.q('INSERT INTO schema_version (applied) VALUES ($1)', [MIGRATIONS.length]);
      });
    } finally {
      this.q('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  }

  private q<R = Record<string, unknown>>(sql: string, params: unknown[] = []) {
    if (!sql.startsWith('SELECT')) this.writes++;
    return this.db.query<R>(sql, params);
  }

  /**
   * A write whose result nobody reads: inside a transaction it is sent without waiting (a thread round trip saved; a
   * failure surfaces at the next call, at the latest at COMMIT, which is always awaited); outside, as q() does.
   */
  private write(sql: string, params: unknown[] = []): void {
    if (this.depth === 0) {
      this.q(sql, params);
      return;
    }
    this.writes++;
    this.db.send(sql, params);
  }

  /** Statements other than SELECT sent so far, and how many of them a finished flush covers (see durable()). */
  private writes = 0;
  private flushed = 0;
  private flushing: Promise<void> | undefined;
  /** WAL flushes requested so far (for tests and the bench: with group commit, far fewer than writes). */
  flushes = 0;

  private one(sql: string, params: unknown[]): StoredResource | undefined {
    const row = this.q<ResourceRow>(sql, params).rows[0];
    return row && toResource(row);
  }

  get(tenant: string, type: ResourceKind, id: string): StoredResource | undefined {
    return this.one(`SELECT ${COLUMNS} FROM resources WHERE tenant = $1 AND type = $2 AND id = $3`, [tenant, type, id]);
  }

  getAnyType(tenant: string, id: string): StoredResource | undefined {
    return this.one(`SELECT ${COLUMNS} FROM resources WHERE tenant = $1 AND id = $2`, [tenant, id]);
  }

  findByUniqueKey(tenant: string, type: ResourceKind, uniqueKey: string): StoredResource | undefined {
    return this.one(`SELECT ${COLUMNS} FROM resources WHERE tenant = $1 AND type = $2 AND unique_key = $3`, [tenant, type, uniqueKey]);
  }

  findByExternalId(tenant: string, type: ResourceKind, externalId: string): StoredResource[] {
    return this.q<ResourceRow>(`SELECT ${COLUMNS} FROM resources WHERE tenant = $1 AND type = $2 AND external_id = $3 ORDER BY seq`, [tenant, type, externalId]).rows.map(toResource);
  }

  *all(tenant: string, type: ResourceKind): Iterable<StoredResource> {
    // Keyset pages: no cursor stays open between steps, and each step is one indexed range read.
    let after = '0';
    for (;;) {
      const rows = this.q<ResourceRow & { seq: string }>(
        `SELECT seq, ${COLUMNS} FROM resources WHERE tenant = $1 AND type = $2 AND seq > $3 ORDER BY seq LIMIT 500`,
        [tenant, type, after],
      ).rows;
      for (const row of rows) yield toResource(row);
      if (rows.length < 500) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  count(tenant: string, type: ResourceKind): number {
    return this.q<{ n: number }>('SELECT count(*)::int AS n FROM resources WHERE tenant = $1 AND type = $2', [tenant, type]).rows[0]!.n;
  }

  slice(tenant: string, type: ResourceKind, offset: number, limit: number): StoredResource[] {
    if (limit <= 0) return [];
    return this.q<ResourceRow>(
      `SELECT ${COLUMNS} FROM resources WHERE seq IN (
         SELECT seq FROM resources WHERE tenant = $1 AND type = $2 ORDER BY seq LIMIT $3 OFFSET $4
       ) ORDER BY seq`,
      [tenant, type, limit, Math.max(0, offset)],
    ).rows.map(toResource);
  }

  /** The position is the row's BIGSERIAL seq: it only grows and is never handed out twice. */
  scan(tenant: string, type: ResourceKind, after: number, limit: number): Positioned[] {
    if (limit <= 0) return [];
    return this.q<ResourceRow & { seq: string }>(
      `SELECT seq, ${COLUMNS} FROM resources WHERE tenant = $1 AND type = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [tenant, type, after, limit],
    ).rows.map((row) => ({ position: Number(row.seq), resource: toResource(row) }));
  }

  insert(r: StoredResource): void {
    this.mapUniqueViolation(r, () =>
      this.q(`INSERT INTO resources (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
        r.tenant, r.type, r.id, JSON.stringify(r.data), r.uniqueKey, r.externalId, r.display, r.created, r.lastModified, r.version,
      ]),
    );
  }

  update(r: StoredResource): boolean {
    const changed = this.mapUniqueViolation(r, () =>
      this.q(
        `UPDATE resources SET data = $4, unique_key = $5, external_id = $6, display = $7, created = $8, last_modified = $9, version = $10
         WHERE tenant = $1 AND type = $2 AND id = $3 AND version < $10`,
        [r.tenant, r.type, r.id, JSON.stringify(r.data), r.uniqueKey, r.externalId, r.display, r.created, r.lastModified, r.version],
      ).rowCount,
    );
    if (changed > 0) return true;
    if (this.get(r.tenant, r.type, r.id)) throw new ConcurrentUpdate(r.id);
    return false;
  }

  delete(tenant: string, type: ResourceKind, id: string): boolean {
    return this.q('DELETE FROM resources WHERE tenant = $1 AND type = $2 AND id = $3', [tenant, type, id]).rowCount > 0;
  }

  members(tenant: string, groupId: string): MemberView[] {
    return this.q<MemberView>(
      `SELECT m.member_id AS value, m.member_type AS type, r.display
       FROM memberships m JOIN resources r ON r.tenant = m.tenant AND r.id = m.member_id
       WHERE m.tenant = $1 AND m.group_id = $2 ORDER BY m.seq`,
      [tenant, groupId],
    ).rows;
  }

  isMember(tenant: string, groupId: string, memberId: string): boolean {
    return this.q('SELECT 1 FROM memberships WHERE tenant = $1 AND group_id = $2 AND member_id = $3', [tenant, groupId, memberId]).rows.length > 0;
  }

  groupsOf(tenant: string, memberId: string): GroupRef[] {
    return this.q<GroupRef>(
      `SELECT m.group_id AS "groupId", r.display
       FROM memberships m JOIN resources r ON r.tenant = m.tenant AND r.id = m.group_id
       WHERE m.tenant = $1 AND m.member_id = $2 ORDER BY m.seq`,
      [tenant, memberId],
    ).rows;
  }

  groupsOfEach(tenant: string, memberIds: readonly string[]): Map<string, GroupRef[]> {
    const out = new Map<string, GroupRef[]>(memberIds.map((id) => [id, []]));
    if (memberIds.length === 0) return out;
    const rows = this.q<GroupRef & { memberId: string }>(
      `SELECT m.member_id AS "memberId", m.group_id AS "groupId", r.display
       FROM memberships m JOIN resources r ON r.tenant = m.tenant AND r.id = m.group_id
       WHERE m.tenant = $1 AND m.member_id = ANY($2::text[]) ORDER BY m.seq`,
      [tenant, memberIds],
    ).rows;
    for (const { memberId, groupId, display } of rows) out.get(memberId)!.push({ groupId, display });
    return out;
  }

  addMembers(tenant: string, groupId: string, members: Membership[]): number {
    this.assertGroup(tenant, groupId);
    if (members.length === 0) return 0;
    try {
      // One statement for the whole list; a savepoint so a missing member leaves an enclosing transaction usable.
      return this.transaction(() =>
        this.q(
          `INSERT INTO memberships (tenant, group_id, member_id, member_type)
           SELECT $1, $2, m.id, m.type FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS m(id, type, n) ORDER BY m.n
           ON CONFLICT DO NOTHING`,
          [tenant, groupId, members.map((m) => m.value), members.map((m) => m.type)],
        ).rowCount,
      );
    } catch (error) {
      if (!(error instanceof PostgresError && error.code === '23503')) throw error;
      const present = new Set(this.q<{ id: string }>('SELECT id FROM resources WHERE tenant = $1 AND id = ANY($2::text[])', [tenant, members.map((m) => m.value)]).rows.map((r) => r.id));
      throw new MembershipTargetMissing('member', members.find((m) => !present.has(m.value))?.value ?? '');
    }
  }

  removeMembers(tenant: string, groupId: string, memberIds: string[]): number {
    if (memberIds.length === 0) return 0;
    return this.q('DELETE FROM memberships WHERE tenant = $1 AND group_id = $2 AND member_id = ANY($3::text[])', [tenant, groupId, memberIds]).rowCount;
  }

  replaceMembers(tenant: string, groupId: string, members: Membership[]): void {
    this.assertGroup(tenant, groupId);
    this.transaction(() => {
      this.q('DELETE FROM memberships WHERE tenant = $1 AND group_id = $2', [tenant, groupId]);
      this.addMembers(tenant, groupId, members);
    });
  }

  getDoc<T>(collection: string, key: string): T | undefined {
    const row = this.q<{ data: string }>('SELECT data FROM docs WHERE collection = $1 AND key = $2', [collection, key]).rows[0];
    return row === undefined ? undefined : (JSON.parse(row.data) as T);
  }

  putDoc(collection: string, key: string, value: unknown): void {
    this.write(
      'INSERT INTO docs (collection, key, data) VALUES ($1, $2, $3) ON CONFLICT (collection, key) DO UPDATE SET data = excluded.data',
      [collection, key, JSON.stringify(value)],
    );
  }

  deleteDoc(collection: string, key: string): boolean {
    return this.q('DELETE FROM docs WHERE collection = $1 AND key = $2', [collection, key]).rowCount > 0;
  }

  listDocs<T>(collection: string, keyPrefix = ''): T[] {
    // left(), not LIKE: keys may contain % or _.
    return this.q<{ data: string }>('SELECT data FROM docs WHERE collection = $1 AND left(key, $2) = $3 ORDER BY seq', [collection, keyPrefix.length, keyPrefix])
      .rows.map((r) => JSON.parse(r.data) as T);
  }

  appendSyncLog(e: SyncLogEntry): void {
    this.write(
      `INSERT INTO sync_log (time, tenant, connection, idp, operation, resource_type, resource_id, outcome, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.time, e.tenant, e.connection, e.idp, e.operation, e.resourceType, e.resourceId, e.outcome, e.detail],
    );
  }

  querySyncLog(query: SyncLogQuery): SyncLogPage {
    // Built from a fixed list of columns; only the values come from the caller, as parameters.
    const conditions: string[] = [];
    const values: unknown[] = [];
    for (const [key, column] of LOG_FILTERS) {
      if (query[key] === undefined) continue;
      values.push(query[key]);
      conditions.push(`${column} = $${values.length}`);
    }
    if (query.since !== undefined) conditions.push(`time >= $${values.push(query.since)}`);
    if (query.until !== undefined) conditions.push(`time <= $${values.push(query.until)}`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const total = this.q<{ n: number }>(`SELECT count(*)::int AS n FROM sync_log ${where}`, values).rows[0]!.n;
    const rows = this.q<Record<string, string | null> & { seq: string }>(
      `SELECT * FROM sync_log ${where} ORDER BY seq LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, Math.max(0, query.count), Math.max(1, query.startIndex) - 1],
    ).rows;
    return {
      total,
      entries: rows.map((r) => ({
        seq: Number(r.seq), time: r.time!, tenant: r.tenant!, connection: r.connection, idp: r.idp, operation: r.operation!,
        resourceType: r.resource_type!, resourceId: r.resource_id, outcome: r.outcome as SyncLogEntry['outcome'], detail: r.detail!,
      })),
    };
  }

  dropTenant(tenant: string): void {
    const prefix = `${tenant}/`;
    this.transaction(() => {
      this.q('DELETE FROM memberships WHERE tenant = $1', [tenant]);
      this.q('DELETE FROM resources WHERE tenant = $1', [tenant]);
      this.q('DELETE FROM docs WHERE left(key, $1) = $2', [prefix.length, prefix]);
      this.q('DELETE FROM sync_log WHERE tenant = $1', [tenant]);
    });
  }

  /**
   * Commits are asynchronous (postgres-worker.mjs): this flushes PostgreSQL's WAL once for every write made so far,
   * shared by all the requests waiting (group commit, as SqliteStore does), and resolves when it is on disk.
   */
  async durable(): Promise<void> {
    const target = this.writes;
    while (this.flushed < target) {
      if (!this.flushing) {
        const covers = this.writes;
        this.flushes++;
        this.flushing = this.db
          .flush()
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

  transaction<T>(fn: () => T): T {
    const level = ++this.depth;
    this.write(level === 1 ? 'BEGIN' : `SAVEPOINT s${level}`);
    try {
      const result = fn();
      if (level === 1) this.q('COMMIT');
      else this.write(`RELEASE SAVEPOINT s${level}`);
      return result;
    } catch (error) {
      this.q(level === 1 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT s${level}`);
      throw error;
    } finally {
      this.depth--;
    }
  }

  close(): void {
    this.db.close();
  }

  private assertGroup(tenant: string, groupId: string): void {
    if (this.q("SELECT 1 FROM resources WHERE tenant = $1 AND id = $2 AND type = 'Group'", [tenant, groupId]).rows.length === 0) {
      throw new MembershipTargetMissing('group', groupId);
    }
  }

  /** Turns the unique-index failure of (tenant, type, unique_key) into the contract's UniqueViolation. */
  private mapUniqueViolation<T>(resource: StoredResource, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (error instanceof PostgresError && error.code === '23505') {
        if (error.constraint === 'resources_unique_key') throw new UniqueViolation(resource.uniqueKey);
        throw new Error(`id already exists in tenant: ${resource.id}`, { cause: error });
      }
      throw error;
    }
  }
}
