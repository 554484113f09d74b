/**
 * The SCIM interop profile's rules that are stricter than RFC 7644 (draft-zollner-scim-interop-profile-01), applied
 * only while the server runs with the profile switched on (`serve --interop-profile`): IdPs such as Entra send
 * path-less PATCH operations and attributes the server does not define, which RFC 7644 lets a server accept.
 */
import { invalidSyntax } from '../../scim/errors.ts';
import { parsePatchPath } from '../../scim/patch/path.ts';
import type { SchemaRegistry } from '../../scim/schema/registry.ts';
import type { ResourceTypeDef } from '../../scim/schema/types.ts';

const COMMON = new Set(['schemas', 'id', 'externalid', 'meta']);
/** ATTRNAME of RFC 7643 §2.1, plus `$ref`. */
const ATTR_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

/**
 * §5.3: a POST/PUT body naming an attribute or schema URI the resource type does not define is refused with
 * 400 invalidSyntax. Top-level names are checked (core attributes, common attributes, extension objects).
 */
export function assertDefinedAttributes(body: unknown, rt: ResourceTypeDef, registry: SchemaRegistry): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return; // the normal checks answer this
  const urns = new Map([rt.schema, ...rt.schemaExtensions.map((e) => e.schema)].map((u) => [u.toLowerCase(), u]));
  const schemas = (body as { schemas?: unknown }).schemas;
  for (const urn of Array.isArray(schemas) ? schemas : []) {
    if (typeof urn === 'string' && !urns.has(urn.toLowerCase())) {
      throw invalidSyntax(`The schema "${urn}" is not defined for ${rt.name} (interop profile §5.3).`);
    }
  }
  for (const key of Object.keys(body)) {
    if (COMMON.has(key.toLowerCase()) || urns.has(key.toLowerCase())) continue;
    if (!registry.resolve(rt, registry.splitPath(rt, key))) {
      throw invalidSyntax(`The attribute "${key}" is not defined for ${rt.name} (interop profile §5.3).`);
    }
  }
}

/**
 * §6.5.1.1 and §5.3: every PATCH operation names a `path`, and that path names a defined attribute; otherwise 400
 * invalidSyntax. §6.5.2.1: `replace` of a whole singular complex attribute replaces it, so omitted sub-attributes go
 * (RFC 7644 §3.5.2.3 would keep them): it is rewritten as a `remove` of the attribute followed by the `replace`.
 * Returns the (possibly rewritten) PatchOp body.
 */
export function interopPatch(body: unknown, rt: ResourceTypeDef, registry: SchemaRegistry): unknown {
  const ops = (body as { Operations?: unknown } | null)?.Operations;
  if (!Array.isArray(ops)) return body;
  const out: unknown[] = [];
  for (const op of ops) {
    const path = (op as { path?: unknown } | null)?.path;
    if (typeof path !== 'string' || path.trim() === '') {
      throw invalidSyntax('Every PATCH operation needs a "path" (interop profile §6.5.1.1).');
    }
    // A well-formed path to an undefined attribute is the profile's invalidSyntax (§5.3); a malformed path keeps
    // RFC 7644's invalidPath, which parsePatchPath answers.
    const head = registry.splitPath(rt, path.split('[')[0]);
    const wellFormed = ATTR_NAME.test(head.attr) && (head.sub === undefined || ATTR_NAME.test(head.sub));
    if (wellFormed && !registry.resolve(rt, head)) throw invalidSyntax(`The path "${path}" does not name a defined attribute (interop profile §5.3).`);
    const parsed = parsePatchPath(path, rt, registry);
    const resolved = registry.resolve(rt, parsed.attr);
    if (!resolved) throw invalidSyntax(`The path "${path}" does not name a defined attribute (interop profile §5.3).`);
    const verb = String((op as { op?: unknown }).op ?? '').toLowerCase();
    const whole = parsed.attr.sub === undefined && parsed.valueFilter === undefined && parsed.subAttr === undefined;
    if (verb === 'replace' && whole && resolved.def.type === 'complex' && !resolved.def.multiValued) out.push({ op: 'remove', path });
    out.push(op);
  }
  return { ...(body as object), Operations: out };
}
