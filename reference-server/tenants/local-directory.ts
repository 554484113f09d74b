import { randomUUID } from 'node:crypto';
import { conflict, invalidValue, notFound, ScimError } from '../../scim/errors.ts';
import type { Store } from '../store/types.ts';

const USERS = 'localUsers';
const GROUPS = 'localGroups';
const POLICIES = 'policies';

/**
 * How the product itself sees an identity (PRV-01): `portal` users log in and are out of SCIM's reach;
 * `manual` and `builtin` ones were made locally; `scim` and `directory` ones came from provisioning.
 */
export type Origin = 'manual' | 'builtin' | 'portal' | 'scim' | 'directory';

/** The product's record of a user. A provisioned user's record has the SCIM resource's id. */
export interface LocalUser {
  id: string;
  tenant: string;
  origin: Origin;
  /** `scim`: externally managed, not editable locally (PRV-05); a linked local user becomes so (PRV-06). */
  managedBy: 'local' | 'scim';
  userName: string;
  email: string | null;
  displayName: string | null;
  /** Slug of the organization (tenant-tree node) the user belongs to (INC-03). */
  organization: string;
  roles: string[];
  /** `blocked`: sign-in refused, deactivation pending (INC-06) or held (INC-07). */
  status: 'active' | 'blocked' | 'deactivated';
  legalHold: boolean;
  /** The IdP deactivated the user and the product has not yet carried it out (delay or hold). */
  pendingDeactivation: boolean;
  /** Last c42OrgName the IdP sent (INC-03 b), kept for "apply mappings". */
  orgName: string | null;
  created: string;
  updated: string;
}

/** A group made in the product (built-in such as `public`, or by an admin); SCIM cannot manage it (PRV-12). */
export interface LocalGroup {
  id: string;
  tenant: string;
  displayName: string;
  origin: 'builtin' | 'manual';
  members: string[];
}

/** A data-access policy naming users explicitly (PRV-09). */
export interface Policy {
  id: string;
  tenant: string;
  name: string;
  users: string[];
}

const key = (tenant: string, id: string) => `${tenant}/${id}`;
const fold = (s: string) => s.normalize('NFC').toLowerCase();

/** The product's local users, groups and policies of each tenant, kept as store documents. */
export class LocalDirectory {
  constructor(private readonly store: Store, private readonly now: () => Date) {}

  user(tenant: string, id: string): LocalUser | undefined {
    return this.store.getDoc<LocalUser>(USERS, key(tenant, id));
  }

  requireUser(tenant: string, id: string): LocalUser {
    const user = this.user(tenant, id);
    if (!user) throw notFound(`Tenant "${tenant}" has no local user "${id}".`);
    return user;
  }

  users(tenant: string): LocalUser[] {
    return this.store.listDocs<LocalUser>(USERS, `${tenant}/`);
  }

  saveUser(user: LocalUser): LocalUser {
    user.updated = this.now().toISOString();
    this.store.putDoc(USERS, key(user.tenant, user.id), user);
    return user;
  }

  deleteUser(tenant: string, id: string): void {
    this.store.deleteDoc(USERS, key(tenant, id));
  }

  /** A user made in the product by an admin (or a built-in / portal one); userName unique per tenant. */
  createUser(tenant: string, input: { userName?: unknown; email?: unknown; displayName?: unknown; origin?: unknown }): LocalUser {
    if (typeof input.userName !== 'string' || !input.userName.trim()) throw invalidValue('A local user needs a "userName".');
    const origin = input.origin ?? 'manual';
    if (origin !== 'manual' && origin !== 'builtin' && origin !== 'portal') throw invalidValue('origin must be manual, builtin or portal.');
    if (input.email !== undefined && typeof input.email !== 'string') throw invalidValue('"email" must be a string.');
    if (this.users(tenant).some((u) => fold(u.userName) === fold(input.userName as string))) {
      throw conflict(`A local user named "${input.userName}" already exists.`);
    }
    const now = this.now().toISOString();
    return this.saveUser({
      id: randomUUID(), tenant, origin, managedBy: 'local', userName: input.userName, email: (input.email as string | undefined) ?? null,
      displayName: typeof input.displayName === 'string' ? input.displayName : null, organization: tenant, roles: [], status: 'active',
      legalHold: false, pendingDeactivation: false, orgName: null, created: now, updated: now,
    });
  }

  /** The local user a SCIM create may link to (PRV-06/17): matching on one attribute, never a portal user. */
  linkCandidate(tenant: string, attribute: 'email' | 'userName', value: string): LocalUser | undefined {
    const wanted = fold(value);
    return this.users(tenant).find(
      (u) => u.managedBy === 'local' && u.origin !== 'portal' && (attribute === 'email' ? u.email !== null && fold(u.email) === wanted : fold(u.userName) === wanted),
    );
  }

  // ---------- groups ----------

  groups(tenant: string): LocalGroup[] {
    return this.store.listDocs<LocalGroup>(GROUPS, `${tenant}/`);
  }

  group(tenant: string, id: string): LocalGroup | undefined {
    return this.store.getDoc<LocalGroup>(GROUPS, key(tenant, id));
  }

  groupNamed(tenant: string, displayName: string): LocalGroup | undefined {
    return this.groups(tenant).find((g) => fold(g.displayName) === fold(displayName));
  }

  createGroup(tenant: string, input: { displayName?: unknown; origin?: unknown; members?: unknown }): LocalGroup {
    if (typeof input.displayName !== 'string' || !input.displayName.trim()) throw invalidValue('A local group needs a "displayName".');
    const origin = input.origin ?? 'manual';
    if (origin !== 'manual' && origin !== 'builtin') throw invalidValue('origin must be manual or builtin.');
    if (this.groupNamed(tenant, input.displayName)) throw conflict(`A local group named "${input.displayName}" already exists.`);
    const members = input.members === undefined ? [] : input.members;
    if (!Array.isArray(members) || !members.every((m) => typeof m === 'string')) throw invalidValue('"members" must be a list of user ids.');
    const group: LocalGroup = { id: randomUUID(), tenant, displayName: input.displayName, origin, members: members as string[] };
    this.saveGroup(group);
    return group;
  }

  saveGroup(group: LocalGroup): void {
    this.store.putDoc(GROUPS, key(group.tenant, group.id), group);
  }

  deleteGroup(tenant: string, id: string): void {
    const group = this.group(tenant, id);
    if (!group) throw notFound(`Tenant "${tenant}" has no local group "${id}".`);
    if (group.origin === 'builtin') throw new ScimError(403, `The built-in group "${group.displayName}" cannot be deleted.`);
    this.store.deleteDoc(GROUPS, key(tenant, id));
  }

  /** Removes the user from every local group; returns the names of the groups it left. */
  removeFromAllGroups(tenant: string, userId: string): string[] {
    const left: string[] = [];
    for (const group of this.groups(tenant)) {
      if (!group.members.includes(userId)) continue;
      group.members = group.members.filter((m) => m !== userId);
      this.saveGroup(group);
      left.push(group.displayName);
    }
    return left;
  }

  // ---------- policies ----------

  policies(tenant: string): Policy[] {
    return this.store.listDocs<Policy>(POLICIES, `${tenant}/`);
  }

  createPolicy(tenant: string, input: { name?: unknown; users?: unknown }): Policy {
    if (typeof input.name !== 'string' || !input.name.trim()) throw invalidValue('A policy needs a "name".');
    if (!Array.isArray(input.users) || !input.users.every((u) => typeof u === 'string')) throw invalidValue('"users" must be a list of user ids.');
    const policy: Policy = { id: randomUUID(), tenant, name: input.name, users: input.users as string[] };
    this.store.putDoc(POLICIES, key(tenant, policy.id), policy);
    return policy;
  }

  policy(tenant: string, id: string): Policy {
    const policy = this.store.getDoc<Policy>(POLICIES, key(tenant, id));
    if (!policy) throw notFound(`Tenant "${tenant}" has no policy "${id}".`);
    return policy;
  }
}
