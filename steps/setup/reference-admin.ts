import { request } from 'undici';
import type { HarnessAuth } from '../parameters.ts';
import {
  SetupFailed,
  type LocalEdit,
  type LocalGroupView,
  type LocalUserChanges,
  type LocalUserView,
  type SetupAdapter,
  type SyncLogEntryView,
  type TenantHandle,
  type TenantSpec,
} from './adapter.ts';

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** The SetupAdapter of the reference server: its admin API (JSON over HTTP under /admin/v1, own bearer token). */
export class ReferenceAdminSetup implements SetupAdapter {
  constructor(private readonly url: string, private readonly token: string) {}

  async createTenant(spec: TenantSpec): Promise<TenantHandle> {
    const tenant = await this.ok('createTenant', 'POST', '/tenants', { name: spec.name, parent: spec.parent, settings: spec.settings });
    const slug = String(tenant.slug);
    const made = await this.ok('createTenant', 'POST', `/tenants/${slug}/connections`, {
      provider: spec.provider, authKind: spec.authKind, ...(spec.authKind === 'basic' ? { username: spec.username ?? `${slug}-scim` } : {}),
    });
    return { id: slug, target: String(made.scimUrl), auth: toAuth(made.secret as Record<string, string>) };
  }

  async deleteTenant(tenant: string): Promise<void> {
    // Children first: the admin API refuses to delete a tenant that still has some.
    const view = await this.call('GET', `/tenants/${tenant}`);
    if (view.status === 404) return;
    for (const child of (view.body.children as string[] | undefined) ?? []) await this.deleteTenant(child);
    const res = await this.call('DELETE', `/tenants/${tenant}`);
    if (res.status !== 204 && res.status !== 404) throw new SetupFailed('deleteTenant', `HTTP ${res.status}: ${detail(res)}`);
  }

  async updateSettings(tenant: string, settings: Record<string, unknown>): Promise<void> {
    await this.ok('updateSettings', 'PATCH', `/tenants/${tenant}`, { settings });
  }

  async refusedTenantName(name: string): Promise<string | null> {
    const res = await this.call('POST', '/tenants', { name });
    if (res.status === 201) {
      await this.deleteTenant(String(res.body.slug));
      return null;
    }
    return detail(res);
  }

  async changeProvider(tenant: string, provider: string): Promise<HarnessAuth> {
    const c = await this.firstConnection(tenant);
    const res = await this.ok('changeProvider', 'PATCH', `/tenants/${tenant}/connections/${c.id}`, { provider });
    if (!res.secret) throw new SetupFailed('changeProvider', 'the provider did not change, so no new secret was issued');
    return toAuth(res.secret as Record<string, string>);
  }

  async storedConnection(tenant: string): Promise<unknown> {
    const c = await this.firstConnection(tenant);
    return this.ok('storedConnection', 'GET', `/tenants/${tenant}/connections/${c.id}?view=stored`);
  }

  async createLocalUser(tenant: string, user: { userName: string; email?: string; displayName?: string; origin?: string }): Promise<LocalUserView> {
    return (await this.ok('createLocalUser', 'POST', `/tenants/${tenant}/users`, user)) as unknown as LocalUserView;
  }

  async localUsers(tenant: string, options: { includeDeactivated?: boolean } = {}): Promise<LocalUserView[]> {
    const res = await this.ok('localUsers', 'GET', `/tenants/${tenant}/users${options.includeDeactivated ? '?include=deactivated' : ''}`);
    return res.users as LocalUserView[];
  }

  async localUser(tenant: string, id: string): Promise<LocalUserView | null> {
    const res = await this.call('GET', `/tenants/${tenant}/users/${encodeURIComponent(id)}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new SetupFailed('localUser', `HTTP ${res.status}: ${detail(res)}`);
    return res.body as unknown as LocalUserView;
  }

  async localUserByScimId(tenant: string, scimId: string): Promise<LocalUserView | null> {
    const res = await this.ok('localUserByScimId', 'GET', `/tenants/${tenant}/users?scimId=${encodeURIComponent(scimId)}`);
    return ((res.users as LocalUserView[])[0] ?? null);
  }

  async editLocalUser(tenant: string, id: string, changes: LocalUserChanges): Promise<LocalEdit> {
    return edit(await this.call('PATCH', `/tenants/${tenant}/users/${encodeURIComponent(id)}`, changes));
  }

  async createLocalGroup(tenant: string, group: { displayName: string; origin: 'builtin' | 'manual' }): Promise<LocalGroupView> {
    const res = await this.ok('createLocalGroup', 'POST', `/tenants/${tenant}/groups`, group);
    return { id: String(res.id), displayName: String(res.displayName), scimId: null };
  }

  async localGroupByScimId(tenant: string, scimId: string): Promise<LocalGroupView | null> {
    const res = await this.ok('localGroupByScimId', 'GET', `/tenants/${tenant}/groups?scimId=${encodeURIComponent(scimId)}`);
    const group = (res.groups as Record<string, unknown>[])[0];
    return group ? { id: String(group.id), displayName: String(group.displayName), scimId } : null;
  }

  async editLocalGroup(tenant: string, id: string, changes: { displayName?: string }): Promise<LocalEdit> {
    return edit(await this.call('PATCH', `/tenants/${tenant}/groups/${encodeURIComponent(id)}`, changes));
  }

  async setLegalHold(tenant: string, userId: string, on: boolean): Promise<void> {
    await this.ok('setLegalHold', 'PUT', `/tenants/${tenant}/users/${encodeURIComponent(userId)}/legal-hold`, { on });
  }

  async unblock(tenant: string, userId: string): Promise<void> {
    await this.ok('unblock', 'POST', `/tenants/${tenant}/users/${encodeURIComponent(userId)}/unblock`);
  }

  async createPolicy(tenant: string, policy: { name: string; users: string[] }): Promise<{ id: string }> {
    return { id: String((await this.ok('createPolicy', 'POST', `/tenants/${tenant}/policies`, policy)).id) };
  }

  async policy(tenant: string, id: string): Promise<{ id: string; users: string[] }> {
    return (await this.ok('policy', 'GET', `/tenants/${tenant}/policies/${encodeURIComponent(id)}`)) as unknown as { id: string; users: string[] };
  }

  async applyMappings(tenant: string): Promise<void> {
    await this.ok('applyMappings', 'POST', `/tenants/${tenant}/apply-mappings`);
  }

  async syncLog(tenant: string, filter: Record<string, string | undefined> = {}): Promise<SyncLogEntryView[]> {
    const query = new URLSearchParams({ count: '500' });
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) query.set(k, v);
    return (await this.ok('syncLog', 'GET', `/tenants/${tenant}/sync-log?${query}`)).entries as SyncLogEntryView[];
  }

  async elapse(tenant: string, ms: number): Promise<void> {
    await this.ok('elapse', 'POST', `/tenants/${tenant}/jobs/run-due`, { afterMs: ms });
  }

  private async firstConnection(tenant: string): Promise<Record<string, unknown>> {
    const list = (await this.ok('connection', 'GET', `/tenants/${tenant}/connections`)).connections as Record<string, unknown>[];
    if (!list.length) throw new SetupFailed('connection', `tenant ${tenant} has no connection`);
    return list[0];
  }

  private async ok(operation: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await this.call(method, path, body);
    if (res.status >= 300) throw new SetupFailed(operation, `${method} ${path} answered ${res.status}: ${detail(res)}`);
    return res.body;
  }

  private async call(method: string, path: string, body?: unknown): Promise<Answer> {
    const res = await request(`${this.url}${path}`, {
      method: method as 'GET',
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
}

function toAuth(secret: Record<string, string>): HarnessAuth {
  return 'token' in secret ? { kind: 'bearer', token: secret.token } : { kind: 'basic', user: secret.username, pass: secret.password };
}

function detail(res: Answer): string {
  return typeof res.body.detail === 'string' ? res.body.detail : JSON.stringify(res.body);
}

/** The admin API's answer to a local edit, in the contract's terms: 403 is its refusal of an IdP-managed record. */
function edit(res: Answer): LocalEdit {
  if (res.status < 300) return { accepted: true, status: res.status };
  if (res.status >= 500) throw new SetupFailed('edit', `HTTP ${res.status}: ${detail(res)}`);
  const refusal = res.status === 403 ? 'externally-managed' : res.status === 404 ? 'not-found' : 'other';
  return { accepted: false, refusal, status: res.status, detail: detail(res) };
}
