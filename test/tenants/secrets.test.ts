import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SecretBox, SECRET_KEY_ENV } from '../../reference-server/tenants/secrets.ts';
import { withServer } from '../admin/helpers.ts';

describe('secrets at rest (CRY-04)', () => {
  test('sealed secrets open with the same key only', () => {
    const box = SecretBox.withKey(Buffer.alloc(32, 1));
    const sealed = box.seal('hunter2-password');
    assert.equal(sealed.alg, 'aes-256-gcm');
    assert.ok(!JSON.stringify(sealed).includes('hunter2'));
    assert.equal(box.open(sealed), 'hunter2-password');
    assert.throws(() => SecretBox.withKey(Buffer.alloc(32, 2)).open(sealed));
  });

  test('the key comes from the environment (hex or base64); absent, a generated key with one warning', () => {
    const hex = 'ab'.repeat(32);
    const fromHex = SecretBox.fromEnvironment({ [SECRET_KEY_ENV]: hex }, () => assert.fail('no warning expected'));
    assert.equal(SecretBox.withKey(Buffer.from(hex, 'hex')).open(fromHex.seal('x')), 'x');
    assert.throws(() => SecretBox.fromEnvironment({ [SECRET_KEY_ENV]: 'short' }), /32 bytes/);
    const warnings: string[] = [];
    const dev = SecretBox.fromEnvironment({}, (m) => warnings.push(m));
    assert.equal(dev.generated, true);
    assert.equal(warnings.length, 0, 'nothing is at stake until a secret is sealed');
    dev.open(dev.seal('x'));
    dev.seal('y');
    assert.ok(warnings.length <= 1, 'one warning per process at most');
  });

  test('neither a bearer token nor a Basic password appears in the SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secrets-'));
    try {
      let token = '';
      await withServer({ store: `sqlite:${join(dir, 'scim.db')}` }, async (h) => {
        const t = await h.admin('POST', '/tenants', { name: 'At Rest' });
        const bearerConn = await h.admin('POST', `/tenants/${t.body.slug}/connections`, { provider: 'okta', authKind: 'bearer' });
        token = bearerConn.body.secret.token;
        await h.admin('POST', `/tenants/${t.body.slug}/connections`, { provider: 'generic', authKind: 'basic', username: 'svc', password: 'PlainTextPassword42' });
        const stored = await h.admin('GET', `/tenants/${t.body.slug}/connections/${bearerConn.body.connection.id}?view=stored`);
        assert.equal(stored.body.token.alg, 'sha256');
        assert.ok(!JSON.stringify(stored.body).includes(token));
      });
      for (const file of readdirSync(dir)) {
        const bytes = readFileSync(join(dir, file)).toString('latin1');
        assert.ok(!bytes.includes(token), `${file} holds the token`);
        assert.ok(!bytes.includes('PlainTextPassword42'), `${file} holds the password`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
