import { invalidValue } from '../errors.ts';
import { isObject } from '../resource/json.ts';
import { findAttribute, type SchemaRegistry } from '../schema/registry.ts';
import type { ResourceTypeDef } from '../schema/types.ts';
import type { PatchOpName } from './message.ts';
import { operationHint } from './hints.ts';
import { parsePatchPath, type PatchPath } from './path.ts';

export interface PathlessTarget {
  path: PatchPath;
  value: unknown;
  label: string;
}

/**
 * Splits the `value` of a path-less add/replace (RFC 7644 §3.5.2.1, §3.5.2.3: "the target location is the resource
 * itself") into one target per attribute, in the order given. Keys are attribute names (any case) or an extension
 * URN holding an object of that extension's attributes (P-PATCH-36). Lenient mode also takes dotted and
 * URN-qualified paths as keys (Entra, X-ENTRA-05) and skips unknown keys. `schemas` is not an attribute and is
 * skipped: clients echo it.
 */
export function expandPathlessValue(
  op: PatchOpName,
  value: unknown,
  rt: ResourceTypeDef,
  registry: SchemaRegistry,
  lenient: boolean,
): PathlessTarget[] {
  if (!isObject(value)) throw invalidValue(`Without "path", the "value" of "${op}" must be a JSON object of attributes.`);
  const targets: PathlessTarget[] = [];
  for (const [key, raw] of Object.entries(value)) {
    if (key.toLowerCase() === 'schemas') continue;
    const ext = registry.extension(rt, key);
    if (ext) {
      if (raw === null && op === 'replace') {
        // Replacing the extension with null unassigns each of its attributes.
        for (const def of ext.attributes) {
          if (def.mutability !== 'readOnly') targets.push({ path: { attr: { urn: ext.id, attr: def.name } }, value: undefined, label: `${ext.id}:${def.name}` });
        }
        continue;
      }
      if (raw === null) continue;
      if (!isObject(raw)) throw invalidValue(`"${ext.id}" in the value must be a JSON object of the extension's attributes.`);
      for (const [name, inner] of Object.entries(raw)) {
        const def = findAttribute(ext.attributes, name);
        if (!def) {
          if (lenient) continue;
          throw invalidValue(`"${name}" is not an attribute of the extension "${ext.id}".`);
        }
        targets.push({ path: { attr: { urn: ext.id, attr: def.name } }, value: inner, label: `${ext.id}:${def.name}` });
      }
      continue;
    }
    const isPath = /[.:[]/.test(key);
    if (lenient && isPath) {
      targets.push({ path: parsePatchPath(key, rt, registry), value: raw, label: key });
      continue;
    }
    const resolved = isPath ? undefined : registry.resolve(rt, { attr: key });
    if (!resolved) {
      if (lenient) continue;
      throw invalidValue(isPath ? pathKeyDetail(op, key, rt, registry) : `"${key}" is not an attribute of the ${rt.name} resource type.`);
    }
    targets.push({ path: { attr: { attr: resolved.def.name } }, value: raw, label: resolved.def.name });
  }
  return targets;
}

/** Refusal of a path used as a key of a path-less value; suggests the same change with "path" only when that path resolves. */
function pathKeyDetail(op: PatchOpName, key: string, rt: ResourceTypeDef, registry: SchemaRegistry): string {
  const base = `"${key}" is a path; without "path", the value's keys must be attribute names or extension URNs`;
  try {
    parsePatchPath(key, rt, registry);
  } catch {
    return `${base}, and the ${rt.name} resource type has no such path`;
  }
  return `${base}; send ${operationHint(op, key, true)} instead`;
}
