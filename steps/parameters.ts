import { parseSetupConfig, type SetupConfig } from './setup/config.ts';

/** The world parameters the runner hands to every scenario (the suite contract of issue 3). */
export type HarnessAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; user: string; pass: string }
  | { kind: 'none' };

export interface HarnessParameters {
  /** SCIM base URL without trailing slash. */
  target: string;
  auth: HarnessAuth;
  /** Extra headers from --header "K: V". */
  headers: Record<string, string>;
  /** Unique per run, e.g. 8 hex chars. */
  runId: string;
  /** Every created userName/displayName/externalId starts with it, e.g. "shx-<runId>-". */
  prefix: string;
  /** JSONL ledger of created (and then deleted) resources. */
  ledgerPath: string;
  /** Per request. */
  timeoutMs: number;
  /** 429/503 retries honouring Retry-After. */
  maxRetries: number;
  /** SHOULD failures fail the run. */
  strict: boolean;
  /** Faker seed. */
  seed: number;
  /** Setup adapter for preconditions SCIM cannot create (issue 5, steps/setup/); absent = those scenarios skip. */
  setup?: SetupConfig;
}

export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseAuth(raw: unknown): HarnessAuth {
  if (raw === undefined) return { kind: 'none' };
  if (!isObject(raw)) throw new ParameterError('auth must be an object');
  if (raw.kind === 'bearer' && typeof raw.token === 'string' && raw.token) return { kind: 'bearer', token: raw.token };
  if (raw.kind === 'basic' && typeof raw.user === 'string' && typeof raw.pass === 'string') {
    return { kind: 'basic', user: raw.user, pass: raw.pass };
  }
  if (raw.kind === 'none') return { kind: 'none' };
  throw new ParameterError(`auth: expected {kind:'bearer',token} | {kind:'basic',user,pass} | {kind:'none'}`);
}

function positiveInt(raw: unknown, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) throw new ParameterError(`${name} must be a non-negative integer`);
  return raw;
}

function parseSetup(raw: unknown): SetupConfig {
  const parsed = parseSetupConfig(raw);
  if (typeof parsed === 'string') throw new ParameterError(parsed);
  return parsed;
}

/** Random run id: 8 hex characters. */
export function newRunId(): string {
  return Math.floor(Math.random() * 0x100000000).toString(16).padStart(8, '0');
}

/**
 * Validates the raw worldParameters and fills in defaults (all but `target` are optional), so a
 * hand-written cucumber config works as well as the runner's.
 */
export function parseParameters(raw: unknown): HarnessParameters {
  if (!isObject(raw)) throw new ParameterError('worldParameters must be an object');
  if (typeof raw.target !== 'string' || !/^https?:\/\/[^/]/.test(raw.target)) {
    throw new ParameterError('target must be an http(s) URL');
  }
  const target = raw.target.replace(/\/+$/, '');
  const headers: Record<string, string> = {};
  if (raw.headers !== undefined) {
    if (!isObject(raw.headers)) throw new ParameterError('headers must be an object of strings');
    for (const [k, v] of Object.entries(raw.headers)) {
      if (typeof v !== 'string') throw new ParameterError(`header ${k} must be a string`);
      headers[k] = v;
    }
  }
  const runId = typeof raw.runId === 'string' && raw.runId ? raw.runId : newRunId();
  const prefix = typeof raw.prefix === 'string' && raw.prefix ? raw.prefix : `shx-${runId}-`;
  const ledgerPath =
    typeof raw.ledgerPath === 'string' && raw.ledgerPath ? raw.ledgerPath : `.scim-harness/ledger-${runId}.jsonl`;
  return {
    target,
    auth: parseAuth(raw.auth),
    headers,
    runId,
    prefix,
    ledgerPath,
    timeoutMs: positiveInt(raw.timeoutMs, 'timeoutMs', 10_000) || 10_000,
    maxRetries: positiveInt(raw.maxRetries, 'maxRetries', 3),
    strict: raw.strict === true,
    seed: positiveInt(raw.seed, 'seed', 1),
    ...(raw.setup !== undefined ? { setup: parseSetup(raw.setup) } : {}),
  };
}
