import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectDeclinedAs, expectEqual, expectScimError, expectStatus, listOf } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import { listedResources } from '../listing.ts';
import { tolerance } from '../tolerances.ts';
import type { Json, ScimWorld } from '../world.ts';

/**
 * Filtering (RFC 7644 §3.4.2.2) and the fixture tables the query features (filter, sort, paging, search) share.
 *
 * A vendor's server holds other data and other workers run in parallel, so every query of these features is
 * scoped to the scenario's own resources: the tables give each userName, externalId, email value and group
 * displayName the scenario's scope prefix (`{{scope.prefix}}`), and the features filter on it.
 */

/** "u1, u2 and u3" → ["u1", "u2", "u3"]; "" or "nothing" → []. */
export const fixtureNames = (list: string): string[] =>
  list.trim() === 'nothing' ? [] : list.split(/\s*(?:,|\band\b)\s*/).map((n) => n.trim()).filter(Boolean);

/** Ids of the named fixtures, in the order given. */
export const idsOf = (world: ScimWorld, names: string): unknown[] => fixtureNames(names).map((n) => world.fixture(n).id);

/**
 * Prefix of every name this scenario generates (the run prefix plus the scenario key), remembered as the
 * fixture "scope" so that features can write `userName sw "{{scope.prefix}}"`.
 */
export function rememberScope(world: ScimWorld): string {
  const prefix = `${world.params.prefix}${world.scenarioKey}-`;
  world.remember('scope', { prefix });
  return prefix;
}

/**
 * Sets (or, for `undefined`, removes) a dotted (`name.familyName`) or URN-qualified (`urn:…:User:employeeNumber`)
 * attribute path in a body. Removing creates nothing: an empty extension object would still list its URN.
 */
function setPath(body: Json, path: string, value: unknown): void {
  const colon = path.lastIndexOf(':');
  const urn = colon > 0 ? path.slice(0, colon) : undefined;
  const segments = (urn ? path.slice(colon + 1) : path).split('.');
  const last = segments.pop()!;
  const extension = urn !== undefined && urn !== URN.User && urn !== URN.Group ? urn : undefined;
  if (value === undefined) {
    let holder: unknown = extension ? body[extension] : body;
    for (const segment of segments) holder = (holder as Json | undefined)?.[segment];
    if (typeof holder === 'object' && holder !== null) delete (holder as Json)[last];
    return;
  }
  let target = body;
  if (extension) {
    const schemas = body.schemas as string[];
    if (!schemas.includes(extension)) schemas.push(extension);
    target = (body[extension] ??= {}) as Json;
  }
  for (const segment of segments) target = (target[segment] ??= {}) as Json;
  target[last] = value;
}

/** "work:a@x.com*, home:b@y.com" → multi-valued emails; `*` marks the primary value; values get the scope prefix. */
function emailsCell(cell: string, scope: string): Json[] {
  return cell.split(/\s*,\s*/).map((part) => {
    const m = /^(\w+):(\S+?)(\*)?$/.exec(part);
    if (!m) throw new Error(`an emails cell is written "type:value", "*" after the primary value; got "${part}"`);
    return { type: m[1], value: `${scope}${m[2]}`, ...(m[3] ? { primary: true } : {}) };
  });
}

/**
 * Table columns: `fixture` (the name steps use), then attribute paths. userName and externalId get the scope
 * prefix; `emails` is parsed by emailsCell; `active` is a boolean; an empty cell means "no value" (the faker
 * default is removed too); any other value is sent as written (after placeholder interpolation).
 */
function userFromRow(world: ScimWorld, row: Record<string, string>, scope: string): Json {
  const body = world.userBody();
  for (const [column, raw] of Object.entries(row)) {
    if (column === 'fixture') continue;
    const cell = world.interpolate(raw.trim());
    if (cell === '') setPath(body, column, undefined);
    else if (column === 'userName' || column === 'externalId') setPath(body, column, `${scope}${cell}`);
    else if (column === 'emails') body.emails = emailsCell(cell, scope);
    else if (column === 'active') body.active = cell === 'true';
    else setPath(body, column, cell);
  }
  return body;
}

Given('these users exist:', async function (this: ScimWorld, table: DataTable) {
  const scope = rememberScope(this);
  // One after the other: the creation order is part of some scenarios (sorting, lastModified).
  for (const row of table.hashes()) {
    if (!row.fixture) throw new Error('a users table needs a "fixture" column naming each user');
    await this.createResource('/Users', userFromRow(this, row, scope), row.fixture);
  }
});

/** Columns: `fixture`, `displayName` (gets the scope prefix), optional `members` (fixture names). */
Given('these groups exist:', async function (this: ScimWorld, table: DataTable) {
  const scope = rememberScope(this);
  for (const row of table.hashes()) {
    const members = row.members ? idsOf(this, row.members).map((value) => ({ value })) : [];
    const body = this.groupBody({ displayName: `${scope}${row.displayName}`, ...(members.length ? { members } : {}) });
    await this.createResource('/Groups', body, row.fixture);
  }
});

/** How many users the filter.maxResults check creates at most; beyond it the check is skipped (not worth the load). */
const MAX_FIXTURES_FOR_MAX_RESULTS = 200;
/** Fixture creation in small concurrent batches: hundreds of serial round trips would dominate the suite's time. */
const CREATE_CONCURRENCY = 4;

/** Up to 201 creates in one step: cucumber's 5 s default is far too short on a loaded machine; 1 s per create is ample. */
const MAX_RESULTS_SETUP_BUDGET_MS = (MAX_FIXTURES_FOR_MAX_RESULTS + 1) * 1_000;

Given('more users exist than the ServiceProviderConfig\'s filter.maxResults', { timeout: MAX_RESULTS_SETUP_BUDGET_MS }, async function (this: ScimWorld) {
  const { filter } = await this.capabilities();
  if (filter.maxResults === undefined) return this.skip('ServiceProviderConfig has no filter.maxResults');
  if (filter.maxResults > MAX_FIXTURES_FOR_MAX_RESULTS) {
    return this.skip(`filter.maxResults is ${filter.maxResults}: exceeding it would take more than ${MAX_FIXTURES_FOR_MAX_RESULTS} fixture users`);
  }
  rememberScope(this);
  const bodies = Array.from({ length: filter.maxResults + 1 }, () => this.userBody());
  for (let i = 0; i < bodies.length; i += CREATE_CONCURRENCY) {
    await Promise.all(bodies.slice(i, i + CREATE_CONCURRENCY).map((b) => this.createResource('/Users', b)));
  }
});

// ---------- actions ----------

/** The filter goes through encodeURIComponent (spaces as %20); P-FILTER-33 sends other encodings with `I GET`. */
function listWithFilter(world: ScimWorld, endpoint: string, filter: string) {
  return world.call('GET', `/${endpoint}?filter=${encodeURIComponent(world.interpolate(filter))}`);
}

When('I list {word} with filter {string}', async function (this: ScimWorld, endpoint: string, filter: string) {
  await listWithFilter(this, endpoint, filter);
  return this.scopeDeclined();
});

// A docstring keeps quotes, apostrophes and backslashes of JSON string literals as written.
When('I list {word} with the filter:', async function (this: ScimWorld, endpoint: string, filter: string) {
  await listWithFilter(this, endpoint, filter.trim());
  return this.scopeDeclined();
});

// ---------- outcomes ----------

/**
 * A refusal of a filter the server does not handle: a 400 (RFC 7644 §3.4.2.2). Its scimType is then judged by
 * expectDeclinedAs: invalidFilter passes, none warns (OPTIONAL, §3.12), another keyword fails (the server refused
 * for another reason than declining the filter, so the refusal does not stand in for the result).
 */
const DECLINED_FILTER = 'RFC 7644 Table 9: an attribute and comparison combination the server does not support';
const refusedAsInvalidFilter = (world: ScimWorld) => world.response.status === 400;

async function expectExactly(world: ScimWorld, names: string): Promise<void> {
  expectStatus(world, world.response, [200]);
  const ids = (await listedResources(world)).map((r) => r.id).sort();
  expectEqual(world, ids, idsOf(world, names).sort(), `the filter did not find exactly ${names}`);
}

// MUST† rows where Table 9 lets the server decline an attribute/operator combination instead (P-FILTER-29).
// Also the rows of comparison operators other than eq, which a server may decline (tolerance declined-operator).
Then('the filter finds exactly {string}, or is refused with invalidFilter', async function (this: ScimWorld, names: string) {
  if (this.response.status === 400) return expectDeclinedAs(this, this.response, [400], ['invalidFilter'], DECLINED_FILTER);
  await expectExactly(this, names);
});

// Rows of a comparison operator other than eq: RFC 7644 Table 9 lets a server decline it (tolerance declined-operator);
// the refusal must still be a proper SCIM error, and the scenario is then skipped, never failed.
Then('the response status is 200, or the server declines the operator with invalidFilter', function (this: ScimWorld) {
  if (this.response.status === 400) {
    expectDeclinedAs(this, this.response, [400], ['invalidFilter'], DECLINED_FILTER);
    const filter = new URL(this.response.request.url).searchParams.get('filter');
    return this.skip(`the server declines the filter ${JSON.stringify(filter)} with 400 invalidFilter (${tolerance('declined-operator').clause})`);
  }
  expectStatus(this, this.response, [200]);
});

/**
 * RFC 7644 §3.4.2.2 (filters MUST conform to the ABNF, compValue from JSON) and Table 9: a malformed filter is
 * 400 invalidFilter. A 200 list, empty or not, means the server guessed at the value, and an IdP checking whether
 * a user exists reads an empty one as "create it": the duplicate-user fault.
 */
Then('the malformed filter is refused with invalidFilter, not answered with a list', function (this: ScimWorld) {
  const res = this.response;
  if (res.status === 200) {
    const total = getPath(res.json, 'totalResults');
    this.fail('400 invalidFilter', `200 with totalResults ${JSON.stringify(total)}`,
      'RFC 7644 §3.4.2.2: filters MUST conform to the ABNF (a value is a JSON string, number, true, false or null); this one does not, so it is 400 invalidFilter (Table 9), ' +
        'but the server answered 200 with a list: an IdP reads an empty one as "no such user" and creates a duplicate');
  }
  expectScimError(this, res, [400], ['invalidFilter']);
});

// tolerance filter-literal-case: `True` read as the JSON true passes with a warning; refusing it is exact.
Then('the filter is refused with invalidFilter, or finds exactly {string} with a warning', async function (this: ScimWorld, names: string) {
  if (this.response.status === 400) return expectScimError(this, this.response, [400], ['invalidFilter']);
  await expectExactly(this, names);
  this.warn(`a literal in ${new URL(this.response.request.url).searchParams.get('filter')} is not JSON (true, false and null are lower case; strings take double quotes) but was read as one (${tolerance('filter-literal-case').clause})`);
});

// MAY rows (complex value filters, schemas/meta.resourceType, members): a server that declines them is not wrong.
Then('the optional filter finds exactly {string}', async function (this: ScimWorld, names: string) {
  if (refusedAsInvalidFilter(this)) {
    expectDeclinedAs(this, this.response, [400], ['invalidFilter'], DECLINED_FILTER);
    return this.skip('the server declines this optional kind of filter with 400 invalidFilter');
  }
  await expectExactly(this, names);
});

// "tooMany or invalidFilter": a server may also decline the operator itself (tolerance declined-operator).
Then('the response is a ListResponse, or a SCIM error with status {int} and scimType {string}', function (this: ScimWorld, status: number, scimType: string) {
  // A 403 sensitive refusal fits a password filter too (tolerance error-keyword-sensitive).
  if (this.response.status >= 400) return expectDeclinedAs(this, this.response, [status], scimType.split(/\s+or\s+/), 'RFC 7644 Table 9: a declined filter');
  expectStatus(this, this.response, [200, status]);
  listOf(this);
});

// P-FILTER-28: the SHOULD half of the row (detail names the operator).
Then('the error detail mentions {string}', function (this: ScimWorld, text: string) {
  const detail = getPath(bodyOf(this), 'detail');
  this.check(typeof detail === 'string' && detail.toLowerCase().includes(text.toLowerCase()), `a detail mentioning "${text}"`, detail ?? null,
    `the error detail does not mention "${text}"`);
});

// P-FILTER-34: whatever a server does with `password eq`, the listed resources must not carry the value.
Then('no listed resource reveals {string}', function (this: ScimWorld, secret: string) {
  if (this.response.status !== 200) return;
  const value = this.interpolate(secret);
  const leaking = listOf(this).filter((r) => JSON.stringify(r).includes(value)).map((r) => r.id);
  this.check(leaking.length === 0, 'no resource containing the password', leaking, 'a listed resource contains the password');
});

// P-FILTER-36 (SPC filter.supported false): 400 invalidFilter, or 501 for "not implemented"; never the unfiltered list.
Then('the filter is refused rather than ignored', function (this: ScimWorld) {
  if (this.response.status === 501) return expectScimError(this, this.response, [501]);
  expectScimError(this, this.response, [400], ['invalidFilter']);
});
