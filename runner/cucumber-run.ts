import type { ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Writable } from 'node:stream';
import { loadConfiguration, runCucumber, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import type { HarnessParameters } from '../steps/parameters.ts';
import { interruptRunningSteps } from '../steps/step-budget.ts';
import { scenarioOutcomes, type ScenarioOutcome } from './outcomes.ts';

/** The suite's support code: the tsx register file must come first so that the .ts step files load. */
export const SUITE_IMPORTS = ['steps/support/register-tsx.mjs', 'steps/**/*.ts'];

export interface CucumberRunRequest {
  /** Cucumber's working directory: feature paths and imports are relative to it. */
  projectRoot: string;
  /** Scenario locations from planScenarios(). */
  paths: string[];
  parameters: HarnessParameters;
  parallel: number;
  dryRun?: boolean;
  /** Support code to import; defaults to the suite's. */
  imports?: string[];
  /** Where cucumber's `message` formatter writes the NDJSON stream, if anywhere. */
  messagesPath?: string;
  /** Receives cucumber's progress display; discarded when absent. */
  console?: Writable;
  /** Sees every envelope as it arrives (the interrupt handler uses them to write partial reports). */
  onEnvelope?: (envelope: Envelope) => void;
  /** Aborting stops the run: its running steps and workers first (see runScenarios). */
  signal?: AbortSignal;
}

export interface CucumberRunResult {
  envelopes: Envelope[];
  outcomes: ScenarioOutcome[];
}

/**
 * Support code already loaded in this process, by project root and imports. Step files are ES modules, which
 * Node evaluates once per process: a second run that imported them again would find no step definitions. So
 * a later run in the same process (the fault self-test, the benchmark, tests) reuses the first run's library;
 * cucumber supports this and hands parallel workers the same definition ids.
 */
const loadedSupport = new Map<string, ISupportCodeLibrary>();

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** How long a worker may take to exit after SIGTERM before it is killed outright (it holds nothing to save). */
const WORKER_STOP_GRACE_MS = 2_000;

/** Stops a cucumber worker process: SIGTERM, then SIGKILL if it is still there after the grace period. */
function stopWorker(worker: ChildProcess): void {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const force = setTimeout(() => worker.kill('SIGKILL'), WORKER_STOP_GRACE_MS);
  worker.once('exit', () => clearTimeout(force));
  worker.kill('SIGTERM');
}

/** Cucumber's worker script among the process's arguments (known once it is spawned). */
const isCucumberWorker = (child: ChildProcess) => (child.spawnargs ?? []).some((a) => /[\\/]run_worker\.js$/.test(a));

/**
 * One cucumber run through its JS API, with the contract's world parameters; never throws for failed scenarios.
 * Aborting `signal` stops it before anything else may touch the target (the runner cleans up afterwards): in this
 * process every running step of the run gives up at once (InterruptedError, its requests cancelled) and the run
 * ends at cucumber's next message; parallel workers are stopped (they may not have got the signal themselves), so the
 * run settles once they are gone. A scenario cut short never finishes: its verdict is `error`.
 */
export async function runScenarios(request: CucumberRunRequest): Promise<CucumberRunResult> {
  const console = request.console ?? discard();
  const environment = { cwd: request.projectRoot, stdout: console, stderr: console };
  const parallel = request.parallel > 1 ? request.parallel : 0;
  const format: Array<string | [string, string]> = ['progress'];
  if (request.messagesPath) format.push(['message', request.messagesPath]);
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths: request.paths,
        import: request.imports ?? SUITE_IMPORTS,
        worldParameters: { ...request.parameters },
        parallel,
        dryRun: request.dryRun ?? false,
        format,
        order: 'defined',
      },
    },
    environment,
  );
  const envelopes: Envelope[] = [];
  const supportKey = JSON.stringify([request.projectRoot, runConfiguration.support]);
  // Cucumber forks its workers without handing them out: Node's child_process channel does (as each is constructed,
  // before its arguments are known, so they are told apart when stopping).
  const children = new Set<ChildProcess>();
  const onChild = (message: unknown) => {
    const child = (message as { process?: ChildProcess }).process;
    if (child) children.add(child);
  };
  const stop = () => {
    interruptRunningSteps(request.parameters.runId);
    for (const child of children) if (isCucumberWorker(child)) stopWorker(child);
  };
  if (parallel) subscribe('child_process', onChild);
  request.signal?.addEventListener('abort', stop, { once: true });
  try {
    const { support } = await runCucumber(
      { ...runConfiguration, support: loadedSupport.get(supportKey) ?? runConfiguration.support },
      environment,
      (envelope) => {
        envelopes.push(envelope);
        request.onEnvelope?.(envelope);
        // Cucumber's API has no stop: throwing from the message callback is what ends an in-process (serial) run
        // after the interrupted step reported, so that nothing more runs while the runner cleans up. Not with
        // workers: there the callback runs in an IPC handler, where a throw would crash the process.
        if (!parallel) request.signal?.throwIfAborted();
      },
    );
    loadedSupport.set(supportKey, support);
  } finally {
    if (parallel) unsubscribe('child_process', onChild);
    request.signal?.removeEventListener('abort', stop);
  }
  return { envelopes, outcomes: scenarioOutcomes(envelopes) };
}
