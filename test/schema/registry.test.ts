import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SchemaRegistry } from '../../scim/schema/registry.ts';
import { URN } from '../../scim/urns.ts';

test('an unqualified extension attribute resolves only when the registry allows it (X-ENTRA-06)', () => {
  const strict = new SchemaRegistry();
  const lenient = new SchemaRegistry(undefined, undefined, { unqualifiedExtensionNames: true });
  const user = strict.resourceType('User')!;
  assert.equal(strict.resolvePath(user, 'manager'), undefined);
  const resolved = lenient.resolvePath(user, 'Manager.value');
  assert.equal(resolved?.schemaUrn, URN.EnterpriseUser);
  assert.equal(resolved?.inExtension, true);
  assert.equal(resolved?.subDef?.name, 'value');
  // Base-schema names still win.
  assert.equal(lenient.resolvePath(user, 'userName')?.inExtension, false);
});
