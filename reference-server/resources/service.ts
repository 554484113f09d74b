import { ScimError, badRequest, conflict, invalidValue, notFound } from '../../scim/errors.ts';
import { compileFilter, parseFilter, type Filter } from '../../scim/filter/index.ts';
import { applyPatch } from '../../scim/patch/apply.ts';
import { project, type ProjectionOptions } from '../../scim/projection.ts';
import { checkImmutable, normalizeResource } from '../../scim/resource/normalize.ts';
import type { ResourceTypeDef } from '../../scim/schema/types.ts';
import { compileSort } from '../../scim/sort.ts';
import { foldCase } from '../../scim/compare.ts';
import { URN } from '../../scim/urns.ts';
import { ConcurrentUpdate, UniqueViolation, type ResourceKind, type StoredResource } from '../store/types.ts';
import type { RequestContext, ServiceDeps } from './context.ts';
import { etagOf, locationOf, materialize } from './materialize.ts';
import { CursorCodec, type CursorPosition } from './cursor.ts';
import type { ServiceFeatures } from './discovery.ts';
import { assertDefinedAttributes, interopPatch } from './interop-profile.ts';
import { splitGroupPatch, type MemberDelta } from './member-ops.ts';
import { DURABLE_COST, hashPassword } from './passwords.ts';
import { laterThan, leaveAllGroups } from './versioning.ts';

export interface ListQuery extends ProjectionOptions {
  filter?: string;
  sortBy?: string;
  sortOrder?: string;
  startIndex?: number;
  count?: number;
  /** RFC 9865 §2: empty for the first page of a cursor walk, then each nextCursor as given. */
  cursor?: string;
}

export interface ListResult {
  schemas: [typeof URN.ListResponse];
  totalResults: number;
  itemsPerPage: number;
  /** Index paging only (RFC 7644 §3.4.2.4); cursor pages answer nextCursor instead. */
  startIndex?: number;
  /** RFC 9865 §2 Table 2: present on every cursor page but the last. */
  nextCursor?: string;
  Resources: Record<string, unknown>[];
}

/** A single resource as answered: the projected body and the headers that describe it. */
export interface ResourceResult {
  body: Record<string, unknown>;
  etag: string;
  location: string;
}

export const MAX_RESULTS = 200;

/**
 * Most operations one PatchOp may carry; more is 413 before any is applied. Far above what IdPs send (they batch
 * member changes into one operation's value list), and it bounds the work of operations whose cost is one pass over
 * a multi-valued attribute (valuePath filters) to this many passes.
 */
export const MAX_PATCH_OPERATIONS = 1000;

/** Create, read, list, replace, patch and delete for Users and Groups. Knows nothing about HTTP. */
export class ResourceService {
  constructor(private readonly deps: ServiceDeps) {}

  get registry() {
    return this.deps.registry;
  }

  /** log2 of scrypt's N this service hashes passwords with. */
  get passwordCost(): number {
    return this.deps.passwordCost ?? DURABLE_COST;
  }

  /** Runs fn in one store transaction (nested calls join it): if fn throws, nothing it wrote remains. */
  atomically<T>(fn: () => T): T {
    return this.deps.store.transaction(fn);
  }

  /** What /ServiceProviderConfig advertises beyond the fixed members. */
  get features(): ServiceFeatures {
    return {
      cursorTimeout: this.deps.cursors?.timeoutSeconds,
      defaultPagination: this.deps.cursors ? (this.deps.defaultPagination ?? 'index') : 'index',
      interopProfile: this.deps.interopProfile ?? false,
    };
  }

  resourceType(name: ResourceKind): ResourceTypeDef {
    const rt = this.deps.registry.resourceType(name);
    if (!rt) throw new Error(`resource type ${name} is not registered`);
    return rt;
  }

  create(ctx: RequestContext, rt: ResourceTypeDef, body: unknown, projection: ProjectionOptions = {}): ResourceResult {
    const { store, lenient } = this.deps;
    if (this.deps.interopProfile) assertDefinedAttributes(body, rt, this.deps.registry);
    const normalized = normalizeResource(body, { registry: this.deps.registry, rt, lenient, mode: 'create' });
    const data: Record<string, unknown> = { ...normalized.data, schemas: normalized.schemas };
    sealPassword(ctx, data, undefined, this.passwordCost);
    const link = this.deps.hooks?.beforeCreate(ctx, rt.name as ResourceKind, data);
    const now = this.deps.now().toISOString();
    const stored: StoredResource = {
      tenant: ctx.tenant,
      type: rt.name as ResourceKind,
      id: link?.linkTo ?? this.deps.newId(),
      data,
      uniqueKey: uniqueKeyOf(rt, data),
      externalId: typeof data.externalId === 'string' ? data.externalId : null,
      display: displayOf(rt, data),
      created: now,
      lastModified: now,
      version: 1,
    };
    store.transaction(() => {
      this.assertUnique(ctx, rt, stored);
      this.write(() => store.insert(stored), rt, stored);
      if (normalized.members?.length) {
        store.addMembers(ctx.tenant, stored.id, this.resolveMembers(ctx, stored.id, normalized.members.map((m) => m.value)));
      }
      this.deps.hooks?.afterWrite(ctx, 'create', undefined, stored, body);
    });
    return this.result(ctx, rt, store.get(ctx.tenant, stored.type, stored.id)!, projection);
  }

  get(ctx: RequestContext, rt: ResourceTypeDef, id: string, projection: ProjectionOptions = {}): ResourceResult {
    return this.result(ctx, rt, this.load(ctx, rt, id), projection);
  }

  /** The current ETag of a resource, without building its representation (for If-None-Match). */
  etag(ctx: RequestContext, rt: ResourceTypeDef, id: string): string {
    return etagOf(this.load(ctx, rt, id));
  }

  replace(ctx: RequestContext, rt: ResourceTypeDef, id: string, body: unknown, ifMatch?: string, projection: ProjectionOptions = {}): ResourceResult {
    return retryConcurrent(() => this.replaceOnce(ctx, rt, id, body, ifMatch, projection));
  }

  private replaceOnce(ctx: RequestContext, rt: ResourceTypeDef, id: string, body: unknown, ifMatch: string | undefined, projection: ProjectionOptions): ResourceResult {
    const { store, lenient, registry } = this.deps;
    const existing = this.load(ctx, rt, id);
    assertPrecondition(existing, ifMatch);
    if (this.deps.interopProfile) assertDefinedAttributes(body, rt, registry);
    const normalized = normalizeResource(body, { registry, rt, lenient, mode: 'replace' });
    checkImmutable(existing.data, normalized.data, rt, registry);
    const data: Record<string, unknown> = { ...normalized.data, schemas: normalized.schemas };
    sealPassword(ctx, data, existing, this.passwordCost);
    const updated = this.successor(existing, rt, data);
    this.deps.hooks?.beforeUpdate(ctx, existing, data);
    store.transaction(() => {
      this.assertUnique(ctx, rt, updated);
      this.write(() => store.update(updated), rt, updated);
      if (normalized.members !== undefined) {
        store.replaceMembers(ctx.tenant, id, this.resolveMembers(ctx, id, normalized.members.map((m) => m.value)));
      }
      this.deps.hooks?.afterWrite(ctx, 'replace', existing, updated, body);
    });
    return this.result(ctx, rt, store.get(ctx.tenant, updated.type, id)!, projection);
  }

  /**
   * Applies a PatchOp. Returns undefined for a Group when the caller did not ask for a representation: the HTTP
   * layer then answers 204, which is what Entra prefers and spares materializing a large member list.
   */
  patch(
    ctx: RequestContext,
    rt: ResourceTypeDef,
    id: string,
    body: unknown,
    ifMatch?: string,
    projection: ProjectionOptions = {},
    wantBody = true,
  ): ResourceResult | { etag: string; location: string } {
    assertPatchSize(body);
    return retryConcurrent(() => this.patchOnce(ctx, rt, id, body, ifMatch, projection, wantBody));
  }

  private patchOnce(
    ctx: RequestContext,
    rt: ResourceTypeDef,
    id: string,
    body: unknown,
    ifMatch: string | undefined,
    projection: ProjectionOptions,
    wantBody: boolean,
  ): ResourceResult | { etag: string; location: string } {
    const existing = this.load(ctx, rt, id);
    assertPrecondition(existing, ifMatch);
    if (this.deps.interopProfile) body = interopPatch(body, rt, this.deps.registry);
    const split = rt.name === 'Group' ? splitGroupPatch(body, this.deps.lenient) : undefined;
    const final = split ? this.patchGroupFast(ctx, rt, existing, split.memberDeltas, split.rest) : this.patchGeneric(ctx, rt, existing, body);
    if (!wantBody) return { etag: etagOf(final), location: locationOf(ctx, rt, id) };
    return this.result(ctx, rt, final, projection);
  }

  /**
   * Deletes a User or Group. The groups it was a member of lose it (P-DEL-07), and since their member lists change,
   * so do their versions and lastModified (RFC 7644 §3.14).
   */
  delete(ctx: RequestContext, rt: ResourceTypeDef, id: string, ifMatch?: string): void {
    const existing = this.load(ctx, rt, id);
    assertPrecondition(existing, ifMatch);
    this.deps.hooks?.beforeDelete(ctx, existing);
    this.deps.store.transaction(() => {
      leaveAllGroups(this.deps.store, ctx.tenant, id, this.deps.now);
      this.deps.store.delete(ctx.tenant, existing.type, id);
      this.deps.hooks?.afterDelete(ctx, existing);
    });
  }

  /** Lists one or several resource types (several for queries at the service root, RFC 7644 §3.4.2.1). */
  list(ctx: RequestContext, rts: ResourceTypeDef[], query: ListQuery): ListResult {
    const { cursors, defaultPagination = 'index' } = this.deps;
    if (query.cursor !== undefined && query.startIndex !== undefined) {
      throw invalidValue('Page by startIndex (RFC 7644 §3.4.2.4) or by cursor (RFC 9865), not both in one query.');
    }
    if (query.cursor !== undefined && !cursors) throw badRequest('invalidCursor', 'This server pages by startIndex only; it issues no cursors.');
    if (cursors && (query.cursor !== undefined || (defaultPagination === 'cursor' && query.startIndex === undefined))) {
      return this.listByCursor(ctx, rts, query, cursors);
    }
    const startIndex = Math.max(1, Math.trunc(query.startIndex ?? 1));
    const count = Math.min(MAX_RESULTS, Math.max(0, Math.trunc(query.count ?? MAX_RESULTS)));
    const filter = query.filter !== undefined ? this.parse(query.filter) : undefined;

    let total: number;
    let page: Array<{ rt: ResourceTypeDef; resource: Record<string, unknown> }>;
    if (!filter && !query.sortBy && rts.length === 1) {
      // Unfiltered, unsorted: the store pages in creation order; only the page's resources are read and built.
      const rt = rts[0];
      total = this.deps.store.count(ctx.tenant, rt.name as ResourceKind);
      page = this.fullEach(ctx, rt, this.deps.store.slice(ctx.tenant, rt.name as ResourceKind, startIndex - 1, count)).map((resource) => ({ rt, resource }));
    } else {
      const matches = this.match(ctx, rts, filter);
      this.sort(rts, matches, query);
      total = matches.length;
      page = count > 0 ? matches.slice(startIndex - 1, startIndex - 1 + count) : [];
    }
    return {
      schemas: [URN.ListResponse],
      totalResults: total,
      itemsPerPage: page.length,
      startIndex,
      Resources: page.map(({ rt, resource }) => project(resource, rt, this.deps.registry, query)),
    };
  }

  /**
   * RFC 9865 cursor paging. Unsorted queries on one resource type walk the store by creation-order position
   * (Store.scan), so a walk returns every resource that exists throughout exactly once while others are created
   * and deleted; sorted or cross-type queries page by offset into the sorted result (§2.2: sorted, not stable).
   * One look-ahead match decides whether a next page exists, so nextCursor is absent exactly on the last page.
   */
  private listByCursor(ctx: RequestContext, rts: ResourceTypeDef[], query: ListQuery, cursors: CursorCodec): ListResult {
    const count = Math.min(MAX_RESULTS, Math.max(0, Math.trunc(query.count ?? MAX_RESULTS)));
    const filter = query.filter !== undefined ? this.parse(query.filter) : undefined;
    const keyset = rts.length === 1 && !query.sortBy;
    const digest = CursorCodec.queryDigest([rts.map((rt) => rt.name).join(','), query.filter, query.sortBy, query.sortOrder]);
    const from: CursorPosition = query.cursor ? cursors.decode(query.cursor, digest) : { kind: keyset ? 'after' : 'offset', value: 0 };
    if (from.kind !== (keyset ? 'after' : 'offset')) throw badRequest('invalidCursor', 'The cursor belongs to another query.');

    let total: number;
    let page: Array<{ rt: ResourceTypeDef; resource: Record<string, unknown> }>;
    let next: CursorPosition | undefined;
    if (keyset) {
      const rt = rts[0];
      const type = rt.name as ResourceKind;
      const predicate = filter ? compileFilter(filter, rt, this.deps.registry, { lenient: this.deps.lenient, unknownAttributes: 'error' }) : undefined;
      total = filter ? this.match(ctx, rts, filter).length : this.deps.store.count(ctx.tenant, type);
      const found: Array<{ position: number; resource: Record<string, unknown> }> = [];
      let after = from.value;
      const batch = Math.max(count + 1, 100);
      for (;;) {
        const rows = this.deps.store.scan(ctx.tenant, type, after, batch);
        const resources = this.fullEach(ctx, rt, rows.map((row) => row.resource));
        for (const [i, row] of rows.entries()) {
          after = row.position;
          const resource = resources[i];
          if (!predicate || predicate(resource)) found.push({ position: row.position, resource });
          if (found.length > count) break;
        }
        if (found.length > count || rows.length < batch) break;
      }
      page = found.slice(0, count).map(({ resource }) => ({ rt, resource }));
      if (found.length > count) next = { kind: 'after', value: count > 0 ? found[count - 1].position : from.value };
    } else {
      const matches = this.match(ctx, rts, filter);
      this.sort(rts, matches, query);
      total = matches.length;
      page = matches.slice(from.value, from.value + count);
      if (from.value + count < total) next = { kind: 'offset', value: from.value + count };
    }
    return {
      schemas: [URN.ListResponse],
      totalResults: total,
      itemsPerPage: page.length,
      ...(next ? { nextCursor: cursors.encode(next, digest) } : {}),
      Resources: page.map(({ rt, resource }) => project(resource, rt, this.deps.registry, query)),
    };
  }

  private sort(rts: ResourceTypeDef[], matches: Array<{ rt: ResourceTypeDef; resource: Record<string, unknown> }>, query: ListQuery): void {
    if (!query.sortBy) return;
    const byType = new Map(rts.map((rt) => [rt.name, compileSort(query.sortBy!, query.sortOrder, rt, this.deps.registry)]));
    const order = byType.get(rts[0].name)!;
    matches.sort((a, b) => (a.rt === b.rt ? byType.get(a.rt.name)! : order)(a.resource, b.resource));
  }

  private parse(text: string): Filter {
    return parseFilter(text, { lenient: this.deps.lenient });
  }

  private match(ctx: RequestContext, rts: ResourceTypeDef[], filter: Filter | undefined) {
    const out: Array<{ rt: ResourceTypeDef; resource: Record<string, unknown> }> = [];
    // Across resource types, a filter on an attribute one type lacks is false for that type (P-GET-10).
    const options = { lenient: this.deps.lenient, unknownAttributes: rts.length > 1 ? ('false' as const) : ('error' as const) };
    for (const rt of rts) {
      const predicate = filter ? compileFilter(filter, rt, this.deps.registry, options) : undefined;
      const candidates = (filter && this.indexed(ctx, rt, filter)) ?? this.deps.store.all(ctx.tenant, rt.name as ResourceKind);
      for (const chunk of chunks(candidates, MATERIALIZE_BATCH)) {
        for (const resource of this.fullEach(ctx, rt, chunk)) if (!predicate || predicate(resource)) out.push({ rt, resource });
      }
    }
    return out;
  }

  /** Candidates from an index when the filter pins an indexed attribute with `eq`; undefined means scan. */
  private indexed(ctx: RequestContext, rt: ResourceTypeDef, filter: Filter): StoredResource[] | undefined {
    if (filter.kind === 'and') return this.indexed(ctx, rt, filter.left) ?? this.indexed(ctx, rt, filter.right);
    if (filter.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string' || filter.path.sub) return undefined;
    if (filter.path.urn && filter.path.urn.toLowerCase() !== rt.schema.toLowerCase()) return undefined;
    const { store } = this.deps;
    const type = rt.name as ResourceKind;
    const name = filter.path.attr.toLowerCase();
    const one = (r: StoredResource | undefined) => (r ? [r] : []);
    if (name === 'id') return one(store.get(ctx.tenant, type, filter.value));
    if (name === 'externalid') return store.findByExternalId(ctx.tenant, type, filter.value);
    if ((type === 'User' && name === 'username') || (type === 'Group' && name === 'displayname')) {
      return one(store.findByUniqueKey(ctx.tenant, type, foldCase(filter.value)));
    }
    return undefined;
  }

  private patchGeneric(ctx: RequestContext, rt: ResourceTypeDef, existing: StoredResource, body: unknown): StoredResource {
    const { store, registry, lenient } = this.deps;
    const before = this.full(ctx, rt, existing);
    const { resource: after, changed, schemas } = applyPatch(before, body, { registry, rt, lenient });
    if (!changed) return existing;
    const data = storedData(after, schemas);
    sealPassword(ctx, data, existing, this.passwordCost);
    const updated = this.successor(existing, rt, data);
    this.deps.hooks?.beforeUpdate(ctx, existing, data);
    store.transaction(() => {
      this.assertUnique(ctx, rt, updated);
      this.write(() => store.update(updated), rt, updated);
      if (rt.name === 'Group') {
        const ids = Array.isArray(after.members) ? (after.members as { value: string }[]).map((m) => m.value) : [];
        store.replaceMembers(ctx.tenant, existing.id, this.resolveMembers(ctx, existing.id, ids));
      }
      this.deps.hooks?.afterWrite(ctx, 'patch', existing, updated);
    });
    return store.get(ctx.tenant, existing.type, existing.id)!;
  }

  private patchGroupFast(
    ctx: RequestContext,
    rt: ResourceTypeDef,
    existing: StoredResource,
    deltas: MemberDelta[],
    rest: { schemas: string[]; Operations: unknown[] } | undefined,
  ): StoredResource {
    const { store, registry, lenient } = this.deps;
    let data = existing.data;
    let attributesChanged = false;
    if (rest) {
      const before = this.full(ctx, rt, existing, false);
      const patched = applyPatch(before, rest, { registry, rt, lenient });
      attributesChanged = patched.changed;
      if (patched.changed) data = storedData(patched.resource, patched.schemas);
    }
    if (attributesChanged) this.deps.hooks?.beforeUpdate(ctx, existing, data);
    return store.transaction(() => {
      let membersChanged = false;
      for (const delta of deltas) membersChanged = this.applyDelta(ctx, existing.id, delta) || membersChanged;
      if (!attributesChanged && !membersChanged) return existing;
      const updated = this.successor(existing, rt, data);
      this.assertUnique(ctx, rt, updated);
      this.write(() => store.update(updated), rt, updated);
      this.deps.hooks?.afterWrite(ctx, 'patch', existing, updated);
      return store.get(ctx.tenant, existing.type, existing.id)!;
    });
  }

  private applyDelta(ctx: RequestContext, groupId: string, delta: MemberDelta): boolean {
    const { store } = this.deps;
    switch (delta.kind) {
      case 'add':
        return store.addMembers(ctx.tenant, groupId, this.resolveMembers(ctx, groupId, delta.ids)) > 0;
      case 'remove':
        return store.removeMembers(ctx.tenant, groupId, delta.ids) > 0;
      case 'removeAll': {
        const had = store.members(ctx.tenant, groupId).length > 0;
        store.replaceMembers(ctx.tenant, groupId, []);
        return had;
      }
      case 'replace':
        store.replaceMembers(ctx.tenant, groupId, this.resolveMembers(ctx, groupId, delta.ids));
        return true;
    }
  }

  /** Members must name existing Users or Groups of the tenant; their type comes from the store, not the client. */
  private resolveMembers(ctx: RequestContext, groupId: string, ids: string[]) {
    return [...new Set(ids)].map((value) => {
      if (value === groupId) throw invalidValue(`A group cannot be a member of itself (member "${value}").`);
      const member = this.deps.store.getAnyType(ctx.tenant, value);
      if (!member) throw invalidValue(`Member "${value}" is not the id of an existing User or Group.`);
      return { value, type: member.type };
    });
  }

  private assertUnique(ctx: RequestContext, rt: ResourceTypeDef, candidate: StoredResource): void {
    const holder = this.deps.store.findByUniqueKey(ctx.tenant, candidate.type, candidate.uniqueKey);
    if (holder && holder.id !== candidate.id) throw uniquenessError(rt, candidate);
  }

  private write(action: () => unknown, rt: ResourceTypeDef, candidate: StoredResource): void {
    try {
      action();
    } catch (err) {
      if (err instanceof UniqueViolation) throw uniquenessError(rt, candidate);
      throw err;
    }
  }

  private successor(existing: StoredResource, rt: ResourceTypeDef, data: Record<string, unknown>): StoredResource {
    return {
      ...existing,
      data,
      uniqueKey: uniqueKeyOf(rt, data),
      externalId: typeof data.externalId === 'string' ? data.externalId : null,
      display: displayOf(rt, data),
      lastModified: laterThan(this.deps.now(), existing.lastModified),
      version: existing.version + 1,
    };
  }

  private load(ctx: RequestContext, rt: ResourceTypeDef, id: string): StoredResource {
    const stored = this.deps.store.get(ctx.tenant, rt.name as ResourceKind, id);
    if (!stored) throw notFound(`${rt.name} "${id}" not found.`);
    return stored;
  }

  private full(ctx: RequestContext, rt: ResourceTypeDef, stored: StoredResource, withMembers = true): Record<string, unknown> {
    const users = this.resourceType('User').endpoint;
    const groups = this.resourceType('Group').endpoint;
    const resource = materialize(this.deps.store, ctx, rt, stored, users, groups, withMembers);
    return resource;
  }

  /** full() for many resources of one type: a User page reads its members' groups in one store query. */
  private fullEach(ctx: RequestContext, rt: ResourceTypeDef, stored: readonly StoredResource[]): Record<string, unknown>[] {
    if (rt.name !== 'User' || stored.length < 2) return stored.map((s) => this.full(ctx, rt, s));
    const groups = this.deps.store.groupsOfEach(ctx.tenant, stored.map((s) => s.id));
    const users = this.resourceType('User').endpoint;
    const groupEndpoint = this.resourceType('Group').endpoint;
    return stored.map((s) => materialize(this.deps.store, ctx, rt, s, users, groupEndpoint, true, groups.get(s.id)));
  }

  private result(ctx: RequestContext, rt: ResourceTypeDef, stored: StoredResource, projection: ProjectionOptions): ResourceResult {
    const body = project(this.full(ctx, rt, stored), rt, this.deps.registry, projection);
    return { body, etag: etagOf(stored), location: locationOf(ctx, rt, stored.id) };
  }
}

/**
 * Replaces a new plain-text `password` in `data` by its salted hash; a value equal to the stored one is the stored
 * hash carried through a PATCH or PUT of other attributes and stays as it is.
 */
function sealPassword(ctx: RequestContext, data: Record<string, unknown>, existing: StoredResource | undefined, cost: number): void {
  const value = data.password;
  if (typeof value !== 'string' || value === existing?.data.password) return;
  data.password = ctx.passwordHashes?.get(value) ?? hashPassword(value, cost);
}

/** Resources materialized per store query for their groups when a filter scans a whole collection. */
const MATERIALIZE_BATCH = 500;

/** Splits an iterable into arrays of at most `size`, lazily (a store's all() stays paged). */
function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/** Tries of one write that lost a race to another process before the client gets 409. */
const CONCURRENT_TRIES = 32;

/**
 * Runs a read-modify-write again when another process changed the resource between its read and its write (shared
 * stores only). An If-Match the first try passed is checked again on the fresh row, so a stale one ends in 412.
 */
function retryConcurrent<T>(attempt: () => T): T {
  for (let tries = 1; ; tries++) {
    try {
      return attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentUpdate)) throw error;
      if (tries >= CONCURRENT_TRIES) throw conflict('The resource kept changing under concurrent writes; try again.');
    }
  }
}

/** 413 for a PatchOp with more than MAX_PATCH_OPERATIONS operations (message names match case-insensitively). */
function assertPatchSize(body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations');
  const operations = key === undefined ? undefined : (body as Record<string, unknown>)[key];
  if (Array.isArray(operations) && operations.length > MAX_PATCH_OPERATIONS) {
    throw new ScimError(413, `The PatchOp has ${operations.length} operations; the maximum is ${MAX_PATCH_OPERATIONS}. Send several requests, or list many values in one operation.`);
  }
}

/** What the store keeps of a full resource: everything but id, meta and the membership it derives. */
function storedData(resource: Record<string, unknown>, schemas: string[]): Record<string, unknown> {
  const { id: _id, meta: _meta, members: _members, groups: _groups, ...data } = resource;
  return { ...data, schemas };
}

function uniqueKeyOf(rt: ResourceTypeDef, data: Record<string, unknown>): string {
  const value = rt.name === 'Group' ? data.displayName : data.userName;
  return foldCase(String(value ?? ''));
}

function displayOf(rt: ResourceTypeDef, data: Record<string, unknown>): string | null {
  const value = rt.name === 'Group' ? data.displayName : (data.displayName ?? data.userName);
  return typeof value === 'string' ? value : null;
}

function uniquenessError(rt: ResourceTypeDef, candidate: StoredResource): ScimError {
  const attribute = rt.name === 'Group' ? 'displayName' : 'userName';
  const value = rt.name === 'Group' ? candidate.data.displayName : candidate.data.userName;
  return conflict(`${attribute} "${String(value)}" is already taken by another ${rt.name} (compared case-insensitively).`);
}

/** If-Match: `*` or a list of entity tags, compared by their opaque part (SCIM issues weak tags). */
function assertPrecondition(stored: StoredResource, ifMatch: string | undefined): void {
  if (ifMatch === undefined) return;
  const current = opaque(etagOf(stored));
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (tags.includes('*') || tags.some((t) => opaque(t) === current)) return;
  throw new ScimError(412, `The resource has changed: its current version is ${etagOf(stored)}, not ${ifMatch}.`);
}

export function opaque(tag: string): string {
  return tag.replace(/^W\//, '');
}
