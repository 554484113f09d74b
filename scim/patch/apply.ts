import { isDeepStrictEqual } from 'node:util';
import { ScimError, invalidValue, noTarget } from '../errors.ts';
import { isObject } from '../resource/json.ts';
import { assertWithinLimits } from '../resource/limits.ts';
import { schemasWithData } from '../resource/schemas.ts';
import type { SchemaRegistry } from '../schema/registry.ts';
import type { ResourceTypeDef } from '../schema/types.ts';
import { parsePatchMessage, type PatchOperation } from './message.ts';
import { removeWithValueHint } from './hints.ts';
import { applyAt, type OperationContext } from './operations.ts';
import { expandPathlessValue } from './pathless.ts';
import { parsePatchPath } from './path.ts';

export interface PatchOptions {
  registry: SchemaRegistry;
  rt: ResourceTypeDef;
  lenient: boolean;
}

export interface PatchResult {
  /** The patched resource. When the input had `schemas`, it is replaced by the `schemas` below. */
  resource: Record<string, unknown>;
  /** False when the operations left every attribute as it was (P-PATCH-08: no new version, no new lastModified). */
  changed: boolean;
  /** Base schema plus each extension that holds data after the patch (P-PATCH-35). */
  schemas: string[];
}

/**
 * Validates a PatchOp message and applies its operations in order (P-PATCH-27) to a deep copy of `resource`: the
 * full JSON with canonical names, extension data under its URN key and Group members under `members`. Atomic
 * (P-PATCH-26): any failure throws a ScimError, prefixed with the failing operation, and `resource` is untouched.
 */
export function applyPatch(resource: Record<string, unknown>, body: unknown, options: PatchOptions): PatchResult {
  const { registry, rt, lenient } = options;
  assertWithinLimits(body, 'body');
  const operations = parsePatchMessage(body, lenient);
  const ctx: OperationContext = { registry, rt, lenient, resource: structuredClone(resource) };
  for (const operation of operations) {
    try {
      applyOperation(ctx, operation);
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
      const where = `Operations[${operation.index}] (${operation.op}${operation.path !== undefined ? ` "${operation.path}"` : ''})`;
      throw new ScimError(error.status, `${where}: ${error.message}`, error.scimType, error.headers);
    }
  }

  const patched = ctx.resource;
  for (const ref of rt.schemaExtensions) {
    const urn = registry.schema(ref.schema)?.id ?? ref.schema;
    if (isObject(patched[urn]) && Object.keys(patched[urn] as object).length === 0) delete patched[urn];
  }
  const schemas = schemasWithData(registry, rt, patched);
  const { schemas: _before, ...oldAttributes } = resource;
  const { schemas: _after, ...newAttributes } = patched;
  if ('schemas' in patched) patched.schemas = schemas;
  return { resource: patched, changed: !isDeepStrictEqual(oldAttributes, newAttributes), schemas };
}

function applyOperation(ctx: OperationContext, operation: PatchOperation): void {
  const { op, value } = operation;
  if (operation.path === undefined) {
    // RFC 7644 §3.5.2.2: remove without a path has no target.
    if (op === 'remove') throw noTarget('"remove" needs a "path" naming what to remove.');
    for (const target of expandPathlessValue(op, value, ctx.rt, ctx.registry, ctx.lenient)) {
      applyAt(ctx, { op, path: target.path, value: target.value, label: target.label });
    }
    return;
  }
  const path = parsePatchPath(operation.path, ctx.rt, ctx.registry);
  if (op === 'remove' && value !== undefined && !ctx.lenient) {
    // A9: Entra's legacy `remove members` with a value list means "remove these"; a strict RFC reading removes all
    // members. Silently emptying a group destroys data, so strict mode refuses the form and says what to send
    // (a hint this server accepts: a value filter only where the attribute can take one).
    const resolved = ctx.registry.resolve(ctx.rt, path.attr)!;
    const target = path.attr.sub ? resolved.subDef ?? resolved.def : resolved.def;
    const filtered = Boolean(path.valueFilter || path.subAttr || path.attr.sub);
    throw invalidValue(`"remove" takes no "value"; ${removeWithValueHint(target, operation.path.trim(), filtered, value)}.`);
  }
  applyAt(ctx, { op, path, value, label: operation.path });
}
