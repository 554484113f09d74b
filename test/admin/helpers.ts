import { startServer, type RunningServer, type ServerOptions } from '../../reference-server/index.ts';
import { SecretBox } from '../../reference-server/tenants/secrets.ts';

export const ADMIN = 'admin-secret';
/** A fixed key: tests neither read the environment nor print the dev-key warning. */
export const KEY = Buffer.alloc(32, 7);

export interface Answer {
  status: number;
  body: any;
}

export interface AdminHarness {
  server: RunningServer;
  admin(method: string, path: string, body?: unknown, token?: string): Promise<Answer>;
  scim(url: string, method: string, path: string, authorization: string | undefined, body?: unknown): Promise<Answer>;
}

export async function withServer(options: ServerOptions, run: (h: AdminHarness) => Promise<void>): Promise<void> {
  const server = await startServer({ port: 0, store: 'memory', adminToken: ADMIN, secretBox: SecretBox.withKey(KEY), ...options });
  const call = async (url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<Answer> => {
    const res = await fetch(url, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  try {
    await run({
      server,
      admin: (method, path, body, token = ADMIN) => call(`${server.adminUrl}${path}`, method, { authorization: `Bearer ${token}` }, body),
      scim: (url, method, path, authorization, body) => call(`${url}${path}`, method, authorization ? { authorization } : {}, body),
    });
  } finally {
    await server.close();
  }
}

export const bearer = (token: string) => `Bearer ${token}`;
export const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A tenant with one bearer connection: its SCIM URL and token. */
export async function tenantWithToken(h: AdminHarness, name: string, settings: unknown = {}, provider = 'generic') {
  const t = await h.admin('POST', '/tenants', { name, settings });
  if (t.status !== 201) throw new Error(`tenant: ${t.status} ${JSON.stringify(t.body)}`);
  const c = await h.admin('POST', `/tenants/${t.body.slug}/connections`, { provider, authKind: 'bearer' });
  if (c.status !== 201) throw new Error(`connection: ${c.status} ${JSON.stringify(c.body)}`);
  return { slug: t.body.slug as string, url: c.body.scimUrl as string, token: c.body.secret.token as string, connection: c.body.connection.id as string };
}
