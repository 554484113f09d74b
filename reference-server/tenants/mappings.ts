import type { AttributeMapping, OrgMapping, RoleMapping } from './settings.ts';

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The value at a dotted SCIM path (`userName`, `name.givenName`, `emails.value`), case-insensitive; in a
 * multi-valued attribute the primary value is taken, else the first.
 */
export function valueAt(data: Data, path: string): string | null {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (Array.isArray(current)) current = current.find((v) => isObject(v) && v.primary === true) ?? current[0];
    if (!isObject(current)) return null;
    const key = Object.keys(current).find((k) => k.toLowerCase() === part.toLowerCase());
    current = key === undefined ? undefined : current[key];
  }
  if (Array.isArray(current)) current = current.find((v) => isObject(v) && v.primary === true) ?? current[0];
  if (isObject(current) && 'value' in current) current = current.value;
  return typeof current === 'string' && current !== '' ? current : null;
}

/** The product's email and display name of a SCIM user (PRV-04, PRV-07). */
export function localProfile(data: Data, mapping: AttributeMapping): { email: string | null; displayName: string | null } {
  const email = valueAt(data, mapping.email ?? 'emails.value');
  let displayName = mapping.displayName ? valueAt(data, mapping.displayName) : valueAt(data, 'displayName');
  if (displayName === null && !mapping.displayName) {
    // PRV-07: given name + family name unless the payload carries a displayName.
    const joined = [valueAt(data, 'name.givenName'), valueAt(data, 'name.familyName')].filter(Boolean).join(' ');
    displayName = joined || valueAt(data, 'userName');
  }
  return { email, displayName };
}

/** `c42OrgName` wherever the payload carries it: top level or inside an extension object (INC-03 b). */
export function c42OrgName(raw: unknown): string | null {
  if (!isObject(raw)) return null;
  for (const [k, v] of Object.entries(raw)) {
    if (k.toLowerCase() === 'c42orgname' && typeof v === 'string' && v.trim()) return v.trim();
    if (isObject(v)) {
      const nested = c42OrgName(v);
      if (nested) return nested;
    }
  }
  return null;
}

/**
 * The organization name INC-03 assigns, or null for "the provisioning tenant itself" (no mapping).
 * `groups` are the display names of the user's SCIM groups.
 */
export function organizationFor(mapping: OrgMapping | null, orgName: string | null, groups: string[]): string | null {
  if (!mapping) return null;
  switch (mapping.method) {
    case 'single':
      return mapping.organization;
    case 'attribute':
      return orgName ?? mapping.default;
    case 'group': {
      const folded = new Set(groups.map((g) => g.toLowerCase()));
      const hits = mapping.rules.filter((r) => folded.has(r.group.toLowerCase())).sort((a, b) => a.priority - b.priority);
      return hits[0]?.organization ?? mapping.default;
    }
  }
}

/** INC-04: the union of the roles of the user's mapped groups, or the organization's default roles. */
export function rolesFor(mapping: RoleMapping | null, groups: string[], defaultRoles: string[]): string[] {
  const folded = new Set(groups.map((g) => g.toLowerCase()));
  const roles = new Set<string>();
  for (const rule of mapping?.rules ?? []) if (folded.has(rule.group.toLowerCase())) for (const r of rule.roles) roles.add(r);
  return roles.size ? [...roles].sort() : [...defaultRoles];
}
