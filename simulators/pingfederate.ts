import { URN } from '../scim/urns.ts';
import { walkPages } from '../scim/paging.ts';
import type { IdpProfile, ScimEngine } from './engine/engine.ts';
import { defaultRetryPolicy } from './engine/retry.ts';
import { expectStatus, ScimRequestError } from './engine/errors.ts';
import type { ConnectorState, StateStore } from './connector-state.ts';
import { ldapSearch, normalizeDn } from './directory/ldap-search.ts';
import { DISABLED_MARK, type DirectoryEntry, type LdapEndpoint } from './directory/types.ts';
import { eqFilter, patchBody, resourcesOf, type ScimResource } from './scim-messages.ts';

/** Which directory entries the connector provisions (PingFederate "Source Location"). */
export interface PingSource {
  /** Users are searched under this DN. */
  baseDn: string;
  /** Users in scope are the members of this group... */
  groupDn?: string;
  /** ...or those this filter selects (ANDed with the user object class). */
  userFilter?: string;
  /** Groups pushed: those under groupBaseDn (default baseDn) matching groupFilter. */
  groupBaseDn?: string;
  groupFilter?: string;
}

/** Directory attribute names for each SCIM attribute; ZPA-01: userName comes from `mail` unless changed. */
export interface PingMapping {
  userName: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  title: string;
}

export const defaultPingMapping: PingMapping = { userName: 'mail', givenName: 'givenName', familyName: 'sn', displayName: 'cn', email: 'mail', title: 'title' };

export interface PingFederateOptions {
  ldap: LdapEndpoint;
  source: PingSource;
  mapping?: Partial<PingMapping>;
  /** "Remove User Action" (ZPA-04): disable (default) or delete. */
  removeUserAction?: 'disable' | 'delete';
  /** The account-status attribute and the value that means disabled. */
  disabled?: { attribute: string; value: string };
  state: StateStore;
}

export interface RunReport {
  created: number;
  linked: number;
  updated: number;
  deprovisioned: number;
  groupsCreated: number;
  groupsRenamed: number;
  groupsOverwritten: number;
  groupsDeleted: number;
}

/** PingFederate's SCIM provisioner; its User-Agent is undocumented, the Java HTTP client's default is likely (low). */
export const pingFederateProfile: IdpProfile = {
  name: 'pingfederate',
  userAgent: 'Apache-HttpClient/4.5.13 (Java/11.0.16)',
  headers: { Accept: 'application/scim+json' },
  contentType: 'application/scim+json',
  retry: defaultRetryPolicy,
  concurrency: 4,
  ratePerSecond: Infinity,
  timeoutMs: 60_000,
};

/** A directory user after the attribute mapping. */
interface MappedUser {
  userName: string;
  givenName: string;
  familyName: string;
  displayName: string;
  email: string;
  title?: string;
}

interface SourceUser {
  guid: string;
  dn: string;
  active: boolean;
  attributes: MappedUser;
}

const GROUP_PAGE = 100;

/**
 * The PingFederate outbound connector fed by LDAP (ZPA-01..09): each run reads the directory over LDAP,
 * diffs it against the state kept from the last run and sends the difference. Users: lookup by userName,
 * POST, whole-object PUT (no user PATCH), deprovision by PUT active=false or DELETE. Groups by cn: list all
 * and match client-side, POST with no members, PATCH replace of displayName and of the whole member list
 * (overwrite), DELETE when gone.
 */
export class PingFederateConnector {
  private readonly mapping: PingMapping;
  private readonly removeUserAction: 'disable' | 'delete';
  private readonly disabledMark: { attribute: string; value: string };

  constructor(readonly engine: ScimEngine, private readonly options: PingFederateOptions) {
    this.mapping = { ...defaultPingMapping, ...options.mapping };
    this.removeUserAction = options.removeUserAction ?? 'disable';
    this.disabledMark = options.disabled ?? DISABLED_MARK;
  }

  async run(): Promise<RunReport> {
    const report: RunReport = { created: 0, linked: 0, updated: 0, deprovisioned: 0, groupsCreated: 0, groupsRenamed: 0, groupsOverwritten: 0, groupsDeleted: 0 };
    const state = await this.options.state.load();
    try {
      await this.syncUsers(state, await this.readUsers(), report);
      await this.syncGroups(state, await this.readGroups(), report);
    } finally {
      // Whatever was sent before a failure is remembered, so the next run does not repeat it.
      await this.options.state.save(state);
    }
    return report;
  }

  private async syncUsers(state: ConnectorState, users: SourceUser[], report: RunReport): Promise<void> {
    const wanted = new Set(users.filter((u) => u.active).map((u) => u.guid));
    for (const user of users.filter((u) => u.active)) {
      const snapshot = JSON.stringify(user.attributes);
      const known = state.users[user.guid];
      if (known) {
        if (known.active && known.snapshot === snapshot) continue;
        await this.put(known.targetId, user, true);
        state.users[user.guid] = { ...known, dn: user.dn, snapshot, active: true };
        report.updated++;
        continue;
      }
      const found = await this.lookupUser(user.attributes.userName);
      if (found) {
        await this.put(found.id, user, true);
        report.linked++;
      } else {
        report.created++;
      }
      const targetId = found?.id ?? (await this.create(user));
      state.users[user.guid] = { targetId, dn: user.dn, snapshot, active: true };
    }
    // Deleted, disabled, or out of the targeted group/filter: all three deprovision (ZPA-04).
    for (const [guid, known] of Object.entries(state.users)) {
      if (wanted.has(guid) || !known.active) continue;
      if (this.removeUserAction === 'delete') {
        expectStatus('delete user', await this.engine.send({ method: 'DELETE', path: `/Users/${known.targetId}` }), 204, 200, 404);
        delete state.users[guid];
      } else {
        const last = JSON.parse(known.snapshot) as MappedUser;
        await this.put(known.targetId, { guid, dn: known.dn, active: false, attributes: last }, false);
        known.active = false;
      }
      report.deprovisioned++;
    }
  }

  private async syncGroups(state: ConnectorState, groups: DirectoryEntry[], report: RunReport): Promise<void> {
    const userIdByDn = new Map(Object.values(state.users).filter((u) => u.active).map((u) => [normalizeDn(u.dn), u.targetId]));
    let targetGroups: ScimResource[] | undefined;
    const seen = new Set<string>();
    for (const group of groups) {
      const guid = this.guidOf(group);
      const cn = group.attributes.cn?.[0] ?? '';
      const members = (group.attributes.member ?? []).flatMap((dn) => userIdByDn.get(normalizeDn(dn)) ?? []).sort();
      seen.add(guid);
      const known = state.groups[guid];
      if (known) {
        if (known.cn !== cn) {
          await this.patchGroup(known.targetId, 'displayName', cn);
          report.groupsRenamed++;
        }
        if (known.members.join() !== members.join()) {
          await this.patchGroup(known.targetId, 'members', members.map((value) => ({ value })));
          report.groupsOverwritten++;
        }
        state.groups[guid] = { targetId: known.targetId, cn, members };
        continue;
      }
      targetGroups ??= await this.listAllGroups();
      const existing = targetGroups.find((g) => String(g.displayName).toLowerCase() === cn.toLowerCase());
      const targetId = existing?.id ?? (await this.createGroup(cn));
      if (!existing) report.groupsCreated++;
      // A linked group is made equal to the directory even when that empties it (ZPA-08 overwrite).
      if (existing || members.length) {
        await this.patchGroup(targetId, 'members', members.map((value) => ({ value })));
        report.groupsOverwritten++;
      }
      state.groups[guid] = { targetId, cn, members };
    }
    for (const [guid, known] of Object.entries(state.groups)) {
      if (seen.has(guid)) continue;
      expectStatus('delete group', await this.engine.send({ method: 'DELETE', path: `/Groups/${known.targetId}` }), 204, 200, 404);
      delete state.groups[guid];
      report.groupsDeleted++;
    }
  }

  /** Users of the source, in scope or not yet decided; inactive ones count as out of scope. */
  private async readUsers(): Promise<SourceUser[]> {
    const { source, ldap } = this.options;
    const filter = `(&(objectClass=inetOrgPerson)${source.userFilter ?? ''})`;
    const base = normalizeDn(source.baseDn);
    let entries = (await ldapSearch(ldap, source.baseDn, filter)).filter((e) => isUnder(e.dn, base));
    if (source.groupDn) {
      const groupDn = normalizeDn(source.groupDn);
      const [group] = (await ldapSearch(ldap, source.groupDn, '(objectClass=groupOfNames)')).filter((g) => normalizeDn(g.dn) === groupDn);
      const members = new Set((group?.attributes.member ?? []).map(normalizeDn));
      entries = entries.filter((e) => members.has(normalizeDn(e.dn)));
    }
    return entries
      .filter((e) => this.attr(e, this.mapping.userName))
      .sort((a, b) => a.dn.localeCompare(b.dn))
      .map((e) => ({ guid: this.guidOf(e), dn: e.dn, active: !this.isDisabled(e), attributes: this.mapUser(e) }));
  }

  private async readGroups(): Promise<DirectoryEntry[]> {
    const { source, ldap } = this.options;
    if (!source.groupFilter) return [];
    const base = source.groupBaseDn ?? source.baseDn;
    return (await ldapSearch(ldap, base, source.groupFilter))
      .filter((e) => isUnder(e.dn, normalizeDn(base)) && e.attributes.cn?.length)
      .sort((a, b) => a.dn.localeCompare(b.dn));
  }

  private mapUser(e: DirectoryEntry): MappedUser {
    const m = this.mapping;
    const title = this.attr(e, m.title);
    return {
      userName: this.attr(e, m.userName)!,
      givenName: this.attr(e, m.givenName) ?? '',
      familyName: this.attr(e, m.familyName) ?? '',
      displayName: this.attr(e, m.displayName) ?? '',
      email: this.attr(e, m.email) ?? '',
      ...(title !== undefined ? { title } : {}),
    };
  }

  private userBody(user: SourceUser, active: boolean) {
    const a = user.attributes;
    return {
      schemas: [URN.User],
      userName: a.userName,
      name: { givenName: a.givenName, familyName: a.familyName },
      displayName: a.displayName,
      emails: [{ value: a.email, type: 'work', primary: true }],
      // Ping cannot clear a value once set (known limitation), so an attribute that disappears is simply not sent.
      ...(a.title !== undefined ? { title: a.title } : {}),
      active,
    };
  }

  private async lookupUser(userName: string): Promise<ScimResource | undefined> {
    const res = await this.engine.send({ method: 'GET', path: '/Users', query: [['filter', eqFilter('userName', userName)]] });
    return resourcesOf(expectStatus('lookup user', res, 200).body)[0];
  }

  private async create(user: SourceUser): Promise<string> {
    const res = expectStatus('create user', await this.engine.send({ method: 'POST', path: '/Users', body: this.userBody(user, true) }), 201);
    const id = (res.body as ScimResource | undefined)?.id;
    if (!id) throw new ScimRequestError('create user returned no id', res);
    return id;
  }

  private async put(id: string, user: SourceUser, active: boolean): Promise<void> {
    const body = { ...this.userBody(user, active), id };
    expectStatus('update user', await this.engine.send({ method: 'PUT', path: `/Users/${id}`, body }), 200);
  }

  /**
   * The generic SCIM provisioner has no group filter: it lists every group and matches by name itself. Pages may
   * be shorter than asked (RFC 7644 §3.4.2.4); stopping early would miss a group and create a duplicate.
   */
  private async listAllGroups(): Promise<ScimResource[]> {
    const page = async (start: number) => {
      const query: [string, string][] = [['startIndex', String(start)], ['count', String(GROUP_PAGE)]];
      return expectStatus('list groups', await this.engine.send({ method: 'GET', path: '/Groups', query }), 200).body;
    };
    return (await walkPages(page)) as ScimResource[];
  }

  private async createGroup(displayName: string): Promise<string> {
    const body = { schemas: [URN.Group], displayName, members: [] };
    const res = expectStatus('create group', await this.engine.send({ method: 'POST', path: '/Groups', body }), 201);
    const id = (res.body as ScimResource | undefined)?.id;
    if (!id) throw new ScimRequestError('create group returned no id', res);
    return id;
  }

  private async patchGroup(id: string, path: 'displayName' | 'members', value: unknown): Promise<void> {
    const res = await this.engine.send({ method: 'PATCH', path: `/Groups/${id}`, body: patchBody([{ op: 'replace', path, value }]) });
    expectStatus(`replace group ${path}`, res, 200, 204);
  }

  private attr(e: DirectoryEntry, name: string): string | undefined {
    return e.attributes[name.toLowerCase()]?.[0];
  }

  /** entryUUID survives renames; the DN is the fallback for servers that do not expose it. */
  private guidOf(e: DirectoryEntry): string {
    return this.attr(e, 'entryUUID') ?? normalizeDn(e.dn);
  }

  private isDisabled(e: DirectoryEntry): boolean {
    const value = this.attr(e, this.disabledMark.attribute);
    return value !== undefined && value.toLowerCase() === this.disabledMark.value.toLowerCase();
  }
}

/** ldap-server-mock ignores the search base, so scope is also checked here. */
function isUnder(dn: string, base: string): boolean {
  const n = normalizeDn(dn);
  return n === base || n.endsWith(`,${base}`);
}
