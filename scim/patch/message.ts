import { invalidPath, invalidSyntax, invalidValue } from '../errors.ts';
import { isObject } from '../resource/json.ts';
import { URN } from '../urns.ts';

export type PatchOpName = 'add' | 'remove' | 'replace';

/** One validated entry of `Operations`. `value` is undefined when the operation carried none (or null). */
export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value: unknown;
  /** Whether `value` was present in the JSON at all: `"value": null` on replace means "unassign". */
  hasValue: boolean;
  /** Position in `Operations`, for error details. */
  index: number;
}

const OPS: readonly PatchOpName[] = ['add', 'remove', 'replace'];

/**
 * Validates a PatchOp message (RFC 7644 §3.5.2): `schemas` lists the PatchOp URN (P-PATCH-01), `Operations` is a
 * non-empty array (P-PATCH-02), each `op` is add/remove/replace (P-PATCH-03; any letter case only when lenient,
 * X-ENTRA-01 / A10), `path` is a string, and add/replace carry a value (P-PATCH-07). Message attribute names
 * (`schemas`, `Operations`, `op`...) are matched case-insensitively, as RFC 7643 §2.1 says of all attribute names.
 */
export function parsePatchMessage(body: unknown, lenient: boolean): PatchOperation[] {
  if (!isObject(body)) throw invalidSyntax('A PATCH body must be a JSON object with "schemas" and "Operations".');
  const schemas = member(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.PatchOp.toLowerCase())) {
    throw invalidSyntax(`A PATCH body must list "${URN.PatchOp}" in "schemas".`);
  }
  const operations = member(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidSyntax('"Operations" must be a non-empty array of add, remove or replace operations.');
  }
  return operations.map((raw, index) => parseOperation(raw, index, lenient));
}

function parseOperation(raw: unknown, index: number, lenient: boolean): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isObject(raw)) throw invalidSyntax(`${where} must be a JSON object with "op", "path" and "value".`);
  const opText = member(raw, 'op');
  if (typeof opText !== 'string') throw invalidSyntax(`${where} has no "op"; use "add", "remove" or "replace".`);
  const op = OPS.find((name) => (lenient ? name === opText.toLowerCase() : name === opText));
  if (!op) {
    const hint = OPS.includes(opText.toLowerCase() as PatchOpName) ? ` (write it in lower case: "${opText.toLowerCase()}")` : '';
    throw invalidSyntax(`${where}.op "${opText}" is not a SCIM PATCH operation; use "add", "remove" or "replace"${hint}.`);
  }
  const path = member(raw, 'path');
  if (path !== undefined && typeof path !== 'string') throw invalidPath(`${where}.path must be a string.`);
  const value = member(raw, 'value');
  const hasValue = value !== undefined;
  if (op === 'add' && (value === undefined || value === null)) {
    throw invalidValue(`${where}: "add" needs a "value" to add.`);
  }
  if (op === 'replace' && !hasValue) throw invalidValue(`${where}: "replace" needs a "value" (null unassigns).`);
  return { op, ...(path !== undefined ? { path } : {}), value: value ?? undefined, hasValue, index };
}

/** Reads a message attribute by case-insensitive name. */
function member(object: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}
