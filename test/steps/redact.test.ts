import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { redactBody, redactHeaders, redactText, secretsOf } from '../../steps/redact.ts';

describe('redaction', () => {
  const secrets = secretsOf({ auth: { kind: 'basic', user: 'admin', pass: 'correct-horse' }, headers: { 'X-Api-Key': 'k-123456', 'X-Trace': 'abc' } });

  test('the basic password, its encoded credentials and secret-looking extra headers are secrets', () => {
    assert.deepEqual(secrets, ['correct-horse', Buffer.from('admin:correct-horse').toString('base64'), 'k-123456']);
  });

  test('credential headers are masked, others keep their value minus secrets', () => {
    assert.deepEqual(redactHeaders({ authorization: 'Basic xyz', cookie: 'a=b', 'x-note': 'pw correct-horse', accept: 'x' }, secrets), {
      authorization: '***', cookie: '***', 'x-note': 'pw ***', accept: 'x',
    });
  });

  test('password fields are masked at any depth; secrets vanish from strings', () => {
    const body = { userName: 'u', password: 'p', nested: [{ Password: 'q', note: 'correct-horse!' }], count: 3 };
    assert.deepEqual(redactBody(body, secrets), { userName: 'u', password: '***', nested: [{ Password: '***', note: '***!' }], count: 3 });
  });

  test('text redaction replaces every occurrence', () => {
    assert.equal(redactText('a k-123456 b k-123456', secrets), 'a *** b ***');
  });

  test('a bearer token is a secret', () => {
    assert.deepEqual(secretsOf({ auth: { kind: 'bearer', token: 'tok-abcdef' }, headers: {} }), ['tok-abcdef']);
  });
});
