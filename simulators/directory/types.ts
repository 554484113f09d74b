/** Where a connector (or a person with ldapsearch) reaches the directory. */
export interface LdapEndpoint {
  url: string;
  bindDn: string;
  password: string;
  baseDn: string;
}

/** An entry as read back: attribute names lower-cased, every value a string list. */
export interface DirectoryEntry {
  dn: string;
  attributes: Record<string, string[]>;
}

export interface NewDirectoryUser {
  uid: string;
  givenName: string;
  sn: string;
  mail: string;
  /** Defaults to "givenName sn". */
  cn?: string;
  title?: string;
}

/**
 * How a disabled account is marked. OpenLDAP has no standard account-status attribute in its default schemas
 * (nsAccountLock and userAccountControl belong to other servers), so both backends use inetOrgPerson's
 * `employeeType: disabled`; the connector's `disabled` option says which attribute/value it reads.
 */
export const DISABLED_MARK = { attribute: 'employeeType', value: 'disabled' } as const;

/**
 * The changes scenarios make to the LDAP source of a Ping connector. Users live under ou=people and groups
 * (groupOfNames, membership by `member` DN) under ou=groups of the base DN.
 */
export interface Directory {
  readonly endpoint: LdapEndpoint;
  readonly peopleDn: string;
  readonly groupsDn: string;
  /** Returns the new user's DN. */
  addUser(user: NewDirectoryUser): Promise<string>;
  /** Replaces an attribute's values; null removes the attribute. */
  setAttribute(dn: string, attribute: string, value: string | string[] | null): Promise<void>;
  disable(dn: string): Promise<void>;
  enable(dn: string): Promise<void>;
  /** Deletes the user and drops it from every group. */
  deleteUser(dn: string): Promise<void>;
  /** Returns the new group's DN. */
  addGroup(cn: string, memberDns?: string[]): Promise<string>;
  /** Changes the group's cn (and so its DN); returns the new DN. */
  renameGroup(dn: string, newCn: string): Promise<string>;
  deleteGroup(dn: string): Promise<void>;
  addMember(groupDn: string, userDn: string): Promise<void>;
  removeMember(groupDn: string, userDn: string): Promise<void>;
  /** A subtree search under the base DN over LDAP, returning operational attributes too. */
  search(filter: string): Promise<DirectoryEntry[]>;
  close(): Promise<void>;
}
