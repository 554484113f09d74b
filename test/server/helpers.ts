import { startServer, type RunningServer, type ServerOptions } from '../../reference-server/index.ts';

export const TOKEN = 'test-token-123';

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** A started reference server plus a tiny client that speaks to it with the test token. */
export async function withServer(options: ServerOptions = {}) {
  const server: RunningServer = await startServer({ port: 0, token: TOKEN, store: 'memory', ...options });
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const init: RequestInit = {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { 'Content-Type': 'application/scim+json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    };
    const res = await fetch(server.url + path, init);
    const text = await res.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }
  return { server, call };
}

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export const user = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: [USER], userName, ...extra });
export const group = (displayName: string, extra: Record<string, unknown> = {}) => ({ schemas: [GROUP], displayName, ...extra });
export const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
