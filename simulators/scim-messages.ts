import { URN } from '../scim/urns.ts';

/** The SCIM message shapes every simulator builds or reads. */
export interface ListResponse<T = ScimResource> {
  totalResults: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources?: T[];
}

export interface ScimResource {
  id: string;
  [attribute: string]: unknown;
}

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

export interface MemberRef {
  value: string;
  display?: string;
}

/** `attr eq "value"` with the value escaped as a JSON string (RFC 7644 §3.4.2.2 compValue). */
export function eqFilter(attribute: string, value: string): string {
  return `${attribute} eq ${JSON.stringify(value)}`;
}

export function patchBody(operations: PatchOperation[]) {
  return { schemas: [URN.PatchOp], Operations: operations };
}

/** The resources of a ListResponse, tolerating a server that omits `Resources` when empty. */
export function resourcesOf<T = ScimResource>(body: unknown): T[] {
  return ((body as ListResponse<T> | undefined)?.Resources ?? []) as T[];
}
