import { invalidPath } from '../errors.ts';
import { compileValueFilter, parseFilter, type Filter } from '../filter/index.ts';
import { findAttribute, type AttrRef, type SchemaRegistry } from '../schema/registry.ts';
import type { ResourceTypeDef } from '../schema/types.ts';
import { valueFilterPath } from './hints.ts';

/**
 * A parsed PATCH path (RFC 7644 §3.5.2, `PATH = attrPath / valuePath [subAttr]`), with canonical names:
 * `attr.urn` is set exactly when the attribute lives in an extension; `attr.sub` names a sub-attribute of an
 * attrPath (`name.givenName`); `valueFilter` and `subAttr` come from a valuePath (`emails[type eq "work"].value`).
 */
export interface PatchPath {
  attr: AttrRef;
  valueFilter?: Filter;
  subAttr?: string;
}

/** ATTRNAME of RFC 7643 §2.1, plus `$ref`, which the RFC's own schemas use as a sub-attribute name. */
const ATTR_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

/**
 * Parses and resolves a PATCH path against a resource type. Names are case-insensitive (P-PATCH-37). Throws 400
 * invalidPath for malformed paths, array indexes, JSON Pointers and attributes the schema does not define
 * (P-PATCH-28/29). A malformed filter inside `[...]` is 400 invalidFilter, the scimType RFC 7644 Table 9 gives
 * for PATCH path filters.
 */
export function parsePatchPath(text: string, rt: ResourceTypeDef, registry: SchemaRegistry): PatchPath {
  const path = text.trim();
  if (path === '') throw invalidPath('The PATCH path is empty; omit "path" or name an attribute such as "emails".');
  if (path.startsWith('/')) {
    throw invalidPath(`"${text}" is a JSON Pointer; SCIM paths name attributes${pointerHint(path, rt, registry)}.`);
  }
  const open = path.indexOf('[');
  if (open < 0) return { attr: resolveAttrPath(path, text, rt, registry) };

  const close = closingBracket(path, open);
  if (close < 0) throw invalidPath(`"${text}" has "[" without a matching "]".`);
  const attr = resolveAttrPath(path.slice(0, open), text, rt, registry);
  const resolved = registry.resolve(rt, attr)!;
  if (attr.sub || !resolved.def.multiValued || resolved.def.type !== 'complex') {
    throw invalidPath(`"${text}": a [filter] may only follow a multi-valued complex attribute such as emails or members.`);
  }
  const inner = path.slice(open + 1, close);
  if (/^\s*\d*\s*$/.test(inner)) {
    const example = valueFilterPath(resolved.def, path.slice(0, open).trim());
    throw invalidPath(`"${text}": SCIM has no array indexes; select values with a filter${example ? `, e.g. "${example}"` : ''}.`);
  }
  const valueFilter = parseFilter(inner);
  compileValueFilter(valueFilter, resolved.def); // validates the sub-attribute names now rather than at apply time

  const rest = path.slice(close + 1);
  if (rest === '') return { attr, valueFilter };
  const sub = rest.startsWith('.') ? rest.slice(1) : undefined;
  const subDef = sub !== undefined && ATTR_NAME.test(sub) ? findAttribute(resolved.def.subAttributes, sub) : undefined;
  if (!subDef) {
    throw invalidPath(`"${text}": after "]" only ".subAttribute" may follow, naming a sub-attribute of ${resolved.def.name}.`);
  }
  return { attr, valueFilter, subAttr: subDef.name };
}

/** Index of the "]" closing the "[" at `open`, skipping quoted strings (a filter value may contain "]"). */
function closingBracket(path: string, open: number): number {
  let quoted = false;
  for (let i = open + 1; i < path.length; i++) {
    const c = path[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ']') return i;
  }
  return -1;
}

function resolveAttrPath(attrPath: string, text: string, rt: ResourceTypeDef, registry: SchemaRegistry): AttrRef {
  const ref = registry.splitPath(rt, attrPath);
  if (!ATTR_NAME.test(ref.attr) || (ref.sub !== undefined && !ATTR_NAME.test(ref.sub))) {
    if (/^urn:/i.test(attrPath) && !ref.urn) {
      throw invalidPath(`"${text}" starts with a schema URN the ${rt.name} resource type does not use.`);
    }
    throw invalidPath(`"${text}" is not a valid attribute path (expected attr, attr.subAttr or urn:...:attr).`);
  }
  const resolved = registry.resolve(rt, ref);
  if (!resolved) {
    throw invalidPath(`"${text}": the ${rt.name} resource type has no attribute "${ref.sub ? `${ref.attr}.${ref.sub}` : ref.attr}".`);
  }
  return {
    ...(resolved.inExtension ? { urn: resolved.schemaUrn } : {}),
    attr: resolved.def.name,
    ...(resolved.subDef ? { sub: resolved.subDef.name } : {}),
  };
}

/** For `/emails/0/value`: the SCIM path naming the same attribute (`emails[value eq "..."]`), when its first segment is one. */
function pointerHint(pointer: string, rt: ResourceTypeDef, registry: SchemaRegistry): string {
  const first = decodeURIComponent(pointer.split('/')[1] ?? '');
  const resolved = ATTR_NAME.test(first) ? registry.resolve(rt, { attr: first }) : undefined;
  if (!resolved || resolved.inExtension) return ' (attr, attr.subAttr or attr[filter].subAttr)';
  const name = resolved.def.name;
  return `, e.g. "${valueFilterPath(resolved.def, name) ?? name}"`;
}
