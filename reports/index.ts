/** Reports of a conformance run, built from cucumber's message stream: JUnit XML, JSON and a self-contained HTML page. */
export type { Envelope } from '@cucumber/messages';
export { buildReport, readEnvelopes } from './build.ts';
export { removeReports, writeReports } from './write.ts';
export { loadRequirementCatalogue, type Requirement } from './requirements.ts';
export { MEDIA_TYPE } from './types.ts';
export type {
  BaselineChange, CoverageEntry, Exchange, GateNotes, KnownMatch, Level, RunGate, ProfileName, ProfileResult, RunMeta, RunReport, RunSummary, ScenarioFailure, ScenarioResult, Verdict,
} from './types.ts';
export { stepSummaryMarkdown } from './step-summary.ts';
