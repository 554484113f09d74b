import type { Directory } from '../directory/types.ts';
import { normalizeDn } from '../directory/ldap-search.ts';
import type { ConnectorState } from '../connector-state.ts';
import type { PingFederateConnector } from '../pingfederate.ts';
import { pickMembers, type Population } from './population.ts';
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
  const failures: unknown[] = [];
  const run = async (phase: string) => {
    progress(phase, 0, 1);
    await connector.run().catch((err) => failures.push(err));
    progress(phase, 1, 1);
  };

  const dns: string[] = [];
  for (const p of pop.people) {
    dns.push(await dir.addUser({ uid: `${pop.prefix}-${p.index}`, givenName: p.givenName, sn: p.familyName, mail: p.email, title: p.title }));
    progress('seed directory', dns.length, pop.people.length);
  }
  const groups: { dn: string; members: string[] }[] = [];
  for (const name of pop.groups) {
    const members = pickMembers(pop.faker, dns, 50);
    groups.push({ dn: await dir.addGroup(name, members), members });
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
  const users = await listAll(connector.engine, '/Users');
  for (const dn of dns) {
    const id = idByDn.get(normalizeDn(dn));
    const shouldBeActive = !disabled.includes(dn) && !deleted.includes(dn);
    if (!id) mismatches.push(`${dn}: never provisioned`);
    else if (isActive(users.get(id)) !== shouldBeActive) mismatches.push(`${dn}: active should be ${shouldBeActive}`);
  }
  const targetGroups = await listAll(connector.engine, '/Groups');
  const groupByCn = new Map([...targetGroups.values()].map((g) => [String(g.displayName), g]));
  for (const g of groups) {
    const cn = cnOf(g.dn);
    const expected = g.members.filter((m) => !disabled.includes(m)).map((m) => idByDn.get(normalizeDn(m))!).sort();
    if (memberIds(groupByCn.get(cn)).join() !== expected.join()) mismatches.push(`group "${cn}": members differ`);
  }
  if (deletedGroupId && targetGroups.has(deletedGroupId)) mismatches.push(`group ${deletedGroupId}: deleted in the directory but still present`);
  return { failures, mismatches };
}
