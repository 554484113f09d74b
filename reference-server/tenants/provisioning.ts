import { ScimError, conflict } from '../../scim/errors.ts';
import type { ProvisioningHooks, RequestContext, WriteOperation } from '../resources/context.ts';
import { leaveAllGroups } from '../resources/versioning.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { ResourceKind, Store, StoredResource, SyncLogEntry } from '../store/types.ts';
import { LocalDirectory, type LocalUser } from './local-directory.ts';
import { c42OrgName, localProfile, organizationFor, rolesFor, valueAt } from './mappings.ts';
import { globMatches } from './settings.ts';
import type { Tenants } from './tenants.ts';

export const DEACTIVATE_JOB = 'deactivate';
const deactivateKey = (userId: string) => `deactivate:${userId}`;

type Data = Record<string, unknown>;

/** Who made a change that is not an IdP request: the admin (local actions) or timed work. */
const LOCAL: RequestContext = { tenant: '', baseUrl: '' };

/**
 * The documented SaaS behaviours around provisioning (vendor-behaviours.md), per tenant settings: inclusions
 * and exclusions, link by email, attribute/organization/role mapping, soft delete, deactivation delay, legal
 * hold, built-in group clashes, refused deletes, groups switched off, and the sync log of every change.
 */
export class Provisioning implements ProvisioningHooks {
  constructor(
    private readonly store: Store,
    private readonly tenants: Tenants,
    readonly local: LocalDirectory,
    private readonly scheduler: Scheduler,
    private readonly now: () => Date,
  ) {
    scheduler.handle(DEACTIVATE_JOB, (job) => this.runDeactivation(job.tenant, String(job.payload.userId)));
  }

  // ---------- hooks ----------

  beforeCreate(ctx: RequestContext, type: ResourceKind, data: Data): { linkTo?: string } | void {
    const settings = this.tenants.settings(ctx.tenant);
    if (type === 'Group') this.assertGroupWritable(ctx, settings.groupsEnabled);
    const name = String((type === 'Group' ? data.displayName : data.userName) ?? '');
    this.assertIncluded(ctx, type, name, settings.inclusions, settings.exclusions);
    if (type === 'Group') {
      this.assertNoLocalClash(ctx, name);
      return;
    }
    if (settings.linkBy === 'none') return;
    // PRV-17: one attribute, the same for every request, so SSO and SCIM cannot disagree on who is who.
    const value = settings.linkBy === 'email' ? valueAt(data, 'emails.value') : valueAt(data, 'userName');
    const candidate = value === null ? undefined : this.local.linkCandidate(ctx.tenant, settings.linkBy, value);
    if (candidate && !this.store.getAnyType(ctx.tenant, candidate.id)) return { linkTo: candidate.id };
  }

  beforeUpdate(ctx: RequestContext, existing: StoredResource, data: Data): void {
    if (existing.type !== 'Group') return;
    this.assertGroupWritable(ctx, this.tenants.settings(ctx.tenant).groupsEnabled);
    if (String(data.displayName).toLowerCase() !== String(existing.data.displayName).toLowerCase()) {
      this.assertNoLocalClash(ctx, String(data.displayName));
    }
  }

  afterWrite(ctx: RequestContext, op: WriteOperation, before: StoredResource | undefined, after: StoredResource, raw?: unknown): void {
    if (after.type === 'Group') {
      this.log(ctx, op === 'create' ? 'create' : 'update', 'Group', after.id, 'success', `group "${String(after.data.displayName)}"`);
      // Membership moved: users whose organization or roles follow their groups are mapped again.
      if (this.followsGroups(ctx.tenant)) this.remapGroupMembers(ctx.tenant, after.id);
      return;
    }
    const existing = this.local.user(ctx.tenant, after.id);
    const linked = existing !== undefined && existing.managedBy === 'local';
    const user = existing ?? this.newLocalUser(ctx, after);
    user.managedBy = 'scim';
    user.userName = String(after.data.userName);
    const orgName = c42OrgName(raw);
    if (orgName !== null) user.orgName = orgName;
    this.applyProfile(user, after.data);
    this.applyMappings(user);
    if (op === 'create') {
      this.log(ctx, linked ? 'link' : 'create', 'User', after.id, 'success',
        linked ? `linked to the existing local user "${user.userName}" (${user.origin}); now externally managed` : `user "${user.userName}"`);
    } else {
      this.log(ctx, 'update', 'User', after.id, 'success', `user "${user.userName}"`);
    }
    const wasActive = before ? before.data.active !== false : true;
    const isActive = after.data.active !== false;
    this.local.saveUser(user);
    if (wasActive && !isActive) this.deactivationRequested(ctx, user);
    else if (!wasActive && isActive) this.reactivated(ctx, user);
  }

  beforeDelete(ctx: RequestContext, existing: StoredResource): void {
    const settings = this.tenants.settings(ctx.tenant);
    if (existing.type === 'Group') this.assertGroupWritable(ctx, settings.groupsEnabled);
    const refused = existing.type === 'User' ? settings.refuseUserDelete : settings.refuseGroupDelete;
    if (!refused) return;
    const alternative = existing.type === 'User' ? 'deactivate it with active=false instead' : 'remove it in the product itself';
    this.log(ctx, 'delete', existing.type, existing.id, 'refused', `this tenant does not delete ${existing.type}s over SCIM`);
    // PRV-10/PRV-15: a SCIM error, never a silent success.
    throw new ScimError(405, `This tenant does not delete ${existing.type}s over SCIM; ${alternative}.`, undefined, { Allow: 'GET, PUT, PATCH' });
  }

  afterDelete(ctx: RequestContext, existing: StoredResource): void {
    this.log(ctx, 'delete', existing.type, existing.id, 'success', `${existing.type} "${existing.display ?? existing.id}" deleted`);
    if (existing.type !== 'User') return;
    this.scheduler.cancel(ctx.tenant, deactivateKey(existing.id));
    this.local.removeFromAllGroups(ctx.tenant, existing.id);
    this.local.deleteUser(ctx.tenant, existing.id);
  }

  // ---------- local actions (admin API) ----------

  /** INC-06: unblocking inside the delay cancels the pending deactivation. */
  unblock(tenant: string, userId: string): LocalUser {
    const user = this.local.requireUser(tenant, userId);
    if (user.status !== 'blocked') throw conflict(`User "${user.userName}" is not blocked (status ${user.status}).`);
    if (user.legalHold) throw conflict(`User "${user.userName}" is on legal hold; release the hold instead.`);
    this.scheduler.cancel(tenant, deactivateKey(userId));
    user.status = 'active';
    user.pendingDeactivation = false;
    this.local.saveUser(user);
    this.log({ ...LOCAL, tenant }, 'unblock', 'User', userId, 'cancelled', 'unblocked locally; the pending deactivation was cancelled');
    return user;
  }

  /** INC-07: on hold, a deactivation blocks instead; releasing the hold carries out a pending one. */
  setLegalHold(tenant: string, userId: string, on: boolean): LocalUser {
    const user = this.local.requireUser(tenant, userId);
    user.legalHold = on;
    this.local.saveUser(user);
    const ctx = { ...LOCAL, tenant };
    if (on && user.pendingDeactivation) {
      this.scheduler.cancel(tenant, deactivateKey(userId));
      this.log(ctx, 'legal-hold', 'User', userId, 'success', 'placed on legal hold; the pending deactivation waits for the release');
    } else if (!on && user.pendingDeactivation) {
      this.log(ctx, 'legal-hold', 'User', userId, 'success', 'released from legal hold');
      this.deactivateNow(ctx, user);
    } else {
      this.log(ctx, 'legal-hold', 'User', userId, 'success', on ? 'placed on legal hold' : 'released from legal hold');
    }
    return this.local.requireUser(tenant, userId);
  }

  /** INC-05: applies the current mappings to every provisioned user of the tenant; returns how many changed. */
  applyMappingsToAll(tenant: string): number {
    let changed = 0;
    for (const user of this.local.users(tenant)) {
      if (user.managedBy !== 'scim') continue;
      const before = JSON.stringify([user.organization, user.roles]);
      this.applyMappings(user);
      if (JSON.stringify([user.organization, user.roles]) === before) continue;
      this.local.saveUser(user);
      changed++;
    }
    this.log({ ...LOCAL, tenant }, 'apply-mappings', 'User', null, 'success', `${changed} user(s) changed`);
    return changed;
  }

  log(ctx: RequestContext, operation: string, resourceType: string, resourceId: string | null, outcome: SyncLogEntry['outcome'], detail: string): void {
    this.store.appendSyncLog({
      time: this.now().toISOString(), tenant: ctx.tenant, connection: ctx.connection ?? null, idp: ctx.idp ?? null,
      operation, resourceType, resourceId, outcome, detail,
    });
  }

  // ---------- deactivation ----------

  private deactivationRequested(ctx: RequestContext, user: LocalUser): void {
    if (user.legalHold) {
      this.block(user, true);
      this.log(ctx, 'block', 'User', user.id, 'success', 'on legal hold: blocked instead of deactivated until released');
      return;
    }
    const delay = this.tenants.settings(ctx.tenant).deactivationDelayMs;
    if (delay > 0) {
      this.block(user, true);
      const dueAt = new Date(this.now().getTime() + delay).toISOString();
      this.scheduler.schedule({ key: deactivateKey(user.id), tenant: ctx.tenant, kind: DEACTIVATE_JOB, dueAt, payload: { userId: user.id } });
      this.log(ctx, 'block', 'User', user.id, 'scheduled', `sign-in blocked; deactivation due at ${dueAt}`);
      return;
    }
    this.deactivateNow(ctx, user);
  }

  private block(user: LocalUser, pending: boolean): void {
    user.status = 'blocked';
    user.pendingDeactivation = pending;
    this.local.saveUser(user);
  }

  private runDeactivation(tenant: string, userId: string): void {
    if (!this.tenants.find(tenant)) return;
    const user = this.local.user(tenant, userId);
    if (!user || !user.pendingDeactivation || user.legalHold) return;
    this.deactivateNow({ ...LOCAL, tenant, idp: 'scheduler' }, user);
  }

  /** Deactivation proper; with soft delete (PRV-08) the user also leaves every group, for good. */
  private deactivateNow(ctx: RequestContext, user: LocalUser): void {
    this.store.transaction(() => {
      user.status = 'deactivated';
      user.pendingDeactivation = false;
      this.local.saveUser(user);
      const left: string[] = [];
      if (this.tenants.settings(ctx.tenant).softDelete) {
        // The groups' member lists change, so their versions and lastModified move on (RFC 7644 §3.14).
        for (const g of leaveAllGroups(this.store, ctx.tenant, user.id, this.now)) left.push(g.display ?? g.groupId);
        left.push(...this.local.removeFromAllGroups(ctx.tenant, user.id));
      }
      this.log(ctx, 'deactivate', 'User', user.id, 'success', left.length ? `deactivated; removed from ${left.join(', ')}` : 'deactivated');
      // PRV-09: policies naming the user are left as they are, and listed for an admin to review.
      const policies = this.local.policies(ctx.tenant).filter((p) => p.users.includes(user.id));
      if (policies.length) {
        this.log(ctx, 'policy-review', 'User', user.id, 'success',
          `policies naming the deactivated user were not changed: ${policies.map((p) => p.name).join(', ')}`);
      }
    });
  }

  private reactivated(ctx: RequestContext, user: LocalUser): void {
    this.scheduler.cancel(ctx.tenant, deactivateKey(user.id));
    user.status = 'active';
    user.pendingDeactivation = false;
    this.local.saveUser(user);
    // PRV-08: memberships dropped at deactivation stay dropped.
    this.log(ctx, 'reactivate', 'User', user.id, 'success', 'reactivated; earlier group memberships are not restored');
  }

  // ---------- mappings ----------

  private newLocalUser(ctx: RequestContext, stored: StoredResource): LocalUser {
    const now = this.now().toISOString();
    return {
      id: stored.id, tenant: ctx.tenant, origin: ctx.idp === 'ldap' ? 'directory' : 'scim', managedBy: 'scim', userName: String(stored.data.userName),
      email: null, displayName: null, organization: ctx.tenant, roles: [], status: 'active', legalHold: false, pendingDeactivation: false,
      orgName: null, created: now, updated: now,
    };
  }

  private applyProfile(user: LocalUser, data: Data): void {
    const profile = localProfile(data, this.tenants.settings(user.tenant).attributeMapping);
    user.email = profile.email;
    user.displayName = profile.displayName;
  }

  private applyMappings(user: LocalUser): void {
    const settings = this.tenants.settings(user.tenant);
    const groups = this.store.groupsOf(user.tenant, user.id).map((g) => g.display ?? '');
    const orgName = organizationFor(settings.orgMapping, user.orgName, groups);
    user.organization = orgName === null ? user.tenant : this.organization(user.tenant, orgName);
    user.roles = rolesFor(settings.roleMapping, groups, this.tenants.settings(user.organization).defaultRoles);
  }

  /** The organization under the tenant with this name or slug, created when missing (INC-03 b). */
  private organization(tenant: string, nameOrSlug: string): string {
    const wanted = nameOrSlug.toLowerCase();
    if (wanted === tenant) return tenant;
    const subtree = this.tenants.list().filter((t) => t.slug === tenant || this.tenants.ancestors(t.slug).includes(tenant));
    const found = subtree.find((t) => t.slug === wanted || t.name.toLowerCase() === wanted);
    if (found) return found.slug;
    try {
      const created = this.tenants.create({ name: nameOrSlug, parent: tenant });
      this.log({ ...LOCAL, tenant }, 'create-organization', 'Organization', created.slug, 'success', `organization "${nameOrSlug}" created for a mapped user`);
      return created.slug;
    } catch (err) {
      if (err instanceof ScimError) return tenant; // e.g. a name outside 3-220 characters: keep the user in the tenant
      throw err;
    }
  }

  private followsGroups(tenant: string): boolean {
    const s = this.tenants.settings(tenant);
    return s.orgMapping?.method === 'group' || (s.roleMapping?.rules.length ?? 0) > 0;
  }

  private remapGroupMembers(tenant: string, groupId: string): void {
    const members = new Set(this.store.members(tenant, groupId).map((m) => m.value));
    for (const user of this.local.users(tenant)) {
      if (user.managedBy !== 'scim') continue;
      // Former members too: their organization may have come from this group.
      const before = JSON.stringify([user.organization, user.roles]);
      this.applyMappings(user);
      if (members.has(user.id) || JSON.stringify([user.organization, user.roles]) !== before) this.local.saveUser(user);
    }
  }

  // ---------- refusals ----------

  private assertGroupWritable(ctx: RequestContext, enabled: boolean): void {
    if (enabled) return;
    // INC-10: the IdP behind this connection does not push groups; users still provision.
    throw new ScimError(501, 'Groups are not provisioned for this tenant (its IdP does not push SCIM groups); Users work as usual.');
  }

  /** PRV-03: refused with a SCIM error (our documented choice) and a sync-log entry, nothing stored. */
  private assertIncluded(ctx: RequestContext, type: ResourceKind, name: string, inclusions: string[], exclusions: string[]): void {
    const excludedBy = exclusions.find((p) => globMatches(p, name));
    const notIncluded = inclusions.length > 0 && !inclusions.some((p) => globMatches(p, name));
    if (!excludedBy && !notIncluded) return;
    const why = excludedBy ? `matches the exclusion "${excludedBy}"` : `matches none of the inclusions (${inclusions.join(', ')})`;
    this.log(ctx, 'refuse', type, null, 'refused', `${type} "${name}" ${why}; not stored`);
    throw new ScimError(403, `${type} "${name}" ${why} of this tenant; it was not stored.`);
  }

  /** PRV-12: built-in and manual groups are not SCIM's to manage; a push with the same name is a conflict. */
  private assertNoLocalClash(ctx: RequestContext, displayName: string): void {
    const clash = this.local.groupNamed(ctx.tenant, displayName);
    if (!clash) return;
    this.log(ctx, 'refuse', 'Group', null, 'refused', `displayName "${displayName}" is the ${clash.origin} group "${clash.displayName}"`);
    throw conflict(`displayName "${displayName}" clashes with the ${clash.origin === 'builtin' ? 'built-in' : 'manually created'} group "${clash.displayName}", which cannot be managed over SCIM.`);
  }
}
