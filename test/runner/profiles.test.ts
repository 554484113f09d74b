import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RunnerError } from '../../runner/exit-codes.ts';
import { planScenarios } from '../../runner/plan.ts';
import { combineTags, listFeatureDirs, profileSlices, type Profile } from '../../runner/profiles.ts';

const fixture = fileURLToPath(new URL('./fixtures/suite/', import.meta.url));
const dirs = listFeatureDirs(join(fixture, 'features'));

async function scenarioNames(profile: Profile, tags?: string): Promise<string[]> {
  const plan = await planScenarios(fixture, 'features', profileSlices(profile, dirs), tags);
  return plan.paths.map((p) => p.replace(/^features\//, ''));
}

describe('profiles', () => {
  test('tag expressions are ANDed with parentheses', () => {
    assert.equal(combineTags('@a or @b', 'not @c'), '(@a or @b) and (not @c)');
    assert.equal(combineTags(undefined, '@x'), '(@x)');
    assert.equal(combineTags(undefined, undefined), '');
  });

  test('rfc = features/rfc only', async () => {
    const paths = await scenarioNames('rfc');
    assert.equal(paths.length, 8);
    assert.ok(paths.every((p) => p.startsWith('rfc/')));
  });

  test('an IdP profile = the RFC baseline + that IdP\'s interop scenarios + its own folder', async () => {
    assert.deepEqual((await scenarioNames('okta')).filter((p) => !p.startsWith('rfc/')), ['interop/idp.feature:3', 'okta/okta.feature:3']);
    assert.deepEqual((await scenarioNames('ping')).filter((p) => !p.startsWith('rfc/')), ['interop/idp.feature:11', 'ping/ping.feature:3', 'ping/ping.feature:7']);
  });

  test('all = every folder, vendors included; vendors = vendors + the ZPA scenarios of ping', async () => {
    const all = await scenarioNames('all');
    assert.equal(all.length, 8 + 3 + 1 + 2 + 1);
    assert.ok(all.includes('vendors/vendors.feature:3'));
    assert.deepEqual(await scenarioNames('vendors'), ['vendors/vendors.feature:3', 'ping/ping.feature:3']);
  });

  test('--tags narrows the profile', async () => {
    assert.deepEqual(await scenarioNames('all', '@must and not @okta'), ['interop/idp.feature:7', 'ping/ping.feature:3', 'ping/ping.feature:7', 'rfc/levels.feature:3', 'rfc/levels.feature:8', 'rfc/levels.feature:28', 'vendors/vendors.feature:3']);
  });

  test('a malformed --tags expression is a usage error', async () => {
    await assert.rejects(scenarioNames('rfc', '@must and ('), (err) => err instanceof RunnerError && err.exitCode === 2 && /invalid --tags/.test(err.message));
  });
});
