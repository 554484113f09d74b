import { invalidValue, mutability, noTarget } from '../errors.ts';
import { compileValueFilter } from '../filter/index.ts';
import { coerceValue, withoutReadOnlySubAttributes } from '../resource/coerce.ts';
import { sameElement, valuesEqual } from '../resource/equality.ts';
import { isObject } from '../resource/json.ts';
import { canonicalMember, isGroupMembers } from '../resource/members.ts';
import { ElementIndex, assertSinglePrimary, demoteOtherPrimaries, withoutDuplicates } from '../resource/multi-valued.ts';
import { findAttribute, type ResolvedAttribute, type SchemaRegistry } from '../schema/registry.ts';
import type { AttributeDef, ResourceTypeDef } from '../schema/types.ts';
import type { PatchOpName } from './message.ts';
import type { PatchPath } from './path.ts';

/** The resource being patched (a private deep copy) and how to read its schema. */
export interface OperationContext {
  registry: SchemaRegistry;
  rt: ResourceTypeDef;
  lenient: boolean;
  resource: Record<string, unknown>;
}

/** One operation on one resolved target. `value` is undefined for remove and for `"value": null`. */
export interface TargetedOperation {
  op: PatchOpName;
  path: PatchPath;
  value: unknown;
  /** The path as the client wrote it, for error details. */
  label: string;
}

type Json = Record<string, unknown>;

/** Applies one add/remove/replace to the attribute `path` names (RFC 7644 §3.5.2.1-3), in place on ctx.resource. */
export function applyAt(ctx: OperationContext, operation: TargetedOperation): void {
  const resolved = ctx.registry.resolve(ctx.rt, operation.path.attr);
  if (!resolved) throw new Error(`unresolved PATCH path ${operation.label}`); // parsePatchPath resolved it already
  const container = containerOf(ctx.resource, resolved);
  if (resolved.def.multiValued) applyMultiValued(ctx, container, resolved.def, operation);
  else if (resolved.subDef) applySubAttribute(ctx, container, resolved.def, resolved.subDef, operation);
  else applySingleValued(ctx, container, resolved.def, operation);
}

/** The object holding the attribute: the resource, or its extension object (created on demand, dropped if left empty). */
function containerOf(resource: Json, resolved: ResolvedAttribute): Json {
  if (!resolved.inExtension || !resolved.schemaUrn) return resource;
  const existing = resource[resolved.schemaUrn];
  if (isObject(existing)) return existing;
  const created: Json = {};
  resource[resolved.schemaUrn] = created;
  return created;
}

/**
 * readOnly targets cannot be written (P-PATCH-16/31), but a write of the value already there modifies nothing, so it
 * passes as a no-op in strict mode too (RFC 7644 §3.5.2 forbids modifying readOnly attributes; §3.5.1 has PUT
 * ignore them): Okta's group rename repeats the group's own id (X-OKTA-03, A11). A different value is a
 * mutability error. Returns true to skip.
 */
function readOnlyUnchanged(ctx: OperationContext, def: AttributeDef, current: unknown, operation: TargetedOperation): boolean {
  if (operation.op !== 'remove' && current !== undefined) {
    try {
      if (valuesEqual(def, current, coerceValue(def, operation.value, operation.label, ctx.lenient))) return true;
    } catch {
      // a value that does not even fit the type is certainly a change
    }
  }
  const verb = operation.op === 'remove' ? 'removed' : 'changed';
  throw mutability(`"${operation.label}" is readOnly: the service provider sets it, so it cannot be ${verb} by PATCH.`);
}

function assertRemovable(def: AttributeDef, label: string): void {
  if (def.required) throw mutability(`"${label}" is required, so it cannot be removed; replace it with a new value instead.`);
}

function assertImmutableKept(def: AttributeDef, current: unknown, next: unknown, label: string): void {
  if (def.mutability !== 'immutable' || current === undefined) return;
  if (next === undefined || !valuesEqual(def, current, next)) {
    throw mutability(`"${label}" is immutable and already set to ${JSON.stringify(current)}; it cannot be changed.`);
  }
}

/**
 * Immutable sub-attributes of a complex value (Group members' value, type, $ref) keep their value when the record is
 * rewritten; one the new record leaves out counts as kept, since RFC 7644 §3.5.1 only asks given values to match.
 */
function assertSubAttributesKept(def: AttributeDef, before: Json, after: Json, label: string): void {
  for (const sub of def.subAttributes ?? []) {
    assertImmutableKept(sub, before[sub.name], after[sub.name] ?? before[sub.name], `${label}.${sub.name}`);
  }
}

function coerceWritable(ctx: OperationContext, def: AttributeDef, value: unknown, label: string): unknown {
  return withoutReadOnlySubAttributes(def, coerceValue(def, value, label, ctx.lenient));
}

function applySingleValued(ctx: OperationContext, container: Json, def: AttributeDef, operation: TargetedOperation): void {
  const { op, label } = operation;
  const current = container[def.name];
  if (def.mutability === 'readOnly' && readOnlyUnchanged(ctx, def, current, operation)) return;
  const next = op === 'remove' ? undefined : coerceWritable(ctx, def, operation.value, label);
  if (next === undefined) {
    // remove, or replace with null / {}: the attribute becomes unassigned (RFC 7643 §2.5); add of nothing is a no-op.
    if (op === 'add' || current === undefined) return;
    assertRemovable(def, label);
    assertImmutableKept(def, current, undefined, label);
    delete container[def.name];
    return;
  }
  // Complex add/replace only touches the sub-attributes given (P-PATCH-24).
  const merged = def.type === 'complex' && isObject(current) ? { ...current, ...(next as Json) } : next;
  assertImmutableKept(def, current, merged, label);
  if (isObject(current) && isObject(merged)) assertSubAttributesKept(def, current, merged, label);
  container[def.name] = merged;
}

/** `name.givenName`-style targets: one sub-attribute of a single-valued complex attribute. */
function applySubAttribute(ctx: OperationContext, container: Json, def: AttributeDef, sub: AttributeDef, operation: TargetedOperation): void {
  const { op, label } = operation;
  const parent = isObject(container[def.name]) ? (container[def.name] as Json) : {};
  const current = parent[sub.name];
  if ((def.mutability === 'readOnly' || sub.mutability === 'readOnly') && readOnlyUnchanged(ctx, sub, current, operation)) return;
  const next = op === 'remove' ? undefined : coerceValue(sub, operation.value, label, ctx.lenient);
  if (next === undefined && (op === 'add' || current === undefined)) return;
  assertImmutableKept(sub, current, next, label);
  const updated: Json = { ...parent };
  if (next === undefined) delete updated[sub.name];
  else updated[sub.name] = next;
  assertImmutableKept(def, container[def.name], Object.keys(updated).length ? updated : undefined, label);
  if (Object.keys(updated).length) container[def.name] = updated;
  else delete container[def.name];
}

function applyMultiValued(ctx: OperationContext, container: Json, def: AttributeDef, operation: TargetedOperation): void {
  const { op, path, label } = operation;
  const current = Array.isArray(container[def.name]) ? (container[def.name] as unknown[]) : [];
  const subName = path.subAttr ?? path.attr.sub;
  const sub = subName === undefined ? undefined : findAttribute(def.subAttributes, subName);
  if (def.mutability === 'readOnly' && readOnlyUnchanged(ctx, def, container[def.name], operation)) return;

  const list = path.valueFilter || sub ? updateSelected(ctx, def, sub, current, operation) : updateWhole(ctx, def, current, operation);
  if (list.length === 0 && current.length > 0) assertRemovable(def, label);
  if (list.length) container[def.name] = list;
  else delete container[def.name];
}

/** Elements of a value for a multi-valued attribute: coerced, readOnly parts dropped, Group members checked. */
function elementsOf(ctx: OperationContext, def: AttributeDef, value: unknown, label: string): unknown[] {
  if (!isGroupMembers(ctx.rt, def)) return withoutDuplicates(def, (coerceWritable(ctx, def, value, label) as unknown[] | undefined) ?? []);
  // Members are checked before readOnly parts go, so a member given only a display is refused, not dropped.
  const list = (coerceValue(def, value, label, ctx.lenient) as unknown[] | undefined) ?? [];
  return withoutDuplicates(def, list.map((e, i) => canonicalMember(e, `${label}[${i}]`)));
}

/** One element given for a valuePath target (`emails[type eq "work"]`), coerced like a single value. */
function elementOf(ctx: OperationContext, def: AttributeDef, value: unknown, label: string): unknown {
  const single = { ...def, multiValued: false };
  if (!isGroupMembers(ctx.rt, def)) return coerceWritable(ctx, single, value, label);
  const element = coerceValue(single, value, label, ctx.lenient);
  return element === undefined ? undefined : canonicalMember(element, label);
}

/** add / remove / replace of a multi-valued attribute as a whole (`path: "emails"`, `path: "members"`). */
function updateWhole(ctx: OperationContext, def: AttributeDef, current: unknown[], operation: TargetedOperation): unknown[] {
  const { op, label } = operation;
  if (op === 'remove') {
    if (operation.value === undefined) return []; // P-PATCH-12: all values removed
    // Only lenient mode gets here with a value (apply.ts refuses it otherwise, A9): Entra's legacy member removal
    // lists the values to remove (X-ENTRA-03).
    const listed = new ElementIndex(def, elementsOf(ctx, def, operation.value, label));
    return current.filter((element) => listed.find(element, (l) => sameElement(def, element, l)) < 0);
  }
  const given = elementsOf(ctx, def, operation.value, label);
  assertSinglePrimary(def, given, label);
  if (op === 'replace') return given; // P-PATCH-19: the given values replace all

  // add appends; a value already present is merged into, so re-adding it changes nothing (P-PATCH-08). The list is
  // changed in place (it belongs to applyPatch's private copy) through an index kept across the operations of one
  // message, so N single-value adds cost O(N), not O(N²).
  const index = indexOf(def, current);
  let primary = -1;
  for (const element of given) {
    let at = index.find(element, (existing) => sameElement(def, existing, element));
    if (at < 0) at = index.push(element);
    else if (isObject(index.list[at]) && isObject(element)) {
      const existing = index.list[at] as Json;
      const merged = mergeElement(def, existing, element);
      index.set(at, merged);
      assertSubAttributesKept(def, existing, merged, label);
    }
    if (isObject(element) && element.primary === true) primary = at;
  }
  if (primary >= 0) index.demoteOthers(primary);
  return current;
}

/** Indexes of the arrays add has indexed, reused while the array is unchanged by anything else (same length). */
const indexes = new WeakMap<unknown[], ElementIndex>();

function indexOf(def: AttributeDef, list: unknown[]): ElementIndex {
  let index = indexes.get(list);
  if (!index || index.size !== list.length) {
    index = new ElementIndex(def, list);
    indexes.set(list, index);
  }
  return index;
}

/** Operations on the elements a valuePath selects (`emails[type eq "work"]`), or on one sub-attribute of them. */
function updateSelected(ctx: OperationContext, def: AttributeDef, sub: AttributeDef | undefined, current: unknown[], operation: TargetedOperation): unknown[] {
  const { op, path, label } = operation;
  const matches = path.valueFilter ? compileValueFilter(path.valueFilter, def) : () => true;
  const selected = new Set(current.filter((element) => matches(element)));
  if (sub?.mutability === 'readOnly') readOnlyUnchanged(ctx, sub, undefined, operation);

  if (op === 'remove') {
    // A filter that matches nothing removes nothing and succeeds (A7, P-PATCH-15).
    if (!sub) return current.filter((element) => !selected.has(element));
    return current.flatMap((element) => {
      if (!selected.has(element) || !isObject(element) || element[sub.name] === undefined) return [element];
      assertImmutableKept(sub, element[sub.name], undefined, label);
      const { [sub.name]: _removed, ...rest } = element;
      return Object.keys(rest).length ? [rest] : [];
    });
  }

  const list = [...current];
  // RFC 7644 §3.5.2.3 SHALL: noTarget, lenient mode included. Entra's "upsert" reading (§22 A8) is not honoured:
  // a conformant server refuses it, and the Entra interop scenarios accept that refusal.
  if (selected.size === 0) throw noTarget(`"${label}" matches no value of "${def.name}", so there is nothing to ${op}.`);

  const touched = new Set<unknown>();
  const next = sub ? coerceValue(sub, operation.value, label, ctx.lenient) : elementOf(ctx, def, operation.value, label);
  for (let i = 0; i < list.length; i++) {
    const element = list[i];
    if (!selected.has(element)) continue;
    const old = isObject(element) ? element : {};
    let updated: Json | undefined;
    if (sub) {
      assertImmutableKept(sub, old[sub.name], next, label);
      const { [sub.name]: _old, ...rest } = old;
      updated = next === undefined ? rest : { ...rest, [sub.name]: next };
    } else {
      const given = (next ?? {}) as Json;
      // replace swaps the whole record (P-PATCH-21); add merges into it. Immutable parts must survive either way.
      updated = op === 'replace' ? given : mergeElement(def, old, given);
      assertSubAttributesKept(def, old, updated, label);
    }
    list[i] = updated;
    touched.add(updated);
  }
  const kept = list.filter((element) => isObject(element) && Object.keys(element).length > 0);
  settlePrimary(def, kept, touched, label);
  return kept;
}

/** `given` merged into `existing`, keeping the stored spelling of values that are equal anyway (case-insensitive ones). */
function mergeElement(def: AttributeDef, existing: Json, given: Json): Json {
  const merged = { ...existing };
  for (const [key, value] of Object.entries(given)) {
    const sub = findAttribute(def.subAttributes, key);
    if (!sub || !valuesEqual(sub, existing[key], value)) merged[key] = value;
  }
  return merged;
}

/** After elements were written: one of them made primary demotes the rest (P-PATCH-25); two at once is an error. */
function settlePrimary(def: AttributeDef, list: unknown[], touched: Set<unknown>, label: string): void {
  const primaries = list.filter((element) => touched.has(element) && isObject(element) && element.primary === true);
  assertSinglePrimary(def, primaries, label);
  if (primaries.length === 1) demoteOtherPrimaries(list, primaries[0]);
}

