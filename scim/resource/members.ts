import { invalidValue } from '../errors.ts';
import type { AttributeDef, ResourceTypeDef } from '../schema/types.ts';
import { URN } from '../urns.ts';
import { isObject } from './json.ts';

export type MemberType = 'User' | 'Group';

/** Group `members` is kept apart from the other attributes: the store holds it in its own table. */
export function isGroupMembers(rt: ResourceTypeDef, def: AttributeDef): boolean {
  return rt.schema === URN.Group && def.name === 'members';
}

/**
 * Checks one coerced Group member and returns it as `{value, type?}`: `value` is required; `type`, when given,
 * must be User or Group (any case); `$ref` is dropped because the server derives it from the id (Entra sends
 * `"$ref": null`, X-ENTRA-07) and `display` is readOnly.
 */
export function canonicalMember(element: unknown, path: string): { value: string; type?: MemberType } {
  if (!isObject(element) || typeof element.value !== 'string' || element.value.trim() === '') {
    throw invalidValue(`"${path}" needs a "value" holding the id of a User or Group.`);
  }
  if (element.type === undefined) return { value: element.value };
  const type = String(element.type).toLowerCase();
  if (type !== 'user' && type !== 'group') {
    throw invalidValue(`"${path}.type" must be "User" or "Group"; got ${JSON.stringify(element.type)}.`);
  }
  return { value: element.value, type: type === 'user' ? 'User' : 'Group' };
}
