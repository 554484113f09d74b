// A SCIM server nobody here wrote: the npm `scimmy` library (1.3.5) behind `scimmy-routers` (1.3.2) on express 4.
// Our code only wires it: a plain in-memory store, bearer auth, a loopback port. Everything a client sees on the
// wire (status codes, bodies, relative `meta.location`, paging, filtering, PATCH) is scimmy's own behaviour, which
// is the point: the harness's verdicts must hold on it. express 5 is not used because it breaks scimmy's paging.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

/** A running peer: its SCIM service root (no trailing slash), its bearer token, and how to stop it. */
export interface PeerServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

export interface PeerOptions {
  /** Bearer token the peer accepts; a random one when omitted. */
  token?: string;
  /** Stops by itself after this many milliseconds (default 30 minutes), so a forgotten peer never outlives its run. */
  lifetimeMs?: number;
}

type Stored = Record<string, unknown> & { id: string; meta: { resourceType: string; created: string; lastModified: string } };

let declared = false;
const users = new Map<string, Stored>();
const groups = new Map<string, Stored>();

/**
 * Starts the scimmy peer on 127.0.0.1 with a free port, serving SCIM at `/scim/v2`. scimmy keeps its resource
 * declarations in module-global state, so one process serves one store (shared by every peer it starts).
 */
export async function startPeer(options: PeerOptions = {}): Promise<PeerServer> {
  const token = options.token ?? randomUUID();
  declareResources();
  const app = express();
  app.use(
    '/scim/v2',
    new SCIMMYRouters({
      type: 'bearer',
      handler: (req) => {
        if (req.header('authorization') !== `Bearer ${token}`) throw new Error('Authorization failed');
        return 'peer-admin';
      },
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const timer = setTimeout(() => void close(), options.lifetimeMs ?? 30 * 60_000);
  timer.unref();
  let closed: Promise<void> | undefined;
  function close(): Promise<void> {
    clearTimeout(timer);
    closed ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  }
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/scim/v2`, token, close };
}

/** Wires User and Group to two maps; the only rule added is the one the User schema declares (userName unique, caseExact false). */
function declareResources(): void {
  if (declared) return;
  declared = true;
  for (const [resourceType, store] of [
    [SCIMMY.Resources.User, users],
    [SCIMMY.Resources.Group, groups],
  ] as const) {
    SCIMMY.Resources.declare(resourceType, {
      ingress: (resource: { id?: string }, instance: Record<string, unknown>) => {
        const now = new Date().toISOString();
        const existing = resource.id ? store.get(resource.id) : undefined;
        if (resource.id && !existing) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
        if (store === users) assertUniqueUserName(instance, resource.id);
        const id = resource.id ?? randomUUID();
        const { groups: _derived, ...own } = instance;
        // meta.resourceType is stored so that scimmy's filters can match it (they run on what egress hands them).
        const meta = { resourceType: store === users ? 'User' : 'Group', created: existing?.meta.created ?? now, lastModified: now };
        const record: Stored = { ...own, id, meta };
        store.set(id, record);
        return record;
      },
      egress: (resource: { id?: string; filter?: { match(values: unknown[]): unknown[] } }) => {
        if (resource.id) {
          const found = store.get(resource.id);
          if (!found) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
          return withGroups(found);
        }
        const all = [...store.values()].map(withGroups);
        return resource.filter ? resource.filter.match(all) : all;
      },
      degress: (resource: { id?: string }) => {
        if (!resource.id || !store.delete(resource.id)) throw new SCIMMY.Types.Error(404, null!, `Resource ${resource.id} not found`);
      },
    } as never);
  }
}

/** A User's readOnly `groups` (RFC 7643 §4.1.2) is derived from the Groups that list it; scimmy leaves that to the store. */
function withGroups(record: Stored): Stored {
  if (!users.has(record.id)) return record;
  const memberOf = [...groups.values()].filter((g) => (g.members as Array<{ value?: string }> | undefined)?.some((m) => m.value === record.id));
  return memberOf.length ? { ...record, groups: memberOf.map((g) => ({ value: g.id, display: g.displayName, type: 'direct' })) } : record;
}

function assertUniqueUserName(instance: Record<string, unknown>, selfId: string | undefined): void {
  const name = String(instance.userName ?? '').toLowerCase();
  for (const user of users.values()) {
    if (user.id !== selfId && String(user.userName ?? '').toLowerCase() === name) {
      throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${String(instance.userName)} is already taken`);
    }
  }
}
