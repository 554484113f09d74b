import { After } from '@cucumber/cucumber';
import type { Auth } from '../../simulators/engine/auth.ts';
import { systemClock, type Clock } from '../../simulators/engine/clock.ts';
import { ScimEngine, type IdpProfile, type ScimRequest, type ScimResponse } from '../../simulators/engine/engine.ts';
import { ScimRequestError, TransportError } from '../../simulators/engine/errors.ts';
import { QuarantinedError } from '../../simulators/quarantine.ts';
import type { HarnessAuth, HarnessParameters } from '../parameters.ts';
import { intendedCreate, intentSettledBy, recordIntended, recordSettled } from '../ledger.ts';
import { currentStep } from '../step-budget.ts';
import { WORKER } from '../world.ts';
import { SUITE_MAX_RETRY_WAIT_MS, ThrottledError } from '../../simulators/engine/retry.ts';
import type { ScimWorld } from '../world.ts';
import { ScenarioRecorder } from './recorder.ts';

/**
 * The state an IdP scenario keeps between its steps: the people and groups the IdP knows by name, the target ids
 * they ended up with, the engines that carried the IdP's requests, and the faults the scenario injects.
 */

/** A person as the IdP holds it; names and ids carry the run prefix, so they never collide and cleanup is exact. */
export interface Person {
  /** userName in the target, also the work email. */
  userName: string;
  givenName: string;
  familyName: string;
  displayName: string;
  /** The IdP's own id, sent as externalId (Okta 00u..., Entra mailNickname). */
  idpId: string;
  /** Entra's objectId. */
  objectId: string;
}

/** A hook run just before a simulator request it matches: a fault only the scenario controls. */
interface BeforeSend {
  matches: (req: ScimRequest) => boolean;
  run: () => Promise<void>;
}

/** A ScimEngine that lets the scenario act between two of the IdP's requests (e.g. a competing create). */
class ScenarioEngine extends ScimEngine {
  constructor(
    options: ConstructorParameters<typeof ScimEngine>[0],
    private readonly hooks: BeforeSend[],
    private readonly ledger?: { path: string; runId: string },
  ) {
    super(options);
  }

  /** Runs in the step that asks: the step's budget cancels the request (and its retry waits) when it gives up. */
  override async send<T = unknown>(req: ScimRequest, signal: AbortSignal | undefined = currentStep()?.signal): Promise<ScimResponse<T>> {
    const i = this.hooks.findIndex((h) => h.matches(req));
    if (i >= 0) await this.hooks.splice(i, 1)[0].run();
    // What the IdP may create is in the run's ledger before the request is sent (issue 8 item 16).
    const intent = this.ledger && intendedCreate(req.method, req.path, req.body, this.ledger.runId, WORKER);
    if (intent) recordIntended(this.ledger!.path, intent);
    const res = await super.send<T>(req, signal);
    // A 201 is in the ledger by id (ScenarioRecorder); an error answer created nothing.
    if (intent && intentSettledBy(res.status)) recordSettled(this.ledger!.path, intent.intended);
    // The IdP retried the request itself and still got a 429/503: the harness cannot judge the server by it. (An IdP
    // that retries in a later cycle gets the answer back and throws ThrottledError itself once its cycles are used.)
    const { retry } = this.profile;
    if (retry.scope !== 'cycle' && retry.retryOn.includes(res.status)) throw new ThrottledError(`${this.profile.name}: ${req.method} ${req.path}`, res.status, res.attempts);
    return res;
  }

  /** Waits of the IdP (a later cycle's retry) are cut short when the step gives up. */
  override sleep(ms: number, signal: AbortSignal | undefined = currentStep()?.signal): Promise<void> {
    return super.sleep(ms, signal);
  }
}

/** Real time that a scenario can move forward (Entra's 30-day soft-delete period) without waiting. */
export class FastForwardClock implements Clock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  sleep(ms: number): Promise<void> {
    return systemClock.sleep(ms);
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}

const engineAuth = (auth: HarnessAuth): Auth =>
  auth.kind === 'basic' ? { kind: 'basic', username: auth.user, password: auth.pass } : auth;

/**
 * The IdP's profile under the run's limits: the IdP's headers, user agent and request sequences are kept, but
 * its waits are not (Okta's 5-minute default back-off or Entra's 25 requests/s pacing would only stall a
 * scenario of a dozen requests); retries follow the run's --retries, each wait bounded like the suite's own
 * (SUITE_MAX_RETRY_WAIT_MS), and whether the IdP retries the request or the operation in a later cycle is kept.
 */
function scenarioProfile(profile: IdpProfile, params: HarnessParameters): IdpProfile {
  return {
    ...profile,
    headers: { ...profile.headers, ...params.headers },
    retry: { ...profile.retry, maxAttempts: params.maxRetries + 1, initialDelayMs: Math.min(profile.retry.initialDelayMs, 1_000), maxDelayMs: SUITE_MAX_RETRY_WAIT_MS },
    ratePerSecond: Infinity,
    timeoutMs: params.timeoutMs,
  };
}

/** "ana, ben and cleo" → ["ana", "ben", "cleo"]; "" or "none" → []. */
export function nameList(list: string): string[] {
  return list.trim() === '' || list.trim() === 'none' ? [] : list.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
}

const slug = (name: string) => name.trim().toLowerCase().replace(/\s+/g, '-').replace(/[^a-z0-9-]/g, '');

export class IdpSession {
  readonly recorder: ScenarioRecorder;
  /** Person name → the id of its user in the target. */
  readonly userIds = new Map<string, string>();
  /** Group name (as the scenario says it) → the id of the group in the target. */
  readonly groupIds = new Map<string, string>();
  /** What the target held before the IdP acted ("user:ana", "group:Sales" → id): linked, not duplicated. */
  readonly preexisting = new Map<string, string>();
  /** The failure of the last "tries to" step, kept for the Then step that expects it. */
  lastError?: unknown;
  private readonly people = new Map<string, Person>();
  private readonly hooks: BeforeSend[] = [];
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(readonly world: ScimWorld) {
    this.recorder = new ScenarioRecorder(world);
  }

  /** The person of that name, made up (seeded) on first mention. */
  person(name: string): Person {
    let p = this.people.get(name);
    if (!p) {
      const { faker } = this.world;
      const givenName = faker.person.firstName();
      const familyName = faker.person.lastName();
      const base = this.scoped(name);
      p = {
        userName: `${base}@example.test`,
        givenName,
        familyName,
        displayName: `${givenName} ${familyName}`,
        idpId: `${base}-00u${faker.string.alphanumeric(12)}`,
        objectId: faker.string.uuid(),
      };
      this.people.set(name, p);
    }
    return p;
  }

  /** The run prefix, the scenario key and the name: unique in the run, and tells which scenario made it. */
  scoped(name: string): string {
    return `${this.world.params.prefix}${this.world.scenarioKey}-${slug(name)}`;
  }

  /** A group's displayName in the target. */
  groupName(name: string): string {
    return `${this.world.params.prefix}${this.world.scenarioKey}-${name}`;
  }

  userId(name: string): string {
    const id = this.userIds.get(name);
    if (!id) this.world.fail(`a target user for "${name}" made by an earlier step`, [...this.userIds.keys()], `no target user is known for "${name}"`);
    return id;
  }

  groupId(name: string): string {
    const id = this.groupIds.get(name);
    if (!id) this.world.fail(`a target group for "${name}" made by an earlier step`, [...this.groupIds.keys()], `no target group is known for "${name}"`);
    return id;
  }

  /** A simulator engine against the run's target, recorded into this scenario, closed after it. */
  engine(profile: IdpProfile, clock?: Clock): ScimEngine {
    const { params } = this.world;
    const engine = new ScenarioEngine(
      {
        baseUrl: params.target, auth: engineAuth(params.auth), profile: scenarioProfile(profile, params), clock, har: this.recorder,
        onAttempt: () => currentStep()?.noteRequest(),
      },
      this.hooks,
      { path: params.ledgerPath, runId: params.runId },
    );
    this.onClose(() => engine.close());
    return engine;
  }

  /** Runs `run` once, just before the first simulator request that `matches`. */
  before(matches: (req: ScimRequest) => boolean, run: () => Promise<void>): void {
    this.hooks.push({ matches, run });
  }

  onClose(fn: () => Promise<void>): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    for (const fn of this.closers.reverse()) await fn().catch(() => undefined);
  }
}

const sessions = new WeakMap<ScimWorld, IdpSession>();

export function idp(world: ScimWorld): IdpSession {
  let session = sessions.get(world);
  if (!session) sessions.set(world, (session = new IdpSession(world)));
  return session;
}

After(async function (this: ScimWorld) {
  await sessions.get(this)?.close();
});

/** An IdP operation that failed the way the IdP sees failures: an HTTP error, no answer, or a quarantined job. */
export function isIdpFailure(err: unknown): err is ScimRequestError | TransportError | QuarantinedError {
  return err instanceof ScimRequestError || err instanceof TransportError || err instanceof QuarantinedError;
}

/** Fails the step with the target's answer as evidence (the exchange itself is already attached by the recorder). */
export function failWith(world: ScimWorld, what: string, err: unknown): never {
  if (err instanceof ScimRequestError) {
    world.fail(`${what}: success`, { status: err.status, body: err.response.body ?? err.response.text }, `${what} failed: ${err.message}`);
  }
  // No answer at all (refused, reset, timed out) says nothing the IdP could judge the server by: a harness error.
  if (err instanceof TransportError) throw err;
  if (isIdpFailure(err)) world.fail(`${what}: success`, err.message, `${what} failed: ${err.message}`);
  throw err;
}

/** Runs an IdP operation a scenario expects to succeed; a failure fails the step (see failWith). */
export async function expectSuccess<T>(world: ScimWorld, what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    return failWith(world, what, err);
  }
}

/** Runs an IdP operation whose failure the scenario checks later: the failure is kept, not thrown. */
export async function keepFailure(world: ScimWorld, operation: () => Promise<unknown>): Promise<void> {
  const session = idp(world);
  session.lastError = undefined;
  try {
    await operation();
  } catch (err) {
    if (!isIdpFailure(err)) throw err;
    session.lastError = err;
  }
}
