/** SCIM filters (RFC 7644 §3.4.2.2): parse text once, compile against a schema once, evaluate many times. */
export type { CompareOp, Filter, FilterOptions } from './ast.ts';
export { parseFilter } from './parser.ts';
export { compileFilter, compileValueFilter } from './compile.ts';
