import { invalidFilter } from '../errors.ts';
import { attr } from '../schema/build.ts';
import { findAttribute, type AttrRef, type SchemaRegistry } from '../schema/registry.ts';
import type { AttributeDef, ResourceTypeDef } from '../schema/types.ts';
import { attributeReader, getMember, isPresent } from './access.ts';
import type { Filter, FilterOptions } from './ast.ts';
import { wasParsedLeniently } from './parser.ts';
import { valueTest, type ValueTest } from './value-test.ts';

type Predicate = (subject: unknown) => boolean;

/** An attribute a filter path names, and how to read it from the subject (a resource, or one element). */
interface Target {
  label: string;
  def: AttributeDef;
  sub?: AttributeDef;
  read: (subject: unknown) => unknown;
}

/** Where paths are resolved: against a resource type, or against the sub-attributes inside `attr[...]`. */
interface Scope {
  target(ref: AttrRef): Target;
  /** The multi-valued (or single) complex attribute of `attr[...]`; absent where value filters cannot nest. */
  collection?(ref: AttrRef): Target;
}

/** `schemas` is defined by no schema (RFC 7643 §3) but is filterable (P-FILTER-23); URNs compare case-insensitively. */
const schemasAttribute = attr('schemas', 'string', { multiValued: true, caseExact: false });

/** Validates the filter against the resource type's schema and returns a predicate over full JSON resources. */
export function compileFilter(
  filter: Filter,
  rt: ResourceTypeDef,
  registry: SchemaRegistry,
  options: FilterOptions = { lenient: wasParsedLeniently(filter) },
): (resource: Record<string, unknown>) => boolean {
  return compileNode(filter, resourceScope(rt, registry, options.unknownAttributes === 'false'), options.lenient === true);
}

/** Predicate for ONE element of a multi-valued complex attribute (used by PATCH valuePath `emails[type eq "work"]`). */
export function compileValueFilter(
  filter: Filter,
  parent: AttributeDef,
  options: FilterOptions = { lenient: wasParsedLeniently(filter) },
): (element: unknown) => boolean {
  return compileNode(filter, elementScope(parent, parent.name), options.lenient === true);
}

function resourceScope(rt: ResourceTypeDef, registry: SchemaRegistry, unknownIsFalse = false): Scope {
  const target = (ref: AttrRef): Target => {
    const label = formatRef(ref);
    if (!ref.urn && !ref.sub && ref.attr.toLowerCase() === 'schemas') {
      return { label, def: schemasAttribute, read: (resource) => getMember(resource, 'schemas') };
    }
    // A13 allows 0 results or 400 here; 400 because a silently empty result hides a typo.
    const resolved = registry.resolve(rt, ref);
    if (!resolved && unknownIsFalse) return { label, def: absentAttribute, read: () => undefined };
    if (!resolved) throw invalidFilter(`Unknown attribute "${label}": the ${rt.name} resource type does not define it`);
    return { label, def: resolved.def, sub: resolved.subDef, read: attributeReader(resolved) };
  };
  return {
    target,
    collection(ref) {
      const found = target(ref);
      if (found.sub || found.def.type !== 'complex') {
        throw invalidFilter(`"${found.label}[...]" needs a complex attribute before "["`);
      }
      return found;
    },
  };
}

/** Stands in for an attribute another resource type defines: it is never present, so comparisons are false. */
const absentAttribute: AttributeDef = {
  name: 'absent', type: 'string', multiValued: false, description: '', required: false, caseExact: false,
  mutability: 'readWrite', returned: 'default', uniqueness: 'none',
};

function elementScope(parent: AttributeDef, parentLabel: string): Scope {
  if (parent.type !== 'complex') throw invalidFilter(`"${parentLabel}" is not complex, so it has no value filter`);
  return {
    target(ref) {
      const subDef = ref.urn || ref.sub ? undefined : findAttribute(parent.subAttributes, ref.attr);
      if (!subDef) throw invalidFilter(`"${parentLabel}" has no sub-attribute "${formatRef(ref)}"`);
      return { label: `${parentLabel}.${subDef.name}`, def: subDef, read: (element) => getMember(element, subDef.name) };
    },
  };
}

function compileNode(filter: Filter, scope: Scope, lenient: boolean): Predicate {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return compileLogical(filter.kind, operands(filter, filter.kind).map((f) => compileNode(f, scope, lenient)));
    case 'not': {
      const inner = compileNode(filter.filter, scope, lenient);
      return (subject) => !inner(subject);
    }
    case 'present': {
      const target = usable(scope.target(filter.path));
      return anyLeaf(target.read, target.sub?.name, isPresent);
    }
    case 'valuePath': {
      if (!scope.collection) throw invalidFilter(`Value filters cannot be nested ("${formatRef(filter.path)}[...]")`);
      const target = usable(scope.collection(filter.path));
      const element = compileNode(filter.filter, elementScope(target.def, target.label), lenient);
      return anyLeaf(target.read, undefined, element);
    }
    case 'compare': {
      const target = usable(scope.target(filter.path));
      const { op, value } = filter;
      if (value === null) {
        // `eq null` asks for absence; `ne null` for presence; nothing else is comparable with null.
        if (op !== 'eq' && op !== 'ne') throw invalidFilter(`Operator "${op}" cannot compare "${target.label}" with null`);
        const present = anyLeaf(target.read, target.sub?.name, isPresent);
        return op === 'ne' ? present : (subject) => !present(subject);
      }
      const leaf = comparedLeaf(target);
      const matches = anyLeaf(target.read, leaf.subName, valueTest(op === 'ne' ? 'eq' : op, value, leaf.def, target.label, lenient));
      // `ne` is the negation of `eq` over the whole attribute: an absent attribute is "not equal".
      return op === 'ne' ? (subject) => !matches(subject) : matches;
    }
  }
}

/** Attributes that are never returned (password) are not filterable either: a filter would be an oracle for them. */
function usable(target: Target): Target {
  const hidden = (def: AttributeDef) => def.returned === 'never' || def.mutability === 'writeOnly';
  if (hidden(target.def) || (target.sub && hidden(target.sub))) {
    throw invalidFilter(`"${target.label}" is never returned, so it cannot be used in a filter`);
  }
  return target;
}

/** A complex attribute compared without a sub-attribute (`emails co "@x"`) compares its `value` (A12). */
function comparedLeaf(target: Target): { def: AttributeDef; subName?: string } {
  if (target.sub) return { def: target.sub, subName: target.sub.name };
  if (target.def.type !== 'complex') return { def: target.def };
  const value = findAttribute(target.def.subAttributes, 'value');
  if (!value) {
    const example = target.def.subAttributes?.[0]?.name ?? 'value';
    throw invalidFilter(`"${target.label}" is complex and has no "value": compare a sub-attribute such as ${target.label}.${example}`);
  }
  return { def: value, subName: value.name };
}

/** Any value (or any element of a multi-valued attribute, or any element's sub-attribute) passes (P-FILTER-20). */
function anyLeaf(read: (subject: unknown) => unknown, subName: string | undefined, test: ValueTest): Predicate {
  if (subName === undefined) return (subject) => anyValue(read(subject), test);
  const inElement: ValueTest = (element) => anyValue(getMember(element, subName), test);
  return (subject) => anyValue(read(subject), inElement);
}

function anyValue(value: unknown, test: ValueTest): boolean {
  if (!Array.isArray(value)) return value !== undefined && value !== null && test(value);
  for (const item of value) if (item !== undefined && item !== null && test(item)) return true;
  return false;
}

/** The operands of a chain of one logical operator, collected without recursion: long `a or b or c ...` chains
 * parse into deep left-leaning trees. */
function operands(filter: Filter, kind: 'and' | 'or'): Filter[] {
  const found: Filter[] = [];
  const stack: Filter[] = [filter];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next.kind === kind) stack.push(next.right, next.left);
    else found.push(next);
  }
  return found;
}

function compileLogical(kind: 'and' | 'or', parts: Predicate[]): Predicate {
  if (parts.length === 2) {
    const [a, b] = parts;
    return kind === 'and' ? (s) => a(s) && b(s) : (s) => a(s) || b(s);
  }
  const wanted = kind === 'or';
  return (subject) => {
    for (const part of parts) if (part(subject) === wanted) return wanted;
    return !wanted;
  };
}

function formatRef(ref: AttrRef): string {
  return `${ref.urn ? `${ref.urn}:` : ''}${ref.attr}${ref.sub ? `.${ref.sub}` : ''}`;
}
