import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startServer } from '../../../reference-server/index.ts';
import { runScenarios, type CucumberRunResult } from '../../../runner/cucumber-run.ts';
import type { ScenarioOutcome } from '../../../runner/outcomes.ts';
import { planScenarios, type ScenarioPlan } from '../../../runner/plan.ts';
import { listFeatureDirs, profileSlices } from '../../../runner/profiles.ts';
import { PROJECT_ROOT } from '../../../runner/run.ts';
import { newRunId, runPrefix, type HarnessParameters } from '../../../steps/parameters.ts';
import { FaultProxy, type FaultHooks, type ProxiedRequest } from '../proxy.ts';

/** The run settings a fault test varies; everything else is the same in every fault test. */
export type RunSettings = Partial<Pick<HarnessParameters, 'timeoutMs' | 'maxRetries' | 'strict' | 'seed'>>;

/** One run through the proxy: its parameters (ledger, prefix) and cucumber's result. */
export interface FaultRun extends CucumberRunResult {
  parameters: HarnessParameters;
}

/**
 * The fault tests' one setup: the reference server (memory store) with the fault proxy in front of it, a ledger
 * folder, and a signal that ends whatever a case holds back (delayed answers) when the tests are over. Created by
 * useFaultTarget(), which registers its start and stop with node:test.
 */
export class FaultTarget {
  readonly ledgers: string;
  /** Aborted after the last test: a hook that holds an answer back waits on it, so that nothing outlives the test. */
  readonly released = new AbortController();
  server!: Awaited<ReturnType<typeof startServer>>;
  proxy!: FaultProxy;
  private readonly slices = profileSlices('all', listFeatureDirs(join(PROJECT_ROOT, 'features')));

  constructor(readonly token: string) {
    this.ledgers = mkdtempSync(join(tmpdir(), `shx-${token}-`));
  }

  async start(): Promise<void> {
    this.server = await startServer({ port: 0, host: '127.0.0.1', store: 'memory', token: this.token });
    this.proxy = await FaultProxy.start(this.server.url);
  }

  async stop(): Promise<void> {
    this.released.abort();
    await this.proxy?.close();
    await this.server?.close();
    rmSync(this.ledgers, { recursive: true, force: true });
  }

  /** The SCIM base URL of a new proxy case with these hooks. */
  targetFor(hooks: FaultHooks): string {
    return this.proxy.targetFor(hooks);
  }

  /** The world parameters of a new run (its own run id, prefix and ledger) against `target`. */
  parameters(target: string, settings: RunSettings = {}): HarnessParameters {
    const runId = newRunId();
    return {
      target,
      auth: { kind: 'bearer', token: this.token },
      headers: {},
      runId,
      prefix: runPrefix(runId),
      ledgerPath: join(this.ledgers, `ledger-${runId}.jsonl`),
      timeoutMs: 10_000,
      maxRetries: 2,
      strict: false,
      seed: 1,
      ...settings,
    };
  }

  /** The scenarios of every profile that match `tags`. */
  plan(tags: string): Promise<ScenarioPlan> {
    return planScenarios(PROJECT_ROOT, 'features', this.slices, tags);
  }

  /**
   * Runs the scenarios matching `tags` in-process (one worker) through a new proxy case with `hooks`. Fails the
   * test when no scenario matches, unless `optional` (then undefined).
   */
  async run(hooks: FaultHooks, tags: string, settings?: RunSettings): Promise<FaultRun>;
  async run(hooks: FaultHooks, tags: string, settings: RunSettings, optional: true): Promise<FaultRun | undefined>;
  async run(hooks: FaultHooks, tags: string, settings: RunSettings = {}, optional = false): Promise<FaultRun | undefined> {
    const plan = await this.plan(tags);
    if (plan.count === 0 && optional) return undefined;
    assert.ok(plan.count > 0, `no scenario matches ${tags}`);
    const parameters = this.parameters(this.targetFor(hooks), settings);
    const result = await runScenarios({ projectRoot: PROJECT_ROOT, paths: plan.paths, parallel: 1, parameters });
    return { ...result, parameters };
  }

  /**
   * How many Users and Groups on the server (asked directly, not through the proxy) have a name that starts with
   * `prefix` (case-sensitive, as the run writes it): what a run with that prefix left behind.
   */
  async leftBehind(prefix: string): Promise<number> {
    let total = 0;
    for (const [endpoint, attribute] of [['Users', 'userName'], ['Groups', 'displayName']]) {
      const filter = encodeURIComponent(`${attribute} sw ${JSON.stringify(prefix)}`);
      const res = await fetch(`${this.server.url}/${endpoint}?filter=${filter}&count=1000`, { headers: { authorization: `Bearer ${this.token}` } });
      const { Resources = [] } = (await res.json()) as { Resources?: Record<string, unknown>[] };
      total += Resources.filter((r) => String(r[attribute]).startsWith(prefix)).length;
    }
    return total;
  }
}

/** The fault setup for the tests of this file (or `describe` block): started before them, stopped after them. */
export function useFaultTarget(token: string): FaultTarget {
  const target = new FaultTarget(token);
  before(() => target.start());
  after(() => target.stop());
  return target;
}

/** One line per outcome, for assertion messages: verdict, feature, scenario and the first line of its message. */
export const describeOutcomes = (outcomes: readonly ScenarioOutcome[]): string[] =>
  outcomes.map((o) => `${o.verdict} ${o.uri} ${o.name}${o.message ? `: ${o.message.split('\n')[0]}` : ''}`);

/** The path segments of a proxied request ("/abc/scim/v2/Users/42" → ["abc", "scim", "v2", "Users", "42"]). */
export const segments = (req: ProxiedRequest): string[] => new URL(req.path, 'http://x').pathname.split('/').filter(Boolean);

/** Whether the request addresses one resource of a type matching `type` (not a collection, not .search). */
export const isResource = (req: ProxiedRequest, type = /^(Users|Groups)$/): boolean => {
  const s = segments(req);
  return type.test(s.at(-2) ?? '') && s.at(-1) !== '.search';
};

/** Whether the request addresses a collection of a type matching `type` ("/Users", "/Groups"). */
export const isCollection = (req: ProxiedRequest, type = /^(Users|Groups)$/): boolean => type.test(segments(req).at(-1) ?? '');
