import { URN } from '../../scim/urns.ts';

/**
 * A change to a group's membership that can be applied to the membership table directly, so adding one member to
 * a group of 100k members neither loads nor rewrites the other 100k.
 */
export type MemberDelta =
  | { kind: 'add'; ids: string[] }
  | { kind: 'remove'; ids: string[] }
  | { kind: 'removeAll' }
  | { kind: 'replace'; ids: string[] };

export interface SplitPatch {
  memberDeltas: MemberDelta[];
  /** The remaining operations, as a PatchOp message for the generic engine; undefined when none remain. */
  rest?: { schemas: string[]; Operations: unknown[] };
}

const MEMBERS_PATHS = new Set(['members', `${URN.Group.toLowerCase()}:members`]);
const REMOVE_ONE = /^members\[\s*value\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\]$/i;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Splits a Group PatchOp into membership deltas and other operations. Returns undefined whenever an operation is
 * anything but the plain member forms (filters on display, member values in a path-less value, malformed
 * input): the caller then runs the whole message through the generic engine, which also produces its errors.
 */
export function splitGroupPatch(body: unknown, lenient: boolean): SplitPatch | undefined {
  if (!isObject(body) || !Array.isArray(body.Operations) || body.Operations.length === 0) return undefined;
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.PatchOp.toLowerCase())) {
    return undefined;
  }
  const memberDeltas: MemberDelta[] = [];
  const rest: unknown[] = [];
  for (const operation of body.Operations) {
    if (!isObject(operation) || typeof operation.op !== 'string') return undefined;
    const op = lenient ? operation.op.toLowerCase() : operation.op;
    if (op !== 'add' && op !== 'remove' && op !== 'replace') return undefined;
    const path = typeof operation.path === 'string' ? operation.path.trim() : undefined;
    if (operation.path !== undefined && path === undefined) return undefined;
    if (path === undefined) {
      if (isObject(operation.value) && Object.keys(operation.value).some(namesMembers)) return undefined;
      rest.push(operation);
      continue;
    }
    const lowered = path.toLowerCase();
    if (MEMBERS_PATHS.has(lowered)) {
      const delta = wholeMembersDelta(op, operation, lenient);
      if (!delta) return undefined;
      memberDeltas.push(delta);
      continue;
    }
    const one = REMOVE_ONE.exec(path);
    if (one && op === 'remove' && operation.value === undefined) {
      memberDeltas.push({ kind: 'remove', ids: [JSON.parse(`"${one[1]}"`) as string] });
      continue;
    }
    if (lowered.startsWith('members') || lowered.includes(':members')) return undefined;
    rest.push(operation);
  }
  return {
    memberDeltas,
    rest: rest.length ? { schemas: [URN.PatchOp], Operations: rest } : undefined,
  };
}

function namesMembers(key: string): boolean {
  const k = key.toLowerCase();
  return k === 'members' || k.endsWith(':members') || k.startsWith('members.');
}

function wholeMembersDelta(op: string, operation: Record<string, unknown>, lenient: boolean): MemberDelta | undefined {
  if (op === 'remove') {
    if (operation.value === undefined) return { kind: 'removeAll' };
    // Entra's legacy dialect names the members to remove in `value` (X-ENTRA-03); strict mode refuses it.
    if (!lenient) return undefined;
    const ids = memberIds(operation.value, lenient);
    return ids ? { kind: 'remove', ids } : undefined;
  }
  const ids = memberIds(operation.value, lenient);
  if (!ids) return undefined;
  return op === 'add' ? { kind: 'add', ids } : { kind: 'replace', ids };
}

function memberIds(value: unknown, lenient: boolean): string[] | undefined {
  const list = Array.isArray(value) ? value : lenient && isObject(value) ? [value] : undefined;
  if (!list) return undefined;
  const ids: string[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item.value !== 'string' || item.value === '') return undefined;
    ids.push(item.value);
  }
  return ids;
}
