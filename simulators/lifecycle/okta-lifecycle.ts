import type { OktaSimulator, OktaUser } from '../okta.ts';
import type { MemberRef } from '../scim-messages.ts';
import { pickMembers, type Person, type Population } from './population.ts';
import { Phases } from './phases.ts';
import type { LifecycleResult, Progress } from './types.ts';
import { isActive, listAll, memberIds } from './verify.ts';

function oktaUser(p: Person, title = p.title): OktaUser {
  return { oktaId: p.oktaId, userName: p.email, givenName: p.givenName, familyName: p.familyName, email: p.email, displayName: `${p.givenName} ${p.familyName}`, title };
}

/**
 * Okta's lifecycle: test connection, assign everyone (lookup-then-create), push groups, profile updates,
 * membership churn with renames, deactivations (and a few reactivations), then an import; the end state is
 * checked against what Okta believes.
 */
export async function runOktaLifecycle(okta: OktaSimulator, pop: Population, concurrency: number, progress: Progress): Promise<LifecycleResult> {
  const phases = new Phases(progress);
  const ids = new Map<number, string>();
  const step = <T>(phase: string, items: T[], fn: (item: T) => Promise<void>) => phases.each(phase, items, concurrency, fn);

  // Okta does not provision through an app whose connection test fails.
  if (!(await phases.one('test connection', () => okta.testConnection())).ok) return phases.result([]);
  await step('assign users', pop.people, async (p) => void ids.set(p.index, (await okta.assignUser(oktaUser(p))).id));
  const assigned = pop.people.filter((p) => ids.has(p.index));
  const ref = (p: Person): MemberRef => ({ value: ids.get(p.index)!, display: p.email });

  const groups = pop.groups.map((name) => ({ name, id: '', members: pickMembers(pop.faker, assigned, 50) }));
  await step('push groups', groups, async (g) => void (g.id = await okta.pushGroup(g.name, g.members.map(ref))));

  const updated = assigned.filter((p) => p.index % 2 === 0);
  await step('profile updates', updated, (p) => okta.updateProfile(ids.get(p.index)!, oktaUser(p, `Senior ${p.title}`)));

  const pushed = groups.filter((g) => g.id);
  await step('membership churn', pushed, async (g) => {
    const removed = g.members.filter((_, i) => i % 3 === 0);
    const added = pickMembers(pop.faker, assigned, 5).filter((p) => !g.members.includes(p));
    g.name = `${g.name} (renamed)`;
    await okta.updateMembers(g.id, g.name, added.map(ref), removed.map((p) => ids.get(p.index)!));
    g.members = [...g.members.filter((p) => !removed.includes(p)), ...added];
  });

  const deactivated = assigned.filter((p) => p.index % 5 === 0);
  await step('deactivations', deactivated, (p) => okta.deactivate(ids.get(p.index)!));
  const reactivated = deactivated.filter((p) => p.index % 10 === 0);
  await step('reactivations', reactivated, (p) => okta.reactivate(ids.get(p.index)!));

  const mismatches: string[] = [];
  const imports = await phases.one('import users', () => okta.importUsers());
  if (!imports.ok) return phases.result(mismatches);
  const imported = new Set(imports.value.map((u) => u.id));
  const read = await phases.one('read end state', async () => ({ users: await listAll(okta.engine, '/Users'), groups: await listAll(okta.engine, '/Groups') }));
  if (!read.ok) return phases.result(mismatches);
  const { users, groups: targetGroups } = read.value;
  for (const p of assigned) {
    const id = ids.get(p.index)!;
    const shouldBeActive = !(p.index % 5 === 0 && p.index % 10 !== 0);
    if (isActive(users.get(id)) !== shouldBeActive) mismatches.push(`user ${p.email}: active should be ${shouldBeActive}`);
    if (shouldBeActive && !imported.has(id)) mismatches.push(`user ${p.email}: missing from the import`);
  }
  for (const g of pushed) {
    const target = targetGroups.get(g.id);
    if (target?.displayName !== g.name) mismatches.push(`group ${g.id}: displayName should be "${g.name}"`);
    const expected = g.members.map((p) => ids.get(p.index)!).sort();
    if (memberIds(target).join() !== expected.join()) mismatches.push(`group "${g.name}": members differ`);
  }
  return phases.result(mismatches);
}
