import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { oktaProfile, OktaSimulator, type OktaDialect, type OktaUser } from '../../simulators/okta.ts';
import type { ScimResource } from '../../simulators/scim-messages.ts';
import { expectEqual } from '../assertions.ts';
import type { ScimWorld } from '../world.ts';
import { expectSuccess, idp, keepFailure, nameList } from './session.ts';

/** Okta's flows (simulators/okta.ts) against the run's target; the Then steps of target.steps.ts check the result. */

interface OktaState {
  okta: OktaSimulator;
  /** Profile changes pushed so far, per person: assignments re-send the person with them. */
  changes: Map<string, Partial<OktaUser>>;
  linked: Map<string, boolean>;
  imported?: ScimResource[];
}

const states = new WeakMap<ScimWorld, OktaState>();
const DIALECTS: readonly OktaDialect[] = ['oin-patch', 'oin-legacy', 'aiw'];

function okta(world: ScimWorld): OktaState {
  const state = states.get(world);
  if (!state) world.fail('a step "Given Okta provisions to the target"', 'none', 'this step needs Okta connected to the target');
  return state;
}

function connect(world: ScimWorld, dialect: string): void {
  if (!DIALECTS.includes(dialect as OktaDialect)) throw new Error(`Okta integrations are ${DIALECTS.join(', ')}, not "${dialect}"`);
  states.set(world, { okta: new OktaSimulator(idp(world).engine(oktaProfile), dialect as OktaDialect), changes: new Map(), linked: new Map() });
}

function oktaUser(world: ScimWorld, name: string): OktaUser {
  const p = idp(world).person(name);
  return {
    oktaId: p.idpId, userName: p.userName, givenName: p.givenName, familyName: p.familyName, email: p.userName, displayName: p.displayName,
    ...okta(world).changes.get(name),
  };
}

async function assign(world: ScimWorld, name: string): Promise<void> {
  const { okta: sim, linked } = okta(world);
  const result = await expectSuccess(world, `Okta's assignment of "${name}"`, () => sim.assignUser(oktaUser(world, name)));
  idp(world).userIds.set(name, result.id);
  linked.set(name, result.linked);
}

/** "person 1" … "person N": the names of `{int} people` steps. */
const people = (count: number) => Array.from({ length: count }, (_, i) => `person ${i + 1}`);

Given('Okta provisions to the target', function (this: ScimWorld) {
  connect(this, 'oin-patch');
});

Given('Okta provisions to the target as an {string} integration', function (this: ScimWorld, dialect: string) {
  connect(this, dialect);
});

// ---------- users ----------

When('Okta tests the connector configuration', async function (this: ScimWorld) {
  const { okta: sim } = okta(this);
  await expectSuccess(this, 'Okta\'s "Test Connector Configuration"', () => sim.testConnection());
});

Given('Okta has assigned {string}', async function (this: ScimWorld, list: string) {
  for (const name of nameList(list)) await assign(this, name);
});

When('Okta assigns {string}', async function (this: ScimWorld, list: string) {
  for (const name of nameList(list)) await assign(this, name);
});

/** An import across pages needs 100+ assignments (a lookup and a POST each): far beyond cucumber's 5 s default. */
const BULK_ASSIGN_BUDGET_MS = 300_000;

Given('Okta has assigned {int} people', { timeout: BULK_ASSIGN_BUDGET_MS }, async function (this: ScimWorld, count: number) {
  for (const name of people(count)) await assign(this, name);
});

When('Okta tries to assign {string}', async function (this: ScimWorld, name: string) {
  const { okta: sim } = okta(this);
  await keepFailure(this, async () => {
    const result = await sim.assignUser(oktaUser(this, name));
    idp(this).userIds.set(name, result.id);
  });
});

/** Two assignments racing (or a create that lost its response): Okta's lookup misses, its POST then collides. */
Given('another client creates the user of {string} right after Okta\'s lookup', function (this: ScimWorld, name: string) {
  const session = idp(this);
  session.before(
    (req) => req.method === 'POST' && req.path === '/Users',
    async () => {
      const { userName } = session.person(name);
      const user = await this.createResource('/Users', this.userBody({ userName, externalId: `${userName}-other`, emails: [{ value: userName, type: 'work', primary: true }] }));
      session.preexisting.set(`user:${name}`, String(user.id));
    },
  );
});

Then('Okta linked {string} instead of creating a user', function (this: ScimWorld, name: string) {
  expectEqual(this, okta(this).linked.get(name), true, `Okta's lookup did not find the user of "${name}", so Okta created another one`);
});

Then('Okta created a new user for {string}', function (this: ScimWorld, name: string) {
  expectEqual(this, okta(this).linked.get(name), false, `Okta's lookup found a user for "${name}" before it was created`);
});

When('Okta pushes a profile change for {string}:', async function (this: ScimWorld, name: string, table: DataTable) {
  const state = okta(this);
  const change = table.rowsHash() as Partial<OktaUser>;
  state.changes.set(name, { ...state.changes.get(name), ...change });
  await expectSuccess(this, `Okta's profile push for "${name}"`, () => state.okta.updateProfile(idp(this).userId(name), oktaUser(this, name)));
});

Given('Okta has deactivated {string}', async function (this: ScimWorld, name: string) {
  const { okta: sim } = okta(this);
  await expectSuccess(this, `Okta's deactivation of "${name}"`, () => sim.deactivate(idp(this).userId(name)));
});

When('Okta deactivates {string}', async function (this: ScimWorld, name: string) {
  const { okta: sim } = okta(this);
  await expectSuccess(this, `Okta's deactivation of "${name}"`, () => sim.deactivate(idp(this).userId(name)));
});

When('Okta reactivates {string}', async function (this: ScimWorld, name: string) {
  const { okta: sim } = okta(this);
  await expectSuccess(this, `Okta's reactivation of "${name}"`, () => sim.reactivate(idp(this).userId(name)));
});

// ---------- groups ----------

async function pushGroup(world: ScimWorld, name: string, list: string): Promise<void> {
  const session = idp(world);
  const { okta: sim } = okta(world);
  const members = nameList(list).map((n) => ({ value: session.userId(n), display: session.person(n).userName }));
  const id = await expectSuccess(world, `Okta's push of the group "${name}"`, () => sim.pushGroup(session.groupName(name), members));
  session.groupIds.set(name, id);
}

Given('Okta has pushed the group {string} with the members {string}', async function (this: ScimWorld, name: string, list: string) {
  await pushGroup(this, name, list);
});

When('Okta pushes the group {string} with the members {string}', async function (this: ScimWorld, name: string, list: string) {
  await pushGroup(this, name, list);
});

When('Okta pushes the group {string} adding {string} and removing {string}', async function (this: ScimWorld, name: string, add: string, remove: string) {
  const session = idp(this);
  const { okta: sim } = okta(this);
  const added = nameList(add).map((n) => ({ value: session.userId(n), display: session.person(n).userName }));
  const removed = nameList(remove).map((n) => session.userId(n));
  await expectSuccess(this, `Okta's membership push for "${name}"`, () => sim.updateMembers(session.groupId(name), session.groupName(name), added, removed));
});

When('Okta renames the pushed group {string} to {string}', async function (this: ScimWorld, name: string, newName: string) {
  const session = idp(this);
  const { okta: sim } = okta(this);
  await expectSuccess(this, `Okta's rename of "${name}"`, () => sim.renameGroup(session.groupId(name), session.groupName(newName)));
});

When('Okta deletes the pushed group {string}', async function (this: ScimWorld, name: string) {
  const { okta: sim } = okta(this);
  await expectSuccess(this, `Okta's deletion of "${name}"`, () => sim.deleteGroup(idp(this).groupId(name)));
});

// ---------- import ----------

When('Okta imports the users', async function (this: ScimWorld) {
  const state = okta(this);
  state.imported = await expectSuccess(this, 'Okta\'s user import', () => state.okta.importUsers());
});

/**
 * Only this scenario's users are counted: the import walks the whole target, where other scenarios (or other
 * workers) create and delete users while it pages, so their users may legitimately shift between pages.
 */
function importedCounts(world: ScimWorld, names: string[]): Map<string, number> {
  const session = idp(world);
  const imported = okta(world).imported;
  if (!imported) world.fail('a step "When Okta imports the users"', 'none', 'Okta has not imported yet');
  const counts = new Map(names.map((n) => [n, 0]));
  for (const user of imported) {
    const name = names.find((n) => session.userIds.get(n) === user.id);
    if (name) counts.set(name, counts.get(name)! + 1);
  }
  return counts;
}

function expectImportedOnce(world: ScimWorld, names: string[]): void {
  const wrong = [...importedCounts(world, names)].filter(([, n]) => n !== 1);
  expectEqual(world, Object.fromEntries(wrong), {}, `Okta's import did not list ${wrong.length} of the users exactly once (name → times listed)`);
}

Then('Okta\'s import lists the users of {string} once each', function (this: ScimWorld, list: string) {
  expectImportedOnce(this, nameList(list));
});

Then('Okta\'s import lists the users of all {int} people once each', function (this: ScimWorld, count: number) {
  expectImportedOnce(this, people(count));
});

Then('Okta\'s import leaves out the user of {string}', function (this: ScimWorld, name: string) {
  expectEqual(this, importedCounts(this, [name]).get(name), 0, `Okta's import listed the user of "${name}", which Okta skips only when active is false`);
});

Then('Okta\'s import took more than one page', function (this: ScimWorld) {
  const pages = idp(this).recorder.sent.filter((r) => r.method === 'GET' && r.path === '/Users' && !r.query.has('filter') && r.query.get('count') === '100').map((r) => r.query.get('startIndex'));
  this.check(pages.length >= 2 && pages[0] === '1', 'pages at startIndex 1, 101, …', pages,
    'the import read a single page: the target returned more than 100 users at once, or a totalResults that ended the walk early');
  // A short page is legal (tolerance short-page) and the simulator walks on from what it got; Okta documents only
  // the full-page sequence 1, 101, …, so a server that pages by less than 100 earns a warning, not a failure.
  if (pages[1] !== '101') {
    this.warn(`the target answered Okta's count=100 with a shorter page (next startIndex ${pages[1]}): legal (RFC 7644 §3.4.2.4), but Okta documents its import as startIndex 1, 101, …; a page size of at least 100 is the safe choice for Okta`);
  }
});
