import type { EntraSimulator, EntraUser } from '../entra.ts';
import { pickMembers, type Person, type Population } from './population.ts';
import { Phases } from './phases.ts';
import type { LifecycleResult, Progress } from './types.ts';
import { isActive, listAll, memberIds } from './verify.ts';

function entraUser(p: Person): EntraUser {
  return {
    objectId: p.objectId, mailNickname: p.mailNickname, userPrincipalName: p.email, givenName: p.givenName, surname: p.familyName,
    displayName: `${p.givenName} ${p.familyName}`, mail: p.email, jobTitle: p.title, department: p.department,
  };
}

/**
 * Entra's cycle: test connection, provision users, managers, groups with members, attribute updates,
 * member removal and renames, disables and soft deletes (DELETE once the soft-delete period has passed).
 */
export async function runEntraLifecycle(entra: EntraSimulator, pop: Population, concurrency: number, progress: Progress): Promise<LifecycleResult> {
  const phases = new Phases(progress);
  const ids = new Map<number, string>();
  const step = <T>(phase: string, items: T[], fn: (item: T) => Promise<void>) => phases.each(phase, items, concurrency, fn);

  // Entra does not start provisioning when "Test Connection" fails.
  if (!(await phases.one('test connection', () => entra.testConnection())).ok) return phases.result([]);
  await step('provision users', pop.people, async (p) => void ids.set(p.index, (await entra.provisionUser(entraUser(p))).id));
  const users = pop.people.filter((p) => ids.has(p.index));
  const id = (p: Person) => ids.get(p.index)!;

  const managed = users.filter((p) => p.index % 4 === 1 && users[0] !== p);
  await step('managers', managed, (p) => entra.setManager(id(p), id(users[0]!)));

  const groups = pop.groups.map((name, i) => ({ name, objectId: pop.faker.string.uuid(), id: '', members: pickMembers(pop.faker, users, 50), i }));
  await step('provision groups', groups, async (g) => {
    g.id = (await entra.provisionGroup(g.objectId, g.name)).id;
    if (g.members.length) await entra.addMembers(g.id, g.members.map(id));
  });

  const updated = users.filter((p) => p.index % 2 === 0);
  await step('attribute updates', updated, (p) => entra.updateUser(id(p), { jobTitle: `Senior ${p.title}`, department: `${p.department} EMEA` }));

  const live = groups.filter((g) => g.id);
  await step('membership churn', live, async (g) => {
    const removed = g.members.filter((_, i) => i % 3 === 0);
    if (removed.length) await entra.removeMembers(g.id, removed.map(id));
    g.members = g.members.filter((p) => !removed.includes(p));
    if (g.i % 2 === 0) {
      g.name = `${g.name} (renamed)`;
      await entra.renameGroup(g.id, g.name);
    }
  });

  const disabled = users.filter((p) => p.index % 5 === 0);
  await step('disable users', disabled, (p) => entra.disableUser(id(p)));
  const softDeleted = users.filter((p) => p.index % 7 === 3);
  await step('soft delete users', softDeleted, (p) => entra.softDeleteUser(id(p)));
  const due = await phases.one('hard deletes', () => entra.hardDeleteDue());
  const hardDeleted = new Set(due.ok ? due.value : []);

  const mismatches: string[] = [];
  const read = await phases.one('read end state', async () => ({ users: await listAll(entra.engine, '/Users'), groups: await listAll(entra.engine, '/Groups') }));
  if (!read.ok) return phases.result(mismatches);
  const { users: target, groups: targetGroups } = read.value;
  for (const p of users) {
    const uid = id(p);
    if (hardDeleted.has(uid)) {
      if (target.has(uid)) mismatches.push(`user ${p.email}: should have been deleted`);
      continue;
    }
    const shouldBeActive = !disabled.includes(p) && !softDeleted.includes(p);
    if (isActive(target.get(uid)) !== shouldBeActive) mismatches.push(`user ${p.email}: active should be ${shouldBeActive}`);
  }
  for (const g of live) {
    const group = targetGroups.get(g.id);
    if (group?.displayName !== g.name) mismatches.push(`group ${g.id}: displayName should be "${g.name}"`);
    // Entra expects servers to keep memberships of disabled users; hard-deleted users leave their groups.
    const expected = g.members.map(id).filter((m) => !hardDeleted.has(m)).sort();
    if (memberIds(group).join() !== expected.join()) mismatches.push(`group "${g.name}": members differ`);
  }
  return phases.result(mismatches);
}
