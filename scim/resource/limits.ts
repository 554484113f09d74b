import { invalidSyntax, invalidValue } from '../errors.ts';

/**
 * Bounds on what a request body may contain. They are far above anything an IdP sends (Entra batches members,
 * certificates are a few KiB), so only hostile or broken input reaches them, and it gets a 400 instead of a
 * stack overflow or a server busy for seconds.
 */
const LIMITS = {
  maxDepth: 32,
  maxStringLength: 1024 * 1024,
  maxArrayLength: 100_000,
  maxObjectKeys: 10_000,
} as const;

/** Throws invalidSyntax for nesting deeper than LIMITS.maxDepth and invalidValue for oversized strings/arrays/objects. */
export function assertWithinLimits(value: unknown, what: string): void {
  walk(value, 0, what);
}

function walk(value: unknown, depth: number, where: string): void {
  if (typeof value === 'string') {
    if (value.length > LIMITS.maxStringLength) {
      throw invalidValue(`${where} is a string of ${value.length} characters; the limit is ${LIMITS.maxStringLength}.`);
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  // Recursion is bounded by maxDepth, so a deeply nested body cannot exhaust the stack.
  if (depth >= LIMITS.maxDepth) throw invalidSyntax(`${where} is nested deeper than ${LIMITS.maxDepth} levels.`);
  if (Array.isArray(value)) {
    if (value.length > LIMITS.maxArrayLength) {
      throw invalidValue(`${where} has ${value.length} values; the limit is ${LIMITS.maxArrayLength}.`);
    }
    value.forEach((item, i) => walk(item, depth + 1, `${where}[${i}]`));
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > LIMITS.maxObjectKeys) {
    throw invalidValue(`${where} has ${keys.length} members; the limit is ${LIMITS.maxObjectKeys}.`);
  }
  for (const key of keys) walk((value as Record<string, unknown>)[key], depth + 1, `${where}.${key}`);
}
