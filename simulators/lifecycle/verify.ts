import type { ScimEngine } from '../engine/engine.ts';
import { expectStatus } from '../engine/errors.ts';
import { resourcesOf, type ScimResource } from '../scim-messages.ts';

/** Every resource of a type, paged by 100: how the end-state checks read the target. */
export async function listAll(engine: ScimEngine, path: '/Users' | '/Groups'): Promise<Map<string, ScimResource>> {
  const all = new Map<string, ScimResource>();
  for (let start = 1; ; start += 100) {
    const res = expectStatus(`list ${path}`, await engine.send({ method: 'GET', path, query: [['startIndex', String(start)], ['count', '100']] }), 200);
    const page = resourcesOf(res.body);
    for (const r of page) all.set(r.id, r);
    if (page.length === 0 || start + 100 > Number((res.body as { totalResults?: number }).totalResults ?? 0)) return all;
  }
}

/** SCIM booleans may come back as strings from lenient servers. */
export function isActive(resource: ScimResource | undefined): boolean | undefined {
  if (!resource) return undefined;
  return String(resource.active ?? true).toLowerCase() === 'true';
}

export function memberIds(resource: ScimResource | undefined): string[] {
  return (((resource?.members as { value: string }[] | undefined) ?? []).map((m) => m.value)).sort();
}
