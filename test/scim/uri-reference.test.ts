import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAbsoluteUri, resolveReference, resolveScimReference, serviceRootBase } from '../../scim/uri-reference.ts';
import { validateBody } from '../../scim/json-schema/index.ts';

// RFC 7643 §2.3.7 / RFC 3986 §5.2: every form of reference resolves to the same resource, with or without a
// trailing slash on the configured service root; string concatenation would give /scim/v2/scim/v2/Users/1.
for (const root of ['http://h:1/scim/v2', 'http://h:1/scim/v2/']) {
  for (const [ref, want] of [
    ['http://h:1/scim/v2/Users/1', 'http://h:1/scim/v2/Users/1'],
    ['/scim/v2/Users/1', 'http://h:1/scim/v2/Users/1'],
    ['Users/1', 'http://h:1/scim/v2/Users/1'],
    ['./Users/1', 'http://h:1/scim/v2/Users/1'],
    ['../v2/Users/1', 'http://h:1/scim/v2/Users/1'],
    ['//h:1/scim/v2/Users/1', 'http://h:1/scim/v2/Users/1'],
    ['https://other.example/x/Users/1', 'https://other.example/x/Users/1'],
  ]) {
    test(`reference "${ref}" against root "${root}" resolves to ${want}`, () => {
      assert.equal(resolveScimReference(ref, root)?.href, want);
    });
  }
}

test('the service root base keeps its last segment (no dropped "v2") and loses query and fragment', () => {
  assert.equal(serviceRootBase('http://h/scim/v2?x=1#f').href, 'http://h/scim/v2/');
  // What new URL(ref, root) without the slash would do, and why the helper exists:
  assert.equal(new URL('Users/1', 'http://h/scim/v2').href, 'http://h/scim/Users/1');
});

test('a Location header resolves against the request URI (RFC 7231 §7.1.2)', () => {
  assert.equal(resolveReference('/scim/v2/Users/1', 'http://h/scim/v2/Users')?.href, 'http://h/scim/v2/Users/1');
  assert.equal(resolveReference('Users/1', 'http://h/scim/v2/Users')?.href, 'http://h/scim/v2/Users/1');
});

test('non-strings and unresolvable values give undefined, not a throw', () => {
  assert.equal(resolveScimReference(undefined, 'http://h/v2'), undefined);
  assert.equal(resolveScimReference(42, 'http://h/v2'), undefined);
  assert.equal(resolveScimReference('', 'http://h/v2'), undefined);
  assert.equal(resolveReference('http://[bad', 'http://h/v2/'), undefined);
});

test('isAbsoluteUri tells a scheme from a relative reference', () => {
  assert.equal(isAbsoluteUri('https://h/x'), true);
  assert.equal(isAbsoluteUri('urn:ietf:params:scim:schemas:core:2.0:User'), true);
  assert.equal(isAbsoluteUri('/scim/v2/Users/1'), false);
  assert.equal(isAbsoluteUri('Users/1'), false);
});

test('the body validator accepts relative meta.location and bulk location (RFC 7643 §2.3.7), rejects a non-reference', () => {
  const user = (location: string) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'b', meta: { resourceType: 'User', location } });
  assert.deepEqual(validateBody('User', user('/scim/v2/Users/u1')), []);
  assert.deepEqual(validateBody('User', user('Users/u1')), []);
  assert.deepEqual(validateBody('User', user('https://h/scim/v2/Users/u1')), []);
  assert.notDeepEqual(validateBody('User', user('not a reference with spaces')), []);
  const bulk = { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'], Operations: [{ method: 'POST', bulkId: 'q', status: '201', location: '/scim/v2/Users/u1' }] };
  assert.deepEqual(validateBody('BulkResponse', bulk), []);
});
