import { Client } from 'ldapts';
import type { DirectoryEntry, LdapEndpoint } from './types.ts';

/** Attributes every read asks for: user attributes plus the operational ones the connector keys on. */
const READ_ATTRIBUTES = ['*', 'entryUUID', 'memberOf'];

/** Binds, runs one subtree search (paged where the server supports it), unbinds. */
export async function ldapSearch(endpoint: LdapEndpoint, base: string, filter: string): Promise<DirectoryEntry[]> {
  const client = new Client({ url: endpoint.url, timeout: 10_000, connectTimeout: 5_000 });
  try {
    await client.bind(endpoint.bindDn, endpoint.password);
    const { searchEntries } = await client.search(base, { scope: 'sub', filter, attributes: READ_ATTRIBUTES, paged: { pageSize: 500 } });
    return searchEntries.map((entry) => {
      const attributes: Record<string, string[]> = {};
      for (const [name, value] of Object.entries(entry)) {
        const values = Array.isArray(value) ? value : [value];
        // ldap-server-mock echoes requested names it does not have (e.g. "*") with no values.
        if (name === 'dn' || values.length === 0) continue;
        attributes[name.toLowerCase()] = values.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : String(v)));
      }
      return { dn: entry.dn, attributes };
    });
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

/** DNs compare case-insensitively and without spaces around separators. */
export function normalizeDn(dn: string): string {
  return dn.toLowerCase().replace(/\s*([,=])\s*/g, '$1');
}
