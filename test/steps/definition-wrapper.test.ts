import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const steps = fileURLToPath(new URL('../../steps/', import.meta.url));

// cucumber keeps only the last setDefinitionFunctionWrapper: a second one silently drops the first's concern
// (the step budget, or the provider-rule skip), depending on file load order.
test('the suite sets exactly one definition function wrapper', () => {
  const files = readdirSync(steps, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
  const setting = files.filter((f) => /setDefinitionFunctionWrapper\(/.test(readFileSync(join(steps, f), 'utf8')));
  assert.deepEqual(setting, ['support/timing.ts']);
});
