import { Then, When } from '@cucumber/cucumber';
import { URN } from '../../scim/urns.ts';
import { bodyOf, expectEqual, expectStatus } from '../assertions.ts';
import { getPath } from '../interpolate.ts';
import type { Json, ScimWorld } from '../world.ts';

/** Bulk (RFC 7644 §3.7). Operation numbers in steps count from 1, as a reader would. */

function operations(world: ScimWorld): Json[] {
  const ops = bodyOf(world).Operations;
  world.check(Array.isArray(ops), 'an Operations array', ops ?? null, 'the BulkResponse has no Operations array');
  return ops as Json[];
}

function operation(world: ScimWorld, n: number): Json {
  const ops = operations(world);
  world.check(ops.length >= n, `at least ${n} operations`, ops.length, `the BulkResponse reports ${ops.length} operations, not ${n}`);
  return ops[n - 1];
}

/** rfc-requirements.md §22 A5: `status` is "201" or {code: "201"}; both are accepted and compared as numbers. */
const statusOf = (op: Json) => Number(typeof op.status === 'object' && op.status !== null ? (op.status as Json).code : op.status);

async function readCreated(world: ScimWorld, n: number): Promise<Json> {
  const location = operation(world, n).location;
  world.check(typeof location === 'string', 'a location', location ?? null, `bulk operation ${n} has no location`);
  const url = world.reference(location);
  world.check(url !== undefined, 'a URI reference', location ?? null, `bulk operation ${n} has a location that is not a URI reference`);
  const res = await world.fetch('GET', url!.href);
  expectStatus(world, res, [200]);
  return bodyOf(world, res);
}

Then('the bulk response reports {int} operation(s)', function (this: ScimWorld, count: number) {
  expectEqual(this, operations(this).length, count, `the BulkResponse reports ${operations(this).length} operations`);
});

Then('bulk operation {int} has status {int}', function (this: ScimWorld, n: number, status: number) {
  expectEqual(this, statusOf(operation(this, n)), status, `bulk operation ${n} has status ${JSON.stringify(operation(this, n).status)}`);
});

Then('bulk operation {int} has status {int} or {int}', function (this: ScimWorld, n: number, a: number, b: number) {
  const s = statusOf(operation(this, n));
  this.check(s === a || s === b, [a, b], operation(this, n).status, `bulk operation ${n} has status ${s}`);
});

Then('every bulk operation reports its method, status and location', function (this: ScimWorld) {
  for (const [i, op] of operations(this).entries()) {
    this.check(typeof op.method === 'string', 'a method', op.method ?? null, `bulk operation ${i + 1} has no method`);
    this.check(Number.isInteger(statusOf(op)), 'a status code', op.status ?? null, `bulk operation ${i + 1} has no status code`);
    const failedPost = String(op.method).toUpperCase() === 'POST' && statusOf(op) >= 400;
    if (!failedPost) this.check(typeof op.location === 'string', 'a location', op.location ?? null, `bulk operation ${i + 1} has no location`);
  }
});

Then('bulk operation {int} echoes bulkId {string}', function (this: ScimWorld, n: number, bulkId: string) {
  expectEqual(this, operation(this, n).bulkId, bulkId, `bulk operation ${n} does not echo its bulkId`);
});

Then('bulk operation {int} carries a SCIM error with status {int}', function (this: ScimWorld, n: number, status: number) {
  const response = operation(this, n).response as Json | undefined;
  const schemas = getPath(response, 'schemas');
  this.check(Array.isArray(schemas) && schemas.includes(URN.Error), [URN.Error], schemas ?? null, `bulk operation ${n} has no SCIM Error response`);
  expectEqual(this, response!.status, String(status), `bulk operation ${n}'s error status is not "${status}"`);
});

Then('the group created by bulk operation {int} has the resource created by bulk operation {int} as a member', async function (this: ScimWorld, g: number, u: number) {
  const group = await readCreated(this, g);
  const member = await readCreated(this, u);
  const values = ((group.members as Json[] | undefined) ?? []).map((m) => m.value);
  expectEqual(this, values, [member.id], 'the bulkId reference was not replaced by the real id');
});

Then('the user created by bulk operation {int} has as manager the user created by bulk operation {int}', async function (this: ScimWorld, u: number, m: number) {
  const user = await readCreated(this, u);
  const manager = await readCreated(this, m);
  expectEqual(this, getPath(user, `${URN.EnterpriseUser}.manager.value`), manager.id, 'the bulkId reference in the extension was not resolved');
});

// RFC 7644 §3.7.1: circular references are attempted; when the server cannot resolve them, 409.
Then('the groups of bulk operations 1 and 2 reference each other, or the cycle is refused with 409', async function (this: ScimWorld) {
  const ops = operations(this);
  if (ops.some((op) => statusOf(op) === 409)) return;
  const a = await readCreated(this, 1);
  const b = await readCreated(this, 2);
  const membersOf = (g: Json) => ((g.members as Json[] | undefined) ?? []).map((m) => m.value);
  this.check(membersOf(a).includes(b.id) && membersOf(b).includes(a.id), 'each group a member of the other', { a: membersOf(a), b: membersOf(b) }, 'the circular bulkIds were not resolved');
});

function limit(world: ScimWorld, value: number | undefined, name: string, max: number): number | 'skipped' {
  if (value === undefined) return world.skip(`ServiceProviderConfig gives no bulk.${name}`);
  if (value > max) return world.skip(`bulk.${name} is ${value}, too large to exceed in a test`);
  return value;
}

When('I send a bulk request with one operation more than maxOperations', async function (this: ScimWorld) {
  const max = limit(this, (await this.capabilities()).bulk.maxOperations, 'maxOperations', 1000);
  if (max === 'skipped') return max;
  // DELETEs of ids that do not exist: harmless even if a server wrongly runs them.
  const Operations = Array.from({ length: max + 1 }, (_, i) => ({ method: 'DELETE', path: `/Users/00000000-0000-4000-8000-${this.params.runId}${String(i).padStart(4, '0')}` }));
  await this.call('POST', '/Bulk', { body: { schemas: [URN.BulkRequest], Operations } });
});

When('I send a bulk request larger than maxPayloadSize', async function (this: ScimWorld) {
  const max = limit(this, (await this.capabilities()).bulk.maxPayloadSize, 'maxPayloadSize', 5 * 1024 * 1024);
  if (max === 'skipped') return max;
  const data = { schemas: [URN.User], userName: this.unique('big'), nickName: 'x'.repeat(max + 1) };
  await this.call('POST', '/Bulk', { body: { schemas: [URN.BulkRequest], Operations: [{ method: 'POST', path: '/Users', bulkId: 'big', data }] } });
});

Then('the response is a 413 naming the limit', function (this: ScimWorld) {
  expectStatus(this, this.response, [413]);
  const body = bodyOf(this);
  this.check(Array.isArray(body.schemas) && body.schemas.includes(URN.Error), [URN.Error], body.schemas ?? null, 'the 413 body is not a SCIM Error');
  this.check(body.status === '413', '413', body.status ?? null, 'the error status is not "413"');
});

// RFC 7644 §3.7 leaves it open whether the whole request or only the operation fails.
Then('the bulk request or its operation is refused with 400', function (this: ScimWorld) {
  if (this.response.status === 400) {
    const body = bodyOf(this);
    this.check(Array.isArray(body.schemas) && body.schemas.includes(URN.Error), [URN.Error], body.schemas ?? null, 'the 400 is not a SCIM Error');
    this.note('the server chose to refuse the whole bulk request with 400 over refusing the one operation');
    return;
  }
  expectStatus(this, this.response, [200, 400]);
  const s = statusOf(operation(this, 1));
  this.check(s === 400, 400, operation(this, 1).status, `a POST operation without bulkId answered ${s}`);
  this.note('the server chose to refuse the one operation (its status 400) over refusing the whole bulk request');
});
