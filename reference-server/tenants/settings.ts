import { invalidValue } from '../../scim/errors.ts';
import type { SealedSecret } from './secrets.ts';

/** The IdP a connection serves (CRY-02). */
export const PROVIDERS = ['okta', 'entra', 'pingone', 'pingfederate', 'generic'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** INC-03: one organization-mapping method per tenant. */
export type OrgMapping =
  | { method: 'single'; organization: string }
  /** By the user attribute `c42OrgName` (any extension of the payload), creating the organization if missing. */
  | { method: 'attribute'; default: string }
  /** By SCIM group: the matching rule with the lowest priority number wins; `default` for users in none. */
  | { method: 'group'; rules: { group: string; organization: string; priority: number }[]; default: string };

/** INC-04: SCIM groups to role sets; users in no mapped group get their organization's `defaultRoles`. */
export interface RoleMapping {
  rules: { group: string; roles: string[] }[];
}

/** PRV-04: which SCIM attribute (a path such as `userName` or `emails.value`) becomes the product's field. */
export interface AttributeMapping {
  email?: string;
  displayName?: string;
}

/** PRV-16: periodic pull of identities from an LDAP directory. */
export interface DirectoryPull {
  url: string;
  bindDn: string;
  /** Stored sealed; given in plain text to the admin API. */
  password: SealedSecret | string;
  baseDn: string;
  /** LDAP filter selecting the users, e.g. (objectClass=inetOrgPerson). */
  filter: string;
  /** Directory attribute that becomes userName (default mail). */
  userNameAttribute: string;
  intervalMs: number;
}

/**
 * A tenant's behaviour switches. Every tenant may override any of them; the rest comes from its parent
 * (INC-01), and at the root from DEFAULT_SETTINGS, which keep the plain RFC behaviour.
 */
export interface TenantSettings {
  /** PRV-08: active=false hides the user locally and removes it from every group. */
  softDelete: boolean;
  /** PRV-06/PRV-17: a SCIM create links to the local user matching on this one attribute. */
  linkBy: 'none' | 'email' | 'userName';
  /** PRV-10: DELETE of a User answers 405 instead of deleting. */
  refuseUserDelete: boolean;
  /** PRV-15: DELETE of a Group answers 405 instead of deleting. */
  refuseGroupDelete: boolean;
  /** INC-10: false = this connection's IdP does not push groups; /Groups writes answer 501. */
  groupsEnabled: boolean;
  /** PRV-03: glob patterns (`*`, `?`, case-insensitive) on userName / group displayName. Empty = all included. */
  inclusions: string[];
  exclusions: string[];
  attributeMapping: AttributeMapping;
  orgMapping: OrgMapping | null;
  roleMapping: RoleMapping | null;
  /** INC-04: roles of users no role rule matches (per organization, inherited like every setting). */
  defaultRoles: string[];
  /** INC-06: 0 = deactivate at once. */
  deactivationDelayMs: number;
  directoryPull: DirectoryPull | null;
}

export const DEFAULT_SETTINGS: TenantSettings = {
  softDelete: false,
  linkBy: 'none',
  refuseUserDelete: false,
  refuseGroupDelete: false,
  groupsEnabled: true,
  inclusions: [],
  exclusions: [],
  attributeMapping: {},
  orgMapping: null,
  roleMapping: null,
  defaultRoles: [],
  deactivationDelayMs: 0,
  directoryPull: null,
};

export type SettingsOverride = Partial<TenantSettings>;

/** Folds the overrides from the root down (root first) over the defaults. */
export function mergeSettings(chain: SettingsOverride[]): TenantSettings {
  return Object.assign({}, DEFAULT_SETTINGS, ...chain) as TenantSettings;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Validates an override sent to the admin API; `null` for a key means "inherit again". Returns the keys to
 * set and the keys to clear. Hand-written rather than a JSON Schema: a dozen keys, and the messages name them.
 */
export function parseSettingsPatch(raw: unknown): { set: SettingsOverride; clear: (keyof TenantSettings)[] } {
  if (!isObject(raw)) throw invalidValue('settings must be a JSON object.');
  const set: Record<string, unknown> = {};
  const clear: (keyof TenantSettings)[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in DEFAULT_SETTINGS)) throw invalidValue(`Unknown setting "${key}"; known: ${Object.keys(DEFAULT_SETTINGS).join(', ')}.`);
    if (value === null && DEFAULT_SETTINGS[key as keyof TenantSettings] !== null) {
      clear.push(key as keyof TenantSettings);
      continue;
    }
    if (!validSetting(key as keyof TenantSettings, value)) throw invalidValue(`Setting "${key}" has an invalid value: ${JSON.stringify(value)}.`);
    set[key] = value;
  }
  return { set: set as SettingsOverride, clear };
}

function validSetting(key: keyof TenantSettings, v: unknown): boolean {
  switch (key) {
    case 'softDelete':
    case 'refuseUserDelete':
    case 'refuseGroupDelete':
    case 'groupsEnabled':
      return typeof v === 'boolean';
    case 'linkBy':
      return v === 'none' || v === 'email' || v === 'userName';
    case 'inclusions':
    case 'exclusions':
    case 'defaultRoles':
      return isStringList(v);
    case 'attributeMapping':
      return isObject(v) && Object.entries(v).every(([k, x]) => (k === 'email' || k === 'displayName') && typeof x === 'string');
    case 'orgMapping':
      return v === null || validOrgMapping(v);
    case 'roleMapping':
      return v === null || (isObject(v) && Array.isArray(v.rules) && v.rules.every((r) => isObject(r) && typeof r.group === 'string' && isStringList(r.roles)));
    case 'deactivationDelayMs':
      return Number.isInteger(v) && (v as number) >= 0;
    case 'directoryPull':
      return (
        v === null ||
        (isObject(v) &&
          typeof v.url === 'string' && /^ldaps?:\/\//.test(v.url) &&
          typeof v.bindDn === 'string' && typeof v.password === 'string' && typeof v.baseDn === 'string' &&
          (v.filter === undefined || typeof v.filter === 'string') &&
          (v.userNameAttribute === undefined || typeof v.userNameAttribute === 'string') &&
          (v.intervalMs === undefined || (Number.isInteger(v.intervalMs) && (v.intervalMs as number) >= 1000)))
      );
  }
}

function validOrgMapping(v: unknown): boolean {
  if (!isObject(v)) return false;
  switch (v.method) {
    case 'single':
      return typeof v.organization === 'string';
    case 'attribute':
      return typeof v.default === 'string';
    case 'group':
      return (
        typeof v.default === 'string' &&
        Array.isArray(v.rules) &&
        v.rules.every((r) => isObject(r) && typeof r.group === 'string' && typeof r.organization === 'string' && Number.isInteger(r.priority))
      );
    default:
      return false;
  }
}

/** `*` any run, `?` one character; case-insensitive, whole string. */
export function globMatches(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(text);
}
