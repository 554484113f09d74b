import { Given, Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectEqual, expectScimError, expectStatus } from '../assertions.ts';
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

// ---------- a Group's version follows its members (RFC 7644 §3.14; RFC 7643 §4.2: members are part of the Group) ----------

/** Whether the Group body lists the fixture `member` (by id) in `members`. */
const listsMember = (group: unknown, member: Json) =>
  ((getPath(group, 'members') as Json[] | undefined) ?? []).some((m) => String(m.value) === String(member.id));

/**
 * RFC 7644 §3.14: the version changes whenever the resource changes. Judged on a fresh GET (the ETag header; the
 * noted one came from a GET too), and on the last write's own response when it carries an ETag: a server that keeps
 * membership apart from the group's row can forget to move the version when only the member list changed, and a
 * client caching by If-None-Match then keeps the old member list.
 */
async function expectVersionMoved(world: ScimWorld, name: string, why: string): Promise<void> {
  const before = String(world.fixture(`${name} etag`).value);
  const write = world.last;
  const writeTag = write && write.status >= 200 && write.status < 300 && write.request.method !== 'DELETE' ? write.headers.etag : undefined;
  if (writeTag !== undefined) {
    world.check(writeTag !== before, `an ETag other than ${before}`, writeTag,
      `RFC 7644 §3.14: ${why}, but the ${write!.request.method} response carries the ETag the group had before`);
  }
  const back = await world.fetch('GET', pathOf(world.fixture(name)));
  expectStatus(world, back, [200]);
  const now = back.headers.etag;
  world.check(now !== undefined, 'an ETag header', null, 'GET has no ETag header although etag.supported is true');
  world.check(now !== before, `an ETag other than ${before}`, now ?? null, `RFC 7644 §3.14: ${why}, but the group still has the ETag it had before`);
}

Then('the version of {string} moved on from the one noted', async function (this: ScimWorld, name: string) {
  await expectVersionMoved(this, name, 'the group\'s members changed');
});

/**
 * After a member was deleted: RFC 7643 §2.3.7 lets the server keep listing it (P-DEL-07 reports that), and then the
 * group did not change and its version need not; once the member is gone from the list, the group changed.
 */
Then('if {string} no longer lists {string}, its version moved on from the one noted', async function (this: ScimWorld, name: string, member: string) {
  const back = await this.fetch('GET', pathOf(this.fixture(name)));
  expectStatus(this, back, [200]);
  if (listsMember(back.json, this.fixture(member))) {
    this.note(`the server still lists the deleted ${member} in ${name} (RFC 7643 §2.3.7 leaves that to it; P-DEL-07 reports it): the group did not change, so its version was not judged`);
    return;
  }
  await expectVersionMoved(this, name, `deleting ${member} took it out of the group's members`);
});

// ---------- the If-Match matrix: PUT, PATCH and DELETE with a current and a stale ETag, Users and Groups ----------

const CONDITIONAL = ['PUT', 'PATCH', 'DELETE'] as const;
type Conditional = (typeof CONDITIONAL)[number];

function conditional(method: string): Conditional {
  if (!(CONDITIONAL as readonly string[]).includes(method)) throw new Error(`unknown conditional method "${method}"; one of ${CONDITIONAL.join(', ')}`);
  return method as Conditional;
}

// RFC 7644 §3.14: If-Match is only meaningful with etag support (Background); a PATCH also needs patch support.
Given('the server supports conditional {word}', async function (this: ScimWorld, method: string) {
  if (conditional(method) === 'PATCH') return this.requireFeature('patch');
});

/**
 * Sends `method` to the fixture with `If-Match: <the ETag noted for it>`. PUT and PATCH set a new displayName
 * (User and Group both have one), remembered as "<name> intended" so the outcome steps can tell an applied
 * write from a lost one.
 */
When('I send a conditional {word} of {string} with its noted ETag', async function (this: ScimWorld, method: string, name: string) {
  const f = this.fixture(name);
  const etag = String(this.fixture(`${name} etag`).value);
  const isGroup = String(getPath(f, 'meta.resourceType')) === 'Group';
  const displayName = this.unique('if-match');
  this.remember(`${name} intended`, { displayName });
  const headers = { 'if-match': etag };
  switch (conditional(method)) {
    case 'PUT': {
      const body = isGroup ? { schemas: [URN.Group], displayName } : { schemas: [URN.User], userName: f.userName, displayName };
      await this.call('PUT', pathOf(f), { headers, body });
      return;
    }
    case 'PATCH':
      await this.call('PATCH', pathOf(f), { headers, body: { schemas: [URN.PatchOp], Operations: [{ op: 'replace', path: 'displayName', value: displayName }] } });
      return;
    case 'DELETE':
      await this.call('DELETE', pathOf(f), { headers });
  }
});

/**
 * RFC 7644 §3.14: with If-Match on PUT and PATCH "the requested operation succeeds only if the supplied ETag matches
 * the latest service provider resource" (RFC 7232 §3.1 for DELETE), so a current ETag (the one a GET just gave, weak
 * ones included, as in the RFC's own `If-Match: W/"e180ee84f0671b1"`) lets it succeed: PUT 200, PATCH 200 or 204
 * (§3.5.2), DELETE 204 (§3.6); and the write is really applied. A server that compares the ETag after applying the
 * change answers 412 here.
 */
Then('the conditional {word} of {string} succeeded and was applied', async function (this: ScimWorld, method: string, name: string) {
  const kind = conditional(method);
  const res = this.response;
  const allowed = kind === 'PUT' ? [200] : kind === 'PATCH' ? [200, 204] : [204];
  this.check(allowed.includes(res.status), allowed, res.status,
    `${kind === 'DELETE' ? 'RFC 7232 §3.1' : 'RFC 7644 §3.14'}: an If-Match carrying the current ETag lets the ${kind} succeed (the precondition holds), but it answered ${res.status}` +
      (res.status === 412 ? ' (a server that compares the ETag after applying the change refuses its own current version)' : ''));
  const f = this.fixture(name);
  const back = await this.fetch('GET', pathOf(f));
  if (kind === 'DELETE') return expectScimError(this, back, [404]);
  expectStatus(this, back, [200]);
  const want = this.fixture(`${name} intended`).displayName;
  expectEqual(this, getPath(back.json, 'displayName'), want, `the conditional ${kind} answered ${res.status} but the change is not stored`);
});

/**
 * RFC 7644 §3.12 Table 8 / RFC 7232 §3.1: a stale If-Match fails the precondition (412; 409 with a warning, §22 A2)
 * and changes nothing: the resource keeps the displayName it had after the intervening change, and a DELETE
 * leaves it readable.
 */
Then('the stale conditional {word} of {string} was refused and changed nothing', async function (this: ScimWorld, method: string, name: string) {
  const kind = conditional(method);
  const res = this.response;
  this.check([409, 412].includes(res.status), 412, res.status,
    `RFC 7232 §3.1: an origin server MUST NOT perform the ${kind} when the If-Match condition is false (a stale ETag; expected 412 Precondition Failed), but it answered ${res.status}`);
  expectScimError(this, res, [412, 409]);
  if (res.status === 409) this.warn('a stale If-Match answered 409 instead of 412 Precondition Failed');
  const f = this.fixture(name);
  const back = await this.fetch('GET', pathOf(f));
  this.check(back.status === 200, 200, back.status, `the refused ${kind} still removed or broke the resource (GET answers ${back.status})`);
  if (kind !== 'DELETE') expectEqual(this, getPath(back.json, 'displayName'), f.displayName, `the refused ${kind} still changed the resource`);
});
