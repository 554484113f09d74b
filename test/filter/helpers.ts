import assert from 'node:assert/strict';
import { ScimError } from '../../scim/errors.ts';
import type { AttrRef } from '../../scim/schema/registry.ts';
import type { CompareOp, Filter } from '../../scim/filter/index.ts';

/** 'urn:...:User:name.familyName' → AttrRef, splitting at the last colon like the parser does. */
export function ref(path: string): AttrRef {
  const colon = path.lastIndexOf(':');
  const rest = path.slice(colon + 1);
  const dot = rest.indexOf('.');
  const out: AttrRef = { attr: dot < 0 ? rest : rest.slice(0, dot) };
  if (colon >= 0) out.urn = path.slice(0, colon);
  if (dot >= 0) out.sub = rest.slice(dot + 1);
  return out;
}

export const cmp = (path: string, op: CompareOp, value: string | number | boolean | null): Filter => ({
  kind: 'compare',
  path: ref(path),
  op,
  value,
});
export const pr = (path: string): Filter => ({ kind: 'present', path: ref(path) });
export const and = (left: Filter, right: Filter): Filter => ({ kind: 'and', left, right });
export const or = (left: Filter, right: Filter): Filter => ({ kind: 'or', left, right });
export const not = (filter: Filter): Filter => ({ kind: 'not', filter });
export const vp = (path: string, filter: Filter): Filter => ({ kind: 'valuePath', path: ref(path), filter });

/** Asserts a ScimError 400 with the given scimType whose detail matches `detail`. */
export function assertScimError(fn: () => unknown, scimType: string, detail: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ScimError, `expected a ScimError, got ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.scimType, scimType);
    assert.match(error.message, detail);
    return true;
  });
}
