import type { HarnessAuth } from '../parameters.ts';

/**
 * The setup adapter: what a scenario needs from the product that SCIM cannot create or observe (issue 5).
 * The reference server implements it through its admin API (reference-admin.ts); a vendor implements the
 * operations it can in a module or behind HTTP hooks (invoking.ts). An operation the adapter lacks throws
 * SetupUnsupported, and the scenario is SKIPPED with that reason, never failed.
 *
 * `tenant` arguments are the `id` of a TenantHandle the adapter returned.
 */
export interface SetupAdapter {
  /** A fresh tenant (organization) with its own SCIM endpoint and one connection, configured as asked. */
  createTenant(spec: TenantSpec): Promise<TenantHandle>;
  /** Removes a tenant made by createTenant and everything in it (After hook). */
  deleteTenant(tenant: string): Promise<void>;
  /** Changes settings of the tenant (a partial override; see TenantSpec.settings). */
  updateSettings(tenant: string, settings: Record<string, unknown>): Promise<void>;
  /** The settings in force after inheritance (INC-01). */
  effectiveSettings(tenant: string): Promise<Record<string, unknown>>;
  /** Creates a tenant with the given name and expects a refusal; returns the refusal's message, or null when it was accepted. */
  refusedTenantName(name: string): Promise<string | null>;
  /** CRY-02: what the product records about the connection. */
  connection(tenant: string): Promise<{ provider: string; authKind: string }>;
  /** CRY-03: sets the connection's provider; returns the credentials valid afterwards. */
  changeProvider(tenant: string, provider: string): Promise<HarnessAuth>;
  /** CRY-04: the connection exactly as the product stores it (JSON), to prove no secret is kept in plain text. */
  storedConnection(tenant: string): Promise<unknown>;

  createLocalUser(tenant: string, user: LocalUserSpec): Promise<LocalUserView>;
  /** The product's own view of its users; deactivated ones only when asked (PRV-08). */
  localUsers(tenant: string, options?: { includeDeactivated?: boolean }): Promise<LocalUserView[]>;
  localUser(tenant: string, id: string): Promise<LocalUserView | null>;
  /** A local edit, as an admin of the product would make it; `accepted: false` when the product refuses. */
  editLocalUser(tenant: string, id: string, changes: Record<string, unknown>): Promise<LocalEdit>;
  createLocalGroup(tenant: string, group: { displayName: string; origin: 'builtin' | 'manual' }): Promise<{ id: string; displayName: string }>;
  editLocalGroup(tenant: string, id: string, changes: { displayName?: string }): Promise<LocalEdit>;
  setLegalHold(tenant: string, userId: string, on: boolean): Promise<void>;
  unblock(tenant: string, userId: string): Promise<void>;
  createPolicy(tenant: string, policy: { name: string; users: string[] }): Promise<{ id: string }>;
  policy(tenant: string, id: string): Promise<{ id: string; users: string[] }>;
  applyMappings(tenant: string): Promise<void>;
  syncLog(tenant: string, filter?: SyncLogFilter): Promise<SyncLogEntryView[]>;
  /** Runs the product's timed work as if `ms` had passed (deactivation delays, periodic directory pulls). */
  elapse(tenant: string, ms: number): Promise<void>;
}

export type Operation = keyof SetupAdapter;

export interface TenantSpec {
  /** 3-220 characters. */
  name: string;
  provider: string;
  authKind: 'bearer' | 'basic';
  /** Behaviour settings, named as in the reference server (README "Tenants and the admin API"). */
  settings: Record<string, unknown>;
  /** Parent tenant id, for organization trees (INC-01). */
  parent?: string;
  /** Basic connections: the username to use (PRV-02 "chosen by the admin"). */
  username?: string;
}

export interface TenantHandle {
  id: string;
  /** SCIM base URL of the tenant, without trailing slash. */
  target: string;
  auth: HarnessAuth;
}

export interface LocalUserSpec {
  userName: string;
  email?: string;
  displayName?: string;
  /** manual (default), builtin, or portal (PRV-01: a user who logs in, out of SCIM's reach). */
  origin?: 'manual' | 'builtin' | 'portal';
}

export interface LocalUserView {
  id: string;
  userName: string;
  email: string | null;
  displayName: string | null;
  /** active | blocked | deactivated */
  status: string;
  externallyManaged: boolean;
  organization: string;
  roles: string[];
}

export interface LocalEdit {
  accepted: boolean;
  status?: number;
  detail?: string;
}

export interface SyncLogFilter {
  operation?: string;
  outcome?: string;
  resourceId?: string;
}

export interface SyncLogEntryView {
  time: string;
  operation: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  detail: string;
  connection: string | null;
  idp: string | null;
}

/** The adapter does not offer this operation: the scenario is skipped, with this as the reason. */
export class SetupUnsupported extends Error {
  constructor(readonly operation: string, why = 'the setup adapter does not offer it') {
    super(`setup operation "${operation}" is unavailable: ${why}`);
    this.name = 'SetupUnsupported';
  }
}

/** The adapter offers the operation but it failed: the step fails (a broken precondition is not a skip). */
export class SetupFailed extends Error {
  constructor(readonly operation: string, message: string) {
    super(`setup operation "${operation}" failed: ${message}`);
    this.name = 'SetupFailed';
  }
}
