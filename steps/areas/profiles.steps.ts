import { connect, type SecureVersion } from 'node:tls';
import { Given, Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { getPath } from '../interpolate.ts';
import { bodyOf, expectEqual, expectStatus } from '../assertions.ts';
import type { Json, ScimWorld } from '../world.ts';
import { idsOf } from './filter.steps.ts';

/**
 * Steps of the profile scenarios: the SCIM interop profile (draft-zollner-scim-interop-profile-01) and the OpenID
 * IPSIE SCIM profile (draft-ipsie-scim-al1-profile). Section numbers are those of docs/requirements/.
 */

// ---------- the claim (interop §4) ----------

Given('the server claims the SCIM interop profile', async function (this: ScimWorld) {
  const claim = (await this.capabilities()).raw.interopProfileConformant;
  if (claim !== true) {
    return this.skip('the target does not claim the SCIM interop profile (/ServiceProviderConfig interopProfileConformant is not true)', 'interopProfile');
  }
});

Then('ServiceProviderConfig says interopProfileConformant is the boolean true', async function (this: ScimWorld) {
  const claim = (await this.capabilities()).raw.interopProfileConformant;
  this.check(claim === true, true, claim ?? null, 'interopProfileConformant is not the Boolean true');
});

// ---------- discovery documents ----------

async function listing(world: ScimWorld, path: string): Promise<Json[]> {
  const res = await world.fetch('GET', path);
  expectStatus(world, res, [200]);
  const body = bodyOf(world, res);
  return Array.isArray(body.Resources) ? (body.Resources as Json[]) : Array.isArray(res.json) ? (res.json as Json[]) : [];
}

Then('every schema the resource types reference is served by \\/Schemas', async function (this: ScimWorld) {
  const schemaIds = new Set((await listing(this, '/Schemas')).map((s) => String(s.id)));
  for (const rt of await listing(this, '/ResourceTypes')) {
    const refs = [rt.schema, ...((rt.schemaExtensions as Json[] | undefined) ?? []).map((e) => e.schema)].map(String);
    const missing = refs.filter((r) => !schemaIds.has(r));
    this.check(missing.length === 0, `schemas of ${String(rt.name)} in /Schemas`, missing, `/Schemas lacks ${missing.join(', ')} referenced by resource type ${String(rt.name)}`);
  }
});

Then('every resource type\'s id equals its name', async function (this: ScimWorld) {
  for (const rt of await listing(this, '/ResourceTypes')) expectEqual(this, rt.id, rt.name, `resource type ${String(rt.name)} has id ${JSON.stringify(rt.id)}`);
});

Then('every resource type has its own endpoint', async function (this: ScimWorld) {
  const endpoints = (await listing(this, '/ResourceTypes')).map((rt) => String(rt.endpoint).replace(/\/+$/, '').toLowerCase());
  const shared = endpoints.filter((e, i) => endpoints.indexOf(e) !== i);
  this.check(shared.length === 0, 'distinct endpoints', shared, `resource types share the endpoint(s) ${shared.join(', ')}`);
});

/** Walks attribute definitions, sub-attributes included. */
function* attributes(list: unknown): Generator<Json> {
  if (!Array.isArray(list)) return;
  for (const a of list as Json[]) {
    yield a;
    yield* attributes(a.subAttributes);
  }
}

Then('every multi-valued complex attribute with a type sub-attribute declares its canonicalValues', async function (this: ScimWorld) {
  const missing: string[] = [];
  for (const schema of await listing(this, '/Schemas')) {
    for (const a of attributes(schema.attributes)) {
      if (a.type !== 'complex' || a.multiValued !== true) continue;
      const type = ((a.subAttributes as Json[] | undefined) ?? []).find((s) => String(s.name).toLowerCase() === 'type');
      if (type && !(Array.isArray(type.canonicalValues) && type.canonicalValues.length > 0)) missing.push(`${String(schema.id)}:${String(a.name)}.type`);
    }
  }
  this.check(missing.length === 0, 'canonicalValues on every type sub-attribute', missing, `no canonicalValues for ${missing.join(', ')}`);
});

Then('the {string} schema defines {string}', async function (this: ScimWorld, schemaId: string, path: string) {
  const schema = (await listing(this, '/Schemas')).find((s) => s.id === schemaId);
  if (!schema) this.fail(`schema ${schemaId} in /Schemas`, null, `/Schemas does not serve ${schemaId}`);
  let level: unknown = schema.attributes;
  for (const name of path.split('.')) {
    const found = Array.isArray(level) ? (level as Json[]).find((a) => String(a.name).toLowerCase() === name.toLowerCase()) : undefined;
    if (!found) this.fail(`${path} defined in ${schemaId}`, null, `${schemaId} does not define ${path}`);
    level = found.subAttributes;
  }
});

Then('ServiceProviderConfig lists the {string} authentication scheme', async function (this: ScimWorld, type: string) {
  const schemes = (await this.capabilities()).raw.authenticationSchemes;
  const types = Array.isArray(schemes) ? (schemes as Json[]).map((s) => String(s.type).toLowerCase()) : [];
  this.check(types.includes(type.toLowerCase()), type, types, `authenticationSchemes does not list ${type}`);
});

Then('ServiceProviderConfig does not offer the {string} authentication scheme', async function (this: ScimWorld, type: string) {
  const schemes = (await this.capabilities()).raw.authenticationSchemes;
  const types = Array.isArray(schemes) ? (schemes as Json[]).map((s) => String(s.type).toLowerCase()) : [];
  this.check(!types.includes(type.toLowerCase()), `no ${type}`, types, `authenticationSchemes offers ${type}, which the profile does not recommend`);
});

// ---------- case sensitivity (interop §5.2) ----------

const swapCase = (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

When('I GET the user {string} by its id with the letters\' case swapped', async function (this: ScimWorld, name: string) {
  const id = String(this.fixture(name).id);
  if (swapCase(id) === id) return this.skip(`not applicable: the id "${id}" has no letters whose case could differ`);
  await this.call('GET', `/Users/${encodeURIComponent(swapCase(id))}`);
});

When('I list Users whose {word} equals that of {string} with the case swapped', async function (this: ScimWorld, attribute: string, name: string) {
  const value = String(getPath(this.fixture(name), attribute));
  if (swapCase(value) === value) return this.skip(`not applicable: "${value}" has no letters whose case could differ`);
  await this.call('GET', `/Users?filter=${encodeURIComponent(`${attribute} eq "${swapCase(value)}"`)}`);
});

When('I create a user whose userName is that of {string} with the case swapped', async function (this: ScimWorld, name: string) {
  const userName = String(this.fixture(name).userName);
  await this.call('POST', '/Users', { body: this.userBody({ userName: swapCase(userName) }) });
});

When('I create a user with the extra member {string}', async function (this: ScimWorld, member: string) {
  await this.call('POST', '/Users', { body: { ...this.userBody(), [member]: 'x' } });
});

When('I create a user that also lists the schema {string}', async function (this: ScimWorld, urn: string) {
  const body = this.userBody();
  await this.call('POST', '/Users', { body: { ...body, schemas: [URN.User, urn] } });
});

// ---------- endpoints (interop §6.1) ----------

Then('the user {string} is addressed as its endpoint and id', async function (this: ScimWorld, name: string) {
  const user = this.fixture(name);
  const location = String((user.meta as Json | undefined)?.location ?? '');
  const url = this.reference(location);
  this.check(url !== undefined && url.pathname.replace(/\/+$/, '').endsWith(`/Users/${String(user.id)}`), `…/Users/${String(user.id)}`, location, 'meta.location is not /{endpoint}/{id}');
  const res = await this.fetch('GET', `/Users/${encodeURIComponent(String(user.id))}`);
  expectStatus(this, res, [200]);
  expectEqual(this, bodyOf(this, res).id, user.id, 'GET /Users/{id} answered another resource');
});

// ---------- pagination (interop §6.4, IPSIE §3.2.2.5, §3.2.3.2) ----------

const walked = new WeakMap<ScimWorld, unknown[]>();

/** Pages by whichever method the target offers: index unless /ServiceProviderConfig says pagination.index false. */
When('I page through {string} with count {int} by the method the server offers', async function (this: ScimWorld, path: string, count: number) {
  const base = this.interpolate(path);
  const join = base.includes('?') ? '&' : '?';
  const pagination = (await this.capabilities()).raw.pagination as Json | undefined;
  const seen: unknown[] = [];
  walked.set(this, seen);
  if (pagination?.index === false) {
    let cursor = '';
    for (let pages = 0; pages < 50; pages++) {
      const res = await this.call('GET', `${base}${join}count=${count}&cursor=${encodeURIComponent(cursor)}`);
      expectStatus(this, res, [200]);
      seen.push(...(((bodyOf(this, res).Resources as Json[] | undefined) ?? []).map((r) => r.id)));
      const next = bodyOf(this, res).nextCursor;
      if (typeof next !== 'string') return;
      cursor = next;
    }
    this.fail('a last page', 'still a nextCursor after 50 pages', 'the cursor walk never ended');
  }
  let total = 1;
  for (let start = 1, pages = 0; start <= total && pages < 50; start += count, pages++) {
    const res = await this.call('GET', `${base}${join}startIndex=${start}&count=${count}`);
    expectStatus(this, res, [200]);
    const body = bodyOf(this, res);
    if (pages === 0) total = Number(body.totalResults);
    const page = (body.Resources as Json[] | undefined) ?? [];
    this.check(page.length <= count, `at most ${count}`, page.length, 'a page holds more than count resources');
    seen.push(...page.map((r) => r.id));
    // A short page is legal (RFC 7644 §3.4.2.4): the next startIndex follows what was actually returned.
    start += page.length - count;
    if (page.length === 0) break;
  }
});

Then('paging visited each of {string} exactly once', function (this: ScimWorld, names: string) {
  const seen = walked.get(this) ?? [];
  const duplicates = seen.filter((id, i) => seen.indexOf(id) !== i);
  this.check(duplicates.length === 0, 'each resource once', duplicates, 'paging returned a resource twice');
  expectEqual(this, [...seen].sort(), [...idsOf(this, names)].sort(), `paging did not return exactly ${names}`);
});

Then('the page holds at least {int} resources, or all of totalResults', function (this: ScimWorld, least: number) {
  expectStatus(this, this.response, [200]);
  const body = bodyOf(this);
  const n = Array.isArray(body.Resources) ? body.Resources.length : 0;
  const want = Math.min(least, Number(body.totalResults ?? n));
  this.check(n >= want, `at least ${want}`, n, `the page holds ${n} resources; the profile asks for at least ${least} (or all)`);
});

Then('the page holds at most the advertised page maximum', async function (this: ScimWorld) {
  expectStatus(this, this.response, [200]);
  const raw = (await this.capabilities()).raw;
  const max = Number((raw.pagination as Json | undefined)?.maxPageSize ?? (raw.filter as Json | undefined)?.maxResults ?? Number.POSITIVE_INFINITY);
  const n = ((bodyOf(this).Resources as Json[] | undefined) ?? []).length;
  this.check(n <= max, `at most ${max}`, n, `the page holds ${n} resources, more than the advertised maximum ${max}`);
});

// ---------- read-back ----------

async function readBack(world: ScimWorld, name: string): Promise<Json> {
  const fixture = world.fixture(name);
  const endpoint = String((fixture.meta as Json | undefined)?.resourceType ?? 'User') === 'Group' ? '/Groups' : '/Users';
  const res = await world.fetch('GET', `${endpoint}/${encodeURIComponent(String(fixture.id))}`);
  expectStatus(world, res, [200]);
  return bodyOf(world, res);
}

Then('{string} read back has {string} equal to {string}', async function (this: ScimWorld, name: string, path: string, value: string) {
  const want = this.interpolate(value);
  const got = getPath(await readBack(this, name), path);
  expectEqual(this, typeof got === 'boolean' ? String(got) : got, want, `read back, ${path} is not ${want}`);
});

Then('{string} read back has no {string}', async function (this: ScimWorld, name: string, path: string) {
  const got = getPath(await readBack(this, name), path);
  this.check(got === undefined || got === null, `no ${path}`, got, `read back, ${path} is still there`);
});

Then('{string} read back lists {string} under {string}', async function (this: ScimWorld, name: string, values: string, path: string) {
  const got = getPath(await readBack(this, name), path);
  const items = Array.isArray(got) ? (got as Json[]).map((g) => String(typeof g === 'object' && g !== null ? g.value : g)) : [];
  const want = values.split(',').map((v) => this.interpolate(v.trim()));
  expectEqual(this, [...items].sort(), [...want].sort(), `read back, ${path} holds ${items.join(', ') || 'nothing'}`);
});

Then('the response has no stack trace or internal detail', function (this: ScimWorld) {
  const detail = String(bodyOf(this).detail ?? '');
  this.check(!/\bat [\w.<>]+ \(|node:internal|\.(ts|js|java|py):\d+|Traceback|Exception in/.test(detail), 'a detail without internals', detail, 'the error detail shows a stack trace or source location');
});

// ---------- transport and OAuth (checked where the target offers them) ----------

/** Whether a TLS handshake with the target succeeds within [min, max] protocol versions. */
function handshake(url: URL, minVersion: SecureVersion, maxVersion: SecureVersion, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 443), servername: url.hostname, minVersion, maxVersion });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}

Then('a TLS handshake capped at {word} is refused', async function (this: ScimWorld, version: string) {
  const ok = await handshake(new URL(this.params.target), 'TLSv1', version as SecureVersion, this.params.timeoutMs);
  this.check(!ok, `no handshake at ${version} or below`, 'handshake succeeded', `the target accepts ${version} or older`);
});

Then('a TLS handshake at {word} or later succeeds', async function (this: ScimWorld, version: string) {
  const ok = await handshake(new URL(this.params.target), version as SecureVersion, 'TLSv1.3', this.params.timeoutMs);
  this.check(ok, `a handshake at ${version} or later`, 'refused', `the target refuses ${version} and later`);
});

Then('the authorization server metadata has a token_endpoint and offers private_key_jwt', async function (this: ScimWorld) {
  const origin = new URL(this.params.target).origin;
  const res = await this.fetch('GET', `${origin}/.well-known/oauth-authorization-server`);
  if (res.status !== 200 || typeof res.json !== 'object' || res.json === null) {
    return this.skip(`not checked: the target serves no OAuth 2.0 authorization server metadata at ${origin}/.well-known/oauth-authorization-server (answered ${res.status}); the harness is handed a token and cannot see how it was obtained`);
  }
  const meta = res.json as Json;
  this.check(typeof meta.token_endpoint === 'string', 'token_endpoint', meta.token_endpoint ?? null, 'the metadata has no token_endpoint');
  const methods = meta.token_endpoint_auth_methods_supported;
  this.check(Array.isArray(methods) && methods.includes('private_key_jwt'), 'private_key_jwt', methods ?? null, 'the token endpoint does not offer JWT client authentication (RFC 7523)');
});
