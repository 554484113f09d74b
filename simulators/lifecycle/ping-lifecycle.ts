import type { Directory } from '../directory/types.ts';
import { normalizeDn } from '../directory/ldap-search.ts';
import type { ConnectorState } from '../connector-state.ts';
import type { PingFederateConnector } from '../pingfederate.ts';
import { pickMembers, type Population } from './population.ts';
import { Phases } from './phases.ts';
import type { LifecycleResult, Progress } from './types.ts';
import { isActive, listAll, memberIds } from './verify.ts';

/**
 * PingFederate from LDAP: seed the directory, run the connector (initial sync), change the directory
 * (attributes, group renames and membership, disables, deletions), run again, and check the target equals
 * the directory. `readState` exposes the connector's state so users can be matched to target ids.
 */
export async function runPingLifecycle(
  connector: PingFederateConnector,
  dir: Directory,
  pop: Population,
  readState: () => Promise<ConnectorState>,
  progress: Progress,
): Promise<LifecycleResult> {
  const phases = new Phases(progress);
  // A connector run is one operation: PingFederate stops the run at the first failed request and retries it next time.
  const run = (phase: string) => phases.one(phase, () => connector.run());

  // The directory is the IdP's side, not the target's: its writes are shown as progress but are not operations
  // against the target, so a failure there is the harness's (thrown), not the server's.
  const seeding = pop.people.length + pop.groups.length;
  let seeded = 0;
  progress('seed directory', 0, seeding);
  const dns: string[] = [];
  for (const p of pop.people) {
    dns.push(await dir.addUser({ uid: `${pop.prefix}-${p.index}`, givenName: p.givenName, sn: p.familyName, mail: p.email, title: p.title }));
    progress('seed directory', ++seeded, seeding);
  }
  const groups: { dn: string; members: string[] }[] = [];
  for (const name of pop.groups) {
    const members = pickMembers(pop.faker, dns, 50);
    groups.push({ dn: await dir.addGroup(name, members), members });
    progress('seed directory', ++seeded, seeding);
  }
  await run('initial sync');
  const cnOf = (dn: string) => dn.slice(3, dn.indexOf(','));
  const deletedGroup = groups.pop();
  const deletedGroupId = deletedGroup && Object.values((await readState()).groups).find((g) => g.cn === cnOf(deletedGroup.dn))?.targetId;

  for (const [i, dn] of dns.entries()) if (i % 2 === 0) await dir.setAttribute(dn, 'title', `Senior ${pop.people[i]!.title}`);
  for (const [i, g] of groups.entries()) {
    for (const m of g.members.filter((_, j) => j % 3 === 0)) await dir.removeMember(g.dn, m);
    g.members = g.members.filter((_, j) => j % 3 !== 0);
    if (i % 2 === 0) g.dn = await dir.renameGroup(g.dn, `${pop.groups[i]} (renamed)`);
  }
  const disabled = dns.filter((_, i) => i % 5 === 0);
  for (const dn of disabled) await dir.disable(dn);
  const deleted = dns.filter((_, i) => i % 7 === 3);
  for (const dn of deleted) {
    await dir.deleteUser(dn);
    for (const g of groups) g.members = g.members.filter((m) => m !== dn);
  }
  if (deletedGroup) await dir.deleteGroup(deletedGroup.dn);
  await run('incremental sync');

  const state = await readState();
  const idByDn = new Map(Object.values(state.users).map((u) => [normalizeDn(u.dn), u.targetId]));
  const mismatches: string[] = [];
  const read = await phases.one('read end state', async () => ({ users: await listAll(connector.engine, '/Users'), groups: await listAll(connector.engine, '/Groups') }));
  if (!read.ok) return phases.result(mismatches);
  const { users, groups: targetGroups } = read.value;
  for (const dn of dns) {
    const id = idByDn.get(normalizeDn(dn));
    const shouldBeActive = !disabled.includes(dn) && !deleted.includes(dn);
    if (!id) mismatches.push(`${dn}: never provisioned`);
    else if (isActive(users.get(id)) !== shouldBeActive) mismatches.push(`${dn}: active should be ${shouldBeActive}`);
  }
  const groupByCn = new Map([...targetGroups.values()].map((g) => [String(g.displayName), g]));
  for (const g of groups) {
    const cn = cnOf(g.dn);
    const expected = g.members.filter((m) => !disabled.includes(m)).map((m) => idByDn.get(normalizeDn(m))!).sort();
    if (memberIds(groupByCn.get(cn)).join() !== expected.join()) mismatches.push(`group "${cn}": members differ`);
  }
  if (deletedGroupId && targetGroups.has(deletedGroupId)) mismatches.push(`group ${deletedGroupId}: deleted in the directory but still present`);
  return phases.result(mismatches);
}
