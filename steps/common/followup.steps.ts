import { Given, Then } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, DATE_TIME, expectEqual, expectStatus } from '../assertions.ts';
import { isAbsoluteUri } from '../../scim/uri-reference.ts';
import { getPath } from '../interpolate.ts';
import { tolerance } from '../tolerances.ts';
import type { Json, ScimWorld } from '../world.ts';

/**
 * Then steps that look further than the last response: read a resource back, compare URLs, check dates.
 * They use fetch(), so `last` stays the response of the When step.
 */

/** An absolute URL without a trailing slash, so that "…/Users/1" and "…/Users/1/" compare equal. */
const normalise = (url: URL) => url.href.replace(/\/+$/, '');

/** The resource the last response created or returned. */
const current = (world: ScimWorld) => bodyOf(world);
const endpointOfBody = (body: Json) => (String(getPath(body, 'meta.resourceType') ?? 'User') === 'Group' ? '/Groups' : '/Users');

Then('the Location header is the URL of the created resource', function (this: ScimWorld) {
  const location = this.response.headers.location;
  const body = current(this);
  this.check(location !== undefined, 'a Location header', null, 'the 201 has no Location header');
  // Location is a URI-reference (RFC 7231 §7.1.2): a relative one is legal and resolved (tolerance "relative-references").
  const url = this.headerLocation();
  this.check(url !== undefined, 'a URI reference', location, 'Location is not a URI reference');
  if (!isAbsoluteUri(location!)) this.warn(`Location "${location}" is a relative reference: legal (${tolerance('relative-references').clause}), resolved to ${url!.href}`);
  this.check(url!.pathname.replace(/\/+$/, '').endsWith(`/${encodeURIComponent(String(body.id))}`), `…/${String(body.id)}`, location,
    'Location does not name the created resource');
});

Then('the Location header equals the body\'s meta.location', function (this: ScimWorld) {
  const location = this.response.headers.location;
  const meta = getPath(current(this), 'meta.location');
  this.check(location !== undefined, 'a Location header', null, 'no Location header');
  // Both are URI references; each is resolved against its own base before comparing (tolerance "relative-references").
  const header = this.headerLocation();
  const body = this.reference(meta);
  this.check(header !== undefined && body !== undefined && normalise(header) === normalise(body), location, meta ?? null, 'meta.location differs from the Location header');
});

Then('reading the resource back answers {int}', async function (this: ScimWorld, status: number) {
  const body = current(this);
  const res = await this.fetch('GET', `${endpointOfBody(body)}/${encodeURIComponent(String(body.id))}`);
  expectStatus(this, res, [status]);
});

Then('reading the resource back shows the body field {string} as {string}', async function (this: ScimWorld, field: string, value: string) {
  field = this.interpolate(field);
  const body = current(this);
  const res = await this.fetch('GET', `${endpointOfBody(body)}/${encodeURIComponent(String(body.id))}`);
  expectStatus(this, res, [200]);
  const want = this.interpolate(value);
  expectEqual(this, getPath(res.json, field), want, `read back, ${field} is not ${JSON.stringify(want)}`);
});

Then('a GET of {string} answers {int}', async function (this: ScimWorld, path: string, status: number) {
  const res = await this.fetch('GET', this.interpolate(path));
  expectStatus(this, res, [status]);
});

Then('the body field {string} is a DateTime', function (this: ScimWorld, field: string) {
  field = this.interpolate(field);
  const v = getPath(current(this), field);
  this.check(typeof v === 'string' && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)), 'an xsd:dateTime with date and time', v ?? null, `${field} is not an xsd:dateTime`);
});

Then('the body fields {string} and {string} are the same instant', function (this: ScimWorld, a: string, b: string) {
  const va = getPath(current(this), a);
  const vb = getPath(current(this), b);
  this.check(Date.parse(String(va)) === Date.parse(String(vb)), va, vb, `${a} and ${b} differ on a fresh resource`);
});

Then('the body field {string} is later than {int}', function (this: ScimWorld, field: string, year: number) {
  field = this.interpolate(field);
  const v = getPath(current(this), field);
  this.check(Date.parse(String(v)) > Date.UTC(year, 11, 31), `after ${year}`, v ?? null, `${field} kept the client's value`);
});

Then('the body field {string} is after {string}', function (this: ScimWorld, later: string, earlier: string) {
  const body = current(this);
  const a = Date.parse(String(getPath(body, later)));
  const b = Date.parse(String(getPath(body, earlier)));
  this.check(a > b, `${later} > ${earlier}`, { [later]: getPath(body, later), [earlier]: getPath(body, earlier) }, `${later} is not after ${earlier}`);
});

Then('the user {string} is not a member of {string}', async function (this: ScimWorld, userName: string, groupName: string) {
  const userId = userName === 'created' ? current(this).id : this.fixture(userName).id;
  const group = this.fixture(groupName);
  const res = await this.fetch('GET', `/Groups/${encodeURIComponent(String(group.id))}`);
  expectStatus(this, res, [200]);
  const members = ((getPath(res.json, 'members') as Json[] | undefined) ?? []).map((m) => m.value);
  this.check(!members.includes(userId), `members without ${String(userId)}`, members, `the user is a member of ${groupName}`);
});

Then('the body lists schema {string}', function (this: ScimWorld, urn: string) {
  const schemas = getPath(current(this), 'schemas');
  const want = urn === 'enterprise' ? URN.EnterpriseUser : urn;
  this.check(Array.isArray(schemas) && schemas.includes(want), `schemas containing ${want}`, schemas ?? null, `schemas does not list ${want}`);
});

Given('the server supports the enterprise extension', async function (this: ScimWorld) {
  const pub = await this.published();
  if (!pub.hasExtension('User', URN.EnterpriseUser)) {
    return this.skip(`the User ResourceType does not list the enterprise extension, or /Schemas does not define it (${tolerance('unpublished-attribute').clause})`);
  }
});

// Checks on an optional attribute (password, groups, title…) run only when the target publishes it.
Given('the server publishes the {string} attribute of {word}', async function (this: ScimWorld, path: string, type: string) {
  if (type !== 'User' && type !== 'Group') throw new Error(`User or Group, not ${type}`);
  return this.requirePublished(type, path);
});

// A check that rests on an attribute's type (Binary, Boolean…) runs only when the target publishes it with that type:
// a target may publish x509Certificates.value as a string, where the same request is legal.
Given('the server publishes the {string} attribute of {word} as {word}', async function (this: ScimWorld, path: string, type: string, attrType: string) {
  if (type !== 'User' && type !== 'Group') throw new Error(`User or Group, not ${type}`);
  if ((await this.requirePublished(type, path)) === 'skipped') return 'skipped';
  const published = (await this.published()).attribute(type, path)!;
  if (published.type.toLowerCase() !== attrType.toLowerCase()) {
    return this.skip(`the target publishes the ${type} attribute "${path}" as ${published.type}, not ${attrType} (${tolerance('unpublished-attribute').clause})`);
  }
});

/**
 * Remembers as the fixture "attribute" ({{attribute.name}}) a singular string attribute the target publishes as
 * writable, preferring nickName, then title: scenarios that need "some attribute to write" never hard-code one
 * the target may not have (tolerance unpublished-attribute).
 */
Given('a writable string attribute of {word}', async function (this: ScimWorld, type: string) {
  const pub = await this.published();
  const name = pub.writableString(type, ['nickName', 'title', 'profileUrl', 'locale', 'preferredLanguage']);
  if (!name) return this.skip(`the target publishes no writable singular string attribute of ${type} besides its name (${tolerance('unpublished-attribute').clause})`);
  this.remember('attribute', { name });
});

Then('reading the resource back shows the body field {string} as the boolean {word}', async function (this: ScimWorld, field: string, value: string) {
  field = this.interpolate(field);
  const body = current(this);
  const res = await this.fetch('GET', `${endpointOfBody(body)}/${encodeURIComponent(String(body.id))}`);
  expectStatus(this, res, [200]);
  expectEqual(this, getPath(res.json, field), value === 'true', `read back, ${field} is not the JSON boolean ${value}`);
});
