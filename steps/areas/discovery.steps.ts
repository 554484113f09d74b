import { Given, Then } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectStatus, listOf } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import type { Json, ScimWorld } from '../world.ts';

/** Discovery endpoints (RFC 7644 §4, RFC 7643 §5–§7). */

const TYPES = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'complex', 'binary'];
const MUTABILITY = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
const RETURNED = ['always', 'never', 'default', 'request'];
const UNIQUENESS = ['none', 'server', 'global'];

Then('the ServiceProviderConfig has every required member with its JSON type', function (this: ScimWorld) {
  const spc = bodyOf(this);
  const problems: string[] = [];
  const expect = (path: string, type: 'boolean' | 'integer') => {
    const v = getPath(spc, path);
    const ok = type === 'integer' ? Number.isInteger(v) : typeof v === 'boolean';
    if (!ok) problems.push(`${path} should be ${type === 'integer' ? 'an integer' : 'a boolean'}, is ${JSON.stringify(v)}`);
  };
  for (const p of ['patch.supported', 'bulk.supported', 'filter.supported', 'changePassword.supported', 'sort.supported', 'etag.supported']) expect(p, 'boolean');
  for (const p of ['bulk.maxOperations', 'bulk.maxPayloadSize', 'filter.maxResults']) expect(p, 'integer');
  const schemes = spc.authenticationSchemes;
  if (!Array.isArray(schemes)) problems.push('authenticationSchemes should be an array');
  else for (const [i, s] of (schemes as Json[]).entries()) for (const k of ['type', 'name', 'description']) if (typeof s[k] !== 'string') problems.push(`authenticationSchemes[${i}].${k} should be a string`);
  this.check(problems.length === 0, 'all REQUIRED ServiceProviderConfig members', problems, problems.join('; '));
});

Then('the list holds resource types {string}', function (this: ScimWorld, names: string) {
  const got = listOf(this).map((r) => String(r.name));
  for (const name of names.split(/\s*,\s*/)) this.check(got.includes(name), `a ResourceType named ${name}`, got, `/ResourceTypes has no ${name}`);
});

Then('every ResourceType names a schema published at \\/Schemas', async function (this: ScimWorld) {
  const schemas = await this.fetch('GET', '/Schemas');
  const ids = listOf(this, schemas).map((s) => s.id);
  const missing: string[] = [];
  for (const type of listOf(this)) {
    const refs = [type.schema, ...((type.schemaExtensions as Json[] | undefined) ?? []).map((e) => e.schema)];
    for (const ref of refs) if (!ids.includes(ref)) missing.push(`${String(type.name)}: ${String(ref)}`);
  }
  this.check(missing.length === 0, ids, missing, `schemas named by ResourceTypes are missing from /Schemas: ${missing.join(', ')}`);
});

Then('every ResourceType endpoint answers a ListResponse', async function (this: ScimWorld) {
  for (const type of listOf(this)) {
    const res = await this.fetch('GET', `${String(type.endpoint)}?count=1`);
    expectStatus(this, res, [200]);
    listOf(this, res);
  }
});

Then('no listed schema is a protocol message URN', function (this: ScimWorld) {
  const bad = listOf(this).map((s) => String(s.id)).filter((id) => id.startsWith('urn:ietf:params:scim:api:'));
  this.check(bad.length === 0, 'no urn:ietf:params:scim:api: ids', bad, `/Schemas lists protocol messages: ${bad.join(', ')}`);
});

function* walk(attributes: Json[] | undefined, prefix: string): Generator<[string, Json]> {
  for (const a of attributes ?? []) {
    const name = `${prefix}${String(a.name)}`;
    yield [name, a];
    yield* walk(a.subAttributes as Json[] | undefined, `${name}.`);
  }
}

Then('every published attribute uses the canonical keywords', function (this: ScimWorld) {
  const problems: string[] = [];
  for (const schema of listOf(this)) {
    for (const [name, a] of walk(schema.attributes as Json[], `${String(schema.id)}:`)) {
      if (!TYPES.includes(String(a.type))) problems.push(`${name}: type ${JSON.stringify(a.type)}`);
      if (a.mutability !== undefined && !MUTABILITY.includes(String(a.mutability))) problems.push(`${name}: mutability ${JSON.stringify(a.mutability)}`);
      if (a.returned !== undefined && !RETURNED.includes(String(a.returned))) problems.push(`${name}: returned ${JSON.stringify(a.returned)}`);
      if (a.uniqueness !== undefined && !UNIQUENESS.includes(String(a.uniqueness))) problems.push(`${name}: uniqueness ${JSON.stringify(a.uniqueness)}`);
      for (const k of ['multiValued', 'required', 'caseExact']) if (a[k] !== undefined && typeof a[k] !== 'boolean') problems.push(`${name}: ${k} is not a boolean`);
    }
  }
  this.check(problems.length === 0, 'canonical camelCase keywords', problems, `non-canonical schema keywords: ${problems.slice(0, 5).join('; ')}`);
});

/** RFC 7643 §2.2: what an attribute characteristic means when the schema leaves it out. */
const CHARACTERISTIC_DEFAULTS: Record<string, unknown> = {
  required: false, caseExact: false, multiValued: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none',
};

/**
 * One characteristic of a published attribute, e.g. User "userName" caseExact = false: `absent` when the schema
 * does not publish the attribute at all (a provider may support a subset, RFC 7643 §2), else its value, with the
 * RFC 7643 §2.2 default when the characteristic is left out.
 */
function characteristic(schema: Json | undefined, path: string, key: string): { absent: true } | { absent: false; value: unknown } {
  const [top, sub] = path.split('.');
  const attr = ((schema?.attributes as Json[] | undefined) ?? []).find((a) => String(a.name).toLowerCase() === top.toLowerCase());
  const target = sub ? ((attr?.subAttributes as Json[] | undefined) ?? []).find((a) => String(a.name).toLowerCase() === sub.toLowerCase()) : attr;
  if (target === undefined) return { absent: true };
  return { absent: false, value: target[key] ?? CHARACTERISTIC_DEFAULTS[key] };
}

Then('the published {string} schema declares:', async function (this: ScimWorld, urn: string, table: { hashes(): Record<string, string>[] }) {
  const res = await this.fetch('GET', `/Schemas/${urn}`);
  expectStatus(this, res, [200]);
  const schema = bodyOf(this, res);
  for (const row of table.hashes()) {
    const found = characteristic(schema, row.attribute, row.characteristic);
    // unpublished-attribute: an attribute the provider does not offer has no characteristics to compare.
    if (found.absent) {
      this.note(`${urn} does not publish ${row.attribute}: its ${row.characteristic} is not judged`);
      continue;
    }
    const actual = found.value;
    const expected = row.value === 'true' ? true : row.value === 'false' ? false : row.value;
    if (actual === expected) continue;
    // rfc-requirements.md §22 A16: Group displayName required is erratum 5368; a schema saying false is reported only.
    if (row.tolerance === 'warn') this.warn(`${urn} ${row.attribute}.${row.characteristic} is ${JSON.stringify(actual)}, the RFC (with errata) says ${row.value}`);
    else this.fail(expected, actual ?? null, `${row.attribute}.${row.characteristic} is ${JSON.stringify(actual)}, RFC 7643 §8.7.1 says ${row.value}`);
  }
});

// rfc-requirements.md §22 A6: a filter on a discovery endpoint SHOULD get 403; ignoring it is acceptable.
Then('the filter is refused with 403 or ignored', async function (this: ScimWorld) {
  const res = this.response;
  if (res.status === 403) return;
  expectStatus(this, res, [200, 403]);
  const filtered = listOf(this).length;
  const all = listOf(this, await this.fetch('GET', new URL(res.request.url).pathname.replace(/^.*(\/[^/]+)$/, '$1'))).length;
  this.check(filtered === all, `all ${all} resources (the filter ignored) or 403`, filtered, 'the filter was applied on a discovery endpoint');
  this.warn('a filter on a discovery endpoint was ignored instead of the preferred 403');
});

// ---------- claims vs behaviour (P-DISC-03) ----------

Then('PATCH behaves as the ServiceProviderConfig claims', async function (this: ScimWorld) {
  const caps = await this.capabilities();
  const user = this.fixture('user');
  const res = await this.fetch('PATCH', `/Users/${encodeURIComponent(String(user.id))}`, {
    body: { schemas: [URN.PatchOp], Operations: [{ op: 'replace', path: 'displayName', value: `${this.params.prefix}patched` }] },
  });
  if (caps.patch) expectStatus(this, res, [200, 204]);
  else expectStatus(this, res, [501]);
});

Then('ETag headers appear as the ServiceProviderConfig claims', async function (this: ScimWorld) {
  const caps = await this.capabilities();
  const res = await this.fetch('GET', `/Users/${encodeURIComponent(String(this.fixture('user').id))}`);
  expectStatus(this, res, [200]);
  if (caps.etag) this.check(res.headers.etag !== undefined, 'an ETag header', null, 'etag.supported is true but GET has no ETag header');
});

Given('the server does not support {word}', async function (this: ScimWorld, feature: string) {
  const caps = await this.capabilities();
  const v = (caps as unknown as Record<string, boolean | { supported: boolean }>)[feature];
  const supported = typeof v === 'boolean' ? v : v?.supported;
  if (supported) return this.skip(`ServiceProviderConfig says ${feature}.supported = true; this checks the unsupported case`);
});

Then('the response status is 501, or 404 or 405 with a warning', function (this: ScimWorld) {
  expectStatus(this, this.response, [501, 404, 405]);
  if (this.response.status !== 501) this.warn(`an unsupported operation answered ${this.response.status} instead of 501`);
});
