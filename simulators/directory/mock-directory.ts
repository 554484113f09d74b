import type { AddressInfo } from 'node:net';
import { LdapServerMock, type LdapUser } from 'ldap-server-mock';
import { ldapSearch, normalizeDn } from './ldap-search.ts';
import { DISABLED_MARK, type Directory, type DirectoryEntry, type LdapEndpoint, type NewDirectoryUser } from './types.ts';

type Attributes = Record<string, string[]>;

/** The private fields of LdapServerMock we need: it neither takes a host nor reports its port. */
interface MockInternals {
  _ldapServer: { listen(port: number, host: string, cb: () => void): unknown };
  _server?: { address(): AddressInfo };
}

/**
 * The embedded directory: ldap-server-mock in-process on a loopback port. The mock has no LDAP write
 * operations, so changes mutate the entry list it serves; it also keeps memberOf and drops deleted users from
 * groups itself, as slapd's memberOf and refint overlays do. Readers still go over LDAP.
 */
export class MockDirectory implements Directory {
  readonly peopleDn: string;
  readonly groupsDn: string;
  private uuidCounter = 0;

  /** `entries` is the very list the server serves. */
  private constructor(readonly endpoint: LdapEndpoint, private readonly server: LdapServerMock, private readonly entries: LdapUser[]) {
    this.peopleDn = `ou=people,${endpoint.baseDn}`;
    this.groupsDn = `ou=groups,${endpoint.baseDn}`;
  }

  static async start(baseDn = 'dc=example,dc=test'): Promise<MockDirectory> {
    const entries: LdapUser[] = [];
    const server = new LdapServerMock(entries, { searchBase: baseDn, port: 0 }, undefined, undefined, { info: () => undefined });
    const internals = server as unknown as MockInternals;
    // Bind to loopback only: the mock calls listen(port, cb), which would bind every interface.
    const ldap = internals._ldapServer;
    const listen = ldap.listen.bind(ldap);
    ldap.listen = ((port: number, cb: () => void) => listen(port, '127.0.0.1', cb)) as never;
    // ldap-server-mock reports {status: 'started'} through process.send whenever the process has an IPC parent;
    // in a parallel cucumber worker that parent is the coordinator, which aborts the run on an unknown message.
    const send = process.send;
    process.send = undefined;
    try {
      await server.start();
    } finally {
      process.send = send;
    }
    const { port } = internals._server!.address();
    return new MockDirectory({ url: `ldap://127.0.0.1:${port}`, bindDn: `cn=admin,${baseDn}`, password: 'admin', baseDn }, server, entries);
  }

  async addUser(user: NewDirectoryUser): Promise<string> {
    const dn = `uid=${user.uid},${this.peopleDn}`;
    this.put(dn, {
      objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
      uid: [user.uid], cn: [user.cn ?? `${user.givenName} ${user.sn}`], givenName: [user.givenName], sn: [user.sn], mail: [user.mail],
      ...(user.title ? { title: [user.title] } : {}),
    });
    return dn;
  }

  async setAttribute(dn: string, attribute: string, value: string | string[] | null): Promise<void> {
    const attrs = this.attributes(dn);
    const key = Object.keys(attrs).find((k) => k.toLowerCase() === attribute.toLowerCase()) ?? attribute;
    if (value === null) delete attrs[key];
    else attrs[key] = Array.isArray(value) ? value : [value];
  }

  disable(dn: string): Promise<void> {
    return this.setAttribute(dn, DISABLED_MARK.attribute, DISABLED_MARK.value);
  }

  enable(dn: string): Promise<void> {
    return this.setAttribute(dn, DISABLED_MARK.attribute, null);
  }

  async deleteUser(dn: string): Promise<void> {
    for (const group of this.groupsOf(dn)) await this.removeMember(group, dn);
    this.remove(dn);
  }

  async addGroup(cn: string, memberDns: string[] = []): Promise<string> {
    const dn = `cn=${cn},${this.groupsDn}`;
    this.put(dn, { objectClass: ['top', 'groupOfNames'], cn: [cn], member: [] });
    for (const member of memberDns) await this.addMember(dn, member);
    return dn;
  }

  async renameGroup(dn: string, newCn: string): Promise<string> {
    const entry = this.find(dn);
    const newDn = `cn=${newCn},${this.groupsDn}`;
    this.replaceEntry(entry, newDn, { ...(entry.attributes as Attributes), cn: [newCn] });
    for (const member of this.attributes(newDn).member ?? []) {
      const attrs = this.attributes(member);
      attrs.memberOf = (attrs.memberOf ?? []).map((g) => (normalizeDn(g) === normalizeDn(dn) ? newDn : g));
    }
    return newDn;
  }

  async deleteGroup(dn: string): Promise<void> {
    for (const member of [...(this.attributes(dn).member ?? [])]) await this.removeMember(dn, member);
    this.remove(dn);
  }

  async addMember(groupDn: string, userDn: string): Promise<void> {
    const group = this.attributes(groupDn);
    const user = this.attributes(userDn);
    if ((group.member ?? []).some((m) => normalizeDn(m) === normalizeDn(userDn))) return;
    group.member = [...(group.member ?? []), userDn];
    user.memberOf = [...(user.memberOf ?? []), groupDn];
  }

  async removeMember(groupDn: string, userDn: string): Promise<void> {
    const group = this.attributes(groupDn);
    const user = this.attributes(userDn);
    group.member = (group.member ?? []).filter((m) => normalizeDn(m) !== normalizeDn(userDn));
    const memberOf = (user.memberOf ?? []).filter((g) => normalizeDn(g) !== normalizeDn(groupDn));
    if (memberOf.length) user.memberOf = memberOf;
    else delete user.memberOf;
  }

  search(filter: string): Promise<DirectoryEntry[]> {
    return ldapSearch(this.endpoint, this.endpoint.baseDn, filter);
  }

  async close(): Promise<void> {
    await this.server.stop();
  }

  /** entryUUID as slapd would add it, from a counter so a seeded run reads the same directory. */
  private put(dn: string, attributes: Attributes): void {
    if (this.entries.some((e) => normalizeDn(e.dn) === normalizeDn(dn))) throw new Error(`entry exists: ${dn}`);
    const uuid = `00000000-0000-4000-8000-${String(++this.uuidCounter).padStart(12, '0')}`;
    this.entries.push({ dn, attributes: { ...attributes, entryUUID: [uuid] } });
  }

  private find(dn: string): LdapUser {
    const entry = this.entries.find((e) => normalizeDn(e.dn) === normalizeDn(dn));
    if (!entry) throw new Error(`no such entry: ${dn}`);
    return entry;
  }

  private attributes(dn: string): Attributes {
    return this.find(dn).attributes as Attributes;
  }

  private replaceEntry(entry: LdapUser, dn: string, attributes: Attributes): void {
    this.entries[this.entries.indexOf(entry)] = { dn, attributes };
  }

  private remove(dn: string): void {
    this.entries.splice(this.entries.indexOf(this.find(dn)), 1);
  }

  private groupsOf(userDn: string): string[] {
    return this.entries
      .filter((e) => ((e.attributes as Attributes).member ?? []).some((m) => normalizeDn(m) === normalizeDn(userDn)))
      .map((e) => e.dn);
  }
}
