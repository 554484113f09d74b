import type { Account, Org, Tiny, TinySettings } from './product.ts';

/**
 * Tiny's side of the setup adapter contract (docs/setup-adapter.md), as HTTP hooks: `POST /harness/{operation}`
 * with `{"args": [...]}` answers `{"result": ...}`. This file is the whole adapter: it translates the contract's
 * terms (behaviour names, local views, refusals) into Tiny's own, and declines what Tiny does not offer with 501.
 */

type Json = Record<string, any>;

/** Tiny does not offer this: the hooks answer 501 and the scenario is skipped with the reason. */
export class NotOffered extends Error {}

/** Contract setting → how Tiny expresses it. A setting missing here is declined. */
const SETTINGS: Record<string, (value: unknown, into: Partial<TinySettings>) => void> = {
  linkBy: (v, into) => void (into.matchOn = v === 'email' ? 'mail' : v === 'userName' ? 'login' : 'off'),
  softDelete: (v, into) => void (into.deprovision = v ? 'suspend' : 'keep'),
  refuseUserDelete: (v, into) => void (into.allowUserDelete = !v),
  refuseGroupDelete: (v, into) => void (into.allowGroupDelete = !v),
  exclusions: (v, into) => void (into.blockList = v as string[]),
  defaultRoles: (v, into) => void (into.starterRoles = v as string[]),
};

function translate(settings: Json = {}): Partial<TinySettings> {
  const out: Partial<TinySettings> = {};
  for (const [name, value] of Object.entries(settings)) {
    const map = SETTINGS[name];
    if (!map) throw new NotOffered(`Tiny has no setting for "${name}"`);
    map(value, out);
  }
  return out;
}

const STATUS: Record<Account['state'], string> = { enabled: 'active', disabled: 'blocked', suspended: 'deactivated' };

function view(org: Org, a: Account) {
  return {
    id: a.id, scimId: a.scimId, userName: a.login, email: a.mail, displayName: a.fullName, status: STATUS[a.state],
    externallyManaged: a.scimId !== null, organization: org.name, roles: a.roles,
  };
}

/** Runs one operation; `origin` is the product's own base URL, for the SCIM endpoints it hands out. */
export function runHook(tiny: Tiny, origin: string, operation: string, args: any[]): unknown {
  const org = (slug: string): Org => {
    const found = tiny.orgs.get(slug);
    if (!found) throw new Error(`no organization ${slug}`);
    return found;
  };
  const account = (o: Org, id: string) => o.accounts.get(id);
  switch (operation) {
    case 'createTenant': {
      const [spec] = args as [Json];
      if (spec.authKind !== 'bearer') throw new NotOffered('Tiny connections use bearer tokens only');
      if (spec.parent) throw new NotOffered('Tiny has no organization tree');
      if (spec.name.length < 3 || spec.name.length > 220) throw new Error('organization names have 3 to 220 characters');
      const { org: made, token } = tiny.createOrg(spec.name, spec.provider, translate(spec.settings));
      return { id: made.slug, target: `${origin}/t/${made.slug}/scim/v2`, auth: { kind: 'bearer', token } };
    }
    case 'deleteTenant':
      tiny.orgs.delete(args[0]);
      return null;
    case 'updateSettings': {
      const o = org(args[0]);
      o.settings = { ...o.settings, ...translate(args[1]) };
      return null;
    }
    case 'refusedTenantName': {
      const name = String(args[0]);
      if (name.length < 3) return 'an organization name needs at least 3 characters';
      if (name.length > 220) return 'an organization name has at most 220 characters';
      return null;
    }
    case 'changeProvider': {
      const token = tiny.reissue(org(args[0]), args[1]);
      return { kind: 'bearer', token };
    }
    case 'storedConnection': {
      const o = org(args[0]);
      return { id: o.connectionId, provider: o.provider, tokenSha256: o.tokenSha256 };
    }
    case 'createLocalUser': {
      const o = org(args[0]);
      const spec = args[1] as Json;
      const a: Account = {
        id: tiny.nextId('usr'), scimId: null, login: spec.userName, mail: spec.email ?? null, fullName: spec.displayName ?? null, state: 'enabled',
        source: spec.origin === 'portal' ? 'portal' : 'admin', roles: [],
      };
      o.accounts.set(a.id, a);
      return view(o, a);
    }
    case 'localUsers': {
      const o = org(args[0]);
      const all = (args[1] as Json | undefined)?.includeDeactivated === true;
      return [...o.accounts.values()].filter((a) => all || a.state !== 'suspended').map((a) => view(o, a));
    }
    case 'localUser': {
      const o = org(args[0]);
      const a = account(o, args[1]);
      return a ? view(o, a) : null;
    }
    case 'localUserByScimId': {
      const o = org(args[0]);
      const a = tiny.accountOfScim(o, args[1]);
      return a ? view(o, a) : null;
    }
    case 'editLocalUser': {
      const o = org(args[0]);
      const a = account(o, args[1]);
      const changes = args[2] as Json;
      if (!a) return { accepted: false, refusal: 'not-found', status: 404 };
      const profile = ['displayName', 'email'].filter((k) => k in changes);
      if (profile.length && a.scimId !== null) return { accepted: false, refusal: 'externally-managed', detail: `${a.login} is managed by the IdP` };
      if (changes.organization !== undefined) throw new NotOffered('Tiny has one organization per tenant');
      if (changes.displayName !== undefined) a.fullName = changes.displayName;
      if (changes.email !== undefined) a.mail = changes.email;
      if (changes.roles !== undefined) a.roles = changes.roles;
      return { accepted: true };
    }
    case 'createLocalGroup': {
      const o = org(args[0]);
      const spec = args[1] as Json;
      const team = { id: tiny.nextId('grp'), name: spec.displayName, kind: spec.origin === 'builtin' ? 'builtin' : 'manual', scimId: null, members: [] } as const;
      o.teams.set(team.id, { ...team, members: [] });
      return { id: team.id, displayName: team.name };
    }
    case 'localGroupByScimId': {
      const o = org(args[0]);
      const team = tiny.teamOfScim(o, args[1]);
      return team ? { id: team.id, displayName: team.name, scimId: team.scimId } : null;
    }
    case 'editLocalGroup': {
      const o = org(args[0]);
      const team = o.teams.get(args[1]);
      if (!team) return { accepted: false, refusal: 'not-found', status: 404 };
      if (team.kind === 'idp') return { accepted: false, refusal: 'externally-managed', detail: `${team.name} is managed by the IdP` };
      if (args[2]?.displayName) team.name = args[2].displayName;
      return { accepted: true };
    }
    case 'syncLog': {
      const o = org(args[0]);
      const filter = (args[1] ?? {}) as Json;
      return o.log.filter((e) => (['operation', 'outcome', 'resourceId'] as const).every((k) => filter[k] === undefined || (e as Json)[k] === filter[k]));
    }
    default:
      // setLegalHold, unblock, createPolicy, policy, applyMappings, elapse: Tiny has no such thing.
      throw new NotOffered(`Tiny offers no "${operation}"`);
  }
}
