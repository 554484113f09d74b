import { randomUUID } from 'node:crypto';
import { URN } from '../scim/urns.ts';
import type { IdpProfile, ScimEngine } from './engine/engine.ts';
import { headerValue } from './engine/har.ts';
import { defaultRetryPolicy, nextRetryWait, ThrottledError } from './engine/retry.ts';
import { expectStatus, ScimRequestError, TransportError } from './engine/errors.ts';
import { entraQuarantineRule, QuarantinedError, QuarantineTracker, type QuarantineRule } from './quarantine.ts';
import { eqFilter, patchBody, resourcesOf, type PatchOperation, type ScimResource } from './scim-messages.ts';

/**
 * `legacy`: the default `scim` job (capitalised ops, "True"/"False" strings, one pathed op per attribute,
 * members removed with a value list). `aadOptscim062020`: the SCIM-compliant PATCH flag of the tenant URL
 * (idp-behaviours.md §2.3).
 */
export type EntraDialect = 'legacy' | 'aadOptscim062020';

/** Which attribute the job matches users on. */
export type EntraMatching = 'userName' | 'externalId' | 'emails';

/** The manager reference: the core-style `manager` path with a $ref list, or the enterprise-extension path. */
export type EntraManagerStyle = 'enterprise' | 'core';

export interface EntraUser {
  objectId: string;
  /** Sent as externalId. */
  mailNickname: string;
  userPrincipalName: string;
  givenName: string;
  surname: string;
  displayName: string;
  mail: string;
  jobTitle?: string;
  department?: string;
  employeeId?: string;
}

export type EntraUserChanges = Partial<Pick<EntraUser, 'givenName' | 'surname' | 'displayName' | 'mail' | 'jobTitle' | 'department' | 'employeeId'>>;

const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
const ENTERPRISE_MANAGER = `${URN.EnterpriseUser}:manager`;

/** The SCIM attribute path each Entra user attribute is mapped to (the default mapping; mail goes to the work email). */
const USER_MAPPING: Readonly<Record<keyof EntraUserChanges, string>> = {
  displayName: 'displayName',
  givenName: 'name.givenName',
  surname: 'name.familyName',
  jobTitle: 'title',
  department: `${URN.EnterpriseUser}:department`,
  employeeId: `${URN.EnterpriseUser}:employeeNumber`,
  mail: 'emails',
};

/** The [SCIM path, value] pairs of a user update, but the work email (sent on its own filtered path). */
function mappedChanges(changes: EntraUserChanges): [string, string][] {
  const order: (keyof EntraUserChanges)[] = ['displayName', 'givenName', 'surname', 'jobTitle', 'department', 'employeeId'];
  return order.flatMap((key) => (changes[key] !== undefined ? [[USER_MAPPING[key], changes[key]!] as [string, string]] : []));
}

/**
 * The SCIM attribute paths (RFC 7644 §3.10 notation, no value filters) an update of `changes` writes, e.g.
 * ["name.familyName", "urn:…:enterprise:2.0:User:employeeNumber", "emails"]: what the target must publish for
 * Entra's attribute mapping to include them.
 */
export function userChangePaths(changes: EntraUserChanges): string[] {
  return (Object.keys(changes) as (keyof EntraUserChanges)[]).filter((k) => changes[k] !== undefined && k in USER_MAPPING).map((k) => USER_MAPPING[k]);
}

/** The attribute path the manager reference is written to in a manager style (the core style's is unqualified). */
export function managerPath(style: EntraManagerStyle): string {
  return style === 'core' ? 'manager' : ENTERPRISE_MANAGER;
}

/** Entra's User-Agent is not documented (§2.6): this commonly reported form is a default, not a fact. */
export const entraProfile: IdpProfile = {
  name: 'entra',
  userAgent: 'Microsoft Azure AD SCIM Client',
  headers: { Accept: 'application/scim+json' },
  contentType: 'application/scim+json',
  // §2.5: a throttled (429) or unavailable (503) operation is not retried at once: Entra retries it in a later
  // provisioning cycle (escrow), honouring Retry-After; after the last cycle it counts as failed.
  retry: { ...defaultRetryPolicy, maxAttempts: 3, scope: 'cycle' },
  concurrency: 4,
  // The gallery checklist asks servers to sustain 25 requests/s per tenant.
  ratePerSecond: 25,
  timeoutMs: 60_000,
};

export interface EntraOptions {
  dialect?: EntraDialect;
  matching?: EntraMatching;
  managerStyle?: EntraManagerStyle;
  /** Soft delete to hard delete; 30 days in Entra. */
  softDeletePeriodMs?: number;
  quarantine?: QuarantineRule;
  /** The random GUID of Test Connection; injectable so runs are reproducible. */
  guid?: () => string;
}

const DAY = 86_400_000;

export class EntraSimulator {
  readonly dialect: EntraDialect;
  private readonly matching: EntraMatching;
  private readonly managerStyle: EntraManagerStyle;
  private readonly softDeletePeriodMs: number;
  private readonly quarantine: QuarantineTracker;
  private readonly guid: () => string;
  /** Target id → when the user was soft-deleted in Entra (engine clock). */
  private readonly softDeleted = new Map<string, number>();

  constructor(readonly engine: ScimEngine, options: EntraOptions = {}) {
    if (engine.auth.kind !== 'bearer') throw new Error('Entra ID authenticates with a bearer token only (no Basic)');
    this.dialect = options.dialect ?? 'legacy';
    this.matching = options.matching ?? 'userName';
    this.managerStyle = options.managerStyle ?? 'enterprise';
    this.softDeletePeriodMs = options.softDeletePeriodMs ?? 30 * DAY;
    this.quarantine = new QuarantineTracker(options.quarantine ?? entraQuarantineRule);
    this.guid = options.guid ?? randomUUID;
  }

  /** Why the job is quarantined, if it is. */
  get quarantineReason() {
    return this.quarantine.reason;
  }

  /** Test Connection: the matching attribute against a random GUID; expects 200 and an empty list. */
  testConnection(): Promise<void> {
    return this.event(async () => {
      const res = expectStatus('test connection', await this.engine.send(this.userLookup(this.guid())), 200);
      if (resourcesOf(res.body).length !== 0) throw new ScimRequestError('test connection expected an empty ListResponse', res);
    });
  }

  /** Match on the matching attribute; update a match (PATCH) or create. Disabled users are never created. */
  provisionUser(user: EntraUser): Promise<{ id: string; linked: boolean }> {
    return this.event(async () => {
      const value = this.matching === 'userName' ? user.userPrincipalName : this.matching === 'externalId' ? user.mailNickname : user.mail;
      const found = resourcesOf(expectStatus('match user', await this.engine.send(this.userLookup(value)), 200).body)[0];
      if (found) {
        await this.sendPatch(`/Users/${found.id}`, this.userChangeOps(user), 'update user');
        return { id: found.id, linked: true };
      }
      const res = expectStatus('create user', await this.engine.send({ method: 'POST', path: '/Users', body: this.createBody(user) }), 201);
      const id = (res.body as ScimResource | undefined)?.id;
      if (!id) throw new ScimRequestError('create user returned no id', res);
      return { id, linked: false };
    });
  }

  updateUser(id: string, changes: EntraUserChanges): Promise<void> {
    return this.event(() => this.sendPatch(`/Users/${id}`, this.userChangeOps(changes), 'update user'));
  }

  /** Entra reads the current value first, then PATCHes the reference. */
  setManager(id: string, managerId: string): Promise<void> {
    return this.event(async () => {
      expectStatus('read user', await this.engine.send({ method: 'GET', path: `/Users/${id}` }), 200);
      const op = this.op('Add');
      const operation: PatchOperation =
        this.managerStyle === 'core'
          ? { op, path: managerPath('core'), value: [{ $ref: this.engine.url({ path: `/Users/${managerId}` }), value: managerId }] }
          : { op, path: managerPath('enterprise'), value: managerId };
      await this.sendPatch(`/Users/${id}`, [operation], 'set manager');
    });
  }

  /** Unassigned, out of scope or accountEnabled=false: disable. Entra stops managing it: no DELETE follows. */
  disableUser(id: string): Promise<void> {
    return this.event(() => this.sendPatch(`/Users/${id}`, [this.activeOp(false)], 'disable user'));
  }

  /** Soft-deleted in Entra: disable now, DELETE once the soft-delete period has passed (see hardDeleteDue). */
  async softDeleteUser(id: string): Promise<void> {
    await this.disableUser(id);
    this.softDeleted.set(id, this.engine.clock.now());
  }

  /** Restored from soft delete: enable again (memberships are not re-pushed). */
  async restoreUser(id: string): Promise<void> {
    await this.event(() => this.sendPatch(`/Users/${id}`, [this.activeOp(true)], 'restore user'));
    this.softDeleted.delete(id);
  }

  /** A provisioning cycle's hard-delete pass: DELETE every user whose soft-delete period has ended. */
  async hardDeleteDue(): Promise<string[]> {
    const now = this.engine.clock.now();
    const due = [...this.softDeleted].filter(([, at]) => now - at >= this.softDeletePeriodMs).map(([id]) => id);
    for (const id of due) {
      await this.event(async () => expectStatus('delete user', await this.engine.send({ method: 'DELETE', path: `/Users/${id}` }), 204, 200));
      this.softDeleted.delete(id);
    }
    return due;
  }

  /** Match by displayName without members; create with no members if absent. */
  provisionGroup(objectId: string, displayName: string): Promise<{ id: string; linked: boolean }> {
    return this.event(async () => {
      const query: [string, string][] = [['excludedAttributes', 'members'], ['filter', eqFilter('displayName', displayName)]];
      const found = resourcesOf(expectStatus('match group', await this.engine.send({ method: 'GET', path: '/Groups', query }), 200).body)[0];
      if (found) return { id: found.id, linked: true };
      const body = { schemas: [URN.Group, ADSCIM_GROUP], externalId: objectId, displayName };
      const res = expectStatus('create group', await this.engine.send({ method: 'POST', path: '/Groups', body }), 201);
      const id = (res.body as ScimResource | undefined)?.id;
      if (!id) throw new ScimRequestError('create group returned no id', res);
      return { id, linked: false };
    });
  }

  getGroup(id: string): Promise<ScimResource> {
    return this.event(async () => {
      const res = await this.engine.send({ method: 'GET', path: `/Groups/${id}`, query: [['excludedAttributes', 'members']] });
      return expectStatus('read group', res, 200).body as ScimResource;
    });
  }

  /** Several members in one PATCH (the gallery checklist requires servers to accept that). */
  addMembers(groupId: string, userIds: string[]): Promise<void> {
    const value = userIds.map((id) => (this.dialect === 'legacy' ? { $ref: null, value: id } : { value: id }));
    return this.event(() => this.sendPatch(`/Groups/${groupId}`, [{ op: this.op('Add'), path: 'members', value }], 'add members'));
  }

  /** Legacy: one Remove with a value list (only those members go). Flag: one filtered-path remove per member. */
  removeMembers(groupId: string, userIds: string[]): Promise<void> {
    const ops: PatchOperation[] =
      this.dialect === 'legacy'
        ? [{ op: 'Remove', path: 'members', value: userIds.map((value) => ({ value })) }]
        : userIds.map((id) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` }));
    return this.event(() => this.sendPatch(`/Groups/${groupId}`, ops, 'remove members'));
  }

  renameGroup(groupId: string, displayName: string): Promise<void> {
    return this.event(() => this.sendPatch(`/Groups/${groupId}`, [{ op: this.op('Replace'), path: 'displayName', value: displayName }], 'rename group'));
  }

  deleteGroup(groupId: string): Promise<void> {
    return this.event(async () => void expectStatus('delete group', await this.engine.send({ method: 'DELETE', path: `/Groups/${groupId}` }), 204, 200));
  }

  private userLookup(value: string) {
    const attribute = this.matching === 'emails' ? 'emails[type eq "work"].value' : this.matching;
    return { method: 'GET' as const, path: '/Users', query: [['filter', eqFilter(attribute, value)]] as [string, string][] };
  }

  private createBody(user: EntraUser) {
    const enterprise: Record<string, string> = {};
    if (user.department !== undefined) enterprise.department = user.department;
    if (user.employeeId !== undefined) enterprise.employeeNumber = user.employeeId;
    return {
      schemas: [URN.User, URN.EnterpriseUser],
      externalId: user.mailNickname,
      userName: user.userPrincipalName,
      active: true,
      displayName: user.displayName,
      emails: [{ primary: true, type: 'work', value: user.mail }],
      meta: { resourceType: 'User' },
      name: { formatted: `${user.givenName} ${user.surname}`, familyName: user.surname, givenName: user.givenName },
      ...(user.jobTitle !== undefined ? { title: user.jobTitle } : {}),
      ...(Object.keys(enterprise).length ? { [URN.EnterpriseUser]: enterprise } : {}),
      roles: [],
    };
  }

  /**
   * Legacy: one capitalised, pathed Replace per attribute. Flag: the work email keeps its filtered path, every
   * other attribute goes into one no-path replace whose value uses dotted keys.
   */
  private userChangeOps(changes: EntraUserChanges): PatchOperation[] {
    const byPath = mappedChanges(changes);
    const email: PatchOperation[] = changes.mail !== undefined ? [{ op: this.op('Replace'), path: 'emails[type eq "work"].value', value: changes.mail }] : [];
    if (this.dialect === 'legacy') return [...byPath.map(([path, value]) => ({ op: 'Replace', path, value })), ...email];
    return [...email, ...(byPath.length ? [{ op: 'replace', value: Object.fromEntries(byPath) }] : [])];
  }

  private activeOp(active: boolean): PatchOperation {
    return this.dialect === 'legacy' ? { op: 'Replace', path: 'active', value: active ? 'True' : 'False' } : { op: 'replace', path: 'active', value: active };
  }

  private op(name: 'Add' | 'Replace'): string {
    return this.dialect === 'legacy' ? name : name.toLowerCase();
  }

  /** Membership and rename PATCHes expect 204; 200 is tolerated. */
  private async sendPatch(path: string, operations: PatchOperation[], operation: string): Promise<void> {
    expectStatus(operation, await this.engine.send({ method: 'PATCH', path, body: patchBody(operations) }), 204, 200);
  }

  /** Every operation is one event for the quarantine rule; once quarantined nothing more is sent. */
  /**
   * One escrowed operation: a throttled or unavailable answer (429/503) makes Entra retry the whole operation in a
   * later cycle (waiting Retry-After, or its back-off), up to the policy's attempts; only then does it fail.
   */
  private async event<T>(fn: () => Promise<T>): Promise<T> {
    if (this.quarantine.reason) throw new QuarantinedError(this.quarantine.reason);
    const policy = this.engine.profile.retry;
    for (let cycle = 1; ; cycle++) {
      try {
        const result = await fn();
        this.quarantine.record(false);
        return result;
      } catch (err) {
        const wait = policy.scope === 'cycle' && err instanceof ScimRequestError
          ? nextRetryWait(policy, cycle, err.status, headerValue(err.response.headers['retry-after']), this.engine.clock.now())
          : undefined;
        if (wait !== undefined) {
          await this.engine.sleep(wait);
          continue;
        }
        if (err instanceof ScimRequestError || err instanceof TransportError) this.quarantine.record(true);
        // Still throttled after the last cycle: a 429/503 is legal on any request, so it is not the server's refusal.
        if (err instanceof ScimRequestError && policy.retryOn.includes(err.status)) throw new ThrottledError(err.operation, err.status, cycle, { cause: err });
        throw err;
      }
    }
  }
}
