import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { base, en, Faker } from '@faker-js/faker';
import { createHash } from 'node:crypto';
import { URN } from '../scim/urns.ts';
import { resolveReference, resolveScimReference } from '../scim/uri-reference.ts';
import { isRefusal } from './error-verdict.ts';
import { CapabilitiesError, loadCapabilities, loadPublished, isSupported, parseCapabilities, type Capabilities, type Feature, type Published } from './capabilities.ts';
import { ScimClient, type SendOptions } from './http/client.ts';
import { MEDIA, type Exchange } from './http/exchange.ts';
import { getPath, interpolate, splitFixtureExpression } from './interpolate.ts';
import { endpointOf, intendedCreate, intentSettledBy, recordCreated, recordDeleted, recordIntended, recordSettled, type IntendedCreate, type LedgerEntry } from './ledger.ts';
import { parseParameters, type HarnessParameters } from './parameters.ts';
import { isShapeScenario } from './shape.ts';
import { tolerance } from './tolerances.ts';
import { currentStep } from './step-budget.ts';
import { validateExchange } from './validation.ts';

export type Json = Record<string, unknown>;

/** A feature section of an unreadable /ServiceProviderConfig, assumed supported so that the scenario is tried. */
const ASSUMED = { supported: true };
/** The keywords of a refused body (tolerance error-keyword-body-schema); none at all is the same refusal (§3.12 OPTIONAL). */
const BODY_REFUSALS = ['invalidValue', 'invalidSyntax'];

/** Identifies this cucumber worker process in the ledger. */
export const WORKER = `${process.env.CUCUMBER_WORKER_ID ?? 'main'}-${process.pid}`;

/**
 * One client (one undici Agent, keep-alive) per run and worker process. Keyed by runId because the runner may
 * call runCucumber several times in one process (fault catalogue), each run with its own target.
 */
export const runs = new Map<string, { params: HarnessParameters; client: ScimClient }>();

function clientFor(params: HarnessParameters): ScimClient {
  let run = runs.get(params.runId);
  if (!run) {
    run = { params, client: new ScimClient({ params }) };
    runs.set(params.runId, run);
  }
  return run.client;
}

/** An assertion failure already attached as evidence; the message is one line. */
export class AssertionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionFailure';
  }
}

/**
 * The harness (the suite or the run), not the server, went wrong: a placeholder or fixture a step names does not
 * exist, a step ran without the request it reads. Reported as the scenario's `error` verdict, never as a failure.
 */
export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

/**
 * A fixture the target refused with 400 invalidValue: a provider rule stricter than RFC 7643 (tolerance
 * provider-rule). Thrown by setup; the step wrapper (support/hooks.ts) turns it into a skip with this message.
 */
export class ProviderRuleRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderRuleRefusal';
  }
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** Resource type name from a URL path: "/scim/v2/Users/42" → "User". */
function typeFromPath(pathname: string): string | undefined {
  const m = /\/(Users|Groups)(?:\/|$)/i.exec(pathname);
  return m ? (m[1].toLowerCase() === 'users' ? 'User' : 'Group') : undefined;
}

/**
 * The scenario's state: the client, the last exchange, named fixtures ("the user", "user A"), seeded fake
 * data carrying the run prefix, and what the scenario created (deleted again in an After hook).
 */
export class ScimWorld extends World<unknown> {
  readonly params: HarnessParameters;
  readonly client: ScimClient;
  /** The exchange of the last When step. */
  last?: Exchange;
  /** Resources this scenario created and has not deleted. */
  readonly created: LedgerEntry[] = [];
  faker: Faker = new Faker({ locale: [en, base] });
  /** Short, stable per scenario: part of every generated name, so a name tells which scenario made it. */
  scenarioKey = '0000';
  /** Whether this scenario is about the shape of bodies (steps/shape.ts): then a shape violation fails it. */
  judgesShape = false;
  private readonly shapeWarnings = new Set<string>();
  private readonly fixtures = new Map<string, Json>();
  private counter = 0;
  /** userName / displayName of every User / Group this scenario created (deleted ones too): its query scope. */
  private readonly ownValues = { User: [] as string[], Group: [] as string[] };
  /** The scope filters this scenario sent, by resource type (see scopeFilter). */
  private readonly scopesSent = new Map<string, 'User' | 'Group'>();

  constructor(options: IWorldOptions<unknown>) {
    super(options);
    this.params = parseParameters(options.parameters);
    this.client = clientFor(this.params);
  }

  /**
   * Seeds faker from the run seed and the scenario, so a rerun with the same seed sends the same data, and notes
   * whether the scenario (feature uri and tags) is about the shape of bodies.
   */
  startScenario(scenarioId: string, uri = '', tags: readonly string[] = []): void {
    this.judgesShape = isShapeScenario(uri, tags);
    const h = hash(scenarioId);
    this.scenarioKey = h.slice(0, 6);
    this.faker.seed(this.params.seed + Number.parseInt(h.slice(0, 8), 16));
  }

  // ---------- outcomes ----------

  /**
   * Attach the reason; the step must `return` this value so cucumber marks the scenario skipped. `condition` names
   * a client setting under which the scenario would run (e.g. "aadOptscim062020"): the IdP profile then passes
   * "only with" that setting instead of counting a skip. `missingCapability`: a feature SPC declines, or a profile
   * the target does not claim (interopProfile).
   */
  skip(reason: string, missingCapability?: Feature | 'interopProfile', condition?: string): 'skipped' {
    void this.attach(JSON.stringify({ reason, ...(missingCapability ? { capability: missingCapability } : {}), ...(condition ? { condition } : {}) }), MEDIA.skip);
    return 'skipped';
  }

  /** A legal-but-weaker behaviour (rfc-requirements.md §22): the scenario passes with this warning. */
  warn(message: string): void {
    void this.attach(JSON.stringify({ message }), MEDIA.warning);
  }

  /**
   * Which of several legal answers the server chose (RFC 7644 lets it pick): recorded in the reports without
   * making the scenario a warning. `condition` as for skip().
   */
  note(message: string, condition?: string): void {
    void this.attach(JSON.stringify({ message, ...(condition ? { condition } : {}) }), MEDIA.note);
  }

  fail(expected: unknown, actual: unknown, message: string): never {
    void this.attach(JSON.stringify({ expected, actual, message }), MEDIA.assertion);
    throw new AssertionFailure(message);
  }

  /** Fails with the given evidence unless the condition holds. */
  check(condition: boolean, expected: unknown, actual: unknown, message: string): void {
    if (!condition) this.fail(expected, actual, message);
  }

  // ---------- capabilities ----------

  /**
   * What /ServiceProviderConfig claims. When it cannot be read, only a scenario about discovery fails on it (one
   * cause, one finding: steps/shape.ts); any other scenario warns and goes on as if every feature were supported,
   * so that it is judged on its own subject (limits such as maxResults are then unknown).
   */
  async capabilities(): Promise<Capabilities> {
    try {
      return await loadCapabilities(this.client, `${this.params.runId} ${this.params.target}`);
    } catch (err) {
      if (!(err instanceof CapabilitiesError) || this.judgesShape) throw err;
      if (!this.shapeWarnings.has(err.message)) {
        this.shapeWarnings.add(err.message);
        this.warn(`discovery (judged by the discovery scenarios, not here): ${err.message}; every feature is tried as if supported`);
      }
      return parseCapabilities({ patch: ASSUMED, bulk: ASSUMED, filter: ASSUMED, changePassword: ASSUMED, sort: ASSUMED, etag: ASSUMED });
    }
  }

  /** What the target publishes at /Schemas and /ResourceTypes (read once per run). */
  published(): Promise<Published> {
    return loadPublished(this.client, `${this.params.runId} ${this.params.target}`);
  }

  /**
   * 'skipped' with the true reason when the target does not publish the attribute path for the type (an unlisted
   * extension, or an attribute its schema lacks): a check on it cannot judge the server (tolerance
   * unpublished-attribute). Undefined when it is published.
   */
  async requirePublished(type: 'User' | 'Group', path: string): Promise<'skipped' | undefined> {
    const pub = await this.published();
    // "emails.0.value": list indexes are not part of an attribute path.
    if (pub.attribute(type, path.split('.').filter((s) => !/^\d+$/.test(s)).join('.'))) return undefined;
    const colon = path.lastIndexOf(':');
    const urn = colon > 0 ? path.slice(0, colon) : undefined;
    if (urn && !pub.extensionsOf(type).some((e) => e.toLowerCase() === urn.toLowerCase()) && urn.toLowerCase() !== (pub.coreSchemaOf(type) ?? '').toLowerCase()) {
      return this.skip(`the ${type} ResourceType does not list the extension ${urn}: ${path} is not published (${tolerance('unpublished-attribute').clause})`);
    }
    return this.skip(`the target's /Schemas does not publish the ${type} attribute "${path}" (${tolerance('unpublished-attribute').clause})`);
  }

  /**
   * 'skipped' with the reason when `res` (default: the last response) refused a User/Group create or replace with
   * 400 invalidValue and the body lacks an attribute the target publishes as required beyond RFC 7643's own (a
   * provider rule, tolerance provider-rule): the scenario's body cannot be judged by that server.
   */
  async providerRuleRefused(res: Exchange | undefined = this.last): Promise<'skipped' | undefined> {
    // A body refusal may carry invalidValue, invalidSyntax (tolerance error-keyword-body-schema) or no scimType at all.
    if (!res || !/^(POST|PUT)$/.test(res.request.method) || !isRefusal(res, [400], BODY_REFUSALS)) return undefined;
    const type = typeFromPath(new URL(res.request.url).pathname);
    if (type !== 'User' && type !== 'Group') return undefined;
    const missing = (await this.published()).providerRequired(type).filter((a) => getPath(res.request.body, a) === undefined);
    if (missing.length === 0) return undefined;
    return this.skip(`the target publishes ${missing.join(', ')} as required for a ${type} and refused this body without ${missing.length > 1 ? 'them' : 'it'} `
      + `(400 ${String(getPath(res.json, 'scimType') ?? 'without scimType')}): a provider rule stricter than RFC 7643 (${tolerance('provider-rule').clause})`);
  }

  /** 'skipped' (with the reason attached) when the server says it lacks the feature, else undefined. */
  async requireFeature(feature: Feature): Promise<'skipped' | undefined> {
    const caps = await this.capabilities();
    return isSupported(caps, feature) ? undefined : this.skip(`ServiceProviderConfig says ${feature}.supported = false`, feature);
  }

  // ---------- HTTP ----------

  /** The action of a When step: sends, becomes `last`, is validated and tracked in the ledger. */
  async call(method: string, path: string, options: SendOptions = {}): Promise<Exchange> {
    this.last = await this.fetch(method, path, options);
    return this.last;
  }

  /**
   * The send options that tie a request to the step running it: the step's AbortSignal (a step that gives up
   * cancels it), its request count (each request extends the step's budget), and its exchanges reported into this
   * scenario only while the step runs, so a late answer never lands in another step's or scenario's evidence.
   */
  sendOptions(options: SendOptions = {}): SendOptions {
    const step = currentStep();
    return {
      ...options,
      ...(step ? { signal: step.signal, onAttempt: () => step.noteRequest() } : {}),
      onExchange: (record) => {
        if (!step?.ended) void this.attach(JSON.stringify(record), MEDIA.exchange);
      },
    };
  }

  /** Like call() but leaves `last` alone (setup and follow-up reads). */
  async fetch(method: string, path: string, options: SendOptions = {}): Promise<Exchange> {
    // What this request may create is in the ledger before it is sent (issue 8 item 16).
    const intents = this.intentsOf(method, new URL(this.client.url(path)).pathname, options.body);
    for (const intent of intents) recordIntended(this.params.ledgerPath, intent);
    const exchange = await this.client.send(method, path, this.sendOptions(options));
    this.track(exchange);
    // A success that does not name what it created (no id in the body) leaves the intent open: cleanup finds it by name.
    const unnamed = method === 'POST' && exchange.status >= 200 && exchange.status < 300 && typeof (exchange.json as Json | undefined)?.id !== 'string';
    if (intentSettledBy(exchange.status) && !unnamed) for (const intent of intents) recordSettled(this.params.ledgerPath, intent.intended);
    const violations = await validateExchange(exchange, this.client, `${this.params.runId} ${this.params.target}`);
    if (violations.length > 0) {
      const message = `${method} ${path} → ${exchange.status}: invalid body: ${violations.join('; ')}`;
      // One cause, one finding (steps/shape.ts): only a scenario about shape fails on it; the others warn once.
      if (this.judgesShape) this.fail('a body valid against the RFC schemas and the published /Schemas', violations, message);
      const fresh = violations.filter((v) => !this.shapeWarnings.has(v));
      for (const v of fresh) this.shapeWarnings.add(v);
      if (fresh.length > 0) this.warn(`response shape (judged by the schema scenarios, not here): ${message}`);
    }
    return exchange;
  }

  /**
   * A URI reference the server sent in a body (`meta.location`, `$ref`, a bulk `location`) resolved per RFC 3986
   * §5.2 against the service root (RFC 7643 §2.3.7; tolerance "relative-references"); undefined when it cannot be.
   */
  reference(ref: unknown): URL | undefined {
    return resolveScimReference(ref, this.params.target);
  }

  /**
   * The `Location` header of an exchange resolved per RFC 3986 §5.2 against the effective request URI (RFC 7231
   * §7.1.2); undefined when absent or unresolvable.
   */
  headerLocation(exchange: Exchange = this.response): URL | undefined {
    return resolveReference(exchange.headers.location, exchange.request.url);
  }

  /** The last exchange, or a failure when no request was sent yet. */
  get response(): Exchange {
    if (!this.last) throw new HarnessError('no request was sent before this step (a suite bug)');
    return this.last;
  }

  /** Writes creations and deletions the target confirmed into the ledger. */
  private track(exchange: Exchange): void {
    const { method, url } = exchange.request;
    const pathname = new URL(url).pathname;
    const body = exchange.json as Json | undefined;
    // Any 2xx with an id created it (a 200 is judged by the create scenarios, never left out of the ledger).
    if (method === 'POST' && exchange.status >= 200 && exchange.status < 300 && typeof body?.id === 'string') {
      const type = (getPath(body, 'meta.resourceType') as string | undefined) ?? typeFromPath(pathname);
      if (type) this.recordCreation(type, body.id, getPath(body, 'meta.location') as string | undefined);
      this.rememberOwnValue(type, body);
    } else if (method === 'DELETE' && (exchange.status === 204 || exchange.status === 200)) {
      this.recordDeletion(decodeURIComponent(pathname.split('/').pop() ?? ''));
    } else if (method === 'POST' && /\/Bulk$/i.test(pathname) && Array.isArray(body?.Operations)) {
      for (const op of body.Operations as Json[]) this.trackBulkOperation(op);
    }
  }

  private trackBulkOperation(op: Json): void {
    const status = String(getPath(op, 'status.code') ?? op.status);
    const location = typeof op.location === 'string' ? op.location : undefined;
    if (!location) return;
    // A bulk location is a URI reference (tolerance "relative-references").
    const resolved = this.reference(location);
    if (!resolved) return;
    const pathname = resolved.pathname;
    const id = decodeURIComponent(pathname.split('/').pop() ?? '');
    const method = String(op.method).toUpperCase();
    const type = typeFromPath(pathname);
    if (method === 'POST' && status === '201' && type) this.recordCreation(type, id, location);
    if (method === 'DELETE' && status.startsWith('2')) this.recordDeletion(id);
  }

  private rememberOwnValue(type: string | undefined, body: Json): void {
    const value = type === 'User' ? getPath(body, 'userName') : type === 'Group' ? getPath(body, 'displayName') : undefined;
    if (typeof value === 'string' && (type === 'User' || type === 'Group') && !this.ownValues[type].includes(value)) this.ownValues[type].push(value);
  }

  // ---------- scoping queries to the scenario's own resources (item 4 of issue 8) ----------

  /**
   * A filter that finds exactly the Users (or Groups) this scenario created among whatever else the target holds:
   * `userName eq "a"`, or `(userName eq "a" or userName eq "b")` for several (displayName for Groups). Only `eq`
   * and `or`, never an operator a server may decline such as `sw` (RFC 7644 Table 9); a server that declines even
   * this makes the scenario skip (scopeDeclined). Fails when the scenario created no such resource.
   */
  scopeFilter(type: 'User' | 'Group'): string {
    const attribute = type === 'User' ? 'userName' : 'displayName';
    const values = this.ownValues[type];
    if (values.length === 0) this.fail(`${type}s created by this scenario`, 'none', `{{scope}} for ${type}s: this scenario created none to scope a query to`);
    const terms = values.map((v) => `${attribute} eq ${JSON.stringify(v)}`);
    const filter = terms.length === 1 ? terms[0] : `(${terms.join(' or ')})`;
    this.scopesSent.set(filter, type);
    return filter;
  }

  /**
   * 'skipped' (with the reason) when `res` (default: the last response) is a 400 invalidFilter to a filter that
   * contains this scenario's scope and the server declines the scope filter on its own too: the scenario then
   * cannot find its resources, which says nothing about the requirement it checks (tolerance `declined-scope`).
   * A refusal of the filter under test, with the scope accepted, is left to the scenario's Then steps.
   */
  async scopeDeclined(res: Exchange | undefined = this.last): Promise<'skipped' | undefined> {
    if (!res || !isRefusal(res, [400], ['invalidFilter'])) return undefined;
    const body = res.request.body as Json | undefined;
    const sent = res.request.method === 'POST' ? getPath(body, 'filter') : new URL(res.request.url).searchParams.get('filter');
    if (typeof sent !== 'string') return undefined;
    const scope = [...this.scopesSent].find(([filter]) => sent.includes(filter));
    if (!scope) return undefined;
    const [filter, type] = scope;
    if (sent.trim() !== filter) {
      const probe = await this.fetch('GET', type === 'User' ? '/Users' : '/Groups', { query: { filter } });
      if (!isRefusal(probe, [400], ['invalidFilter'])) return undefined;
    }
    return this.skip(`the server answers 400 ${String(getPath(res.json, 'scimType') ?? '(without scimType)')} to the filter that scopes this scenario to its own ${type}s (${filter}); `
      + `${tolerance('declined-scope').clause} allows that, and without it the scenario cannot tell its resources from other data`);
  }

  /** The creates a request may make: a POST to /Users or /Groups, or the POST operations of a Bulk request. */
  private intentsOf(method: string, pathname: string, body: unknown): IntendedCreate[] {
    const { runId } = this.params;
    if (method.toUpperCase() === 'POST' && /\/Bulk\/?$/i.test(pathname) && Array.isArray((body as Json | undefined)?.Operations)) {
      return ((body as Json).Operations as Json[]).flatMap((op) => {
        const intent = typeof op.path === 'string' ? intendedCreate(String(op.method ?? ''), op.path, op.data, runId, WORKER) : undefined;
        return intent ? [intent] : [];
      });
    }
    const intent = intendedCreate(method, pathname, body, runId, WORKER);
    return intent ? [intent] : [];
  }

  private recordCreation(type: string, id: string, location?: string): void {
    const entry: LedgerEntry = { type, id, location, runId: this.params.runId, createdAt: new Date().toISOString(), worker: WORKER };
    recordCreated(this.params.ledgerPath, entry);
    this.created.push(entry);
  }

  private recordDeletion(id: string): void {
    const i = this.created.findIndex((e) => e.id === id);
    if (i < 0) return;
    this.created.splice(i, 1);
    recordDeleted(this.params.ledgerPath, id);
  }

  /** Deletes what this scenario created (After hook): groups first, 404 counts as gone. */
  async cleanup(): Promise<void> {
    const entries = [...this.created].reverse().sort((a, b) => Number(b.type === 'Group') - Number(a.type === 'Group'));
    for (const entry of entries) {
      try {
        const res = await this.client.send('DELETE', `${endpointOf(entry.type)}/${encodeURIComponent(entry.id)}`, this.sendOptions({ record: false }));
        if (res.status < 300 || res.status === 404) this.recordDeletion(entry.id);
      } catch {
        // Left pending in the ledger: the worker's AfterAll, the next run or `scim-harness cleanup` retries it.
      }
    }
  }

  // ---------- fixtures ----------

  private static key(name: string): string {
    return name.trim().replace(/^the\s+/i, '').toLowerCase();
  }

  remember(name: string, resource: Json): void {
    this.fixtures.set(ScimWorld.key(name), resource);
  }

  fixture(name: string): Json {
    const resource = this.fixtures.get(ScimWorld.key(name));
    if (!resource) throw new HarnessError(`no fixture named "${name}" in this scenario (known: ${[...this.fixtures.keys()].join(', ') || 'none'})`);
    return resource;
  }

  hasFixture(name: string): boolean {
    return this.fixtures.has(ScimWorld.key(name));
  }

  /**
   * Meaning of `{{expression}}` placeholders; `|upper` / `|lower` change the case of the value, `|json` writes it
   * as a JSON literal (for values with quotes, such as ETags, inside JSON docstrings), `|url` resolves a URI
   * reference the server sent (`{{user.meta.location|url}}`) to the absolute URL to request.
   */
  resolve(expression: string): unknown {
    const pipe = /^(.*?)\s*\|\s*(upper|lower|json|url)$/.exec(expression);
    if (pipe) {
      const value = this.resolve(pipe[1]);
      if (pipe[2] === 'json') return JSON.stringify(value);
      if (pipe[2] === 'url') return this.reference(value)?.href ?? value;
      return typeof value === 'string' ? (pipe[2] === 'upper' ? value.toUpperCase() : value.toLowerCase()) : value;
    }
    switch (expression) {
      case 'scope.users':
        return this.scopeFilter('User');
      case 'scope.groups':
        return this.scopeFilter('Group');
      case 'prefix':
        return this.params.prefix;
      case 'runId':
        return this.params.runId;
      case 'target':
        return this.params.target;
      case 'random':
        return this.unique('r');
      case 'uuid':
        return this.faker.string.uuid();
    }
    const { name, path } = splitFixtureExpression(expression);
    const key = ScimWorld.key(name);
    const source = key === 'response' || key === 'last' ? this.response.json : this.fixtures.has(key) ? this.fixture(name) : undefined;
    if (source === undefined) throw new HarnessError(`unknown placeholder {{${expression}}} (fixtures: ${[...this.fixtures.keys()].join(', ') || 'none'})`);
    return path ? getPath(source, path) : source;
  }

  interpolate(text: string): string {
    return interpolate(text, (e) => this.resolve(e));
  }

  /** Parses a docstring as JSON after interpolation. */
  json(docString: string): Json {
    const text = this.interpolate(docString);
    try {
      return JSON.parse(text) as Json;
    } catch (err) {
      throw new Error(`the step's JSON does not parse: ${(err as Error).message}\n${text}`);
    }
  }

  /** A name no other resource of this run has: prefix + scenario key + counter + a tag. */
  unique(tag: string): string {
    this.counter += 1;
    return `${this.params.prefix}${this.scenarioKey}-${this.counter}-${tag}`;
  }

  // ---------- fake data ----------

  userBody(overrides: Json = {}): Json {
    const givenName = this.faker.person.firstName();
    const familyName = this.faker.person.lastName();
    const userName = this.unique(this.faker.internet.username({ firstName: givenName, lastName: familyName }).toLowerCase().replace(/[^a-z0-9._-]/g, ''));
    return {
      schemas: [URN.User],
      userName,
      externalId: `${userName}-ext`,
      name: { givenName, familyName, formatted: `${givenName} ${familyName}` },
      displayName: `${givenName} ${familyName}`,
      emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }],
      active: true,
      ...overrides,
    };
  }

  groupBody(overrides: Json = {}): Json {
    return { schemas: [URN.Group], displayName: this.unique(`g-${this.faker.word.noun()}`), ...overrides };
  }

  /**
   * POSTs a resource as setup; a 400 body refusal (invalidValue, invalidSyntax or no scimType) throws
   * ProviderRuleRefusal (the scenario is skipped), anything
   * else but 201 fails the Given step.
   */
  async createResource(endpoint: string, body: Json, name?: string): Promise<Json> {
    const res = await this.fetch('POST', endpoint, { body });
    if (isRefusal(res, [400], BODY_REFUSALS)) {
      const detail = getPath(res.json, 'detail');
      const keyword = getPath(res.json, 'scimType');
      throw new ProviderRuleRefusal(`setup: the target refused a fixture (POST ${endpoint}) with 400 ${typeof keyword === 'string' ? keyword : '(without scimType)'}${typeof detail === 'string' ? `: "${detail}"` : ''}; `
        + `a provider rule stricter than RFC 7643 (${tolerance('provider-rule').clause}), so this scenario cannot be judged here`);
    }
    const resource = await this.createdBy(res, endpoint, (url) => this.fetch('GET', url));
    if (name) this.remember(name, resource);
    return resource;
  }

  /**
   * The resource a setup POST created (one cause, one finding: the create scenarios judge the 201, its body and its
   * Location; a fixture only needs the resource). Any 2xx whose body has an `id` is accepted, a status other than 201
   * with a warning; a 2xx without a body (RFC 7644 §3.3: the representation is a SHOULD) is read from its Location.
   * Throws the step's assertion failure ("setup failed") when nothing was created that can be read.
   */
  async createdBy(res: Exchange, endpoint: string, read: (url: string) => Promise<Exchange>): Promise<Json> {
    const failed = (why: string): never =>
      this.fail(`a 201 with the created resource from POST ${endpoint}`, { status: res.status, body: res.json ?? res.text }, `setup failed: POST ${endpoint} ${why}`);
    if (res.status < 200 || res.status > 299) return failed(`answered ${res.status}`);
    if (res.status !== 201) this.warn(`setup: POST ${endpoint} answered ${res.status}, not 201 (judged by the create scenarios, P-CREATE-01); the fixture was used as created`);
    let resource = res.json as Json | undefined;
    if (typeof resource?.id !== 'string') {
      const location = this.headerLocation(res);
      if (!location) return failed(`answered ${res.status} with neither the resource (an id) nor a Location header`);
      const read_ = await read(location.href);
      resource = read_.json as Json | undefined;
      if (read_.status !== 200 || typeof resource?.id !== 'string') return failed(`answered ${res.status} without the resource, and GET of its Location answered ${read_.status}`);
      this.warn(`setup: POST ${endpoint} answered without the resource in its body; read from its Location (judged by the create scenarios)`);
    }
    return resource;
  }

  createUser(name = 'user', overrides: Json = {}): Promise<Json> {
    return this.createResource('/Users', this.userBody(overrides), name);
  }

  createGroup(name = 'group', overrides: Json = {}, members: Json[] = []): Promise<Json> {
    const body = this.groupBody(overrides);
    if (members.length > 0) body.members = members.map((m) => ({ value: m.id }));
    return this.createResource('/Groups', body, name);
  }
}

setWorldConstructor(ScimWorld);
