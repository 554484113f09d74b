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
  /** Loaded support code of an earlier serial run, reused to skip re-importing the steps. */
  support?: ISupportCodeLibrary;
  /** Where cucumber's `message` formatter writes the NDJSON stream, if anywhere. */
  messagesPath?: string;
  /** Receives cucumber's progress display; discarded when absent. */
  console?: Writable;
  /** Sees every envelope as it arrives (the interrupt handler uses them to write partial reports). */
  onEnvelope?: (envelope: Envelope) => void;
}

export interface CucumberRunResult {
  envelopes: Envelope[];
  outcomes: ScenarioOutcome[];
  support: ISupportCodeLibrary;
}

const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** One cucumber run through its JS API, with the contract's world parameters; never throws for failed scenarios. */
export async function runScenarios(request: CucumberRunRequest): Promise<CucumberRunResult> {
  const console = request.console ?? discard();
  const environment = { cwd: request.projectRoot, stdout: console, stderr: console };
  const format: Array<string | [string, string]> = ['progress'];
  if (request.messagesPath) format.push(['message', request.messagesPath]);
  const { runConfiguration } = await loadConfiguration(
    {
      file: false,
      provided: {
        paths: request.paths,
        import: request.imports ?? SUITE_IMPORTS,
        worldParameters: { ...request.parameters },
        parallel: request.parallel > 1 ? request.parallel : 0,
        dryRun: request.dryRun ?? false,
        format,
        order: 'defined',
      },
    },
    environment,
  );
  const envelopes: Envelope[] = [];
  const { support } = await runCucumber(
    { ...runConfiguration, support: request.support ?? runConfiguration.support },
    environment,
    (envelope) => {
      envelopes.push(envelope);
      request.onEnvelope?.(envelope);
    },
  );
  return { envelopes, outcomes: scenarioOutcomes(envelopes), support };
}
