/** A JSON object (not an array, not null): the only shape a SCIM resource, complex value or message can take. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7643 §2.5: null, [] and {} all mean "unassigned". */
export function isUnassigned(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}
