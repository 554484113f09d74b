import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RunnerError } from '../../runner/exit-codes.ts';
import { resolveRunOptions, settingsFromEnv } from '../../runner/options.ts';
import { ldapSearch } from '../../simulators/directory/ldap-search.ts';
import type { LdapEndpoint } from '../../simulators/directory/types.ts';
import { parseParameters, type DirectoryBackend } from '../../steps/parameters.ts';
import { vendor } from '../../steps/vendors/context.ts';
import { openDirectory } from '../../steps/vendors/directory-backend.ts';
import type { ScimWorld } from '../../steps/world.ts';
import { slapdMissing, startSlapd } from '../simulators/helpers/slapd.ts';

const usage = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(fn, (err) => err instanceof RunnerError && err.exitCode === 2 && pattern.test(err.message));

const LDAP_ENV = {
  SCIM_HARNESS_LDAP_URL: 'ldap://127.0.0.1:3890',
  SCIM_HARNESS_LDAP_BIND_DN: 'cn=admin,dc=example,dc=test',
  SCIM_HARNESS_LDAP_PASSWORD: 'pw',
  SCIM_HARNESS_LDAP_BASE_DN: 'dc=example,dc=test',
};
const LDAP: DirectoryBackend = { kind: 'ldap', url: 'ldap://127.0.0.1:3890', bindDn: 'cn=admin,dc=example,dc=test', password: 'pw', baseDn: 'dc=example,dc=test' };

describe('choosing the directory backend', () => {
  test('runner: no LDAP setting is the mock; flags, env and config keys name a real server, merged per key', () => {
    assert.deepEqual(resolveRunOptions([], '/w').directory, { kind: 'mock' });
    assert.deepEqual(resolveRunOptions([settingsFromEnv(LDAP_ENV)], '/w').directory, LDAP);
    const flags = { ldapUrl: 'ldaps://ldap.example.com', ldapPassword: 'flag-pw' };
    assert.deepEqual(resolveRunOptions([flags, settingsFromEnv(LDAP_ENV)], '/w').directory, { ...LDAP, url: 'ldaps://ldap.example.com', password: 'flag-pw' });
  });

  test('runner: an incomplete or malformed LDAP setting is a usage error naming what is wrong', () => {
    usage(() => resolveRunOptions([{ ldapUrl: 'ldap://h' }], '/w'), /--ldap-bind-dn, --ldap-password, --ldap-base-dn/);
    usage(() => resolveRunOptions([{ ldapBaseDn: 'dc=x' }], '/w'), /--ldap-url/);
    usage(() => resolveRunOptions([{ ldapUrl: 'http://h', ldapBindDn: 'cn=a', ldapPassword: 'p', ldapBaseDn: 'dc=x' }], '/w'), /ldap:\/\/ or ldaps:\/\//);
  });

  test('world parameters: given, else SCIM_HARNESS_LDAP_* from the environment, else the mock', () => {
    assert.deepEqual(parseParameters({ target: 'http://x', directory: LDAP }).directory, LDAP);
    const saved = { ...process.env };
    try {
      for (const key of Object.keys(LDAP_ENV)) delete process.env[key];
      assert.deepEqual(parseParameters({ target: 'http://x' }).directory, { kind: 'mock' });
      Object.assign(process.env, LDAP_ENV);
      assert.deepEqual(parseParameters({ target: 'http://x' }).directory, LDAP);
      assert.deepEqual(parseParameters({ target: 'http://x', directory: { kind: 'mock' } }).directory, { kind: 'mock' }, 'an explicit mock wins over the env');
    } finally {
      for (const key of Object.keys(LDAP_ENV)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    assert.throws(() => parseParameters({ target: 'http://x', directory: { kind: 'ldap', url: 'ldap://h' } }), /bindDn/);
  });
});

/** Just what openDirectory reads of a World: its parameters, its scenario key, and the vendor cleanup queue. */
const fakeWorld = (directory: DirectoryBackend, scenarioKey: string) =>
  ({ params: { prefix: 'shx-test0001-', directory }, scenarioKey }) as unknown as ScimWorld;

/** What the vendor After hook does, whatever the scenario's outcome. */
async function runCleanups(world: ScimWorld): Promise<void> {
  for (const cleanup of vendor(world).after.reverse()) await cleanup();
}

describe('one subtree per scenario on a real server', { skip: slapdMissing() }, () => {
  let slapd: Awaited<ReturnType<typeof startSlapd>>;
  let backend: DirectoryBackend;
  before(async () => {
    slapd = await startSlapd();
    backend = { kind: 'ldap', ...slapd.endpoint };
  });
  after(() => slapd?.stop());

  const dnsUnder = async (endpoint: LdapEndpoint, base: string) => (await ldapSearch(endpoint, base, '(objectClass=*)')).map((e) => e.dn);

  test('two scenarios with the same names never see each other, and each cleanup deletes only its own subtree', async () => {
    const one = fakeWorld(backend, 'aaaaaa');
    const two = fakeWorld(backend, 'bbbbbb');
    const first = await openDirectory(one);
    const second = await openDirectory(two);
    assert.equal(first.endpoint.baseDn, `ou=shx-test0001-aaaaaa,${slapd.endpoint.baseDn}`);
    assert.equal(first.peopleDn, `ou=people,ou=shx-test0001-aaaaaa,${slapd.endpoint.baseDn}`);
    for (const dir of [first, second]) {
      const jdoe = await dir.addUser({ uid: 'jdoe', givenName: 'J', sn: 'Doe', mail: 'jdoe@acme.test' });
      await dir.addGroup('Staff', [jdoe]);
    }
    assert.deepEqual((await first.search('(uid=jdoe)')).map((e) => e.dn), [`uid=jdoe,${first.peopleDn}`]);
    assert.deepEqual((await second.search('(cn=Staff)')).map((e) => e.dn), [`cn=Staff,${second.groupsDn}`]);

    await runCleanups(one);
    await assert.rejects(dnsUnder(slapd.endpoint, first.endpoint.baseDn), /NoSuchObject/);
    assert.equal((await dnsUnder(slapd.endpoint, second.endpoint.baseDn)).length, 5, 'ou, people, groups, jdoe, Staff');
    await runCleanups(two);
    assert.deepEqual((await dnsUnder(slapd.endpoint, slapd.endpoint.baseDn)).sort(), [
      slapd.endpoint.baseDn, `ou=groups,${slapd.endpoint.baseDn}`, `ou=people,${slapd.endpoint.baseDn}`,
    ].sort());
  });

  test('a scenario never deletes a subtree it did not make', async () => {
    const owner = fakeWorld(backend, 'cccccc');
    const clash = fakeWorld(backend, 'cccccc');
    const dir = await openDirectory(owner);
    await dir.addUser({ uid: 'keep', givenName: 'K', sn: 'Eep', mail: 'keep@acme.test' });
    await assert.rejects(openDirectory(clash), /AlreadyExists/);
    await runCleanups(clash);
    assert.equal((await dir.search('(uid=keep)')).length, 1);
    await runCleanups(owner);
    assert.equal((await dnsUnder(slapd.endpoint, slapd.endpoint.baseDn)).length, 3);
  });
});
