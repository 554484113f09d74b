import { URN } from '../scim/urns.ts';
import type { IdpProfile, ScimEngine } from './engine/engine.ts';
import { defaultRetryPolicy } from './engine/retry.ts';
import { expectStatus, ScimRequestError } from './engine/errors.ts';
import { eqFilter, patchBody, resourcesOf, type MemberRef, type ScimResource } from './scim-messages.ts';

/** When the target already has a group of that name, the PingOne admin accepts a merge or an overwrite. */
export type ExistingGroupPolicy = 'merge' | 'overwrite';

/** PingOne's User-Agent is undocumented; this default is ours. */
export const pingOneProfile: IdpProfile = {
  name: 'pingone',
  userAgent: 'PingOne-Provisioning',
  headers: { Accept: 'application/scim+json' },
  contentType: 'application/scim+json',
  retry: defaultRetryPolicy,
  concurrency: 4,
  ratePerSecond: Infinity,
  timeoutMs: 60_000,
};

/** PingOne outbound group provisioning (idp-behaviours.md §3.2). */
export class PingOneSimulator {
  constructor(readonly engine: ScimEngine) {}

  /**
   * Pushes a group with its members. A new name is created with its members; an existing name is merged
   * (PATCH add of the members it lacks) or overwritten (PATCH replace of the whole member list).
   */
  async pushGroup(displayName: string, members: MemberRef[], onExisting: ExistingGroupPolicy): Promise<{ id: string; existed: boolean }> {
    const query: [string, string][] = [['filter', eqFilter('displayName', displayName)]];
    const existing = resourcesOf(expectStatus('lookup group', await this.engine.send({ method: 'GET', path: '/Groups', query }), 200).body)[0];
    if (!existing) {
      const res = expectStatus('create group', await this.engine.send({ method: 'POST', path: '/Groups', body: { schemas: [URN.Group], displayName, members } }), 201);
      const id = (res.body as ScimResource | undefined)?.id;
      if (!id) throw new ScimRequestError('create group returned no id', res);
      return { id, existed: false };
    }
    if (onExisting === 'overwrite') {
      await this.patch(existing.id, [{ op: 'replace', path: 'members', value: members }]);
    } else {
      const current = await this.members(existing.id);
      const missing = members.filter((m) => !current.has(m.value));
      if (missing.length) await this.patch(existing.id, [{ op: 'add', path: 'members', value: missing }]);
    }
    return { id: existing.id, existed: true };
  }

  private async members(id: string): Promise<Set<string>> {
    const res = expectStatus('read group', await this.engine.send({ method: 'GET', path: `/Groups/${id}` }), 200);
    return new Set(((res.body as { members?: MemberRef[] }).members ?? []).map((m) => m.value));
  }

  private async patch(id: string, operations: { op: string; path: string; value: unknown }[]): Promise<void> {
    expectStatus('push group members', await this.engine.send({ method: 'PATCH', path: `/Groups/${id}`, body: patchBody(operations) }), 200, 204);
  }
}
