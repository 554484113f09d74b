import { Given, Then } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectScimError, expectStatus } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import type { Json, ScimWorld } from '../world.ts';

/** Versioning with ETags (RFC 7644 §3.14, RFC 7232). */

const ENTITY_TAG = /^(W\/)?"[^"]*"$/;
const pathOf = (f: Json) => `${String(getPath(f, 'meta.resourceType')) === 'Group' ? '/Groups' : '/Users'}/${encodeURIComponent(String(f.id))}`;

Given('I note the ETag of {string}', async function (this: ScimWorld, name: string) {
  const res = await this.fetch('GET', pathOf(this.fixture(name)));
  expectStatus(this, res, [200]);
  const etag = res.headers.etag;
  this.check(etag !== undefined, 'an ETag header', null, 'GET has no ETag header although etag.supported is true');
  this.remember(`${name} etag`, { value: etag });
});

Given('the displayName of {string} was changed', async function (this: ScimWorld, name: string) {
  const f = this.fixture(name);
  const isGroup = String(getPath(f, 'meta.resourceType')) === 'Group';
  const displayName = this.unique('changed');
  const body = isGroup ? { schemas: [URN.Group], displayName } : { schemas: [URN.User], userName: f.userName, displayName };
  const res = await this.fetch('PUT', pathOf(f), { body });
  expectStatus(this, res, [200]);
  this.remember(name, res.json as Json);
});

Then('the ETag is a well-formed entity tag', function (this: ScimWorld) {
  const etag = this.response.headers.etag;
  this.check(etag !== undefined && ENTITY_TAG.test(etag), 'W/"…" or "…"', etag ?? null, 'the ETag header is not a (weak or strong) entity tag');
  const version = getPath(bodyOf(this), 'meta.version');
  if (version !== undefined) this.check(typeof version === 'string' && ENTITY_TAG.test(version), 'W/"…" or "…"', version, 'meta.version is not an entity tag');
});

Then('the ETag differs from the one noted for {string}', function (this: ScimWorld, name: string) {
  const before = this.fixture(`${name} etag`).value;
  const now = this.response.headers.etag;
  this.check(now !== undefined && now !== before, `an ETag other than ${String(before)}`, now ?? null, 'the version did not change with the resource');
});

// rfc-requirements.md §22 A2: HTTP says 412 for a failed If-Match; 409 is reported as a deviation.
Then('the response is a 412 precondition failure, or a 409 with a warning', function (this: ScimWorld) {
  expectScimError(this, this.response, [412, 409]);
  if (this.response.status === 409) this.warn('a stale If-Match answered 409 instead of 412 Precondition Failed');
});
