import { Attribute, Change, Client, escapeFilter } from 'ldapts';
import { ldapSearch, normalizeDn } from './ldap-search.ts';
import { DISABLED_MARK, type Directory, type DirectoryEntry, type LdapEndpoint, type NewDirectoryUser } from './types.ts';

/**
 * groupOfNames requires at least one `member`, so every group carries the empty DN as a placeholder member;
 * it is not a user, so the connector never maps it.
 */
const PLACEHOLDER_MEMBER = '';

/** Any real LDAP server by URL (scripts/slapd.sh, AD LDS, ...), changed with ldapts add/modify/modifyDN/del. */
export class LdapDirectory implements Directory {
  readonly peopleDn: string;
  readonly groupsDn: string;

  private constructor(readonly endpoint: LdapEndpoint, private readonly client: Client) {
    this.peopleDn = `ou=people,${endpoint.baseDn}`;
    this.groupsDn = `ou=groups,${endpoint.baseDn}`;
  }

  static async connect(endpoint: LdapEndpoint): Promise<LdapDirectory> {
    const client = new Client({ url: endpoint.url, timeout: 10_000, connectTimeout: 5_000 });
    await client.bind(endpoint.bindDn, endpoint.password);
    return new LdapDirectory(endpoint, client);
  }

  async addUser(user: NewDirectoryUser): Promise<string> {
    const dn = `uid=${user.uid},${this.peopleDn}`;
    await this.client.add(dn, {
      objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
      uid: user.uid, cn: user.cn ?? `${user.givenName} ${user.sn}`, givenName: user.givenName, sn: user.sn, mail: user.mail,
      ...(user.title ? { title: user.title } : {}),
    });
    return dn;
  }

  async setAttribute(dn: string, attribute: string, value: string | string[] | null): Promise<void> {
    if (value === null) {
      const [entry] = await ldapSearch(this.endpoint, dn, '(objectClass=*)');
      if (!entry?.attributes[attribute.toLowerCase()]) return;
      await this.client.modify(dn, new Change({ operation: 'delete', modification: new Attribute({ type: attribute }) }));
      return;
    }
    const values = Array.isArray(value) ? value : [value];
    await this.client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values }) }));
  }

  disable(dn: string): Promise<void> {
    return this.setAttribute(dn, DISABLED_MARK.attribute, DISABLED_MARK.value);
  }

  enable(dn: string): Promise<void> {
    return this.setAttribute(dn, DISABLED_MARK.attribute, null);
  }

  /** Removes the user from its groups first, so servers without the refint overlay end up the same. */
  async deleteUser(dn: string): Promise<void> {
    const groups = await ldapSearch(this.endpoint, this.groupsDn, escapeFilter`(&(objectClass=groupOfNames)(member=${dn}))`);
    for (const group of groups) await this.removeMember(group.dn, dn);
    await this.client.del(dn);
  }

  async addGroup(cn: string, memberDns: string[] = []): Promise<string> {
    const dn = `cn=${cn},${this.groupsDn}`;
    await this.client.add(dn, { objectClass: ['top', 'groupOfNames'], cn, member: [PLACEHOLDER_MEMBER, ...memberDns] });
    return dn;
  }

  async renameGroup(dn: string, newCn: string): Promise<string> {
    await this.client.modifyDN(dn, `cn=${newCn}`);
    return `cn=${newCn},${this.groupsDn}`;
  }

  async deleteGroup(dn: string): Promise<void> {
    await this.client.del(dn);
  }

  async addMember(groupDn: string, userDn: string): Promise<void> {
    const [group] = await ldapSearch(this.endpoint, groupDn, '(objectClass=groupOfNames)');
    if (group?.attributes.member?.some((m) => normalizeDn(m) === normalizeDn(userDn))) return;
    await this.client.modify(groupDn, new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [userDn] }) }));
  }

  async removeMember(groupDn: string, userDn: string): Promise<void> {
    await this.client.modify(groupDn, new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: [userDn] }) }));
  }

  search(filter: string): Promise<DirectoryEntry[]> {
    return ldapSearch(this.endpoint, this.endpoint.baseDn, filter);
  }

  async close(): Promise<void> {
    await this.client.unbind();
  }
}
