import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LdapDirectory } from '../../simulators/directory/ldap-directory.ts';
import { pingConnectorScenario, pingDeleteActionScenario } from './helpers/ping-scenario.ts';
import { slapdMissing, startSlapd } from './helpers/slapd.ts';

const skip = slapdMissing();

async function withSlapd(fn: (dir: LdapDirectory) => Promise<void>): Promise<void> {
  const slapd = await startSlapd();
  try {
    const dir = await LdapDirectory.connect(slapd.endpoint);
    try {
      await fn(dir);
    } finally {
      await dir.close();
    }
  } finally {
    await slapd.stop();
  }
}

test('LdapDirectory on slapd: memberOf, rename and delete keep groups consistent', { skip }, () =>
  withSlapd(async (dir) => {
    const u = await dir.addUser({ uid: 'x', givenName: 'X', sn: 'Y', mail: 'x@acme.test' });
    const g = await dir.addGroup('Team', [u]);
    const [user] = await dir.search('(uid=x)');
    assert.deepEqual(user!.attributes.memberof, [g]);
    assert.match(user!.attributes.entryuuid![0]!, /^[0-9a-f-]{36}$/);
    const renamed = await dir.renameGroup(g, 'Squad');
    assert.equal((await dir.search('(cn=Squad)'))[0]!.dn, renamed);
    await dir.deleteUser(u);
    assert.deepEqual((await dir.search('(cn=Squad)'))[0]!.attributes.member, ['']);
  }));

test('PingFederate connector diffs a real slapd directory (ZPA-01..09)', { skip }, () => withSlapd(pingConnectorScenario));

test('PingFederate connector with Remove User Action = Delete, on slapd', { skip }, () => withSlapd(pingDeleteActionScenario));
