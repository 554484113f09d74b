import { Given, Then } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectDeclinedAs, expectEqual, expectScimError, expectStatus } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import { tolerance } from '../tolerances.ts';
import type { Json, ScimWorld } from '../world.ts';

/** Core schema rules of RFC 7643 checked on returned resources. */

const pathOf = (f: Json) => `${String(getPath(f, 'meta.resourceType')) === 'Group' ? '/Groups' : '/Users'}/${encodeURIComponent(String(f.id))}`;

Then('the body\'s schemas has no duplicates and only URNs its ResourceType allows', async function (this: ScimWorld) {
  const body = bodyOf(this);
  const schemas = (body.schemas as string[] | undefined) ?? [];
  this.check(new Set(schemas).size === schemas.length, 'no duplicate URNs', schemas, 'schemas lists a URN twice');
  const typeName = String(getPath(body, 'meta.resourceType') ?? (schemas.includes(URN.Group) ? 'Group' : 'User'));
  const res = await this.fetch('GET', `/ResourceTypes/${typeName}`);
  expectStatus(this, res, [200]);
  const type = bodyOf(this, res);
  const allowed = [type.schema, ...((type.schemaExtensions as Json[] | undefined) ?? []).map((e) => e.schema)];
  const extra = schemas.filter((s) => !allowed.includes(s));
  this.check(extra.length === 0, allowed, schemas, `schemas lists URNs the ${typeName} ResourceType does not: ${extra.join(', ')}`);
});

Then('the body field {string} is an array of objects', function (this: ScimWorld, field: string) {
  const v = getPath(bodyOf(this), field);
  this.check(Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x)), 'an array of objects', v ?? null, `${field} is not an array of objects`);
});

Then('the body field {string} is an object', function (this: ScimWorld, field: string) {
  const v = getPath(bodyOf(this), field);
  this.check(typeof v === 'object' && v !== null && !Array.isArray(v), 'an object', v ?? null, `${field} is not an object`);
});

Then('the body field {string} does not contain {string}', function (this: ScimWorld, field: string, text: string) {
  const v = String(getPath(bodyOf(this), field));
  this.check(!v.includes(text), `no "${text}"`, v, `${field} contains "${text}"`);
});

// rfc-requirements.md §22 A22: rejecting (400 invalidValue) or normalising is fine; two stored primaries is not.
Then('at most one {string} value is primary, or the request was refused with invalidValue', async function (this: ScimWorld, field: string) {
  if (this.response.status === 400) return expectDeclinedAs(this, this.response, [400], ['invalidValue'], 'a refusal of two primary values, §22 A22');
  expectStatus(this, this.response, [201, 200]);
  const res = await this.fetch('GET', pathOf(bodyOf(this)));
  const primaries = ((getPath(res.json, field) as Json[] | undefined) ?? []).filter((v) => v.primary === true);
  this.check(primaries.length <= 1, 'at most one primary', primaries, `${primaries.length} ${field} values are primary`);
});

Then('the {string} value {string} of type {string} is listed once, or the request was refused', function (this: ScimWorld, field: string, value: string, type: string) {
  if (this.response.status === 400) return expectScimError(this, this.response, [400]);
  expectStatus(this, this.response, [201]);
  const want = this.interpolate(value).toLowerCase();
  const same = ((getPath(bodyOf(this), field) as Json[] | undefined) ?? []).filter((v) => String(v.value).toLowerCase() === want && v.type === type);
  this.check(same.length === 1, 1, same.length, `the same (type, value) pair is listed ${same.length} times`);
});

Then('every member $ref of the group resolves to that member', async function (this: ScimWorld) {
  const members = (getPath(bodyOf(this), 'members') as Json[] | undefined) ?? [];
  this.check(members.length > 0, 'members', members, 'the group lists no members');
  for (const m of members) {
    const ref = m.$ref;
    if (ref === undefined || ref === null) {
      // tolerance members-ref-optional: RFC 7643 §8.7.1 declares members.$ref "required": false.
      this.warn(`member ${String(m.value)} has no $ref (OPTIONAL per ${tolerance('members-ref-optional').clause.split(' (')[0]}); clients cannot follow it`);
      continue;
    }
    this.check(typeof ref === 'string', 'a $ref URI', ref, `member ${String(m.value)} has a $ref that is not a string`);
    const url = this.reference(ref);
    this.check(url !== undefined, 'a URI reference', ref, `member ${String(m.value)} has a $ref that is not a URI reference`);
    const res = await this.fetch('GET', url!.href);
    expectStatus(this, res, [200]);
    expectEqual(this, bodyOf(this, res).id, m.value, `member $ref ${String(ref)} leads to another resource`);
  }
});

Then('the member {string} of the group is described consistently', function (this: ScimWorld, name: string) {
  const user = this.fixture(name);
  const member = ((getPath(bodyOf(this), 'members') as Json[] | undefined) ?? []).find((m) => m.value === user.id);
  this.check(member !== undefined, `a member with value ${String(user.id)}`, getPath(bodyOf(this), 'members') ?? null, `${name} is not listed by its id`);
  if (member!.type !== undefined) expectEqual(this, member!.type, 'User', 'member type is not "User"');
  if (member!.$ref !== undefined) {
    this.check(this.reference(member!.$ref)?.pathname.endsWith(`/Users/${String(user.id)}`) === true, `…/Users/${String(user.id)}`, member!.$ref, 'member $ref is not the user\'s URI');
  }
});

Then('the body field {string} has a value {string}', function (this: ScimWorld, field: string, value: string) {
  const values = ((getPath(bodyOf(this), field) as Json[] | undefined) ?? []).map((v) => v.value);
  const want = this.interpolate(value);
  this.check(values.includes(want), `a value ${want}`, values, `${field} has no value ${want}`);
});

Given('the published User schema has a {string} attribute', async function (this: ScimWorld, name: string) {
  const res = await this.fetch('GET', `/Schemas/${URN.User}`);
  const attrs = (getPath(res.json, 'attributes') as Json[] | undefined) ?? [];
  if (!attrs.some((a) => String(a.name).toLowerCase() === name.toLowerCase())) return this.skip(`the published User schema has no ${name} attribute`);
});

Given('a ResourceType requires an extension', async function (this: ScimWorld) {
  const res = await this.fetch('GET', '/ResourceTypes/User');
  const required = ((getPath(res.json, 'schemaExtensions') as Json[] | undefined) ?? []).find((e) => e.required === true);
  if (!required) return this.skip('no User schema extension is marked required: true');
  this.remember('required extension', required);
});

/**
 * RFC 7643 §3.1: lastModified is when the resource's details were last updated ("equal [to created] only if never
 * modified"), so after a change it is later than `earlier`. A server whose timestamps have whole-second granularity
 * can show equal values after a quick update: that is reported as a warning, not a failure. `what` names the change.
 */
function expectLaterModified(world: ScimWorld, earlier: string, modified: string, what: string): void {
  const e = Date.parse(earlier);
  const m = Date.parse(modified);
  world.check(m >= e, `lastModified ≥ ${earlier}`, modified, `meta.lastModified went back to before ${earlier} ${what}`);
  if (m === e) {
    const coarse = !/\.\d+/.test(earlier) && !/\.\d+/.test(modified);
    if (coarse) world.warn(`meta.lastModified did not move ${what} (whole-second timestamps?)`);
    else world.fail(`lastModified > ${earlier}`, modified, `meta.lastModified did not move ${what}`);
  }
}

Then('meta.lastModified is later than meta.created', function (this: ScimWorld) {
  const body = bodyOf(this);
  const created = String(getPath(body, 'meta.created'));
  const modified = String(getPath(body, 'meta.lastModified'));
  this.check(Date.parse(modified) >= Date.parse(created), `lastModified ≥ ${created}`, modified, 'meta.lastModified is before meta.created');
  expectLaterModified(this, created, modified, 'after an update');
});

/**
 * A Group's members are part of it (RFC 7643 §4.2), so a change of its member list is a modification: the group read
 * back has a meta.lastModified later than the one its fixture had (on a fresh group, equal to meta.created). The
 * meta sub-attributes are not REQUIRED (RFC 7643 §3.1): a server that returns no lastModified is skipped, not failed.
 */
async function expectGroupModified(world: ScimWorld, name: string, back: Json, what: string): Promise<'skipped' | undefined> {
  const earlier = getPath(world.fixture(name), 'meta.lastModified');
  const modified = getPath(back, 'meta.lastModified');
  if (typeof earlier !== 'string' || typeof modified !== 'string') {
    return world.skip('the server returns no meta.lastModified for a Group (RFC 7643 §3.1: meta sub-attributes are not required)');
  }
  expectLaterModified(world, earlier, modified, what);
  return undefined;
}

Then('meta.lastModified of {string} moved past the one it had', async function (this: ScimWorld, name: string) {
  const back = await this.fetch('GET', pathOf(this.fixture(name)));
  expectStatus(this, back, [200]);
  return expectGroupModified(this, name, bodyOf(this, back), 'when the group\'s members changed');
});

/** After a member was deleted: judged only when the member left the list (RFC 7643 §2.3.7 lets the server keep it). */
Then('if {string} no longer lists {string}, its meta.lastModified moved past the one it had', async function (this: ScimWorld, name: string, member: string) {
  const back = await this.fetch('GET', pathOf(this.fixture(name)));
  expectStatus(this, back, [200]);
  const listed = ((getPath(back.json, 'members') as Json[] | undefined) ?? []).some((m) => String(m.value) === String(this.fixture(member).id));
  if (listed) {
    this.note(`the server still lists the deleted ${member} in ${name} (RFC 7643 §2.3.7 leaves that to it; P-DEL-07 reports it): the group did not change, so its lastModified was not judged`);
    return undefined;
  }
  return expectGroupModified(this, name, bodyOf(this, back), `when deleting ${member} took it out of the group's members`);
});

/**
 * S-GROUP-02 / S-GROUP-03 (MAY): a group create naming a member the server need not take (a nested Group, an id that
 * names nothing; RFC 7643 §4.2, §2.3.7). Every legal answer passes, and the report records which the server chose:
 * 201 listing the member; 201 without it (RFC 7644 §3.3 lets a server ignore POSTed content; warned, since the client
 * is not told); or a 400 SCIM error. A 201 must still have created the group it names, with the displayName sent.
 */
Then('the group was created with the member {string}, or refused with a SCIM error 400', async function (this: ScimWorld, member: string) {
  const res = this.response;
  const value = this.interpolate(member);
  if (res.status >= 400) {
    expectScimError(this, res, [400]);
    const scimType = getPath(res.json, 'scimType');
    this.note(`the server chose to refuse the member ${value} (400${typeof scimType === 'string' ? ` ${scimType}` : ''}) over accepting it`);
    return;
  }
  expectStatus(this, res, [201]);
  const id = bodyOf(this).id;
  this.check(typeof id === 'string' && id !== '', 'the created group with its id', id ?? null, 'the 201 body is not the created group (no id)');
  const back = await this.fetch('GET', `/Groups/${encodeURIComponent(String(id))}`);
  expectStatus(this, back, [200]);
  expectEqual(this, getPath(back.json, 'displayName'), getPath(res.request.body, 'displayName'), 'the group answered 201 is not stored with the displayName sent');
  const kept = ((getPath(back.json, 'members') as Json[] | undefined) ?? []).some((m) => String(m.value) === value);
  if (kept) this.note(`the server chose to accept the member ${value} (201, and the group lists it) over refusing it`);
  else this.warn(`the server answered 201 but the group does not list the member ${value}: dropped without telling the client (RFC 7644 §3.3 allows it; a 400 would say so)`);
});
