import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HarRecorder } from '../../simulators/engine/har.ts';

test('HAR bodies keep no password: members named like a secret and PATCH values on a password path are redacted', () => {
  const har = new HarRecorder();
  const exchange = (requestBody: string, responseBody = '{}') => har.record({
    startedAt: 0, method: 'POST', url: 'http://127.0.0.1:1/scim/v2/Users', requestHeaders: { 'content-type': 'application/scim+json', authorization: 'Bearer tok-123' },
    requestBody, status: 201, responseHeaders: {}, responseBody, waitMs: 1, receiveMs: 1, attempt: 1,
  });
  exchange(JSON.stringify({ userName: 'u', password: 'tmpQ7x1k9z', name: { givenName: 'G' } }), JSON.stringify({ id: '1', userName: 'u' }));
  exchange(JSON.stringify({ Operations: [{ op: 'replace', path: 'password', value: 'Patched-Secret-9' }, { op: 'replace', value: { password: 'Inline-Secret-8' } }] }));
  exchange('not json, password=plain');
  const text = JSON.stringify(har.toJSON());
  for (const secret of ['tmpQ7x1k9z', 'Patched-Secret-9', 'Inline-Secret-8', 'tok-123']) assert.ok(!text.includes(secret), `${secret} is in the HAR`);
  const first = JSON.parse(har.entries[0].request.postData!.text);
  assert.equal(first.userName, 'u');
  assert.equal(first.name.givenName, 'G');
  assert.equal(har.entries[2].request.postData!.text, 'not json, password=plain');
});
