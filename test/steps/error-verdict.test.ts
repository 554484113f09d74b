import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fittingKeywords, isRefusal, judgeScimError } from '../../steps/error-verdict.ts';
import { TOLERANCES } from '../../steps/tolerances.ts';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const request = (method = 'POST', url = 'http://x/scim/v2/Users', body?: unknown) => ({ method, url, headers: {}, body });
const error = (status: number, extra: Record<string, unknown> = {}, req = request()) => {
  const json = { schemas: [ERROR], status: String(status), ...extra };
  return { status, json, text: JSON.stringify(json), request: req };
};

describe('judgeScimError (RFC 7644 §3.12)', () => {
  test('a missing scimType is a warning, not a failure (scimType is OPTIONAL)', () => {
    const v = judgeScimError(error(400), { statuses: [400], scimTypes: ['invalidValue'] });
    assert.deepEqual(v.failures, []);
    assert.equal(v.warnings.length, 1);
    assert.match(v.warnings[0], /OPTIONAL/);
  });

  test('a missing scimType fails where the clause itself names the keyword', () => {
    const v = judgeScimError(error(409), { statuses: [409], scimTypes: ['uniqueness'], keywordRequiredBy: 'RFC 7644 §3.3 MUST' });
    assert.equal(v.failures.length, 1);
    assert.match(v.failures[0].message, /§3\.3 MUST requires scimType "uniqueness"/);
  });

  test('a present but wrong scimType fails where the clause makes the keyword a MUST/SHALL, and names Table 9 and the clause', () => {
    const v = judgeScimError(error(409, { scimType: 'invalidValue' }), { statuses: [409], scimTypes: ['uniqueness'], keywordRequiredBy: 'RFC 7644 §3.3' });
    assert.equal(v.failures.length, 1);
    assert.match(v.failures[0].message, /Table 9; RFC 7644 §3\.3/);
    const remove = request('PATCH', 'http://x/scim/v2/Users/1', { Operations: [{ op: 'remove', path: 'userName' }] });
    const shall = judgeScimError(error(400, { scimType: 'invalidValue' }, remove), { statuses: [400], scimTypes: ['mutability'], keywordRequiredBy: 'RFC 7644 §3.5.2.2' });
    assert.equal(shall.failures.length, 1);
  });

  // Issue 8 item 2 / peer findings: scimmy refuses an immutable member change and an array-index path with noTarget.
  test('elsewhere a present but other keyword is a warning naming the fitting one (tolerance error-keyword-suggested)', () => {
    const immutable = request('PATCH', 'http://x/scim/v2/Groups/1', { Operations: [{ op: 'replace', path: 'members[value eq "a"].value', value: 'b' }] });
    const v = judgeScimError(error(400, { scimType: 'noTarget' }, immutable), { statuses: [400], scimTypes: ['mutability'] });
    assert.deepEqual(v.failures, []);
    assert.equal(v.warnings.length, 1);
    assert.match(v.warnings[0], /"noTarget" where "mutability" fits/);
    const index = request('PATCH', 'http://x/scim/v2/Users/1', { Operations: [{ op: 'replace', path: 'emails[0].value', value: 'x' }] });
    assert.deepEqual(judgeScimError(error(400, { scimType: 'noTarget' }, index), { statuses: [400], scimTypes: ['invalidPath'] }).failures, []);
  });

  test('where a refusal only stands in for the result as a Table 9 decline, another keyword fails and none warns', () => {
    const get = request('GET', `http://x/scim/v2/Users?filter=${encodeURIComponent('emails pr')}`);
    const exp = { statuses: [400], scimTypes: ['invalidFilter'], alternativeTo: 'a filter the server does not support' };
    const crash = judgeScimError(error(400, { scimType: 'invalidValue' }, get), exp);
    assert.equal(crash.failures.length, 1);
    assert.match(crash.failures[0].message, /only "invalidFilter" \(a filter the server does not support\)/);
    const bare = judgeScimError(error(400, {}, get), exp);
    assert.deepEqual([bare.failures, bare.warnings.length], [[], 1]);
  });

  test('a wrong keyword never excuses a wrong status or a body that is not a SCIM Error', () => {
    assert.equal(judgeScimError(error(200, { scimType: 'noTarget' }), { statuses: [400], scimTypes: ['mutability'] }).failures.length, 1);
    const plain = { ...error(400), json: { error: 'nope', scimType: 'noTarget' } };
    assert.ok(judgeScimError(plain, { statuses: [400], scimTypes: ['mutability'] }).failures.length > 0);
  });

  test('the status must be the HTTP code as a JSON string and the body carries the Error URN', () => {
    const numeric = { ...error(404), json: { schemas: [ERROR], status: 404 } };
    assert.match(judgeScimError(numeric, { statuses: [404] }).failures[0].message, /JSON string/);
    const plain = { ...error(404), json: { error: 'nope' } };
    assert.match(judgeScimError(plain, { statuses: [404] }).failures[0].message, /Error schema URN/);
  });

  test('a status outside the expected ones fails', () => {
    assert.match(judgeScimError(error(500), { statuses: [400] }).failures[0].message, /expected HTTP 400, got 500/);
  });

  test('a 401 may come without a body', () => {
    assert.deepEqual(judgeScimError({ status: 401, json: undefined, text: '', request: request() }, { statuses: [401] }), { failures: [], warnings: [] });
  });
});

describe('fittingKeywords: every Table 9 keyword that fits the request', () => {
  test('invalidSyntax and invalidValue both fit a body that violates the schema', () => {
    assert.deepEqual(fittingKeywords(['invalidValue'], request()).sort(), ['invalidSyntax', 'invalidValue']);
    assert.ok(judgeScimError(error(400, { scimType: 'invalidSyntax' }), { statuses: [400], scimTypes: ['invalidValue'] }).failures.length === 0);
  });

  test('invalidFilter fits a PATCH whose path holds a value filter (an operator the server does not support)', () => {
    const patch = request('PATCH', 'http://x/scim/v2/Users/1', { Operations: [{ op: 'replace', path: 'emails[type eq "pager"].value', value: 'x' }] });
    assert.ok(fittingKeywords(['noTarget'], patch).includes('invalidFilter'));
    const plain = request('PATCH', 'http://x/scim/v2/Users/1', { Operations: [{ op: 'replace', path: 'name..givenName', value: 'x' }] });
    assert.ok(!fittingKeywords(['invalidPath'], plain).includes('invalidFilter'));
  });

  test('nothing but the named keyword fits where the clause names it (RFC 7644 §3.5.2.3 noTarget)', () => {
    const patch = request('PATCH', 'http://x/scim/v2/Users/1', { Operations: [{ op: 'replace', path: 'emails[type eq "pager"].value', value: 'x' }] });
    const v = judgeScimError(error(400, { scimType: 'invalidFilter' }, patch), { statuses: [400], scimTypes: ['noTarget'], keywordRequiredBy: 'RFC 7644 §3.5.2.3' });
    assert.equal(v.failures.length, 1);
  });

  test('sensitive (400 or 403) fits a GET whose filter names a password', () => {
    const get = request('GET', `http://x/scim/v2/Users?filter=${encodeURIComponent('password eq "x"')}`);
    assert.ok(fittingKeywords(['invalidFilter'], get).includes('sensitive'));
    assert.deepEqual(judgeScimError(error(403, { scimType: 'sensitive' }, get), { statuses: [400], scimTypes: ['invalidFilter'] }).failures, []);
    const other = request('GET', `http://x/scim/v2/Users?filter=${encodeURIComponent('userName eq "x"')}`);
    assert.ok(!fittingKeywords(['invalidFilter'], other).includes('sensitive'));
  });

  test('without expected keywords any Table 9 keyword passes', () => {
    assert.deepEqual(judgeScimError(error(400, { scimType: 'tooMany' }), { statuses: [400] }).failures, []);
  });
});

describe('isRefusal: a refusal recognised by its kind, with or without scimType', () => {
  test('the keyword or no scimType at all is the same refusal; another keyword or status is not', () => {
    assert.equal(isRefusal(error(400, { scimType: 'invalidFilter' }), [400], ['invalidFilter']), true);
    assert.equal(isRefusal(error(400), [400], ['invalidFilter']), true);
    assert.equal(isRefusal(error(400, { scimType: 'tooMany' }), [400], ['invalidFilter']), false);
    assert.equal(isRefusal(error(403), [400], ['invalidFilter']), false);
    assert.equal(isRefusal({ status: 400, json: undefined }, [400], ['invalidValue']), true);
  });
});

describe('tolerance table', () => {
  test('every row names a clause and a unique id', () => {
    const ids = TOLERANCES.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const t of TOLERANCES) assert.match(t.clause, /RFC \d{4}|profile/i, t.id);
  });
});
