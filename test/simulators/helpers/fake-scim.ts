import type { RecordedRequest, Reply } from './recording-server.ts';

/**
 * A deliberately small SCIM responder for sequence tests: it stores what is POSTed/PUT, answers `eq`
 * filters on one attribute, paging, and acknowledges PATCH with 204 after applying only `active` and
 * member replace. End-state checks run against the reference server instead. `maxPage` caps every page below
 * the `count` asked for, as RFC 7644 §3.4.2.4 lets a server do.
 */
export function fakeScim(options: { maxPage?: number } = {}) {
  const users = new Map<string, any>();
  const groups = new Map<string, any>();
  let next = 1;
  const store = (path: string) => (path.includes('/Groups') ? groups : users);

  function respond(req: RecordedRequest): Reply {
    const params = new URLSearchParams(req.query);
    const [, , , type, id] = req.path.split('/'); // "", scim, v2, Users, id
    const map = store(req.path);
    if (req.method === 'GET' && !id) {
      let all = [...map.values()];
      const filter = params.get('filter');
      if (filter) {
        const m = /^([\w.]+|emails\[type eq "work"\]\.value) eq "(.*)"$/.exec(filter)!;
        const attr = m[1]!;
        all = all.filter((r) => String(attr.startsWith('emails') ? r.emails?.[0]?.value : r[attr]).toLowerCase() === m[2]!.toLowerCase());
      }
      const start = Number(params.get('startIndex') ?? 1);
      const count = Math.min(Number(params.get('count') ?? all.length), options.maxPage ?? Number.POSITIVE_INFINITY);
      const page = all.slice(start - 1, start - 1 + count);
      return { status: 200, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: all.length, startIndex: start, itemsPerPage: page.length, Resources: page } };
    }
    if (req.method === 'GET') return map.has(id!) ? { status: 200, body: map.get(id!) } : { status: 404, body: { status: '404' } };
    if (req.method === 'POST') {
      const created = { ...req.body, id: `${type === 'Groups' ? 'g' : 'u'}${next++}` };
      map.set(created.id, created);
      return { status: 201, body: created };
    }
    if (req.method === 'PUT') {
      map.set(id!, { ...req.body, id });
      return { status: 200, body: map.get(id!) };
    }
    if (req.method === 'PATCH') {
      const target = map.get(id!);
      for (const op of req.body.Operations) {
        if (op.path === undefined && op.value && 'active' in op.value) target.active = op.value.active;
        if (String(op.path).toLowerCase() === 'active') target.active = String(op.value).toLowerCase() === 'true';
        if (op.op.toLowerCase() === 'replace' && op.path === 'members') target.members = op.value;
        if (op.op.toLowerCase() === 'add' && op.path === 'members') target.members = [...(target.members ?? []), ...op.value];
      }
      return { status: 204 };
    }
    if (req.method === 'DELETE') {
      map.delete(id!);
      return { status: 204 };
    }
    return { status: 405 };
  }
  return { users, groups, respond };
}
