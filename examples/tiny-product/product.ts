import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * "Tiny": an example SaaS product, written apart from the reference server to prove the setup adapter contract
 * (docs/setup-adapter.md) holds for a product that is not ours. Its model is deliberately different:
 * - accounts have ids like `usr-000001`; the SCIM resources it serves have UUIDs; the two are linked by a field;
 * - its settings have its own names (`matchOn`, `deprovision`, `allowUserDelete`, `blockList`, `starterRoles`);
 * - it has no organization tree, no legal holds, no policies, no timed work and no Basic credentials: the vendor
 *   scenarios that need those are skipped with the reason its hooks give.
 * Everything is in memory; one process is one product.
 */

export interface TinySettings {
  /** Which account field a SCIM create links on: `mail`, `login` or `off`. */
  matchOn: 'mail' | 'login' | 'off';
  /** What SCIM `active=false` does: `suspend` hides the account and drops its memberships; `keep` only disables sign-in. */
  deprovision: 'suspend' | 'keep';
  allowUserDelete: boolean;
  allowGroupDelete: boolean;
  /** Glob patterns (`*`) of names the product refuses to store. */
  blockList: string[];
  starterRoles: string[];
}

export const DEFAULT_SETTINGS: TinySettings = { matchOn: 'off', deprovision: 'keep', allowUserDelete: true, allowGroupDelete: true, blockList: [], starterRoles: [] };

export interface Account {
  id: string;
  /** The SCIM user this account is linked to, if any. */
  scimId: string | null;
  login: string;
  mail: string | null;
  fullName: string | null;
  state: 'enabled' | 'disabled' | 'suspended';
  source: 'admin' | 'portal' | 'idp';
  roles: string[];
}

export interface Team {
  id: string;
  name: string;
  kind: 'builtin' | 'manual' | 'idp';
  scimId: string | null;
  members: string[];
}

export interface LogEntry {
  time: string;
  operation: string;
  resourceType: 'User' | 'Group';
  resourceId: string | null;
  outcome: 'success' | 'refused';
  detail: string;
  connection: string | null;
  idp: string | null;
}

export interface Org {
  slug: string;
  name: string;
  provider: string;
  connectionId: string;
  tokenSha256: string;
  settings: TinySettings;
  accounts: Map<string, Account>;
  teams: Map<string, Team>;
  /** SCIM resources as served, by SCIM id. */
  // SCIM bodies are free-form JSON the product pokes into.
  users: Map<string, Record<string, any>>;
  groups: Map<string, Record<string, any>>;
  log: LogEntry[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The product's state: organizations and the sequences its ids come from. */
export class Tiny {
  readonly orgs = new Map<string, Org>();
  private seq = { org: 0, usr: 0, grp: 0 };

  constructor(readonly now: () => Date = () => new Date()) {}

  nextId(kind: 'usr' | 'grp'): string {
    this.seq[kind] += 1;
    return `${kind}-${String(this.seq[kind]).padStart(6, '0')}`;
  }

  /** A new organization with one bearer connection; returns it and its token (shown once). */
  createOrg(name: string, provider: string, settings: Partial<TinySettings>, slug?: string): { org: Org; token: string } {
    this.seq.org += 1;
    const token = randomBytes(24).toString('base64url');
    const org: Org = {
      slug: slug ?? `org-${this.seq.org}`, name, provider, connectionId: `con-${this.seq.org}`, tokenSha256: sha256(token),
      settings: { ...DEFAULT_SETTINGS, ...settings }, accounts: new Map(), teams: new Map(), users: new Map(), groups: new Map(), log: [],
    };
    this.orgs.set(org.slug, org);
    return { org, token };
  }

  /** A new token for the connection; the old one stops working at once. */
  reissue(org: Org, provider: string): string {
    const token = randomBytes(24).toString('base64url');
    org.provider = provider;
    org.tokenSha256 = sha256(token);
    return token;
  }

  orgByToken(token: string): Org | undefined {
    const digest = sha256(token);
    return [...this.orgs.values()].find((o) => o.tokenSha256 === digest);
  }

  record(org: Org, entry: Omit<LogEntry, 'time' | 'connection' | 'idp'>, byConnection = true): void {
    org.log.push({ ...entry, time: this.now().toISOString(), connection: byConnection ? org.connectionId : null, idp: byConnection ? org.provider : null });
  }

  accountOfScim(org: Org, scimId: string): Account | undefined {
    return [...org.accounts.values()].find((a) => a.scimId === scimId);
  }

  teamOfScim(org: Org, scimId: string): Team | undefined {
    return [...org.teams.values()].find((t) => t.scimId === scimId);
  }

  newUuid(): string {
    return randomUUID();
  }
}

/** `*` matches any run of characters, case-insensitively. */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return re.test(value);
}
