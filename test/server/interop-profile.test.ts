// The reference server's interop-profile switch (serve --interop-profile): stricter than RFC 7644 only when on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer, user, patch, USER } from './helpers.ts';

test('with --interop-profile: the claim, declared type values, and the profile\'s refusals (draft-01 §4, §5.3, §5.4, §6.5)', async () => {
  const { server, call } = await withServer({ interopProfile: true });
  try {
    assert.equal((await call('GET', '/ServiceProviderConfig')).body.interopProfileConformant, true);
    const userSchema = (await call('GET', `/Schemas/${USER}`)).body;
    const roles = userSchema.attributes.find((a: { name: string }) => a.name === 'roles');
    assert.deepEqual(roles.subAttributes.find((a: { name: string }) => a.name === 'type').canonicalValues, ['default']);

    const bad = [
      await call('POST', '/Users', { ...user('iop-a'), notDefined: 1 }),
      await call('POST', '/Users', { ...user('iop-b'), schemas: [USER, 'urn:example:unknown'] }),
    ];
    for (const r of bad) assert.deepEqual([r.status, r.body.scimType], [400, 'invalidSyntax']);

    const created = (await call('POST', '/Users', user('iop-c', { name: { givenName: 'G', familyName: 'F' } }))).body;
    const pathless = await call('PATCH', `/Users/${created.id}`, patch({ op: 'replace', value: { displayName: 'x' } }));
    assert.deepEqual([pathless.status, pathless.body.scimType], [400, 'invalidSyntax']);
    const undefinedPath = await call('PATCH', `/Users/${created.id}`, patch({ op: 'replace', path: 'notDefined', value: 'x' }));
    assert.deepEqual([undefinedPath.status, undefinedPath.body.scimType], [400, 'invalidSyntax']);
    const malformed = await call('PATCH', `/Users/${created.id}`, patch({ op: 'replace', path: 'emails[type eq', value: 'x' }));
    assert.equal(malformed.body.scimType, 'invalidPath', 'a malformed path keeps RFC 7644\'s invalidPath');

    const replaced = await call('PATCH', `/Users/${created.id}`, patch({ op: 'replace', path: 'name', value: { givenName: 'Only' } }));
    assert.deepEqual(replaced.body.name, { givenName: 'Only' }, 'replace of a whole complex attribute replaces it (§6.5.2.1)');
    const merged = await call('PATCH', `/Users/${created.id}`, patch({ op: 'add', path: 'name', value: { familyName: 'Back' } }));
    assert.deepEqual(merged.body.name, { givenName: 'Only', familyName: 'Back' }, 'add merges');
  } finally {
    await server.close();
  }
});

test('without it (the default): no claim, and the RFC-legal path-less PATCH IdPs send is accepted', async () => {
  const { server, call } = await withServer();
  try {
    assert.equal((await call('GET', '/ServiceProviderConfig')).body.interopProfileConformant, undefined);
    const created = (await call('POST', '/Users', user('iop-d'))).body;
    const pathless = await call('PATCH', `/Users/${created.id}`, patch({ op: 'replace', value: { displayName: 'Entra style' } }));
    assert.equal(pathless.status, 200);
    assert.equal(pathless.body.displayName, 'Entra style');
  } finally {
    await server.close();
  }
});
