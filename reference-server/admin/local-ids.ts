import { createHash } from 'node:crypto';
import { notFound } from '../../scim/errors.ts';
import type { Store } from '../store/types.ts';
import type { LocalDirectory, LocalGroup, LocalUser } from '../tenants/local-directory.ts';

/**
 * The product's own identifiers for its local records (issue 10, adapter contract): a real product's user table
 * has ids of its own, distinct from the SCIM ids it hands to IdPs. Ours are derived from the record's internal
 * key, so they need no storage of their own and survive restarts, yet they never equal a SCIM id: a scenario that
 * confuses the two fails here as it would on any other product.
 */
const derive = (kind: 'u' | 'g', tenant: string, key: string) =>
  `${kind}_${createHash('sha256').update(`${kind}\u0000${tenant}\u0000${key}`).digest('base64url').slice(0, 18)}`;

export const localUserId = (user: Pick<LocalUser, 'tenant' | 'id'>) => derive('u', user.tenant, user.id);
export const localGroupId = (tenant: string, key: string) => derive('g', tenant, key);

/** The local user with this local id; throws a 404 SCIM error when the tenant has none. O(users of the tenant). */
export function userByLocalId(local: LocalDirectory, tenant: string, id: string): LocalUser {
  const user = local.users(tenant).find((u) => localUserId(u) === id);
  if (!user) throw notFound(`Tenant "${tenant}" has no local user "${id}".`);
  return user;
}

/** The SCIM id a local user is linked to, or null for users SCIM does not manage (local, portal, built-in). */
export const scimIdOfUser = (user: LocalUser): string | null => (user.managedBy === 'scim' ? user.id : null);

/** Internal keys of a list of local user ids (policies name users by local id); unknown ids are a 400 via notFound. */
export function userKeys(local: LocalDirectory, tenant: string, ids: unknown): unknown {
  if (!Array.isArray(ids)) return ids;
  return ids.map((id) => (typeof id === 'string' ? userByLocalId(local, tenant, id).id : id));
}

/** What a group looks like to the product's admin: local ones and SCIM-made ones alike, with local ids. */
export interface GroupView {
  id: string;
  scimId: string | null;
  displayName: string;
  origin: LocalGroup['origin'] | 'scim';
  externallyManaged: boolean;
  members: string[];
  /** Internal key, not shown to the admin. */
  key: string;
}

/** Every group of the tenant as the admin sees it; members are local user ids. */
export function groupViews(store: Store, local: LocalDirectory, tenant: string): GroupView[] {
  const memberId = (key: string) => localUserId({ tenant, id: key });
  const scim = [...store.all(tenant, 'Group')].map((g): GroupView => ({
    id: localGroupId(tenant, g.id), scimId: g.id, displayName: String(g.data.displayName), origin: 'scim', externallyManaged: true,
    members: store.members(tenant, g.id).map((m) => (m.type === 'Group' ? localGroupId(tenant, m.value) : memberId(m.value))), key: g.id,
  }));
  const own = local.groups(tenant).map((g): GroupView => ({
    id: localGroupId(tenant, g.id), scimId: null, displayName: g.displayName, origin: g.origin, externallyManaged: false,
    members: g.members.map(memberId), key: g.id,
  }));
  return [...own, ...scim];
}

/** The group with this local id; throws a 404 SCIM error when the tenant has none. */
export function groupByLocalId(store: Store, local: LocalDirectory, tenant: string, id: string): GroupView {
  const group = groupViews(store, local, tenant).find((g) => g.id === id);
  if (!group) throw notFound(`Tenant "${tenant}" has no group "${id}".`);
  return group;
}
