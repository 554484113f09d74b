import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { ScimRequestError } from '../../simulators/engine/errors.ts';
import { EntraSimulator, entraProfile, managerPath, userChangePaths, type EntraDialect, type EntraManagerStyle, type EntraUser, type EntraUserChanges } from '../../simulators/entra.ts';
import type { ScimResource } from '../../simulators/scim-messages.ts';
import { expectEqual } from '../assertions.ts';
import { tolerance } from '../tolerances.ts';
import type { ScimWorld } from '../world.ts';
import { expectSuccess, failWith, FastForwardClock, idp, nameList } from './session.ts';

/** Entra ID's provisioning job (simulators/entra.ts) against the run's target; target.steps.ts checks the result. */

interface EntraState {
  entra: EntraSimulator;
  clock: FastForwardClock;
  linked: Map<string, boolean>;
  /** Ids of the users a quarantine scenario made up: the target has never had them. */
  missing: string[];
  /** The last group read with excludedAttributes=members. */
  groupRead?: ScimResource;
  managerStyle: EntraManagerStyle;
}

const states = new WeakMap<ScimWorld, EntraState>();
const DIALECTS: readonly EntraDialect[] = ['legacy', 'aadOptscim062020'];
const DAY = 86_400_000;

function entra(world: ScimWorld): EntraState {
  const state = states.get(world);
  if (!state) world.fail('a step "Given Entra ID provisions to the target ..."', 'none', 'this step needs Entra ID connected to the target');
  return state;
}

function connect(world: ScimWorld, dialect: string, managerStyle: EntraManagerStyle = 'enterprise'): 'skipped' | undefined {
  if (!DIALECTS.includes(dialect as EntraDialect)) throw new Error(`Entra ID dialects are ${DIALECTS.join(', ')}, not "${dialect}"`);
  if (world.params.auth.kind !== 'bearer') {
    return world.skip(`Entra ID authenticates with a bearer token only, and this run uses ${world.params.auth.kind === 'basic' ? 'Basic credentials' : 'no credentials'}`);
  }
  const clock = new FastForwardClock();
  const entra = new EntraSimulator(idp(world).engine(entraProfile, clock), {
    dialect: dialect as EntraDialect,
    managerStyle,
    guid: () => world.faker.string.uuid(),
  });
  states.set(world, { entra, clock, linked: new Map(), missing: [], managerStyle });
  return undefined;
}

/** Scope-out reasons a strict RFC server may give for a form only Entra's legacy job sends (§22 A8-A10). */
const LEGACY_REFUSALS = ['invalidSyntax', 'invalidValue', 'invalidPath', 'noTarget'];

/**
 * Runs an Entra operation. A PATCH in the legacy dialect that a strict server refuses with 400 is not a failure
 * of the server (the RFC allows the refusal; Entra's aadOptscim062020 flag is the documented remedy, and the
 * flag's own scenarios are the ones that must pass): the scenario is skipped with that reason. What never
 * passes is a 2xx that did something other than what Entra meant, which the Then steps catch.
 */
async function entraOp(world: ScimWorld, what: string, operation: (sim: EntraSimulator) => Promise<unknown>): Promise<'skipped' | undefined> {
  const state = entra(world);
  try {
    await operation(state.entra);
    return undefined;
  } catch (err) {
    const last = idp(world).recorder.sent.at(-1);
    // The true reason first: a refused write to what the target does not publish is not a dialect question.
    if (err instanceof ScimRequestError && err.status === 400 && last && /^\/Users/i.test(last.path)) {
      const unpublished = await unpublishedPaths(world, last.body);
      if (unpublished.length > 0) {
        return world.skip(`the target refused Entra's write (${err.message}) to ${unpublished.join(', ')}, which it does not publish at /Schemas or /ResourceTypes `
          + `(${tolerance('unpublished-attribute').clause}): Entra sends it only when the app's attribute mapping includes it`);
      }
    }
    // A refusal without scimType is still a refusal (scimType is OPTIONAL, RFC 7644 §3.12).
    if (state.entra.dialect === 'legacy' && err instanceof ScimRequestError && err.status === 400 && last?.method === 'PATCH' && (err.scimType === undefined || LEGACY_REFUSALS.includes(err.scimType))) {
      return world.skip(`the server refused Entra's legacy PATCH (${err.message}); Entra apps on this server need the aadOptscim062020 flag`, undefined, 'aadOptscim062020');
    }
    return failWith(world, what, err);
  }
}

/**
 * The attribute paths a User write (PATCH operations or a POST/PUT body) names that the target does not publish:
 * an extension its User ResourceType does not list (`urn:…:enterprise:2.0:User:manager`) or an unqualified path
 * its core schema lacks (Entra's core-style `manager`).
 */
async function unpublishedPaths(world: ScimWorld, body: unknown): Promise<string[]> {
  const pub = await world.published();
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const paths: string[] = [];
  if (Array.isArray(b.Operations)) {
    for (const op of b.Operations as Record<string, unknown>[]) {
      // A value filter ("emails[type eq \"work\"].value") selects values; the attribute path is what is left.
      if (typeof op.path === 'string') paths.push(op.path.replace(/\[.*?\]/g, ''));
      else if (typeof op.value === 'object' && op.value !== null) paths.push(...Object.keys(op.value));
    }
  } else {
    paths.push(...Object.keys(b).filter((k) => !['schemas', 'id', 'externalId', 'meta'].includes(k)));
  }
  // A key may be an extension's URN (its object of attributes) or an attribute path.
  const published = (p: string) => pub.extensionsOf('User').some((e) => e.toLowerCase() === p.toLowerCase()) || pub.attribute('User', p) !== undefined;
  return [...new Set(paths.filter((p) => !published(p)))];
}

/**
 * 'skipped', before anything is sent, when an Entra write would name an attribute the target does not publish at
 * /Schemas or /ResourceTypes (tolerance unpublished-attribute): Entra sends an attribute only when the app's
 * attribute mapping includes it, and an admin maps only what the application publishes. The reason is the true one
 * (an extension the User ResourceType does not list, or an attribute its schema lacks), read from the Published
 * model rather than guessed from a refusal.
 */
async function requireMapped(world: ScimWorld, paths: readonly string[]): Promise<'skipped' | undefined> {
  for (const path of paths) {
    const skipped = await world.requirePublished('User', path);
    if (skipped) return skipped;
  }
  return undefined;
}

/**
 * Entra's core-style manager (`manager`, unqualified) needs a manager attribute the target publishes: in its core
 * User schema, or the enterprise extension's (servers read the unqualified name as that one). The enterprise style
 * needs the enterprise extension's.
 */
async function requireManager(world: ScimWorld, style: EntraManagerStyle): Promise<'skipped' | undefined> {
  if (style === 'enterprise') return requireMapped(world, [managerPath('enterprise')]);
  const pub = await world.published();
  if (pub.attribute('User', managerPath('core')) || pub.attribute('User', managerPath('enterprise'))) return undefined;
  return world.skip(`the target publishes no manager attribute for a User (neither a core "manager" nor the enterprise extension's), `
    + `so Entra's attribute mapping has nothing to send it to (${tolerance('unpublished-attribute').clause})`);
}

function entraUser(world: ScimWorld, name: string): EntraUser {
  const p = idp(world).person(name);
  return {
    objectId: p.objectId, mailNickname: p.idpId, userPrincipalName: p.userName,
    givenName: p.givenName, surname: p.familyName, displayName: p.displayName, mail: p.userName,
  };
}

async function provision(world: ScimWorld, list: string): Promise<'skipped' | undefined> {
  for (const name of nameList(list)) {
    const outcome = await entraOp(world, `Entra ID's provisioning of "${name}"`, async (sim) => {
      const result = await sim.provisionUser(entraUser(world, name));
      idp(world).userIds.set(name, result.id);
      entra(world).linked.set(name, result.linked);
    });
    if (outcome) return outcome;
  }
  return undefined;
}

async function provisionGroup(world: ScimWorld, name: string, list: string): Promise<'skipped' | undefined> {
  const session = idp(world);
  const outcome = await entraOp(world, `Entra ID's provisioning of the group "${name}"`, async (sim) => {
    // Entra sends the group's objectId as externalId; it carries the run prefix like everything the suite creates.
    const result = await sim.provisionGroup(`${session.scoped(name)}-${world.faker.string.uuid()}`, session.groupName(name));
    session.groupIds.set(name, result.id);
  });
  const members = nameList(list).map((n) => session.userId(n));
  if (outcome || members.length === 0) return outcome;
  return entraOp(world, `Entra ID's member add to "${name}"`, (sim) => sim.addMembers(session.groupId(name), members));
}

Given('Entra ID provisions to the target in the {string} dialect', function (this: ScimWorld, dialect: string) {
  return connect(this, dialect);
});

Given('Entra ID provisions to the target in the {string} dialect, sending the manager on the {word} path', function (this: ScimWorld, dialect: string, style: string) {
  if (style !== 'enterprise' && style !== 'core') throw new Error(`the manager path is "enterprise" or "core", not "${style}"`);
  return connect(this, dialect, style);
});

// ---------- users ----------

When('Entra ID tests the connection', function (this: ScimWorld) {
  return entraOp(this, 'Entra ID\'s Test Connection', (sim) => sim.testConnection());
});

Given('Entra ID has provisioned {string}', function (this: ScimWorld, list: string) {
  return provision(this, list);
});

When('Entra ID provisions {string}', function (this: ScimWorld, list: string) {
  return provision(this, list);
});

Then('Entra ID matched {string} to the existing user', function (this: ScimWorld, name: string) {
  expectEqual(this, entra(this).linked.get(name), true, `Entra ID's match on userName did not find the user of "${name}", so it created another one`);
});

Then('Entra ID created a new user for {string}', function (this: ScimWorld, name: string) {
  expectEqual(this, entra(this).linked.get(name), false, `Entra ID's match found a user for "${name}" before it was created`);
});

When('Entra ID updates {string}:', async function (this: ScimWorld, name: string, table: DataTable) {
  const changes = table.rowsHash() as EntraUserChanges;
  const unmapped = await requireMapped(this, userChangePaths(changes));
  if (unmapped) return unmapped;
  return entraOp(this, `Entra ID's update of "${name}"`, (sim) => sim.updateUser(idp(this).userId(name), changes));
});

When('Entra ID sets the manager of {string} to {string}', async function (this: ScimWorld, name: string, manager: string) {
  const session = idp(this);
  const unmapped = await requireManager(this, entra(this).managerStyle);
  if (unmapped) return unmapped;
  return entraOp(this, `Entra ID's manager update of "${name}"`, (sim) => sim.setManager(session.userId(name), session.userId(manager)));
});

Given('Entra ID has disabled {string}', function (this: ScimWorld, name: string) {
  return entraOp(this, `Entra ID's disable of "${name}"`, (sim) => sim.disableUser(idp(this).userId(name)));
});

When('Entra ID disables {string}', function (this: ScimWorld, name: string) {
  return entraOp(this, `Entra ID's disable of "${name}"`, (sim) => sim.disableUser(idp(this).userId(name)));
});

Given('{string} was soft-deleted in Entra ID', function (this: ScimWorld, name: string) {
  return entraOp(this, `Entra ID's soft delete of "${name}"`, (sim) => sim.softDeleteUser(idp(this).userId(name)));
});

When('{string} is soft-deleted in Entra ID', function (this: ScimWorld, name: string) {
  return entraOp(this, `Entra ID's soft delete of "${name}"`, (sim) => sim.softDeleteUser(idp(this).userId(name)));
});

When('{string} is restored in Entra ID', function (this: ScimWorld, name: string) {
  return entraOp(this, `Entra ID's restore of "${name}"`, (sim) => sim.restoreUser(idp(this).userId(name)));
});

When('{int} days pass and Entra ID runs its hard-delete pass', function (this: ScimWorld, days: number) {
  const state = entra(this);
  state.clock.advance(days * DAY);
  return entraOp(this, 'Entra ID\'s hard-delete pass', (sim) => sim.hardDeleteDue());
});

// ---------- groups ----------

Given('Entra ID has provisioned the group {string} with the members {string}', function (this: ScimWorld, name: string, list: string) {
  return provisionGroup(this, name, list);
});

When('Entra ID provisions the group {string}', function (this: ScimWorld, name: string) {
  return provisionGroup(this, name, '');
});

When('Entra ID adds {string} to the group {string}', function (this: ScimWorld, list: string, group: string) {
  const session = idp(this);
  return entraOp(this, `Entra ID's member add to "${group}"`, (sim) => sim.addMembers(session.groupId(group), nameList(list).map((n) => session.userId(n))));
});

When('Entra ID removes {string} from the group {string}', function (this: ScimWorld, list: string, group: string) {
  const session = idp(this);
  return entraOp(this, `Entra ID's member removal from "${group}"`, (sim) => sim.removeMembers(session.groupId(group), nameList(list).map((n) => session.userId(n))));
});

When('Entra ID renames the group {string} to {string}', function (this: ScimWorld, name: string, newName: string) {
  const session = idp(this);
  return entraOp(this, `Entra ID's rename of "${name}"`, (sim) => sim.renameGroup(session.groupId(name), session.groupName(newName)));
});

When('Entra ID deletes the group {string}', function (this: ScimWorld, name: string) {
  return entraOp(this, `Entra ID's deletion of "${name}"`, (sim) => sim.deleteGroup(idp(this).groupId(name)));
});

When('Entra ID reads the group {string}', function (this: ScimWorld, name: string) {
  const state = entra(this);
  return entraOp(this, `Entra ID's read of "${name}"`, async (sim) => {
    state.groupRead = await sim.getGroup(idp(this).groupId(name));
  });
});

Then('the group Entra ID read lists no members', function (this: ScimWorld) {
  const read = entra(this).groupRead;
  if (!read) this.fail('a step "When Entra ID reads the group ..."', 'none', 'Entra ID has not read a group');
  this.check(read.members === undefined, 'no members attribute (excludedAttributes=members)', read.members, 'the group read with excludedAttributes=members still lists its members');
});

// ---------- quarantine ----------

/**
 * The fault only the scenario controls: updates addressed to ids the target has never had (made-up UUIDs), which
 * any server answers 404. Entra counts each as a failed event; the job's first ten events decide early quarantine.
 */
When('Entra ID updates {string} and {int} users the target does not have', async function (this: ScimWorld, list: string, missing: number) {
  const state = entra(this);
  const session = idp(this);
  for (const name of nameList(list)) {
    await expectSuccess(this, `Entra ID's update of "${name}"`, () => state.entra.updateUser(session.userId(name), { jobTitle: 'Analyst' }));
  }
  for (let i = 0; i < missing; i++) {
    const id = this.faker.string.uuid();
    state.missing.push(id);
    // Expected to fail; the Then steps read the outcome from the recorded traffic and the job's state.
    await state.entra.updateUser(id, { jobTitle: 'Analyst' }).catch((err: unknown) => {
      if (!(err instanceof ScimRequestError)) throw err;
    });
  }
});

Then('every update of a user the target does not have was answered 404', function (this: ScimWorld) {
  const { missing } = entra(this);
  const answers = idp(this).recorder.sent.filter((r) => r.method === 'PATCH' && missing.some((id) => r.path === `/Users/${id}`)).map((r) => r.status);
  expectEqual(this, answers, missing.map(() => 404), 'the updates of users the target never had were not each answered 404');
});

Then('Entra ID\'s next update of {string} reaches the target', async function (this: ScimWorld, name: string) {
  const state = entra(this);
  await expectSuccess(this, `Entra ID's update of "${name}"`, () => state.entra.updateUser(idp(this).userId(name), { jobTitle: 'Lead' }));
});
