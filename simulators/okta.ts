import { URN } from '../scim/urns.ts';
import { walkPages } from '../scim/paging.ts';
import type { IdpProfile, ScimEngine, ScimResponse } from './engine/engine.ts';
import { expectStatus, ScimRequestError } from './engine/errors.ts';
import { eqFilter, patchBody, resourcesOf, type MemberRef, type ScimResource } from './scim-messages.ts';

/**
 * Okta's three SCIM 2.0 flavours (idp-behaviours.md §1.3, where the sources conflict):
 * - `oin-patch`: OIN catalog template today: PATCH for profile updates and (de)activation;
 * - `oin-legacy`: older OIN integrations: GET then PUT for profile updates, PATCH for (de)activation;
 * - `aiw`: custom (AIW) apps: GET then PUT for everything, groups included.
 */
export type OktaDialect = 'oin-patch' | 'oin-legacy' | 'aiw';

/** An Okta user as the app assignment maps it. */
export interface OktaUser {
  /** Okta's own id (00u...), sent as externalId. */
  oktaId: string;
  userName: string;
  givenName: string;
  familyName: string;
  email: string;
  displayName: string;
  locale?: string;
  title?: string;
  department?: string;
}

/** Okta headers as seen on real traffic (idp-behaviours.md §1.1). Accept-Encoding is left out: undici does not inflate. */
export const oktaProfile: IdpProfile = {
  name: 'okta',
  userAgent: 'Okta SCIM Client 1.0.0',
  headers: { Accept: 'application/scim+json', 'Accept-Charset': 'utf-8' },
  contentType: 'application/scim+json; charset=utf-8',
  // §1.7: an integer Retry-After is honoured exactly; otherwise 5 minutes, doubling, 10 attempts in all.
  retry: { maxAttempts: 10, retryOn: [429, 503], initialDelayMs: 300_000, factor: 2, maxDelayMs: 24 * 3_600_000, acceptHttpDate: false },
  concurrency: 8,
  ratePerSecond: Infinity,
  // §1.1: Okta closes the socket after 60 s.
  timeoutMs: 60_000,
};

const PAGE = 100;

export class OktaSimulator {
  constructor(
    readonly engine: ScimEngine,
    readonly dialect: OktaDialect = 'oin-patch',
    /** Okta sends a throwaway password on create even without password sync. */
    private readonly password: () => string = () => 'tmpQ7x1k9z',
  ) {}

  /** "Test Connector Configuration": a constant two-user page. */
  async testConnection(): Promise<void> {
    expectStatus('test connection', await this.engine.send({ method: 'GET', path: '/Users', query: [['startIndex', '1'], ['count', '2']] }), 200);
  }

  /** Looks the user up by userName; links to a match (then pushes the profile) or creates it. */
  async assignUser(user: OktaUser): Promise<{ id: string; linked: boolean }> {
    const found = await this.lookup('/Users', 'userName', user.userName);
    if (found) {
      await this.updateProfile(found.id, user);
      return { id: found.id, linked: true };
    }
    // A 409 here stops this assignment (Okta does not auto-link): the ScimRequestError carries it to the caller.
    const res = expectStatus('create user', await this.engine.send({ method: 'POST', path: '/Users', body: this.createBody(user) }), 201);
    const id = (res.body as ScimResource | undefined)?.id;
    if (!id) throw new ScimRequestError('create user returned empty user', res);
    return { id, linked: false };
  }

  /** Profile push; never changes `active` (only lifecycle events do). */
  async updateProfile(id: string, user: OktaUser): Promise<void> {
    if (this.dialect === 'oin-patch') {
      // The OIN profile PATCH body is undocumented (§1.3); modelled on the no-path replace used for deactivation.
      const value: Record<string, unknown> = {
        name: { givenName: user.givenName, familyName: user.familyName },
        displayName: user.displayName,
        emails: [{ primary: true, value: user.email, type: 'work' }],
        ...(user.title !== undefined ? { title: user.title } : {}),
      };
      await this.patch(`/Users/${id}`, [{ op: 'replace', value }], 'update profile');
      return;
    }
    await this.getThenPut(`/Users/${id}`, 'update profile', (current) => ({ ...current, ...this.profileAttributes(user) }));
  }

  deactivate(id: string): Promise<void> {
    return this.setActive(id, false);
  }

  reactivate(id: string): Promise<void> {
    return this.setActive(id, true);
  }

  /** Group Push: lookup by displayName, create with no members, then push the members. */
  async pushGroup(displayName: string, members: MemberRef[]): Promise<string> {
    const found = await this.lookup('/Groups', 'displayName', displayName);
    let id = found?.id;
    if (!id) {
      const body = { schemas: [URN.Group], displayName, members: [] };
      const res = expectStatus('create group', await this.engine.send({ method: 'POST', path: '/Groups', body }), 201);
      id = (res.body as ScimResource | undefined)?.id;
      if (!id) throw new ScimRequestError('create group returned no id', res);
    }
    if (members.length > 0 || this.dialect === 'aiw') await this.updateMembers(id, displayName, members, []);
    return id;
  }

  /**
   * A membership push. OIN: the rename replace `{id, displayName}` is re-sent first (Okta repeats it on every
   * push, §1.5), then one PATCH with a `remove` per member and an `add` of the new ones. AIW: GET then PUT.
   */
  async updateMembers(id: string, displayName: string, add: MemberRef[], remove: string[]): Promise<void> {
    if (this.dialect === 'aiw') {
      await this.getThenPut(`/Groups/${id}`, 'push group', (current) => {
        const kept = ((current.members as MemberRef[] | undefined) ?? []).filter((m) => !remove.includes(m.value));
        const merged = [...kept, ...add.filter((a) => !kept.some((k) => k.value === a.value))];
        return { schemas: [URN.Group], id, displayName, members: merged.map(({ value, display }) => ({ value, display })) };
      });
      return;
    }
    await this.renameGroup(id, displayName);
    const operations = [
      ...remove.map((value) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(value)}]` })),
      ...(add.length ? [{ op: 'add', path: 'members', value: add }] : []),
    ];
    if (operations.length) await this.patch(`/Groups/${id}`, operations, 'push group members');
  }

  async renameGroup(id: string, displayName: string): Promise<void> {
    if (this.dialect === 'aiw') {
      await this.getThenPut(`/Groups/${id}`, 'rename group', (current) => ({ ...current, displayName }));
      return;
    }
    await this.patch(`/Groups/${id}`, [{ op: 'replace', value: { id, displayName } }], 'rename group');
  }

  /** Only on "unlink pushed group" + "delete the group in the target app". */
  async deleteGroup(id: string): Promise<void> {
    expectStatus('delete group', await this.engine.send({ method: 'DELETE', path: `/Groups/${id}` }), 204, 200);
  }

  /** Import: pages of 100 until totalResults; inactive users are skipped, as Okta does. */
  async importUsers(): Promise<ScimResource[]> {
    return (await this.importAll('/Users')).filter((u) => u.active !== false);
  }

  importGroups(): Promise<ScimResource[]> {
    return this.importAll('/Groups');
  }

  /**
   * Okta asks for pages of 100 from startIndex 1; a server may answer shorter pages (RFC 7644 §3.4.2.4), so the
   * next page starts after what was returned.
   */
  private async importAll(path: string): Promise<ScimResource[]> {
    const page = async (start: number) =>
      expectStatus(`import ${path}`, await this.engine.send({ method: 'GET', path, query: [['startIndex', String(start)], ['count', String(PAGE)]] }), 200).body;
    return (await walkPages(page)) as ScimResource[];
  }

  private async setActive(id: string, active: boolean): Promise<void> {
    if (this.dialect === 'aiw') {
      await this.getThenPut(`/Users/${id}`, active ? 'reactivate' : 'deactivate', (current) => ({ ...current, active }));
      return;
    }
    await this.patch(`/Users/${id}`, [{ op: 'replace', value: { active } }], active ? 'reactivate' : 'deactivate');
  }

  /** `filter=attr eq "v"&startIndex=1&count=100`; a 404 with a SCIM error also means "not found". */
  private async lookup(path: string, attribute: string, value: string): Promise<ScimResource | undefined> {
    const res = await this.engine.send({ method: 'GET', path, query: [['filter', eqFilter(attribute, value)], ['startIndex', '1'], ['count', String(PAGE)]] });
    if (res.status === 404) return undefined;
    return resourcesOf(expectStatus(`lookup ${path}`, res, 200).body)[0];
  }

  private async patch(path: string, operations: object[], operation: string): Promise<ScimResponse> {
    return expectStatus(operation, await this.engine.send({ method: 'PATCH', path, body: patchBody(operations as never) }), 200, 204);
  }

  /** Okta echoes what the server returned, merged with its changes, so server-only fields come back. */
  private async getThenPut(path: string, operation: string, merge: (current: ScimResource) => object): Promise<void> {
    const current = expectStatus(`${operation} (read)`, await this.engine.send({ method: 'GET', path }), 200).body as ScimResource;
    expectStatus(operation, await this.engine.send({ method: 'PUT', path, body: merge(current) }), 200);
  }

  private createBody(user: OktaUser) {
    return { ...this.profileAttributes(user), externalId: user.oktaId, groups: [], password: this.password(), active: true };
  }

  private profileAttributes(user: OktaUser) {
    const enterprise = user.department !== undefined ? { [URN.EnterpriseUser]: { department: user.department } } : {};
    return {
      schemas: user.department !== undefined ? [URN.User, URN.EnterpriseUser] : [URN.User],
      userName: user.userName,
      name: { givenName: user.givenName, familyName: user.familyName },
      emails: [{ primary: true, value: user.email, type: 'work' }],
      displayName: user.displayName,
      locale: user.locale ?? 'en-US',
      ...(user.title !== undefined ? { title: user.title } : {}),
      ...enterprise,
    };
  }
}
