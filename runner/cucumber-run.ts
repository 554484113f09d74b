import { Writable } from 'node:stream';
import { loadConfiguration, runCucumber, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import type { HarnessParameters } from '../steps/parameters.ts';
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
  /** Aborting stops the run at cucumber's next message (see runScenarios). */
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

/** One cucumber run through its JS API, with the contract's world parameters; never throws for failed scenarios. */
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
  const { support } = await runCucumber(
    { ...runConfiguration, support: loadedSupport.get(supportKey) ?? runConfiguration.support },
    environment,
    (envelope) => {
      // Cucumber's API has no stop: throwing from the message callback is what ends an in-process (serial)
      // run between two steps, so that nothing more is created while an interrupted run cleans up. Not with
      // workers: there the callback runs in an IPC handler, where a throw would crash the process.
      if (!parallel) request.signal?.throwIfAborted();
      envelopes.push(envelope);
      request.onEnvelope?.(envelope);
    },
  );
  loadedSupport.set(supportKey, support);
  return { envelopes, outcomes: scenarioOutcomes(envelopes) };
}
