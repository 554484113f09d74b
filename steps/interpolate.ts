/**
 * `{{expression}}` placeholders in step text and docstrings: `{{prefix}}`, `{{random}}`, `{{user.id}}`,
 * `{{user A.meta.location}}`. The World decides what an expression means; this only finds and replaces them.
 */
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

export class InterpolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterpolationError';
  }
}

export function interpolate(template: string, resolve: (expression: string) => unknown): string {
  return template.replace(PLACEHOLDER, (_, expression: string) => {
    const value = resolve(expression);
    if (value === undefined || value === null) throw new InterpolationError(`nothing to substitute for {{${expression}}}`);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/**
 * Reads a dotted path (`meta.location`, `emails.0.value`) out of a JSON value; attribute names are
 * case-insensitive (RFC 7643 §2.1). An extension URN key may lead the path, followed by ":" or "."
 * (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`): URNs contain dots themselves.
 */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  let rest = path;
  while (rest !== '') {
    if (current === null || typeof current !== 'object') return undefined;
    const keys = Object.keys(current);
    const lowerRest = rest.toLowerCase();
    const urnKey = keys
      .filter((k) => k.includes(':'))
      .find((k) => lowerRest === k.toLowerCase() || /^[:.]/.test(lowerRest.slice(k.length)) && lowerRest.startsWith(k.toLowerCase()));
    let segment: string;
    if (urnKey) {
      segment = urnKey;
      rest = rest.slice(urnKey.length + 1);
    } else {
      const dot = rest.indexOf('.');
      segment = dot < 0 ? rest : rest.slice(0, dot);
      rest = dot < 0 ? '' : rest.slice(dot + 1);
    }
    if (Array.isArray(current)) {
      current = /^\d+$/.test(segment) ? current[Number(segment)] : undefined;
      continue;
    }
    const obj = current as Record<string, unknown>;
    const key = segment in obj ? segment : keys.find((k) => k.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : obj[key];
  }
  return current;
}

/**
 * Splits `user A.meta.location` into the fixture name and the path inside it. Fixture names may contain spaces
 * but no dots; URN-qualified attribute paths are not supported in placeholders.
 */
export function splitFixtureExpression(expression: string): { name: string; path: string } {
  const dot = expression.indexOf('.');
  return dot < 0 ? { name: expression.trim(), path: '' } : { name: expression.slice(0, dot).trim(), path: expression.slice(dot + 1) };
}
