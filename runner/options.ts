import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError } from './exit-codes.ts';
import { FAIL_ON, type FailOn } from './gate.ts';
import { PROFILES, type Profile } from './profiles.ts';
import { parseSetupConfig, type SetupConfig } from '../steps/setup/config.ts';
import { parseDirectoryBackend, type DirectoryBackend } from '../steps/parameters.ts';

/** How the harness authenticates to the target; the same union as HarnessParameters['auth']. */
export type TargetAuth = { kind: 'bearer'; token: string } | { kind: 'basic'; user: string; pass: string } | { kind: 'none' };

/** Everything `scim-harness run` needs, validated and with defaults applied. */
export interface RunOptions {
  /** SCIM base URL without trailing slash; undefined = start the embedded reference server. */
  target?: string;
  auth: TargetAuth;
  headers: Record<string, string>;
  profile: Profile;
  /** Extra cucumber tag expression, ANDed with the profile's own selection. */
  tags?: string;
  /** Absolute path of the report directory. */
  reportDir: string;
  strict: boolean;
  /** Worker processes; undefined = automatic (2 for a remote target and more than 20 scenarios, else 1). */
  parallel?: number;
  seed: number;
  timeoutMs: number;
  retries: number;
  dryRun: boolean;
  /** Setup adapter for the vendor scenarios (config file key `setup` or SCIM_HARNESS_SETUP as JSON). */
  setup?: SetupConfig;
  /** Where the directory scenarios keep their LDAP entries: a real server when --ldap-url is given, else the embedded mock. */
  directory: DirectoryBackend;
  /** --known-failures: YAML or JSON file of accepted failures (absolute path). */
  knownFailures?: string;
  /** --baseline: an earlier report.json to compare with (absolute path). */
  baseline?: string;
  /** --fail-on: `any` blocking failure (default) or only `new` ones (needs a baseline). */
  failOn: FailOn;
  /** --verbose: cucumber's own output, stack traces and messages.ndjson as well. */
  verbose: boolean;
}

/**
 * One source of settings (command-line flags, environment, config file), before validation. Keys are the
 * camelCase forms of the flags, which is also the config file's format.
 */
export interface RawSettings {
  target?: string;
  token?: string;
  basic?: string;
  header?: string[];
  profile?: string;
  tags?: string;
  reportDir?: string;
  strict?: boolean;
  parallel?: number | string;
  seed?: number | string;
  timeout?: number | string;
  retries?: number | string;
  dryRun?: boolean;
  setup?: unknown;
  ldapUrl?: string;
  ldapBindDn?: string;
  ldapPassword?: string;
  ldapBaseDn?: string;
  knownFailures?: string;
  baseline?: string;
  failOn?: string;
  verbose?: boolean;
}

const SETTING_KEYS = ['target', 'token', 'basic', 'header', 'profile', 'tags', 'reportDir', 'strict', 'parallel', 'seed', 'timeout', 'retries', 'dryRun', 'setup', 'ldapUrl', 'ldapBindDn', 'ldapPassword', 'ldapBaseDn', 'knownFailures', 'baseline', 'failOn', 'verbose'] as const;

export const DEFAULT_CONFIG_FILE = 'scim-harness.config.json';

const DEFAULTS = { profile: 'all', reportDir: 'reports-out', seed: 1, timeout: 10_000, retries: 3 } as const;

/** The settings carried by SCIM_HARNESS_* environment variables. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): RawSettings {
  return {
    target: env.SCIM_HARNESS_TARGET || undefined,
    token: env.SCIM_HARNESS_TOKEN || undefined,
    basic: env.SCIM_HARNESS_BASIC || undefined,
    profile: env.SCIM_HARNESS_PROFILE || undefined,
    reportDir: env.SCIM_HARNESS_REPORT_DIR || undefined,
    // JSON ({"kind":"hooks",...}) or the --setup shorthand (a module path or a hooks URL).
    setup: env.SCIM_HARNESS_SETUP
      ? env.SCIM_HARNESS_SETUP.trim().startsWith('{') ? parseJsonSetting('SCIM_HARNESS_SETUP', env.SCIM_HARNESS_SETUP) : env.SCIM_HARNESS_SETUP
      : undefined,
    ldapUrl: env.SCIM_HARNESS_LDAP_URL || undefined,
    ldapBindDn: env.SCIM_HARNESS_LDAP_BIND_DN || undefined,
    ldapPassword: env.SCIM_HARNESS_LDAP_PASSWORD || undefined,
    ldapBaseDn: env.SCIM_HARNESS_LDAP_BASE_DN || undefined,
  };
}

/**
 * Reads the JSON config file: the explicit `--config` path (which must exist), else `scim-harness.config.json`
 * in cwd when present. Unknown keys are refused so that a typo does not silently fall back to a default.
 */
export function settingsFromFile(cwd: string, explicitPath?: string): RawSettings {
  const path = resolve(cwd, explicitPath ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(path)) {
    if (explicitPath) throw usageError(`config file not found: ${path}`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw usageError(`config file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw usageError(`config file ${path} must hold a JSON object`);
  const unknown = Object.keys(parsed).filter((k) => !(SETTING_KEYS as readonly string[]).includes(k));
  if (unknown.length) throw usageError(`config file ${path}: unknown key(s) ${unknown.join(', ')} (allowed: ${SETTING_KEYS.join(', ')})`);
  const settings = parsed as Record<string, unknown>;
  if (typeof settings.header === 'string') settings.header = [settings.header];
  return settings as RawSettings;
}

/**
 * Merges the sources, highest precedence first (flags, env, file), over the defaults, and validates.
 * Credentials are one setting: the highest source that names a token or a basic pair wins as a whole (a CI
 * token in the environment does not clash with `--basic` on the command line); one source naming both is an
 * error. Headers merge per name, the higher source winning. The LDAP settings merge per key (a URL on the
 * command line may take its password from the environment).
 */
export function resolveRunOptions(sources: RawSettings[], cwd: string): RunOptions {
  const pick = <K extends keyof RawSettings>(key: K): RawSettings[K] => sources.find((s) => s[key] !== undefined)?.[key];

  const authSource = sources.find((s) => s.token !== undefined || s.basic !== undefined);
  const profile = pick('profile') ?? DEFAULTS.profile;
  if (!(PROFILES as readonly string[]).includes(profile)) throw usageError(`unknown profile "${profile}" (expected one of ${PROFILES.join(', ')})`);
  const parallel = pick('parallel');
  const failOn = pick('failOn') ?? 'any';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) throw usageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, got "${failOn}"`);
  const baseline = pick('baseline');
  if (failOn === 'new' && !baseline) throw usageError('--fail-on new needs --baseline (an earlier report.json) to tell new failures from old ones');
  const knownFailures = pick('knownFailures');

  return {
    target: parseTarget(pick('target')),
    auth: parseAuth(authSource),
    headers: Object.assign({}, ...[...sources].reverse().map((s) => parseHeaders(s.header ?? []))),
    profile: profile as Profile,
    tags: pick('tags')?.trim() || undefined,
    reportDir: resolve(cwd, pick('reportDir') ?? DEFAULTS.reportDir),
    strict: pick('strict') ?? false,
    parallel: parallel === undefined ? undefined : parseInteger('parallel', parallel, 1),
    seed: parseInteger('seed', pick('seed') ?? DEFAULTS.seed, 0),
    timeoutMs: parseInteger('timeout', pick('timeout') ?? DEFAULTS.timeout, 1),
    retries: parseInteger('retries', pick('retries') ?? DEFAULTS.retries, 0),
    dryRun: pick('dryRun') ?? false,
    ...(pick('setup') !== undefined ? { setup: parseSetup(pick('setup')) } : {}),
    directory: parseDirectory({ url: pick('ldapUrl'), bindDn: pick('ldapBindDn'), password: pick('ldapPassword'), baseDn: pick('ldapBaseDn') }),
    ...(knownFailures ? { knownFailures: resolve(cwd, knownFailures) } : {}),
    ...(baseline ? { baseline: resolve(cwd, baseline) } : {}),
    failOn: failOn as FailOn,
    verbose: pick('verbose') ?? false,
  };
}

const LDAP_FLAGS = { url: '--ldap-url', bindDn: '--ldap-bind-dn', password: '--ldap-password', baseDn: '--ldap-base-dn' } as const;

/** No LDAP setting: the embedded mock. Any of them: a real server, which then needs all four. */
function parseDirectory(settings: Partial<Record<keyof typeof LDAP_FLAGS, string>>): DirectoryBackend {
  if (Object.values(settings).every((v) => v === undefined)) return { kind: 'mock' };
  const missing = (Object.keys(LDAP_FLAGS) as (keyof typeof LDAP_FLAGS)[]).filter((key) => !settings[key]);
  if (missing.length) throw usageError(`an LDAP directory needs ${missing.map((key) => LDAP_FLAGS[key]).join(', ')} as well`);
  const parsed = parseDirectoryBackend({ kind: 'ldap', ...settings });
  if (typeof parsed === 'string') throw usageError(parsed);
  return parsed;
}

function parseJsonSetting(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw usageError(`${name} must be JSON, e.g. {"kind":"hooks","url":"https://vendor.example/scim-harness-setup"}`);
  }
}

function parseSetup(raw: unknown): SetupConfig {
  const parsed = parseSetupConfig(raw);
  if (typeof parsed === 'string') throw usageError(parsed);
  return parsed;
}

function parseTarget(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`invalid target "${raw}": not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`invalid target "${raw}": only http:// and https:// are supported`);
  if (url.username || url.password) throw usageError('invalid target: put credentials in --token or --basic, not in the URL');
  if (url.search || url.hash) throw usageError(`invalid target "${raw}": a SCIM base URL has no query or fragment`);
  return url.href.replace(/\/+$/, '');
}

function parseAuth(source: RawSettings | undefined): TargetAuth {
  if (!source) return { kind: 'none' };
  if (source.token !== undefined && source.basic !== undefined) throw usageError('give either a token or basic credentials, not both');
  if (source.token !== undefined) {
    if (!source.token) throw usageError('the token is empty');
    return { kind: 'bearer', token: source.token };
  }
  const basic = source.basic ?? '';
  const colon = basic.indexOf(':');
  if (colon <= 0) throw usageError('basic credentials must look like user:password');
  return { kind: 'basic', user: basic.slice(0, colon), pass: basic.slice(colon + 1) };
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!match) throw usageError(`invalid header "${line}": expected "Name: value"`);
    headers[match[1]] = match[2];
  }
  return headers;
}

function parseInteger(name: string, raw: number | string, min: number): number {
  const value = typeof raw === 'number' ? raw : /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min) throw usageError(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}
