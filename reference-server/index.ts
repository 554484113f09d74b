import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SchemaRegistry } from '../scim/schema/registry.ts';
import { createApp, BASE_PATH } from './http/app.ts';
import { Authenticator } from './http/auth.ts';
import { ResourceService } from './resources/service.ts';
import { openStore } from './store/open.ts';
import type { Store } from './store/types.ts';

export const DEFAULT_TENANT = 'default';

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
}

export interface RunningServer {
  /** Base URL of the SCIM service, e.g. http://127.0.0.1:8080/scim/v2 */
  url: string;
  port: number;
  host: string;
  store: Store;
  close(): Promise<void>;
}

/** Starts the reference SCIM server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const store = openStore(options.store ?? 'memory');
  const auth = new Authenticator();
  if (options.token) auth.addBearer(options.token, DEFAULT_TENANT);
  if (options.basic) auth.addBasic(options.basic, DEFAULT_TENANT);
  const service = new ResourceService({
    store,
    registry: new SchemaRegistry(),
    lenient: !options.strict,
    now: options.now ?? (() => new Date()),
    newId: randomUUID,
  });
  const onError = options.onError ?? ((err: unknown) => console.error('scim-harness: unexpected error:', err));
  const server: Server = createServer(createApp({ service, auth, onError }));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed = false;
  return {
    url: `http://${urlHost}:${port}${BASE_PATH}`,
    port,
    host,
    store,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
