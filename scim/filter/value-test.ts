import { parseDateTime, stringNormaliser } from '../compare.ts';
import { invalidFilter } from '../errors.ts';
import type { AttributeDef } from '../schema/types.ts';
import type { CompareOp } from './ast.ts';

/** A test of one attribute value (never null or undefined: absent values never reach it). */
export type ValueTest = (value: unknown) => boolean;

type Literal = string | number | boolean;
/** The operators a value test implements; `ne` is compiled as not-`eq` over the whole attribute. */
type TestOp = Exclude<CompareOp, 'ne'>;

const NEVER: ValueTest = () => false;
const ORDERING = new Set<CompareOp>(['gt', 'ge', 'lt', 'le']);
const SUBSTRING = new Set<CompareOp>(['co', 'sw', 'ew']);

type Relation = (a: string | number, b: string | number) => boolean;
/** Substring relations only ever receive strings: valueTest refuses them on numbers and booleans. */
const RELATIONS: Record<TestOp, Relation> = {
  eq: (a, b) => a === b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  co: (a, b) => (a as string).includes(b as string),
  sw: (a, b) => (a as string).startsWith(b as string),
  ew: (a, b) => (a as string).endsWith(b as string),
};

/**
 * Builds the test `value OP literal` for one attribute of type `def.type`. Operator/type combinations that make no
 * sense throw invalidFilter at compile time (P-FILTER-13, P-FILTER-29); a literal of the wrong JSON type is a
 * mismatch that matches nothing (`active eq "true"` in strict mode), except the lenient boolean strings.
 */
export function valueTest(op: TestOp, literal: Literal, def: AttributeDef, label: string, lenient: boolean): ValueTest {
  const refuse = (why: string) => invalidFilter(`Operator "${op}" cannot be used on "${label}": ${why}`);
  switch (def.type) {
    case 'boolean': {
      if (op !== 'eq') throw refuse('it is a boolean attribute (only eq, ne and pr apply)');
      const wanted = booleanLiteral(literal, lenient);
      return wanted === undefined ? NEVER : (value) => value === wanted;
    }
    case 'integer':
    case 'decimal': {
      if (SUBSTRING.has(op)) throw refuse(`it is a ${def.type} attribute`);
      if (typeof literal !== 'number') return NEVER;
      const relation = RELATIONS[op];
      return (value) => typeof value === 'number' && relation(value, literal);
    }
    case 'dateTime': {
      if (typeof literal !== 'string') return NEVER;
      // Substring operators look at the text as sent (`meta.created sw "2024-"`); the others at the instant.
      if (SUBSTRING.has(op)) return stringTest(op, literal, (s) => s);
      const instant = parseDateTime(literal);
      if (instant === undefined) throw invalidFilter(`"${literal}" is not a dateTime, so it cannot be compared with "${label}"`);
      const relation = RELATIONS[op];
      return (value) => {
        if (typeof value !== 'string') return false;
        const parsed = parseDateTime(value);
        return parsed !== undefined && relation(parsed, instant);
      };
    }
    case 'complex':
      throw refuse('it is a complex attribute; name one of its sub-attributes');
    case 'binary':
      if (ORDERING.has(op)) throw refuse('it is a binary attribute');
      return typeof literal === 'string' ? stringTest(op, literal, (s) => s) : NEVER;
    default: // string and reference
      return typeof literal === 'string' ? stringTest(op, literal, stringNormaliser(def)) : NEVER;
  }
}

function stringTest(op: TestOp, literal: string, normalise: (s: string) => string): ValueTest {
  const wanted = normalise(literal);
  const relation = RELATIONS[op];
  return (value) => typeof value === 'string' && relation(normalise(value), wanted);
}

/** Entra sends "True"/"False" as strings (idp-behaviours.md); only lenient mode reads them as booleans. */
function booleanLiteral(literal: Literal, lenient: boolean): boolean | undefined {
  if (typeof literal === 'boolean') return literal;
  if (lenient && typeof literal === 'string' && /^(true|false)$/i.test(literal)) return literal.toLowerCase() === 'true';
  return undefined;
}
