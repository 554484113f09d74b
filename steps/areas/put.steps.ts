import { Given, Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectDeclinedAs, expectEqual, expectStatus } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import type { Json, ScimWorld } from '../world.ts';
import { pathOf } from './patch.steps.ts';

/** PUT (RFC 7644 §3.5.1): replace, as Okta and PingFederate send it (GET, change, PUT the whole resource). */

/** Attributes RFC 7643 makes readOnly on every User and Group: a client echoing them is tested on its own (P-PUT-03). */
const READ_ONLY = new Set(['id', 'meta', 'groups']);

/** Deep merge of `changes` onto `base`: objects merge, everything else (arrays included) replaces. */
function merge(base: Json, changes: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    const old = out[k];
    const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
    out[k] = isObject(old) && isObject(v) ? merge(old, v) : v;
  }
  return out;
}

When('I PUT {string} back with the changes:', async function (this: ScimWorld, name: string, doc: string) {
  const current = this.fixture(name);
  const writable = Object.fromEntries(Object.entries(current).filter(([k]) => !READ_ONLY.has(k)));
  await this.call('PUT', pathOf(current), { body: merge(writable, this.json(doc)) });
});

When('I PUT {string} with the raw body:', async function (this: ScimWorld, path: string, doc: string) {
  await this.call('PUT', this.interpolate(path), { rawBody: this.interpolate(doc) });
});

// rfc-requirements.md §22 A11: §3.5.1 says readOnly values SHALL be ignored, the §3.12 example refuses them.
Then('the PUT succeeded, or was refused with mutability and a warning', function (this: ScimWorld) {
  if (this.response.status === 400) {
    expectDeclinedAs(this, this.response, [400], ['mutability'], 'the §3.12 example\'s refusal of readOnly values, §22 A11');
    this.warn('a PUT echoing readOnly attributes was refused with 400 mutability; RFC 7644 §3.5.1 says to ignore them, and Okta echoes them');
    return;
  }
  expectStatus(this, this.response, [200]);
});

// P-PUT-06 (MAY): clearing an omitted attribute is what Okta's full-replace updates rely on; keeping it is legal.
Then('the omitted {string} is cleared, or kept with a warning', async function (this: ScimWorld, path: string) {
  const field = this.interpolate(path);
  expectStatus(this, this.response, [200]);
  const res = await this.fetch('GET', pathOf(bodyOf(this)));
  expectStatus(this, res, [200]);
  const v = getPath(res.json, field);
  if (v !== undefined && v !== null) this.warn(`${field}, omitted from the PUT, was kept (${JSON.stringify(v)}); full-replace clients such as Okta expect it cleared`);
});

// ---------- immutable attributes declared by the target (rfc-requirements.md §22 A19) ----------

/**
 * A single-valued string attribute of the User schema (or an extension of the User type) that the target's
 * /Schemas declares immutable: the core schema has none, so P-PUT-04/05 run only when the target declares one.
 */
Given('the published User schemas declare an immutable string attribute', async function (this: ScimWorld) {
  const types = await this.fetch('GET', '/ResourceTypes/User');
  const urns = [URN.User, ...((getPath(types.json, 'schemaExtensions') as Json[] | undefined) ?? []).map((e) => String(e.schema))];
  for (const urn of urns) {
    const res = await this.fetch('GET', `/Schemas/${urn}`);
    if (res.status !== 200) continue;
    const attr = ((getPath(res.json, 'attributes') as Json[] | undefined) ?? []).find((a) => a.mutability === 'immutable' && a.type === 'string' && !a.multiValued);
    if (attr) {
      this.remember('immutable attribute', { urn, name: attr.name, path: urn === URN.User ? attr.name : `${urn}:${String(attr.name)}` });
      return;
    }
  }
  return this.skip('the published User schemas declare no single-valued immutable string attribute (RFC 7643 core has none for Users)');
});

/** The body of a user with (or without) the immutable attribute, keyed as the schema requires. */
function withImmutable(world: ScimWorld, value: string | undefined): Json {
  const { urn, name } = world.fixture('immutable attribute') as { urn: string; name: string };
  if (value === undefined) return {};
  return urn === URN.User ? { [name]: value } : { schemas: [URN.User, urn], [urn]: { [name]: value } };
}

Given('a user exists with the immutable attribute set to {string}', async function (this: ScimWorld, value: string) {
  await this.createUser('user', withImmutable(this, this.interpolate(value)));
});

Given('a user exists without the immutable attribute', async function (this: ScimWorld) {
  await this.createUser('user', {});
});

When('I PUT the user with the immutable attribute set to {string}', async function (this: ScimWorld, value: string) {
  const user = this.fixture('user');
  const body = { schemas: [URN.User], userName: user.userName, ...withImmutable(this, this.interpolate(value)) };
  await this.call('PUT', pathOf(user), { body });
});

Then('reading the user back shows the immutable attribute as {string}', async function (this: ScimWorld, value: string) {
  const { path } = this.fixture('immutable attribute') as { path: string };
  const res = await this.fetch('GET', pathOf(this.fixture('user')));
  expectStatus(this, res, [200]);
  expectEqual(this, getPath(res.json, path), this.interpolate(value), `the immutable attribute ${path} is not ${value}`);
});
