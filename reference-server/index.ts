import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SchemaRegistry } from '../scim/schema/registry.ts';
import { createApp, BASE_PATH } from './http/app.ts';
import { acknowledgeWhenDurable } from './http/durable.ts';
import { DEFAULT_LIMITS, applyConnectionLimits, checkingInterval, type ConnectionLimits } from './http/limits.ts';
import { Authenticator } from './http/auth.ts';
import { DURABLE_COST, MEMORY_COST } from './resources/passwords.ts';
import { ResourceService } from './resources/service.ts';
import { CursorCodec } from './resources/cursor.ts';
import { createAdminApp, ADMIN_PATH } from './admin/admin-app.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { openStore } from './store/open.ts';
import type { Store } from './store/types.ts';
import { DirectoryPuller } from './tenants/directory-pull.ts';
import { LocalDirectory } from './tenants/local-directory.ts';
import { Provisioning } from './tenants/provisioning.ts';
import { SecretBox } from './tenants/secrets.ts';
import { DEFAULT_TENANT, Tenants } from './tenants/tenants.ts';

export { DEFAULT_TENANT };

export interface ServerOptions {
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  /** `memory` (default) or `sqlite:PATH`. */
  store?: string;
  token?: string;
  /** "user:pass" */
  basic?: string;
  /** Strict RFC mode: interop tolerances off (see README). */
  strict?: boolean;
  /** Injected clock, for tests. */
  now?: () => Date;
  /** Called with unexpected (non-SCIM) errors, which the client sees as a 500. */
  onError?: (err: unknown) => void;
  /** Bearer token of the admin API (/admin/v1); without it the admin API answers 403. */
  adminToken?: string;
  /** Encrypts connection secrets at rest; default: from SCIM_HARNESS_SECRET_KEY (or a generated dev key). */
  secretBox?: SecretBox;
  /** false: do not run timed work on a timer (tests call scheduler.runDue() after moving the clock). */
  timers?: boolean;
  /** Listener timeouts and connection cap; absent fields take DEFAULT_LIMITS (reference-server/http/limits.ts). */
  limits?: Partial<ConnectionLimits>;
  /**
   * RFC 9865 cursor pagination: seconds a cursor stays valid between page requests (advertised as
   * pagination.cursorTimeout). Default 600; 0 turns cursors off (index paging only).
   */
  cursorTimeout?: number;
  /** Paging for queries that name neither startIndex nor cursor (RFC 9865 §2.4). Default 'index', what IdPs expect. */
  defaultPagination?: 'index' | 'cursor';
  /** The SCIM interop profile's stricter rules (see README "Profiles"); off by default, Entra sends path-less PATCH. */
  interopProfile?: boolean;
}

export const DEFAULT_CURSOR_TIMEOUT = 600;

export interface RunningServer {
  /** Base URL of the SCIM service, e.g. http://127.0.0.1:8080/scim/v2 */
  url: string;
  port: number;
  host: string;
  store: Store;
  /** Base URL of the admin API, e.g. http://127.0.0.1:8080/admin/v1 */
  adminUrl: string;
  tenants: Tenants;
  scheduler: Scheduler;
  close(): Promise<void>;
}

/** Starts the reference SCIM server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const store = openStore(options.store ?? 'memory');
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((err: unknown) => console.error('scim-harness: unexpected error:', err));
  const auth = new Authenticator();
  if (options.token) auth.addBearer(options.token, DEFAULT_TENANT);
  if (options.basic) auth.addBasic(options.basic, DEFAULT_TENANT);
  // A memory store forgets everything at exit anyway, so a generated key loses nothing and needs no warning.
  const tenants = new Tenants(store, options.secretBox ?? SecretBox.fromEnvironment(process.env, (options.store ?? 'memory') === 'memory' ? () => {} : console.warn), auth, now);
  tenants.load();
  const scheduler = new Scheduler(store, now, (err) => onError(err));
  const local = new LocalDirectory(store, now);
  const provisioning = new Provisioning(store, tenants, local, scheduler, now);
  const cursorTimeout = options.cursorTimeout ?? DEFAULT_CURSOR_TIMEOUT;
  const service = new ResourceService({
    store,
    registry: new SchemaRegistry(undefined, undefined, { unqualifiedExtensionNames: !options.strict }),
    lenient: !options.strict,
    now,
    newId: randomUUID,
    hooks: provisioning,
    cursors: cursorTimeout > 0 ? new CursorCodec(now, cursorTimeout) : undefined,
    defaultPagination: options.defaultPagination,
    interopProfile: options.interopProfile,
    passwordCost: (options.store ?? 'memory') === 'memory' ? MEMORY_COST : DURABLE_COST,
  });
  const puller = new DirectoryPuller(service, tenants, local, provisioning, scheduler, now);
  const admin = createAdminApp({ adminToken: options.adminToken, store, tenants, local, provisioning, puller, scheduler, now });
  const providerOf = (connection: string) => tenants.connectionById(connection)?.provider;
  const tenantExists = (slug: string) => tenants.find(slug) !== undefined;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = acknowledgeWhenDurable(createApp({ service, auth, onError, admin, providerOf, tenantExists }), () => store.durable());
  const server: Server = createServer({ connectionsCheckingInterval: checkingInterval(limits) }, app);
  applyConnectionLimits(server, limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  // Work that fell due while the server was down runs now; later work on its timer.
  if (options.timers === false) await scheduler.runDue();
  else await scheduler.start();
  let closed = false;
  return {
    url: `http://${urlHost}:${port}${BASE_PATH}`,
    adminUrl: `http://${urlHost}:${port}${ADMIN_PATH}`,
    port,
    host,
    store,
    tenants,
    scheduler,
    async close() {
      if (closed) return;
      closed = true;
      scheduler.stop();
      try {
        await scheduler.runDue(new Date(0)); // waits for a run in progress; nothing is due at the epoch
      } finally {
        // Even when that last look at the store fails (a database already gone), the listener and the store close:
        // a store left open (PostgreSQL's worker thread) would keep the process alive after a stop.
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        store.close();
      }
    },
  };
}
