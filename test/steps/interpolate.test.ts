import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getPath, interpolate, InterpolationError, splitFixtureExpression } from '../../steps/interpolate.ts';
import { parseParameters } from '../../steps/parameters.ts';
import { retryDelayMs } from '../../steps/http/retry-after.ts';

describe('interpolation', () => {
  const values: Record<string, unknown> = { prefix: 'shx-1-', 'user.id': 'u-42', n: 3 };

  test('replaces every placeholder, tolerating spaces inside the braces', () => {
    assert.equal(interpolate('{{prefix}}bob /Users/{{ user.id }} {{n}}', (e) => values[e]), 'shx-1-bob /Users/u-42 3');
  });

  test('an unknown placeholder is an error, not an empty string', () => {
    assert.throws(() => interpolate('{{nope}}', () => undefined), InterpolationError);
  });

  test('fixture expressions split at the first dot; names may hold spaces', () => {
    assert.deepEqual(splitFixtureExpression('user A.meta.location'), { name: 'user A', path: 'meta.location' });
    assert.deepEqual(splitFixtureExpression('group'), { name: 'group', path: '' });
  });

  test('getPath: case-insensitive names, array indexes, extension URNs containing dots', () => {
    const ent = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const body = { Meta: { location: 'L' }, emails: [{ value: 'a@x' }], [ent]: { manager: { value: 'm' }, employeeNumber: '7' } };
    assert.equal(getPath(body, 'meta.LOCATION'), 'L');
    assert.equal(getPath(body, 'emails.0.value'), 'a@x');
    assert.equal(getPath(body, `${ent}:employeeNumber`), '7');
    assert.equal(getPath(body, `${ent}.manager.value`), 'm');
    assert.equal(getPath(body, 'missing.x'), undefined);
  });
});

describe('parameters and Retry-After', () => {
  test('defaults are filled and the trailing slash dropped', () => {
    const p = parseParameters({ target: 'http://h/scim/v2/', runId: 'abcd1234' });
    assert.equal(p.target, 'http://h/scim/v2');
    assert.equal(p.prefix, 'shx-abcd1234-');
    assert.deepEqual(p.auth, { kind: 'none' });
    assert.equal(p.maxRetries, 3);
  });

  test('bad parameters are refused', () => {
    assert.throws(() => parseParameters({ target: 'ftp://x' }), /target/);
    assert.throws(() => parseParameters({ target: 'http://x', auth: { kind: 'bearer' } }), /auth/);
  });

  test('Retry-After as seconds or HTTP date, else backoff; always capped', () => {
    const now = () => Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryDelayMs('2', 0, now), 2000);
    assert.equal(retryDelayMs('Thu, 01 Jan 2026 00:00:05 GMT', 0, now), 5000);
    assert.equal(retryDelayMs(undefined, 1, now), 1000);
    assert.equal(retryDelayMs('3600', 0, now), 10_000);
  });
});
