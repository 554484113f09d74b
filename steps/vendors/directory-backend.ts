import { Client } from 'ldapts';
import { LdapDirectory } from '../../simulators/directory/ldap-directory.ts';
import { MockDirectory } from '../../simulators/directory/mock-directory.ts';
import type { Directory } from '../../simulators/directory/types.ts';
import type { DirectoryBackend } from '../parameters.ts';
import type { ScimWorld } from '../world.ts';
import { vendor } from './context.ts';

type LdapBackend = Extract<DirectoryBackend, { kind: 'ldap' }>;

/**
 * The directory of one scenario, on the backend the world parameters name, with its cleanup already queued in
 * the vendor After hook (so it also runs when the scenario fails):
 * - mock: a fresh embedded MockDirectory (safe inside a parallel cucumber worker), stopped at the end;
 * - ldap: a subtree `ou=<prefix><scenarioKey>` of the real server's base DN holding its own ou=people and
 *   ou=groups, deleted with everything in it at the end. The returned Directory's base DN is that subtree, so
 *   what a step or connector reads through it never sees another scenario's or worker's entries.
 */
export async function openDirectory(world: ScimWorld): Promise<Directory> {
  const backend = world.params.directory ?? { kind: 'mock' };
  if (backend.kind === 'mock') {
    const directory = await MockDirectory.start();
    vendor(world).after.push(() => directory.close());
    return directory;
  }
  const name = `${world.params.prefix}${world.scenarioKey}`;
  const root = `ou=${name},${backend.baseDn}`;
  let directory: LdapDirectory | undefined;
  await withClient(backend, async (client) => {
    await client.add(root, { objectClass: ['top', 'organizationalUnit'], ou: name });
    // From here the subtree is this scenario's: it goes at the end even if the rest of the set-up fails.
    vendor(world).after.push(async () => {
      await directory?.close();
      await deleteSubtree(backend, root);
    });
    for (const ou of ['people', 'groups']) await client.add(`ou=${ou},${root}`, { objectClass: ['top', 'organizationalUnit'], ou });
  });
  directory = await LdapDirectory.connect({ url: backend.url, bindDn: backend.bindDn, password: backend.password, baseDn: root });
  return directory;
}

async function withClient<T>(backend: LdapBackend, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ url: backend.url, timeout: 10_000, connectTimeout: 5_000 });
  try {
    await client.bind(backend.bindDn, backend.password);
    return await work(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/**
 * Deletes `root` and everything under it, children first: a child's DN is its parent's plus an RDN, so
 * deleting the longest DNs first never leaves a parent with children. Entry by entry because the tree-delete
 * control (1.2.840.113556.1.4.805) is Active Directory's: slapd does not advertise it.
 */
async function deleteSubtree(backend: LdapBackend, root: string): Promise<void> {
  await withClient(backend, async (client) => {
    const { searchEntries } = await client.search(root, { scope: 'sub', filter: '(objectClass=*)', attributes: ['1.1'] });
    const dns = searchEntries.map((e) => e.dn);
    for (const dn of dns.sort((a, b) => b.length - a.length)) await client.del(dn);
  });
}
