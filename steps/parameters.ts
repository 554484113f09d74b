import { parseSetupConfig, type SetupConfig } from './setup/config.ts';

/** The world parameters the runner hands to every scenario (the suite contract of issue 3). */
export type HarnessAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; user: string; pass: string }
  | { kind: 'none' };

/**
 * Where the directory scenarios (features/ping/zpa.feature, features/vendors/directory.feature) keep their LDAP
 * entries: an embedded mock started per scenario, or a real LDAP server in which each scenario gets its own
 * subtree under `baseDn` (steps/vendors/directory-backend.ts).
 */
export type DirectoryBackend =
  | { kind: 'mock' }
  | { kind: 'ldap'; url: string; bindDn: string; password: string; baseDn: string };

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
  /** Absent: from SCIM_HARNESS_LDAP_URL / _BIND_DN / _PASSWORD / _BASE_DN when set, else the embedded mock. */
  directory?: DirectoryBackend;
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

const LDAP_FIELDS = ['url', 'bindDn', 'password', 'baseDn'] as const;

/** The SCIM_HARNESS_LDAP_* variables as a backend, or undefined when SCIM_HARNESS_LDAP_URL is not set. */
export function directoryFromEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> | undefined {
  if (!env.SCIM_HARNESS_LDAP_URL) return undefined;
  return {
    kind: 'ldap',
    url: env.SCIM_HARNESS_LDAP_URL,
    bindDn: env.SCIM_HARNESS_LDAP_BIND_DN,
    password: env.SCIM_HARNESS_LDAP_PASSWORD,
    baseDn: env.SCIM_HARNESS_LDAP_BASE_DN,
  };
}

/** Validates a directory backend; returns the problem as a message so the runner can report it as a usage error. */
export function parseDirectoryBackend(raw: unknown): DirectoryBackend | string {
  if (!isObject(raw)) return 'directory must be {kind:"mock"} or {kind:"ldap",url,bindDn,password,baseDn}';
  if (raw.kind === 'mock') return { kind: 'mock' };
  if (raw.kind !== 'ldap') return `directory.kind must be "mock" or "ldap", got ${JSON.stringify(raw.kind)}`;
  const missing = LDAP_FIELDS.filter((f) => typeof raw[f] !== 'string' || !raw[f]);
  if (missing.length) return `an LDAP directory needs ${missing.map((f) => `the ${f}`).join(', ')} too`;
  if (!/^ldaps?:\/\/[^/]/i.test(raw.url as string)) return `the LDAP URL must start with ldap:// or ldaps://, got "${raw.url}"`;
  return { kind: 'ldap', url: raw.url as string, bindDn: raw.bindDn as string, password: raw.password as string, baseDn: raw.baseDn as string };
}

function parseDirectory(raw: unknown): DirectoryBackend {
  const parsed = parseDirectoryBackend(raw ?? directoryFromEnv(process.env) ?? { kind: 'mock' });
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
/** The prefix every name a run creates carries, so cleanup and reruns can tell its resources apart. */
export const runPrefix = (runId: string) => `shx-${runId}-`;

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
  const prefix = typeof raw.prefix === 'string' && raw.prefix ? raw.prefix : runPrefix(runId);
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
    directory: parseDirectory(raw.directory),
  };
}
