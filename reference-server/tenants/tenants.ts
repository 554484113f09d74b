import { randomUUID } from 'node:crypto';
import { ScimError, conflict, invalidValue, notFound } from '../../scim/errors.ts';
import type { Authenticator } from '../http/auth.ts';
import type { Store } from '../store/types.ts';
import { hashSecret, newToken, sha256Hex, type HashedSecret, type SealedSecret, type SecretBox } from './secrets.ts';
import {
  PROVIDERS,
  mergeSettings,
  parseSettingsPatch,
  type DirectoryPull,
  type Provider,
  type SettingsOverride,
  type TenantSettings,
} from './settings.ts';

export const DEFAULT_TENANT = 'default';
const TENANTS = 'tenants';
const CONNECTIONS = 'connections';

/** An organization (INC-01) with its own SCIM base path /tenants/{slug}/scim/v2 (the default tenant: /scim/v2). */
export interface Tenant {
  slug: string;
  name: string;
  parent: string | null;
  /** false: start from the defaults instead of the parent's settings ("unless told not to"). */
  inherit: boolean;
  settings: SettingsOverride;
  created: string;
}

/** A directory-sync connection of a tenant (CRY-01/02, PRV-02, INC-02). Secrets only hashed or sealed. */
export interface Connection {
  id: string;
  tenant: string;
  provider: Provider;
  authKind: 'bearer' | 'basic';
  token?: HashedSecret;
  username?: string;
  password?: SealedSecret;
  created: string;
  /** When the secret last changed (creation, rotation, provider change). */
  rotated: string;
}

/** What the admin API shows of a connection: never a secret. */
export type ConnectionView = Pick<Connection, 'id' | 'tenant' | 'provider' | 'authKind' | 'username' | 'created' | 'rotated'>;

/** A secret the admin API shows once, when it is made. */
export type IssuedSecret = { token: string } | { username: string; password: string };

export interface NewTenant {
  slug?: string;
  name: string;
  parent?: string | null;
  inherit?: boolean;
  settings?: unknown;
}

export interface NewConnection {
  provider: Provider;
  authKind: 'bearer' | 'basic';
  username?: string;
  password?: string;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const tenantKey = (slug: string) => `${slug}/`;
const connectionKey = (tenant: string, id: string) => `${tenant}/${id}`;

/**
 * The organization tree and its connections, kept in the store and mirrored into the Authenticator so that a
 * credential change takes effect with the very next request (CRY-03).
 */
export class Tenants {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly auth: Authenticator,
    private readonly now: () => Date,
  ) {}

  /** Creates the default tenant on a new store and registers every stored connection's credentials. */
  load(): void {
    if (!this.find(DEFAULT_TENANT)) {
      this.store.putDoc(TENANTS, tenantKey(DEFAULT_TENANT), {
        slug: DEFAULT_TENANT, name: 'Default organization', parent: null, inherit: true, settings: {}, created: this.now().toISOString(),
      } satisfies Tenant);
    }
    for (const c of this.store.listDocs<Connection>(CONNECTIONS)) this.register(c);
  }

  find(slug: string): Tenant | undefined {
    return this.store.getDoc<Tenant>(TENANTS, tenantKey(slug));
  }

  get(slug: string): Tenant {
    const tenant = this.find(slug);
    if (!tenant) throw notFound(`There is no tenant "${slug}".`);
    return tenant;
  }

  list(): Tenant[] {
    return this.store.listDocs<Tenant>(TENANTS);
  }

  children(slug: string): Tenant[] {
    return this.list().filter((t) => t.parent === slug);
  }

  create(input: NewTenant): Tenant {
    const name = validName(input.name);
    const parent = input.parent ?? null;
    if (parent !== null) this.get(parent);
    const slug = input.slug ?? this.freeSlug(name);
    if (!SLUG.test(slug)) throw invalidValue(`Tenant slug "${slug}" must be 1-63 lower-case letters, digits or hyphens.`);
    if (this.find(slug)) throw conflict(`Tenant slug "${slug}" is already taken.`);
    const { set } = input.settings === undefined ? { set: {} } : parseSettingsPatch(input.settings);
    const tenant: Tenant = { slug, name, parent, inherit: input.inherit ?? true, settings: this.sealSettings(set), created: this.now().toISOString() };
    this.store.putDoc(TENANTS, tenantKey(slug), tenant);
    return tenant;
  }

  update(slug: string, patch: { name?: unknown; inherit?: unknown; settings?: unknown }): Tenant {
    const tenant = this.get(slug);
    if (patch.name !== undefined) tenant.name = validName(patch.name);
    if (patch.inherit !== undefined) {
      if (typeof patch.inherit !== 'boolean') throw invalidValue('"inherit" must be true or false.');
      tenant.inherit = patch.inherit;
    }
    if (patch.settings !== undefined) {
      const { set, clear } = parseSettingsPatch(patch.settings);
      const settings: Record<string, unknown> = { ...tenant.settings, ...this.sealSettings(set) };
      for (const key of clear) delete settings[key];
      tenant.settings = settings as SettingsOverride;
    }
    this.store.putDoc(TENANTS, tenantKey(slug), tenant);
    return tenant;
  }

  /** Deletes a leaf tenant with all its data and connections; the default tenant stays. */
  delete(slug: string): void {
    this.get(slug);
    if (slug === DEFAULT_TENANT) throw new ScimError(403, 'The default tenant cannot be deleted.');
    const children = this.children(slug);
    if (children.length) throw conflict(`Tenant "${slug}" has child organizations (${children.map((c) => c.slug).join(', ')}); delete them first.`);
    for (const c of this.connections(slug)) this.auth.removeConnection(c.id);
    this.store.transaction(() => {
      this.store.dropTenant(slug);
      this.store.deleteDoc(TENANTS, tenantKey(slug));
    });
  }

  /** The tenant's settings after inheritance (INC-01). */
  settings(slug: string): TenantSettings {
    const chain: SettingsOverride[] = [];
    for (let t: Tenant | undefined = this.get(slug); t; t = t.inherit && t.parent ? this.find(t.parent) : undefined) {
      chain.unshift(t.settings);
    }
    return mergeSettings(chain);
  }

  /** The ancestors' slugs, nearest first (for views and for organizations created under a tenant). */
  ancestors(slug: string): string[] {
    const out: string[] = [];
    for (let t = this.find(slug); t?.parent; t = this.find(t.parent)) out.push(t.parent);
    return out;
  }

  /** A directory pull's bind password, opened for use. */
  directoryPassword(pull: DirectoryPull): string {
    return typeof pull.password === 'string' ? pull.password : this.box.open(pull.password);
  }

  // ---------- connections ----------

  connections(tenant: string): Connection[] {
    return this.store.listDocs<Connection>(CONNECTIONS, `${tenant}/`);
  }

  connection(tenant: string, id: string): Connection {
    const c = this.store.getDoc<Connection>(CONNECTIONS, connectionKey(tenant, id));
    if (!c) throw notFound(`Tenant "${tenant}" has no connection "${id}".`);
    return c;
  }

  /** The connection by id alone (the sync log knows only the id). */
  connectionById(id: string): Connection | undefined {
    return this.store.listDocs<Connection>(CONNECTIONS).find((c) => c.id === id);
  }

  createConnection(tenant: string, input: NewConnection): { connection: ConnectionView; secret: IssuedSecret } {
    this.get(tenant);
    if (!(PROVIDERS as readonly string[]).includes(input.provider)) throw invalidValue(`provider must be one of ${PROVIDERS.join(', ')}.`);
    if (input.authKind !== 'bearer' && input.authKind !== 'basic') throw invalidValue('authKind must be "bearer" or "basic".');
    if (input.authKind === 'basic') {
      if (typeof input.username !== 'string' || !input.username || input.username.includes(':')) {
        throw invalidValue('A basic connection needs a username without ":".');
      }
      const taken = this.store.listDocs<Connection>(CONNECTIONS).some((c) => c.authKind === 'basic' && c.username === input.username);
      if (taken) throw conflict(`The basic username "${input.username}" is already used by another connection.`);
      if (input.password !== undefined && (typeof input.password !== 'string' || input.password.length < 8)) {
        throw invalidValue('A basic password must have at least 8 characters.');
      }
    }
    const now = this.now().toISOString();
    const connection: Connection = { id: randomUUID(), tenant, provider: input.provider, authKind: input.authKind, created: now, rotated: now };
    if (input.authKind === 'basic') connection.username = input.username;
    const secret = this.issue(connection, input.password);
    return { connection: view(connection), secret };
  }

  /** CRY-03: a new provider means a new secret; the old one stops working with the next request. */
  setProvider(tenant: string, id: string, provider: unknown): { connection: ConnectionView; secret?: IssuedSecret } {
    if (!(PROVIDERS as readonly string[]).includes(provider as string)) throw invalidValue(`provider must be one of ${PROVIDERS.join(', ')}.`);
    const connection = this.connection(tenant, id);
    if (connection.provider === provider) return { connection: view(connection) };
    connection.provider = provider as Provider;
    const secret = this.issue(connection);
    return { connection: view(connection), secret };
  }

  rotate(tenant: string, id: string, password?: string): { connection: ConnectionView; secret: IssuedSecret } {
    const connection = this.connection(tenant, id);
    const secret = this.issue(connection, password);
    return { connection: view(connection), secret };
  }

  deleteConnection(tenant: string, id: string): void {
    this.connection(tenant, id);
    this.auth.removeConnection(id);
    this.store.deleteDoc(CONNECTIONS, connectionKey(tenant, id));
  }

  /** The stored form of a connection (CRY-04 audit view): hashes and ciphertext, never plain secrets. */
  storedForm(tenant: string, id: string): Connection {
    return this.connection(tenant, id);
  }

  view(connection: Connection): ConnectionView {
    return view(connection);
  }

  /** Makes a new secret for the connection, stores its hash or sealed form and swaps the live credential. */
  private issue(connection: Connection, chosenPassword?: string): IssuedSecret {
    connection.rotated = this.now().toISOString();
    let secret: IssuedSecret;
    if (connection.authKind === 'bearer') {
      const token = newToken();
      connection.token = hashSecret(token);
      secret = { token };
    } else {
      const password = chosenPassword ?? newToken();
      connection.password = this.box.seal(password);
      secret = { username: connection.username!, password };
    }
    this.store.putDoc(CONNECTIONS, connectionKey(connection.tenant, connection.id), connection);
    this.auth.removeConnection(connection.id);
    this.register(connection);
    return secret;
  }

  private register(c: Connection): void {
    if (c.authKind === 'bearer' && c.token) this.auth.addDigest('Bearer', c.token.digest, c.tenant, c.id);
    if (c.authKind === 'basic' && c.password) {
      // The Authenticator compares hashes; the sealed password is opened once, here.
      this.auth.addDigest('Basic', sha256Hex(`${c.username}:${this.box.open(c.password)}`), c.tenant, c.id);
    }
  }

  private sealSettings(set: SettingsOverride): SettingsOverride {
    const pull = set.directoryPull;
    if (!pull) return set;
    return {
      ...set,
      directoryPull: {
        ...pull,
        // Defaults for what the admin may leave out (the settings validator allows them to be absent).
        filter: pull.filter ?? '(objectClass=inetOrgPerson)',
        userNameAttribute: pull.userNameAttribute ?? 'mail',
        intervalMs: pull.intervalMs ?? 3_600_000,
        password: typeof pull.password === 'string' ? this.box.seal(pull.password) : pull.password,
      },
    };
  }

  private freeSlug(name: string): string {
    const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'org';
    let slug = base;
    for (let i = 2; this.find(slug); i++) slug = `${base}-${i}`;
    return slug;
  }
}

function view(c: Connection): ConnectionView {
  const { id, tenant, provider, authKind, username, created, rotated } = c;
  return { id, tenant, provider, authKind, ...(username !== undefined ? { username } : {}), created, rotated };
}

/** INC-01: organization names have 3 to 220 characters. */
function validName(raw: unknown): string {
  if (typeof raw !== 'string') throw invalidValue('A tenant needs a "name".');
  const name = raw.trim();
  const length = [...name].length;
  if (length < 3 || length > 220) throw invalidValue(`A tenant name has 3 to 220 characters; "${name}" has ${length}.`);
  return name;
}
