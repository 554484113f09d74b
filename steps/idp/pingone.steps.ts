import { Given, When } from '@cucumber/cucumber';
import { PingOneSimulator, pingOneProfile, type ExistingGroupPolicy } from '../../simulators/pingone.ts';
import type { ScimWorld } from '../world.ts';
import { expectSuccess, idp, nameList } from './session.ts';

/** PingOne's outbound group push (simulators/pingone.ts); target.steps.ts checks the group it leaves behind. */

const sims = new WeakMap<ScimWorld, PingOneSimulator>();

function pingOne(world: ScimWorld): PingOneSimulator {
  const sim = sims.get(world);
  if (!sim) world.fail('a step "Given PingOne provisions groups to the target"', 'none', 'this step needs PingOne connected to the target');
  return sim;
}

Given('PingOne provisions groups to the target', function (this: ScimWorld) {
  sims.set(this, new PingOneSimulator(idp(this).engine(pingOneProfile)));
});

When('PingOne pushes the group {string} with the members {string}, choosing {word} for an existing group', async function (this: ScimWorld, name: string, list: string, policy: string) {
  if (policy !== 'merge' && policy !== 'overwrite') throw new Error(`PingOne merges or overwrites an existing group, not "${policy}"`);
  const session = idp(this);
  const members = nameList(list).map((n) => ({ value: session.userId(n) }));
  const sim = pingOne(this);
  const { id } = await expectSuccess(this, `PingOne's push of the group "${name}"`, () => sim.pushGroup(session.groupName(name), members, policy as ExistingGroupPolicy));
  session.groupIds.set(name, id);
});
