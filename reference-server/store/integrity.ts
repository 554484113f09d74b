/**
 * Both stores refuse memberships that name a resource the tenant does not have (SqliteStore through its
 * foreign keys, MemoryStore by checking), so a dangling member can never be listed. The resource layer is
 * expected to validate first and answer with a SCIM error; reaching this is a bug, hence a plain Error.
 */
export class MembershipTargetMissing extends Error {
  constructor(
    readonly role: 'group' | 'member',
    readonly id: string,
  ) {
    super(role === 'group' ? `no Group with id ${id} in this tenant` : `no resource with id ${id} in this tenant`);
    this.name = 'MembershipTargetMissing';
  }
}
