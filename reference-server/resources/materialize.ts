import type { ResourceTypeDef } from '../../scim/schema/types.ts';
import type { GroupRef, StoredResource, Store } from '../store/types.ts';
import type { RequestContext } from './context.ts';

export const etagOf = (stored: Pick<StoredResource, 'version'>) => `W/"${stored.version}"`;

export function locationOf(ctx: RequestContext, rt: ResourceTypeDef, id: string): string {
  return `${ctx.baseUrl}${rt.endpoint}/${id}`;
}

/**
 * Builds the full SCIM representation of a stored resource, membership included, before projection. `groups`: a
 * User's groups when the caller fetched them already (Store.groupsOfEach for a whole page); otherwise read here.
 */
export function materialize(
  store: Store,
  ctx: RequestContext,
  rt: ResourceTypeDef,
  stored: StoredResource,
  userEndpoint: string,
  groupEndpoint: string,
  withMembers = true,
  groups?: GroupRef[],
): Record<string, unknown> {
  const { schemas, ...rest } = stored.data as { schemas?: string[] } & Record<string, unknown>;
  const out: Record<string, unknown> = { schemas: schemas ?? [rt.schema], id: stored.id, ...rest };
  if (rt.name === 'Group') {
    if (withMembers) out.members = store.members(stored.tenant, stored.id).map((m) => ({
      value: m.value,
      $ref: `${ctx.baseUrl}${m.type === 'Group' ? groupEndpoint : userEndpoint}/${m.value}`,
      type: m.type,
      ...(m.display !== null ? { display: m.display } : {}),
    }));
  } else if (rt.name === 'User') {
    const refs = groups ?? store.groupsOf(stored.tenant, stored.id);
    if (refs.length) {
      out.groups = refs.map((g) => ({
        value: g.groupId,
        $ref: `${ctx.baseUrl}${groupEndpoint}/${g.groupId}`,
        type: 'direct',
        ...(g.display !== null ? { display: g.display } : {}),
      }));
    }
  }
  out.meta = {
    resourceType: rt.name,
    created: stored.created,
    lastModified: stored.lastModified,
    location: locationOf(ctx, rt, stored.id),
    version: etagOf(stored),
  };
  return out;
}
