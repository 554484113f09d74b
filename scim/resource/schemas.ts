import type { SchemaRegistry } from '../schema/registry.ts';
import type { ResourceTypeDef } from '../schema/types.ts';
import { isObject } from './json.ts';

/** The `schemas` a resource must list: its base schema plus each extension that actually holds data (S-RES-01/02, P-PATCH-35). */
export function schemasWithData(registry: SchemaRegistry, rt: ResourceTypeDef, data: Record<string, unknown>): string[] {
  const out = [rt.schema];
  for (const ref of rt.schemaExtensions) {
    const ext = registry.schema(ref.schema);
    const urn = ext?.id ?? ref.schema;
    const value = data[urn];
    if (isObject(value) && Object.keys(value).length > 0) out.push(urn);
  }
  return out;
}
