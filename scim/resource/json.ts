/** A JSON object (not an array, not null): the only shape a SCIM resource, complex value or message can take. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

