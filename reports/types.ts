/** The shape of a run report (documented in docs/report-schema.md and docs/report.schema.json). */

/** Media types of the attachments steps emit with `this.attach(JSON.stringify(x), mediaType)`. */
export const MEDIA_TYPE = {
  exchange: 'application/vnd.scim-harness.exchange+json',
  skip: 'application/vnd.scim-harness.skip+json',
  warning: 'application/vnd.scim-harness.warning+json',
  note: 'application/vnd.scim-harness.note+json',
  assertion: 'application/vnd.scim-harness.assertion+json',
} as const;

/** One HTTP exchange as a step recorded it (secrets already redacted, bodies truncated beyond 64 KiB). */
export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: unknown };
  response?: { status: number; headers: Record<string, string>; body?: unknown };
  error?: string;
  durationMs: number;
}

export interface RunMeta {
  target: string;
  profile: string;
  strict: boolean;
  startedAt: string;
  finishedAt: string;
  toolVersion: string;
  seed?: number;
  /** The `--tags` filter of the run, when one narrowed the profile's scenarios. */
  tags?: string;
  /** The run was interrupted (Ctrl-C, SIGTERM): scenarios after the interrupt never ran. */
  interrupted?: boolean;
}

export type { Verdict } from './verdict.ts';
import type { Verdict } from './verdict.ts';
export type Level = 'must' | 'should' | 'may' | 'none';

export interface ScenarioFailure {
  step: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
  exchanges: Exchange[];
}

export interface ScenarioResult {
  id: string;
  name: string;
  feature: string;
  area: string;
  uri: string;
  line: number;
  verdict: Verdict;
  level: Level;
  requirements: string[];
  idps: string[];
  tags: string[];
  durationMs: number;
  skipReason?: string;
  /** When skipped because /ServiceProviderConfig says a feature is unsupported: that feature (filter, patch...). */
  missingCapability?: string;
  warnings: string[];
  /** Which legal alternative the server chose, where the RFC offers several (absent when none was recorded). */
  notes?: string[];
  /** Client settings (e.g. "aadOptscim062020") the scenario's outcome depends on, from skip and note payloads. */
  conditions?: string[];
  /** When failed: what the server broke. When error: what went wrong in the harness (not the server's failure). */
  failure?: ScenarioFailure;
}

export type ProfileName = 'rfc' | 'okta' | 'entra' | 'ping' | 'vendors';

export interface ProfileResult {
  /**
   * `partial`: no member failed, but the verdict cannot be a pass because not every member was judged (a harness
   * error, an interrupted run, a `--tags` filter, or a run profile that does not include this one).
   */
  verdict: 'pass' | 'fail' | 'partial' | 'not-run';
  failed: number;
  passed: number;
  skipped: number;
  /** Members that ended in a harness error (or did not finish). */
  errors: number;
  /** More than half of the members were skipped: the verdict rests mostly on skips. */
  mostlySkipped: boolean;
  /** The client setting the pass depends on, e.g. "only with the aadOptscim062020 flag". */
  condition?: string;
  /** Member scenarios that run only with that setting (counted here, not as skipped). */
  conditional?: number;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  warnings: number;
  /** Scenarios the harness could not judge (verdict `error`): never counted as the server's failures. */
  errors: number;
  mustFailed: number;
  shouldFailed: number;
  mayFailed: number;
  total: number;
}

export interface CoverageEntry {
  requirementId: string;
  level: string;
  scenarios: number;
  passed: number;
  failed: number;
  skipped: number;
  errors: number;
  /** At least one of its scenarios ran to a pass or a failure (skips and errors alone only tag it). */
  exercised: boolean;
}

export interface RunReport {
  reportVersion: '1.0';
  meta: RunMeta;
  summary: RunSummary;
  profiles: Partial<Record<ProfileName, ProfileResult>>;
  coverage: CoverageEntry[];
  uncovered: string[];
  scenarios: ScenarioResult[];
}
