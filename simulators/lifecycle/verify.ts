import type { ScimEngine } from '../engine/engine.ts';
import { expectStatus } from '../engine/errors.ts';
import { walkPages } from '../../scim/paging.ts';
import type { ScimResource } from '../scim-messages.ts';

/** Every resource of a type, asked for by pages of 100 and walked by what each page returned (RFC 7644 §3.4.2.4). */
export async function listAll(engine: ScimEngine, path: '/Users' | '/Groups'): Promise<Map<string, ScimResource>> {
  const page = async (start: number) =>
    expectStatus(`list ${path}`, await engine.send({ method: 'GET', path, query: [['startIndex', String(start)], ['count', '100']] }), 200).body;
  return new Map(((await walkPages(page)) as ScimResource[]).map((r) => [r.id, r]));
}

/** SCIM booleans may come back as strings from lenient servers. */
export function isActive(resource: ScimResource | undefined): boolean | undefined {
  if (!resource) return undefined;
  return String(resource.active ?? true).toLowerCase() === 'true';
}

export function memberIds(resource: ScimResource | undefined): string[] {
  return (((resource?.members as { value: string }[] | undefined) ?? []).map((m) => m.value)).sort();
}
