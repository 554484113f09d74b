import type { HarnessAuth } from '../parameters.ts';

/**
 * The setup adapter: what a scenario needs from the product that SCIM cannot create or observe (issues 5 and 10).
 * docs/setup-adapter.md is the contract, in the product's terms, with a worked example; this interface is its code.
 *
 * - The product's local records have ids of their own. An adapter speaks of local users, groups and policies by
 *   those local ids only; the SCIM id of what provisioning made appears only where the contract names it
 *   (`scimId` fields, `localUserByScimId`, `localGroupByScimId`, a sync log entry's `resourceId`).
 * - Settings are named by the contract's behaviour names (TenantSpec.settings); the adapter translates them into the
 *   product's own settings. An adapter may decline a single operation or a single setting by throwing
 *   SetupUnsupported: the scenarios that need it are SKIPPED with that reason, never failed.
 * - Steps observe effects through SCIM or through the product's own views (local users, groups, sync log), never by
 *   reading back what the adapter was told.
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
  /** Creates a tenant with the given name and expects a refusal; returns the refusal's message, or null when it was accepted. */
  refusedTenantName(name: string): Promise<string | null>;
  /** CRY-03: sets the connection's provider; returns the credentials valid afterwards. */
  changeProvider(tenant: string, provider: string): Promise<HarnessAuth>;
  /** CRY-04: the connection exactly as the product stores it (JSON), to prove no secret is kept in plain text. */
  storedConnection(tenant: string): Promise<unknown>;

  /** A user made in the product itself (not by SCIM); the view carries the product's local id. */
  createLocalUser(tenant: string, user: LocalUserSpec): Promise<LocalUserView>;
  /** The product's own view of its users; deactivated ones only when asked (PRV-08). */
  localUsers(tenant: string, options?: { includeDeactivated?: boolean }): Promise<LocalUserView[]>;
  /** One local user by local id, or null when the product has none. */
  localUser(tenant: string, id: string): Promise<LocalUserView | null>;
  /** The local record a SCIM user resource is linked to (deactivated ones included), or null when there is none. */
  localUserByScimId(tenant: string, scimId: string): Promise<LocalUserView | null>;
  /** A local edit (by local id), as an admin of the product would make it; `accepted: false` with a refusal when refused. */
  editLocalUser(tenant: string, id: string, changes: LocalUserChanges): Promise<LocalEdit>;
  createLocalGroup(tenant: string, group: { displayName: string; origin: 'builtin' | 'manual' }): Promise<LocalGroupView>;
  /** The product's record of a group made over SCIM, or null when there is none. */
  localGroupByScimId(tenant: string, scimId: string): Promise<LocalGroupView | null>;
  /** A local rename (by local group id); `accepted: false` with a refusal when refused. */
  editLocalGroup(tenant: string, id: string, changes: { displayName?: string }): Promise<LocalEdit>;
  /** INC-07 (by local user id). */
  setLegalHold(tenant: string, userId: string, on: boolean): Promise<void>;
  /** INC-06 (by local user id): lifts a block, cancelling a pending deactivation. */
  unblock(tenant: string, userId: string): Promise<void>;
  /** PRV-09: a data-access policy naming users by local id. */
  createPolicy(tenant: string, policy: { name: string; users: string[] }): Promise<{ id: string }>;
  /** The policy as the product holds it now; `users` are local ids. */
  policy(tenant: string, id: string): Promise<{ id: string; users: string[] }>;
  /** INC-05: applies the current mappings to users already provisioned. */
  applyMappings(tenant: string): Promise<void>;
  /** INC-08: the product's sync log, newest last or in any order. */
  syncLog(tenant: string, filter?: SyncLogFilter): Promise<SyncLogEntryView[]>;
  /** Runs the product's timed work as if `ms` had passed (deactivation delays, periodic directory pulls). */
  elapse(tenant: string, ms: number): Promise<void>;
}

export type Operation = keyof SetupAdapter;

/** Every operation of the contract, for adapters that report what they offer. */
export const OPERATIONS: readonly Operation[] = [
  'createTenant', 'deleteTenant', 'updateSettings', 'refusedTenantName', 'changeProvider', 'storedConnection', 'createLocalUser',
  'localUsers', 'localUser', 'localUserByScimId', 'editLocalUser', 'createLocalGroup', 'localGroupByScimId', 'editLocalGroup',
  'setLegalHold', 'unblock', 'createPolicy', 'policy', 'applyMappings', 'syncLog', 'elapse',
];

/**
 * The behaviour settings of the contract (docs/setup-adapter.md, "Settings"). The adapter maps each to the product's
 * own setting; one it cannot map is declined with SetupUnsupported and the scenario skips.
 */
export const SETTINGS = [
  'softDelete', 'linkBy', 'refuseUserDelete', 'refuseGroupDelete', 'groupsEnabled', 'inclusions', 'exclusions', 'attributeMapping',
  'orgMapping', 'roleMapping', 'defaultRoles', 'deactivationDelayMs', 'directoryPull',
] as const;
export type SettingName = (typeof SETTINGS)[number];

export interface TenantSpec {
  /** 3-220 characters. */
  name: string;
  provider: string;
  authKind: 'bearer' | 'basic';
  /** Behaviour settings by the contract's names (SETTINGS); the adapter translates them. */
  settings: Partial<Record<SettingName, unknown>>;
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

/** A local user as the product shows it to its admin. Every field here is read by some step; nothing else is. */
export interface LocalUserView {
  /** The product's local id (never assumed equal to a SCIM id). */
  id: string;
  /** The SCIM user resource this record is linked to; null when SCIM does not manage it (local, portal, built-in). */
  scimId: string | null;
  userName: string;
  email: string | null;
  displayName: string | null;
  /** active (may sign in) | blocked (sign-in refused, e.g. deactivation pending) | deactivated */
  status: 'active' | 'blocked' | 'deactivated';
  /** True when the IdP manages the profile (PRV-05): the product refuses local edits of it. */
  externallyManaged: boolean;
  /** The name of the organization the user belongs to, as the admin sees it (INC-03). */
  organization: string;
  /** The product's role names (INC-04). */
  roles: string[];
}

/** Changes an admin may ask of a local user: profile fields, or the product-owned organization and roles (INC-09). */
export interface LocalUserChanges {
  displayName?: string;
  email?: string;
  roles?: string[];
  organization?: string;
}

export interface LocalGroupView {
  /** The product's local id. */
  id: string;
  displayName: string;
  /** The SCIM group this record is, or null for groups the product made itself. */
  scimId?: string | null;
}

/**
 * Why a local edit was refused: `externally-managed` is the only refusal PRV-05/PRV-11 accept (the record belongs to
 * the IdP); `not-found` and `other` (validation, permissions) are refusals for another reason and fail those checks.
 * An adapter that cannot reach the product throws SetupFailed instead.
 */
export type Refusal = 'externally-managed' | 'not-found' | 'other';

export interface LocalEdit {
  accepted: boolean;
  refusal?: Refusal;
  status?: number;
  detail?: string;
}

export interface SyncLogFilter {
  /** One of the contract's operation names (SyncLogEntryView.operation). */
  operation?: string;
  outcome?: string;
  /** A SCIM id. */
  resourceId?: string;
}

/** One entry of the product's sync log, in the contract's vocabulary (docs/setup-adapter.md, "Sync log"). */
export interface SyncLogEntryView {
  /** ISO 8601. */
  time: string;
  /** create | update | link | deactivate | reactivate | block | delete | refuse | policy-review | … */
  operation: string;
  resourceType: string;
  /** The SCIM id of the resource, or null when none was stored (a refusal). */
  resourceId: string | null;
  /** success | refused | scheduled | failed */
  outcome: string;
  detail: string;
  /** The connection that carried the change, or null for the product's own work. */
  connection: string | null;
  /** The provider of that connection: okta | entra | pingone | pingfederate | generic | ldap. */
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
