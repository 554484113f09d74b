import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../../reference-server/index.ts';

test('HTTP Basic credentials open the default tenant; a wrong password does not', async () => {
  const server = await startServer({ port: 0, basic: 'alice:s3cret' });
  try {
    const ok = await fetch(server.url + '/Users', { headers: { Authorization: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` } });
    assert.equal(ok.status, 200);
    const bad = await fetch(server.url + '/Users', { headers: { Authorization: `Basic ${Buffer.from('alice:nope').toString('base64')}` } });
    assert.equal(bad.status, 401);
    assert.match(bad.headers.get('www-authenticate')!, /^Basic realm="scim"$/);
  } finally {
    await server.close();
  }
});
