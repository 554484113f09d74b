import { Client, NoSuchObjectError } from 'ldapts';
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
  const root = `ou=${world.params.prefix}${world.scenarioKey},${backend.baseDn}`;
  // Queued before the subtree exists: a half-made subtree (people made, groups refused) goes too.
  let directory: LdapDirectory | undefined;
  vendor(world).after.push(async () => {
    await directory?.close();
    await deleteSubtree(backend, root);
  });
  await withClient(backend, async (client) => {
    await client.add(root, { objectClass: ['top', 'organizationalUnit'], ou: `${world.params.prefix}${world.scenarioKey}` });
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
 * deleting the longest DNs first never leaves a parent with children. (slapd answers the tree-delete
 * control only with an extra overlay, so this does it entry by entry.) A root that was never made is fine.
 */
async function deleteSubtree(backend: LdapBackend, root: string): Promise<void> {
  await withClient(backend, async (client) => {
    let dns: string[];
    try {
      const { searchEntries } = await client.search(root, { scope: 'sub', filter: '(objectClass=*)', attributes: ['1.1'] });
      dns = searchEntries.map((e) => e.dn);
    } catch (err) {
      if (err instanceof NoSuchObjectError) return;
      throw err;
    }
    for (const dn of dns.sort((a, b) => b.length - a.length)) await client.del(dn);
  });
}
