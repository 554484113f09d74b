import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ScimError, invalidValue, notFound } from '../../scim/errors.ts';
import { parseJsonBody, readBody } from '../http/body.ts';
import { sendError } from '../http/respond.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { Store, SyncLogQuery } from '../store/types.ts';
import type { DirectoryPuller } from '../tenants/directory-pull.ts';
import type { LocalDirectory, LocalUser, Policy } from '../tenants/local-directory.ts';
import type { Provisioning } from '../tenants/provisioning.ts';
import { DEFAULT_TENANT, type Tenants } from '../tenants/tenants.ts';
import { groupByLocalId, groupViews, localGroupId as localGroupIdOf, localUserId, scimIdOfUser, userByLocalId, userKeys, type GroupView } from './local-ids.ts';

export const ADMIN_PATH = '/admin/v1';
const MAX_BODY = 65_536;
const MAX_LOG_PAGE = 500;

export interface AdminDeps {
  /** Absent: the admin API answers 403 to everything. */
  adminToken?: string;
  store: Store;
  tenants: Tenants;
  local: LocalDirectory;
  provisioning: Provisioning;
  puller: DirectoryPuller;
  scheduler: Scheduler;
  now: () => Date;
}

interface Call {
  method: string;
  params: string[];
  query: URLSearchParams;
  body: () => Promise<Record<string, unknown>>;
  /** http://host, for the SCIM URLs shown to the admin. */
  origin: string;
}

type Handler = (call: Call) => unknown | Promise<unknown>;

/** A handler's result that answers 201: something new exists. */
class Created {
  constructor(readonly body: unknown) {}
}

/** The SCIM base path of a tenant: the default tenant keeps /scim/v2. */
export const scimPathOf = (tenant: string) => (tenant === DEFAULT_TENANT ? '/scim/v2' : `/tenants/${encodeURIComponent(tenant)}/scim/v2`);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * The admin API: JSON over HTTP under /admin/v1, its own bearer token, errors in the SCIM error shape. It
 * manages what a SaaS admin manages (tenants, connections, settings and mappings, local identities, legal
 * holds) and shows the sync log; it never touches SCIM resources except through the product's own rules.
 */
export function createAdminApp(deps: AdminDeps) {
  const routes = buildRoutes(deps);
  const tokenDigest = deps.adminToken ? sha256(deps.adminToken) : undefined;

  return async function handleAdmin(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    try {
      if (!tokenDigest) throw new ScimError(403, 'The admin API is disabled: start the server with an admin token (serve --admin-token).');
      const header = req.headers.authorization ?? '';
      const match = /^bearer\s+(.+)$/i.exec(header);
      if (!match || !timingSafeEqual(sha256(match[1].trim()), tokenDigest)) {
        throw new ScimError(401, 'The admin API needs the admin bearer token.', undefined, { 'WWW-Authenticate': 'Bearer realm="scim-harness-admin"' });
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const segments = pathname.slice(ADMIN_PATH.length).split('/').filter(Boolean).map(decodeURIComponent);
      const method = (req.method ?? 'GET').toUpperCase();
      const { handler, params } = route(routes, method, segments);
      let parsed: Record<string, unknown> | undefined;
      const call: Call = {
        method,
        params,
        query: url.searchParams,
        origin: `http://${req.headers.host ?? 'localhost'}`,
        body: async () => {
          if (parsed) return parsed;
          const raw = await readBody(req, MAX_BODY);
          const value = raw.length === 0 ? {} : parseJsonBody(req, raw);
          if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidValue('The request body must be a JSON object.');
          return (parsed = value as Record<string, unknown>);
        },
      };
      const result = await handler(call);
      if (result === undefined) {
        res.writeHead(204).end();
        return;
      }
      const text = JSON.stringify(result instanceof Created ? result.body : result);
      res.writeHead(result instanceof Created ? 201 : 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
    } catch (err) {
      if (err instanceof ScimError) return sendError(res, err);
      throw err;
    }
  };
}

type RouteTable = Array<{ method: string; pattern: string[]; handler: Handler }>;

function route(routes: RouteTable, method: string, segments: string[]): { handler: Handler; params: string[] } {
  let pathMatched = false;
  for (const r of routes) {
    if (r.pattern.length !== segments.length) continue;
    const params: string[] = [];
    const ok = r.pattern.every((p, i) => (p === ':' ? (params.push(segments[i]), true) : p === segments[i]));
    if (!ok) continue;
    pathMatched = true;
    if (r.method === method) return { handler: r.handler, params };
  }
  if (pathMatched) throw new ScimError(405, `${method} is not allowed on ${ADMIN_PATH}/${segments.join('/')}.`);
  throw notFound(`Nothing is served at ${ADMIN_PATH}/${segments.join('/')}; see the README section "Tenants and the admin API".`);
}

function buildRoutes(d: AdminDeps): RouteTable {
  const { tenants, local, provisioning } = d;
  const table: RouteTable = [];
  const userView = (u: LocalUser) => viewOfUser(u, tenants);
  const on = (method: string, path: string, handler: Handler) =>
    table.push({ method, pattern: path.split('/').filter(Boolean).map((s) => (s.startsWith(':') ? ':' : s)), handler });

  const tenantView = (slug: string, origin: string) => {
    const tenant = tenants.get(slug);
    return { ...tenant, settings: redactPull(tenant.settings), scimUrl: `${origin}${scimPathOf(slug)}`, effectiveSettings: redactPull(tenants.settings(slug)), children: tenants.children(slug).map((c) => c.slug) };
  };
  /** A tenant that exists, for every nested route. */
  const t = (call: Call) => tenants.get(call.params[0]).slug;

  // ---------- tenants ----------
  on('GET', '/tenants', (c) => ({ tenants: tenants.list().map((x) => tenantView(x.slug, c.origin)) }));
  on('POST', '/tenants', async (c) => {
    const b = await c.body();
    const created = tenants.create({
      slug: optionalString(b, 'slug'), name: b.name as string, parent: optionalString(b, 'parent') ?? null,
      inherit: b.inherit === undefined ? undefined : Boolean(b.inherit), settings: b.settings,
    });
    d.puller.scheduleNext(created.slug);
    return new Created(tenantView(created.slug, c.origin));
  });
  on('GET', '/tenants/:t', (c) => tenantView(t(c), c.origin));
  on('PATCH', '/tenants/:t', async (c) => {
    const b = await c.body();
    tenants.update(t(c), { name: b.name, inherit: b.inherit, settings: b.settings });
    const settings = b.settings as Record<string, unknown> | undefined;
    if (settings && 'directoryPull' in settings) d.puller.scheduleNext(t(c));
    return tenantView(t(c), c.origin);
  });
  on('DELETE', '/tenants/:t', (c) => {
    for (const job of d.scheduler.pending(t(c))) d.scheduler.cancel(job.tenant, job.key);
    tenants.delete(t(c));
  });

  // ---------- connections ----------
  on('GET', '/tenants/:t/connections', (c) => ({ connections: tenants.connections(t(c)).map((x) => tenants.view(x)) }));
  on('POST', '/tenants/:t/connections', async (c) => {
    const b = await c.body();
    const made = tenants.createConnection(t(c), {
      provider: b.provider as never, authKind: b.authKind as never, username: optionalString(b, 'username'), password: optionalString(b, 'password'),
    });
    return new Created({ ...made, scimUrl: `${c.origin}${scimPathOf(t(c))}` });
  });
  on('GET', '/tenants/:t/connections/:c', (c) => {
    const conn = tenants.connection(t(c), c.params[1]);
    // CRY-04 audit view: exactly what is stored (hash, ciphertext), never the secret.
    return c.query.get('view') === 'stored' ? conn : tenants.view(conn);
  });
  on('PATCH', '/tenants/:t/connections/:c', async (c) => tenants.setProvider(t(c), c.params[1], (await c.body()).provider));
  on('POST', '/tenants/:t/connections/:c/rotate', async (c) => tenants.rotate(t(c), c.params[1], optionalString(await c.body(), 'password')));
  on('DELETE', '/tenants/:t/connections/:c', (c) => tenants.deleteConnection(t(c), c.params[1]));

  // ---------- local users (local ids: issue 10's adapter contract) ----------
  const userKey = (c: Call) => userByLocalId(local, t(c), c.params[1]).id;
  on('GET', '/tenants/:t/users', (c) => {
    // PRV-08: deactivated users are hidden from the local view unless asked for.
    const all = c.query.get('include') === 'deactivated';
    const scimId = c.query.get('scimId');
    const users = local.users(t(c)).filter((u) => (all || scimId !== null || u.status !== 'deactivated') && (scimId === null || scimIdOfUser(u) === scimId));
    return { users: users.map(userView) };
  });
  on('POST', '/tenants/:t/users', async (c) => new Created(userView(local.createUser(t(c), await c.body()))));
  on('GET', '/tenants/:t/users/:id', (c) => userView(userByLocalId(local, t(c), c.params[1])));
  on('PATCH', '/tenants/:t/users/:id', async (c) => userView(editLocalUser(d, t(c), userKey(c), await c.body())));
  on('DELETE', '/tenants/:t/users/:id', (c) => {
    const user = userByLocalId(local, t(c), c.params[1]);
    if (user.managedBy === 'scim') throw new ScimError(403, `User "${user.userName}" is managed by the IdP; it is removed by provisioning, not locally.`);
    local.removeFromAllGroups(user.tenant, user.id);
    local.deleteUser(user.tenant, user.id);
  });
  on('POST', '/tenants/:t/users/:id/unblock', (c) => userView(provisioning.unblock(t(c), userKey(c))));
  on('PUT', '/tenants/:t/users/:id/legal-hold', async (c) => {
    const on = (await c.body()).on;
    if (typeof on !== 'boolean') throw invalidValue('Send {"on": true} or {"on": false}.');
    return userView(provisioning.setLegalHold(t(c), userKey(c), on));
  });

  // ---------- groups ----------
  on('GET', '/tenants/:t/groups', (c) => {
    const scimId = c.query.get('scimId');
    return { groups: groupViews(d.store, local, t(c)).filter((g) => scimId === null || g.scimId === scimId).map(groupView) };
  });
  on('POST', '/tenants/:t/groups', async (c) => {
    const b = await c.body();
    const tenant = t(c);
    if (typeof b.displayName === 'string' && d.store.findByUniqueKey(tenant, 'Group', b.displayName.toLowerCase())) {
      throw new ScimError(409, `A SCIM group named "${b.displayName}" already exists.`, 'uniqueness');
    }
    const made = local.createGroup(tenant, { ...b, members: userKeys(local, tenant, b.members) });
    return new Created(groupView(groupByLocalId(d.store, local, tenant, localGroupIdOf(tenant, made.id))));
  });
  on('PATCH', '/tenants/:t/groups/:id', async (c) => groupView(editLocalGroup(d, t(c), c.params[1], await c.body())));
  on('DELETE', '/tenants/:t/groups/:id', (c) => {
    const group = groupByLocalId(d.store, local, t(c), c.params[1]);
    assertNotScimGroup(group);
    local.deleteGroup(t(c), group.key);
  });

  // ---------- policies (they name users by local id) ----------
  const policyView = (p: Policy) => ({ ...p, users: p.users.map((key) => localUserId({ tenant: p.tenant, id: key })) });
  on('GET', '/tenants/:t/policies', (c) => ({ policies: local.policies(t(c)).map(policyView) }));
  on('POST', '/tenants/:t/policies', async (c) => {
    const b = await c.body();
    return new Created(policyView(local.createPolicy(t(c), { ...b, users: userKeys(local, t(c), b.users) })));
  });
  on('GET', '/tenants/:t/policies/:id', (c) => policyView(local.policy(t(c), c.params[1])));

  // ---------- mappings, timed work, directory ----------
  on('POST', '/tenants/:t/apply-mappings', (c) => ({ changed: provisioning.applyMappingsToAll(t(c)) }));
  on('GET', '/tenants/:t/jobs', (c) => ({ jobs: d.scheduler.pending(t(c)) }));
  on('POST', '/tenants/:t/jobs/run-due', async (c) => {
    // Runs the tenant's timed work as if `afterMs` had passed: how a scenario checks a delay without waiting.
    const afterMs = (await c.body()).afterMs ?? 0;
    if (!Number.isInteger(afterMs) || (afterMs as number) < 0) throw invalidValue('"afterMs" must be a non-negative integer.');
    const tenant = t(c);
    return { ran: await d.scheduler.runDue(new Date(d.now().getTime() + (afterMs as number)), tenant) };
  });
  on('POST', '/tenants/:t/directory/pull', async (c) => d.puller.pull(t(c)));

  // ---------- sync log ----------
  on('GET', '/tenants/:t/sync-log', (c) => syncLog(d, c.query, t(c)));
  on('GET', '/sync-log', (c) => syncLog(d, c.query, c.query.get('tenant') ?? undefined));
  return table;
}

function syncLog(d: AdminDeps, q: URLSearchParams, tenant: string | undefined) {
  const int = (name: string, fallback: number) => {
    const raw = q.get(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw invalidValue(`"${name}" must be a non-negative integer.`);
    return n;
  };
  const query: SyncLogQuery = {
    tenant,
    startIndex: Math.max(1, int('startIndex', 1)),
    count: Math.min(MAX_LOG_PAGE, int('count', 100)),
  };
  for (const key of ['connection', 'operation', 'outcome', 'resourceType', 'resourceId', 'since', 'until'] as const) {
    const v = q.get(key);
    if (v !== null) query[key] = v;
  }
  const page = d.store.querySyncLog(query);
  return { totalResults: page.total, startIndex: query.startIndex, itemsPerPage: page.entries.length, entries: page.entries };
}

/**
 * The admin's view of a user, in the adapter contract's terms (docs/setup-adapter.md): `id` is the product's local
 * id, `scimId` the SCIM resource it is linked to (null when SCIM does not manage it), `organization` the name an
 * admin sees.
 */
function viewOfUser(u: LocalUser, tenants: Tenants) {
  const org = tenants.find(u.organization);
  return {
    id: localUserId(u), scimId: scimIdOfUser(u), userName: u.userName, email: u.email, displayName: u.displayName, status: u.status,
    externallyManaged: u.managedBy === 'scim', organization: org?.name ?? u.organization, organizationSlug: u.organization, roles: u.roles,
    origin: u.origin, legalHold: u.legalHold, pendingDeactivation: u.pendingDeactivation, created: u.created, updated: u.updated,
  };
}

/** A group without its internal key. */
function groupView({ key: _key, ...view }: GroupView) {
  return view;
}

/**
 * PRV-05/INC-09: the profile of an IdP-managed user is read-only here; organization and roles are the
 * product's own and may change, and such changes never flow back to the IdP (nothing is logged as sync).
 */
function editLocalUser(d: AdminDeps, tenant: string, id: string, b: Record<string, unknown>): LocalUser {
  const user = d.local.requireUser(tenant, id);
  const profile = ['userName', 'email', 'displayName'].filter((k) => k in b);
  if (profile.length && user.managedBy === 'scim') {
    throw new ScimError(403, `User "${user.userName}" is managed by the IdP: ${profile.join(', ')} cannot be edited locally.`);
  }
  for (const k of profile) {
    if (typeof b[k] !== 'string') throw invalidValue(`"${k}" must be a string.`);
    (user as unknown as Record<string, unknown>)[k] = b[k];
  }
  if (b.organization !== undefined) user.organization = d.tenants.get(String(b.organization)).slug;
  if (b.roles !== undefined) {
    if (!Array.isArray(b.roles) || !b.roles.every((r) => typeof r === 'string')) throw invalidValue('"roles" must be a list of strings.');
    user.roles = b.roles as string[];
  }
  return d.local.saveUser(user);
}

/** PRV-11: groups made over SCIM are read-only in the product. */
function assertNotScimGroup(group: GroupView): void {
  if (group.origin === 'scim') throw new ScimError(403, `Group "${group.displayName}" was created over SCIM and is read-only here; change it in the IdP.`);
}

function editLocalGroup(d: AdminDeps, tenant: string, id: string, b: Record<string, unknown>): GroupView {
  const view = groupByLocalId(d.store, d.local, tenant, id);
  assertNotScimGroup(view);
  const group = d.local.group(tenant, view.key)!;
  if (b.displayName !== undefined) {
    if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw invalidValue('"displayName" must be a non-empty string.');
    group.displayName = b.displayName;
  }
  if (b.members !== undefined) {
    if (!Array.isArray(b.members) || !b.members.every((m) => typeof m === 'string')) throw invalidValue('"members" must be a list of local user ids.');
    group.members = userKeys(d.local, tenant, b.members) as string[];
  }
  d.local.saveGroup(group);
  return groupByLocalId(d.store, d.local, tenant, id);
}

function optionalString(b: Record<string, unknown>, key: string): string | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidValue(`"${key}" must be a string.`);
  return v;
}

/** The directory bind password never leaves the server, not even sealed. */
function redactPull<T extends { directoryPull?: unknown }>(settings: T): T {
  return settings.directoryPull ? { ...settings, directoryPull: { ...(settings.directoryPull as object), password: '***' } } : settings;
}
