import { conflict } from '../../scim/errors.ts';
import { ConcurrentUpdate, type GroupRef, type Store, type StoredResource } from '../store/types.ts';

/**
 * Versions and `meta.lastModified` of resources whose representation changes through something other than their own
 * data: a Group's `members` live in the store's membership table, so a member that is deleted or deactivated away
 * changes the group without a write to the group's own row. RFC 7644 §3.14: the version changes whenever the resource
 * changes; RFC 7643 §3.1: `lastModified` is when its details were last updated.
 */

/** An ISO timestamp strictly after `previous`, so lastModified moves on even within one millisecond. */
export function laterThan(now: Date, previous: string): string {
  const prev = Date.parse(previous);
  return new Date(Math.max(now.getTime(), prev + 1)).toISOString();
}

/** `stored` with the next version and a `lastModified` after its current one; data and keys as they are. */
export function touched(stored: StoredResource, now: Date): StoredResource {
  return { ...stored, lastModified: laterThan(now, stored.lastModified), version: stored.version + 1 };
}

/** Tries before giving up when processes sharing a store keep changing the same group (PostgreSQL only). */
const TOUCH_TRIES = 32;

/**
 * Moves a group's version and lastModified on, on the freshest row: a store shared between processes throws
 * ConcurrentUpdate when another process wrote the group meanwhile, and the group is read again. Nothing happens when
 * the group no longer exists. Throws a 409 ScimError when it keeps losing the race.
 */
export function touchGroup(store: Store, tenant: string, groupId: string, now: () => Date): void {
  for (let tries = 1; ; tries++) {
    const group = store.get(tenant, 'Group', groupId);
    if (!group) return;
    try {
      store.update(touched(group, now()));
      return;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdate)) throw error;
      if (tries >= TOUCH_TRIES) throw conflict('A group of this member kept changing under concurrent writes; try again.');
    }
  }
}

/**
 * Removes `memberId` (a User or a Group) from every group that lists it and moves each of those groups' version and
 * lastModified on, since their member lists changed. Call it inside the store transaction that deletes or deactivates
 * the member, so the removal and the new versions commit together. Returns the groups it left.
 */
export function leaveAllGroups(store: Store, tenant: string, memberId: string, now: () => Date): GroupRef[] {
  const groups = store.groupsOf(tenant, memberId);
  for (const g of groups) {
    store.removeMembers(tenant, g.groupId, [memberId]);
    touchGroup(store, tenant, g.groupId, now);
  }
  return groups;
}
