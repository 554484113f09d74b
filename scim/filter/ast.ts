import type { AttrRef } from '../schema/registry.ts';

/** The comparison operators of RFC 7644 §3.4.2.2 Table 3 (`pr` is its own node kind). */
export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

/** A parsed SCIM filter. Paths are as written (not yet checked against a schema). */
export type Filter =
  | { kind: 'compare'; path: AttrRef; op: CompareOp; value: string | number | boolean | null }
  | { kind: 'present'; path: AttrRef }
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; filter: Filter }
  /** attr[inner]: inner paths are relative to the elements of attr (their `attr` names a sub-attribute). */
  | { kind: 'valuePath'; path: AttrRef; filter: Filter };

/** lenient = also accept the interop forms outside the RFC ABNF (A12): Entra's `emails[type eq "work"].value eq "x"`,
 * single-quoted strings, and "True"/"False" strings compared with boolean attributes. */
export interface FilterOptions {
  lenient?: boolean;
  /** 'false': an attribute the resource type does not define compares false instead of failing the filter
   * (queries across resource types, RFC 7644 §3.4.2.1; P-GET-10). Default 'error'. */
  unknownAttributes?: 'error' | 'false';
}
