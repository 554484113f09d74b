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
  /** The --known-failures entry that matched this failure (verdict `known`, or `failed` when `expired`). */
  known?: KnownMatch;
  /** Only with --baseline: how this scenario compares with the baseline run. */
  change?: BaselineChange;
  /** Only with --baseline: false when the baseline has no scenario of this identity (requirement IDs + name). */
  inBaseline?: boolean;
}

export interface KnownMatch {
  /** The entry's id: a requirement ID, a scenario name or `uri:line`. */
  id: string;
  reason: string;
  /** YYYY-MM-DD, the last day the failure is accepted. */
  until?: string;
  expired: boolean;
}

export type BaselineChange = 'new-failure' | 'fixed' | 'unchanged';

/** What the CI gate (--known-failures, --baseline, --fail-on) decided; absent when none of them was given. */
export interface RunGate {
  failOn: 'any' | 'new';
  knownFailures?: {
    path: string;
    /** known: accepted in this run; expired: failed after `until`; now-passing: remove it; not-run: nothing judged. */
    entries: { id: string; reason: string; until?: string; status: 'known' | 'expired' | 'now-passing' | 'not-run' }[];
  };
  baseline?: {
    path: string;
    toolVersion?: string;
    newFailures: number;
    fixed: number;
    unchanged: number;
    /** Baseline scenarios that matched none of this run, as "REQUIREMENT-IDS | name". */
    unmatched: string[];
    /** Scenarios of this run the baseline does not have, as `uri:line`. */
    notInBaseline: string[];
  };
  /** Why the run failed, one line each; empty when the gate passed. */
  reasons: string[];
}

/** Per-scenario notes of the gate, keyed by `uri:line`. */
export type GateNotes = Record<string, { known?: KnownMatch; change?: BaselineChange; inBaseline?: boolean }>;

export type ProfileName = 'rfc' | 'okta' | 'entra' | 'ping' | 'vendors' | 'rfc9865' | 'interop' | 'ipsie-al1' | 'ipsie-al2' | 'ipsie-al3';

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
  /** Accepted known failures among the members (not counted in failed or passed). */
  known?: number;
  /** Why a card was not run when the reason is not plain absence (a standard the target does not claim). */
  why?: string;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  warnings: number;
  /** Scenarios the harness could not judge (verdict `error`): never counted as the server's failures. */
  errors: number;
  /** Failures accepted by --known-failures; disjoint from the other four. */
  known: number;
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
  /** Failed and not accepted (known failures are counted in `known`, not here). */
  failed: number;
  /** Failed and listed in --known-failures (unexpired): accepted, not met. */
  known: number;
  skipped: number;
  errors: number;
  /** At least one of its scenarios ran to a pass or a failure, known failures included (skips and errors alone only tag it). */
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
  gate?: RunGate;
}
