import { findAttribute } from '../schema/registry.ts';
import type { AttributeDef } from '../schema/types.ts';

/**
 * Hints in PATCH error details. Every hint names a whole operation as JSON (`{"op":"remove","path":"…"}`), built
 * from the attribute's own definition and the path the client wrote, so it is a request this server accepts: a
 * filter is only suggested after a multi-valued complex attribute, and only on a sub-attribute it has. A hint the
 * server then refuses (`manager[value eq "…"]` on the single-valued manager) sends the client in a circle.
 */

/** The sub-attribute a value filter should compare: `value` when there is one, else `type`, else the first. */
function filterSubAttribute(def: AttributeDef): AttributeDef | undefined {
  const subs = def.subAttributes ?? [];
  return findAttribute(subs, 'value') ?? findAttribute(subs, 'type') ?? subs.find((s) => s.type === 'string');
}

/** `attr[sub eq "…"]` for a multi-valued complex attribute, using the first given element's value when it has one. */
export function valueFilterPath(def: AttributeDef, written: string, given?: unknown): string | undefined {
  if (!def.multiValued || def.type !== 'complex') return undefined;
  const sub = filterSubAttribute(def);
  if (!sub) return undefined;
  const first = Array.isArray(given) ? given[0] : given;
  const sample = first && typeof first === 'object' ? (first as Record<string, unknown>)[sub.name] : undefined;
  return `${written}[${sub.name} eq ${JSON.stringify(typeof sample === 'string' ? sample : '...')}]`;
}

/** A JSON operation for a hint, e.g. `{"op":"remove","path":"emails[value eq \"a@x\"]"}`. */
export const operationHint = (op: string, path: string, withValue = false) => `{"op":${JSON.stringify(op)},"path":${JSON.stringify(path)}${withValue ? ',"value":...' : ''}}`;

/**
 * The hint for a `remove` that carries a value (refused in strict mode, RFC 7644 §3.5.2.2 defines no value for
 * remove): select the listed values in the path for a multi-valued complex attribute, else remove by path alone.
 */
export function removeWithValueHint(def: AttributeDef, written: string, filtered: boolean, given: unknown): string {
  const path = filtered ? undefined : valueFilterPath(def, written, given);
  if (path) return `select the values to remove in the path instead, e.g. ${operationHint('remove', path)}`;
  if (def.required) return `"${written}" is required, so it cannot be removed; use "replace" to change it`;
  return `to unassign it, send ${operationHint('remove', written)} without "value"`;
}
