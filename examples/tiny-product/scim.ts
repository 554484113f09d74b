import { globMatch, type Account, type Org, type Tiny } from './product.ts';

/**
 * Tiny's SCIM 2.0 endpoint: the small part of RFC 7644 a typical SaaS product implements. Filters are `eq`
 * comparisons joined by `and`; PATCH knows simple paths, `emails[type eq "work"].value` and member filters.
 * Written from scratch on purpose (it shares no code with the reference server).
 */

type Json = Record<string, any>;

const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
};
const MAX_PAGE = 50;

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class ScimFailure extends Error {
  constructor(readonly status: number, detail: string, readonly scimType?: string) {
    super(detail);
  }
}

export const scimError = (status: number, detail: string, scimType?: string): Answer => ({
  status, body: { schemas: [URN.error], status: String(status), ...(scimType ? { scimType } : {}), detail },
});

const SPC = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  patch: { supported: true }, bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 }, filter: { supported: true, maxResults: MAX_PAGE },
  changePassword: { supported: false }, sort: { supported: false }, etag: { supported: false },
  authenticationSchemes: [{ type: 'oauthbearertoken', name: 'Bearer token', description: 'A token per connection' }],
};

/** Answers one SCIM request of an organization; `base` is the SCIM base path (relative references are legal). */
export async function handleScim(tiny: Tiny, org: Org, method: string, path: string, query: URLSearchParams, body: unknown, base: string): Promise<Answer> {
  try {
    const [type, id, extra] = path.split('/').filter(Boolean);
    if (type === 'ServiceProviderConfig' && method === 'GET') return { status: 200, body: SPC };
    if ((type === 'Users' || type === 'Groups') && !extra) {
      const users = type === 'Users';
      if (!id && method === 'GET') return list(users ? org.users : org.groups, query, users);
      if (!id && method === 'POST') return users ? createUser(tiny, org, asObject(body), base) : createGroup(tiny, org, asObject(body), base);
      if (id && method === 'GET') return { status: 200, body: find(users ? org.users : org.groups, id) };
      if (id && method === 'PUT') return users ? putUser(tiny, org, id, asObject(body)) : putGroup(tiny, org, id, asObject(body));
      if (id && method === 'PATCH') return users ? patchUser(tiny, org, id, asObject(body)) : patchGroup(tiny, org, id, asObject(body));
      if (id && method === 'DELETE') return users ? deleteUser(tiny, org, id) : deleteGroup(tiny, org, id);
    }
    return scimError(404, `Tiny serves no ${method} ${path}.`);
  } catch (err) {
    if (err instanceof ScimFailure) return scimError(err.status, err.message, err.scimType);
    throw err;
  }
}

function asObject(body: unknown): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ScimFailure(400, 'The body must be a JSON object.', 'invalidSyntax');
  return body as Json;
}

function find(map: Map<string, Json>, id: string): Json {
  const found = map.get(id);
  if (!found) throw new ScimFailure(404, `No resource ${id}.`);
  return found;
}

// ---------- lists: eq filters joined by "and" ----------

function list(map: Map<string, Json>, query: URLSearchParams, users: boolean): Answer {
  const tests = parseFilter(query.get('filter'));
  const all = [...map.values()].filter((r) => tests.every(([attr, want]) => matches(read(r, attr), want)));
  const start = Math.max(1, Number(query.get('startIndex') ?? 1) || 1);
  const count = Math.min(MAX_PAGE, Math.max(0, Number(query.get('count') ?? MAX_PAGE) || 0));
  const page = all.slice(start - 1, start - 1 + count);
  const excluded = (query.get('excludedAttributes') ?? '').toLowerCase().split(',');
  const shown = !users && excluded.includes('members') ? page.map(({ members: _m, ...rest }) => rest) : page;
  return { status: 200, body: { schemas: [URN.list], totalResults: all.length, startIndex: start, itemsPerPage: shown.length, Resources: shown } };
}

function parseFilter(text: string | null): Array<[string, string | boolean]> {
  if (!text) return [];
  return text.split(/\s+and\s+/i).map((part) => {
    const m = /^\s*([\w.]+)\s+eq\s+(?:"((?:[^"\\]|\\.)*)"|(true|false))\s*$/i.exec(part);
    if (!m) throw new ScimFailure(400, `Tiny filters support only 'attribute eq "value"' joined by and; got: ${part}`, 'invalidFilter');
    return [m[1], m[3] ? m[3].toLowerCase() === 'true' : JSON.parse(`"${m[2]}"`)];
  });
}

function read(resource: Json, attr: string): unknown {
  if (attr.toLowerCase() === 'emails.value') return (resource.emails ?? []).map((e: Json) => e.value);
  return attr.split('.').reduce<any>((v, k) => (v == null ? undefined : v[Object.keys(v).find((x) => x.toLowerCase() === k.toLowerCase()) ?? k]), resource);
}

function matches(value: unknown, want: string | boolean): boolean {
  if (Array.isArray(value)) return value.some((v) => matches(v, want));
  if (typeof want === 'boolean') return value === want;
  return typeof value === 'string' && value.toLowerCase() === want.toLowerCase();
}

// ---------- users ----------

const primaryEmail = (user: Json): string | null => {
  const emails: Json[] = Array.isArray(user.emails) ? user.emails : [];
  return (emails.find((e) => e.primary) ?? emails.find((e) => e.type === 'work') ?? emails[0])?.value ?? null;
};
const fullNameOf = (user: Json): string | null =>
  typeof user.displayName === 'string' ? user.displayName : [user.name?.givenName, user.name?.familyName].filter(Boolean).join(' ') || null;

function meta(tiny: Tiny, type: 'User' | 'Group', id: string, base: string, created?: string): Json {
  const now = tiny.now().toISOString();
  return { resourceType: type, created: created ?? now, lastModified: now, location: `${base}/${type}s/${id}` };
}

function checkUser(body: Json): void {
  if (typeof body.userName !== 'string' || !body.userName.trim()) throw new ScimFailure(400, 'userName is required.', 'invalidValue');
  if (body.active !== undefined && typeof body.active !== 'boolean') throw new ScimFailure(400, 'active must be a boolean.', 'invalidValue');
}

function clean(body: Json): Json {
  const { id: _id, meta: _meta, ...rest } = body;
  for (const [k, v] of Object.entries(rest)) if (v === null) delete rest[k];
  return rest;
}

function createUser(tiny: Tiny, org: Org, body: Json, base: string): Answer {
  checkUser(body);
  if (org.settings.blockList.some((p) => globMatch(p, body.userName))) {
    tiny.record(org, { operation: 'refuse', resourceType: 'User', resourceId: null, outcome: 'refused', detail: `user "${body.userName}" is on the block list` });
    throw new ScimFailure(403, `Tiny does not accept "${body.userName}": it is on this organization's block list.`);
  }
  if ([...org.users.values()].some((u) => u.userName.toLowerCase() === body.userName.toLowerCase())) {
    throw new ScimFailure(409, `A user named "${body.userName}" already exists.`, 'uniqueness');
  }
  const scimId = tiny.newUuid();
  const user = { ...clean(body), schemas: [URN.user], id: scimId, active: body.active ?? true, meta: meta(tiny, 'User', scimId, base) };
  const mail = primaryEmail(user);
  const { matchOn } = org.settings;
  const candidate = matchOn === 'off' ? undefined : [...org.accounts.values()].find((a) => a.source === 'admin' && a.scimId === null &&
    (matchOn === 'mail' ? mail !== null && a.mail?.toLowerCase() === mail.toLowerCase() : a.login.toLowerCase() === body.userName.toLowerCase()));
  const account: Account = candidate ?? { id: tiny.nextId('usr'), scimId: null, login: body.userName, mail, fullName: null, state: 'enabled', source: 'idp', roles: [...org.settings.starterRoles] };
  account.scimId = scimId;
  sync(account, user);
  org.accounts.set(account.id, account);
  org.users.set(scimId, user);
  tiny.record(org, { operation: candidate ? 'link' : 'create', resourceType: 'User', resourceId: scimId, outcome: 'success', detail: `user "${body.userName}" → ${account.id}` });
  return { status: 201, body: user, headers: { location: user.meta.location } };
}

/** What the product keeps of the SCIM user: login, mail, name, and its state. */
function sync(account: Account, user: Json): void {
  account.login = user.userName;
  account.mail = primaryEmail(user) ?? account.mail;
  account.fullName = fullNameOf(user);
}

function afterUserChange(tiny: Tiny, org: Org, before: Json, user: Json): void {
  const account = tiny.accountOfScim(org, user.id)!;
  sync(account, user);
  if (before.active !== false && user.active === false) {
    const left = org.settings.deprovision === 'suspend' ? leaveAllTeams(tiny, org, account) : [];
    account.state = org.settings.deprovision === 'suspend' ? 'suspended' : 'disabled';
    tiny.record(org, { operation: 'deactivate', resourceType: 'User', resourceId: user.id, outcome: 'success', detail: left.length ? `left ${left.join(', ')}` : 'deactivated' });
  } else if (before.active === false && user.active !== false) {
    account.state = 'enabled';
    tiny.record(org, { operation: 'reactivate', resourceType: 'User', resourceId: user.id, outcome: 'success', detail: 'reactivated' });
  } else {
    tiny.record(org, { operation: 'update', resourceType: 'User', resourceId: user.id, outcome: 'success', detail: `user "${user.userName}"` });
  }
  user.meta = { ...user.meta, lastModified: tiny.now().toISOString() };
}

/** Suspension drops every membership, SCIM teams and the product's own alike. */
function leaveAllTeams(tiny: Tiny, org: Org, account: Account): string[] {
  const left: string[] = [];
  for (const team of org.teams.values()) {
    if (!team.members.includes(account.id)) continue;
    team.members = team.members.filter((m) => m !== account.id);
    left.push(team.name);
    if (team.scimId) {
      const group = org.groups.get(team.scimId)!;
      group.members = (group.members ?? []).filter((m: Json) => m.value !== account.scimId);
      if (!group.members.length) delete group.members;
      group.meta.lastModified = tiny.now().toISOString();
    }
  }
  return left;
}

function putUser(tiny: Tiny, org: Org, id: string, body: Json): Answer {
  const before = find(org.users, id);
  checkUser(body);
  const user = { ...clean(body), schemas: [URN.user], id, active: body.active ?? true, meta: before.meta };
  org.users.set(id, user);
  afterUserChange(tiny, org, before, user);
  return { status: 200, body: user };
}

function patchUser(tiny: Tiny, org: Org, id: string, body: Json): Answer {
  const before = find(org.users, id);
  const user = structuredClone(before);
  for (const op of operations(body)) applyOp(user, op);
  checkUser(user);
  org.users.set(id, user);
  afterUserChange(tiny, org, before, user);
  return { status: 200, body: user };
}

function deleteUser(tiny: Tiny, org: Org, id: string): Answer {
  const user = find(org.users, id);
  if (!org.settings.allowUserDelete) {
    tiny.record(org, { operation: 'delete', resourceType: 'User', resourceId: id, outcome: 'refused', detail: 'users are not deleted over SCIM here' });
    throw new ScimFailure(405, 'Tiny does not delete users over SCIM in this organization: deactivate them instead.');
  }
  const account = tiny.accountOfScim(org, id);
  if (account) {
    leaveAllTeams(tiny, org, account);
    org.accounts.delete(account.id);
  }
  org.users.delete(id);
  tiny.record(org, { operation: 'delete', resourceType: 'User', resourceId: id, outcome: 'success', detail: `user "${user.userName}" deleted` });
  return { status: 204 };
}

// ---------- PATCH ----------

interface Op {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

function operations(body: Json): Op[] {
  if (!Array.isArray(body.Operations)) throw new ScimFailure(400, 'A PatchOp needs Operations.', 'invalidSyntax');
  return body.Operations.map((o: Json) => {
    const op = String(o.op ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimFailure(400, `Unknown op "${o.op}".`, 'invalidSyntax');
    return { op, path: o.path, value: o.value } as Op;
  });
}

function applyOp(resource: Json, { op, path, value }: Op): void {
  if (!path) {
    if (op === 'remove' || typeof value !== 'object' || value === null) throw new ScimFailure(400, 'A PATCH without path needs an object value.', 'invalidValue');
    for (const [k, v] of Object.entries(value)) applyOp(resource, { op, path: k, value: v });
    return;
  }
  const filtered = /^(\w+)\[(\w+) eq "([^"]*)"\](?:\.(\w+))?$/.exec(path);
  if (filtered) {
    const [, attr, key, wanted, sub] = filtered;
    const items: Json[] = Array.isArray(resource[attr]) ? resource[attr] : [];
    const hits = items.filter((i) => String(i[key]).toLowerCase() === wanted.toLowerCase());
    if (op === 'remove') resource[attr] = items.filter((i) => !hits.includes(i));
    else if (!hits.length) throw new ScimFailure(400, `No ${attr} matches ${path}.`, 'noTarget');
    else for (const hit of hits) if (sub) hit[sub] = value;
    if (Array.isArray(resource[attr]) && !resource[attr].length) delete resource[attr];
    return;
  }
  if (!/^[\w.]+$/.test(path)) throw new ScimFailure(400, `Tiny does not understand the path "${path}".`, 'invalidPath');
  const keys = path.split('.');
  const last = keys.pop()!;
  let target = resource;
  for (const k of keys) target = (target[k] ??= {});
  if (op === 'remove') delete target[last];
  else if (op === 'add' && Array.isArray(target[last]) && Array.isArray(value)) target[last] = [...target[last], ...value.filter((v) => !target[last].some((t: Json) => t.value === (v as Json).value))];
  else if (value === null || (Array.isArray(value) && !value.length)) delete target[last];
  else target[last] = value;
}

// ---------- groups ----------

function checkGroupName(tiny: Tiny, org: Org, name: unknown, self?: string): void {
  if (typeof name !== 'string' || !name.trim()) throw new ScimFailure(400, 'displayName is required.', 'invalidValue');
  const own = [...org.teams.values()].find((t) => t.kind !== 'idp' && t.name.toLowerCase() === name.toLowerCase());
  if (own) throw new ScimFailure(409, `"${own.name}" is a ${own.kind} team of Tiny; SCIM cannot manage it.`, 'uniqueness');
  if ([...org.groups.values()].some((g) => g.id !== self && g.displayName.toLowerCase() === name.toLowerCase())) {
    throw new ScimFailure(409, `A group named "${name}" already exists.`, 'uniqueness');
  }
}

function checkMembers(org: Org, group: Json): void {
  group.members = (group.members ?? []).map((m: Json) => {
    if (!org.users.has(m.value)) throw new ScimFailure(400, `No user ${m.value} to add.`, 'invalidValue');
    return { value: m.value, display: org.users.get(m.value)!.userName, type: 'User' };
  });
  if (!group.members.length) delete group.members;
}

/** The team that mirrors a SCIM group, with accounts as members. */
function mirror(tiny: Tiny, org: Org, group: Json): void {
  let team = tiny.teamOfScim(org, group.id);
  if (!team) org.teams.set((team = { id: tiny.nextId('grp'), name: group.displayName, kind: 'idp', scimId: group.id, members: [] }).id, team);
  team.name = group.displayName;
  team.members = (group.members ?? []).map((m: Json) => tiny.accountOfScim(org, m.value)?.id).filter(Boolean) as string[];
}

function createGroup(tiny: Tiny, org: Org, body: Json, base: string): Answer {
  if (typeof body.displayName === 'string' && org.settings.blockList.some((p) => globMatch(p, body.displayName))) {
    tiny.record(org, { operation: 'refuse', resourceType: 'Group', resourceId: null, outcome: 'refused', detail: `group "${body.displayName}" is on the block list` });
    throw new ScimFailure(403, `Tiny does not accept the group "${body.displayName}": it is on the block list.`);
  }
  checkGroupName(tiny, org, body.displayName);
  const id = tiny.newUuid();
  const group: Json = { ...clean(body), schemas: [URN.group], id, meta: meta(tiny, 'Group', id, base) };
  checkMembers(org, group);
  org.groups.set(id, group);
  mirror(tiny, org, group);
  tiny.record(org, { operation: 'create', resourceType: 'Group', resourceId: id, outcome: 'success', detail: `group "${group.displayName}"` });
  return { status: 201, body: group, headers: { location: group.meta.location } };
}

function saveGroup(tiny: Tiny, org: Org, before: Json, group: Json): Answer {
  checkGroupName(tiny, org, group.displayName, group.id);
  checkMembers(org, group);
  group.meta = { ...before.meta, lastModified: tiny.now().toISOString() };
  org.groups.set(group.id, group);
  mirror(tiny, org, group);
  tiny.record(org, { operation: 'update', resourceType: 'Group', resourceId: group.id, outcome: 'success', detail: `group "${group.displayName}"` });
  return { status: 200, body: group };
}

function putGroup(tiny: Tiny, org: Org, id: string, body: Json): Answer {
  const before = find(org.groups, id);
  return saveGroup(tiny, org, before, { ...clean(body), schemas: [URN.group], id });
}

function patchGroup(tiny: Tiny, org: Org, id: string, body: Json): Answer {
  const before = find(org.groups, id);
  const group = structuredClone(before);
  for (const op of operations(body)) applyOp(group, op);
  return saveGroup(tiny, org, before, group);
}

function deleteGroup(tiny: Tiny, org: Org, id: string): Answer {
  const group = find(org.groups, id);
  if (!org.settings.allowGroupDelete) {
    tiny.record(org, { operation: 'delete', resourceType: 'Group', resourceId: id, outcome: 'refused', detail: 'groups are not deleted over SCIM here' });
    throw new ScimFailure(405, 'Tiny does not delete groups over SCIM in this organization.');
  }
  org.groups.delete(id);
  const team = tiny.teamOfScim(org, id);
  if (team) org.teams.delete(team.id);
  tiny.record(org, { operation: 'delete', resourceType: 'Group', resourceId: id, outcome: 'success', detail: `group "${group.displayName}" deleted` });
  return { status: 204 };
}
