/**
 * `--known-failures FILE`: failures a vendor has accepted for now, each with a reason and an optional end date, so
 * that a CI gate can stay switched on over a server with known gaps. The list is meant to shrink: an entry whose
 * date has passed, or whose scenarios pass again, fails the run until it is removed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { usageError } from './exit-codes.ts';

/** One accepted failure. `id` is a requirement ID (P-FILTER-07), a scenario name, or a scenario location `uri:line`. */
export interface KnownFailure {
  id: string;
  reason: string;
  /** Last day (YYYY-MM-DD, inclusive, UTC) on which the failure is accepted. */
  until?: string;
}

export interface KnownFailureList {
  /** Absolute path of the file, for messages. */
  path: string;
  entries: KnownFailure[];
}

const ENTRY_KEYS = ['id', 'reason', 'until'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a known-failures file, YAML or JSON (JSON is YAML too), holding either a list of entries or
 * `{ knownFailures: [...] }`; each entry is `{ id, reason, until? }`. Throws a usage error (exit 2) naming the file
 * and the entry for a missing file, bad syntax, a missing reason, an unknown key, a bad date or a repeated id.
 */
export function loadKnownFailures(cwd: string, file: string): KnownFailureList {
  const path = resolve(cwd, file);
  if (!existsSync(path)) throw usageError(`known-failures file not found: ${path}`);
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw usageError(`known-failures file ${path} is neither YAML nor JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(parsed) ? parsed : isObject(parsed) && Array.isArray(parsed.knownFailures) ? parsed.knownFailures : undefined;
  if (!list) throw usageError(`known-failures file ${path} must hold a list of {id, reason, until?} entries (or {knownFailures: [...]})`);
  const seen = new Set<string>();
  const entries = list.map((raw, i): KnownFailure => {
    const where = `known-failures file ${path}, entry ${i + 1}`;
    if (!isObject(raw)) throw usageError(`${where}: expected {id, reason, until?}`);
    const unknown = Object.keys(raw).filter((k) => !ENTRY_KEYS.includes(k));
    if (unknown.length) throw usageError(`${where}: unknown key(s) ${unknown.join(', ')} (allowed: ${ENTRY_KEYS.join(', ')})`);
    const id = typeof raw.id === 'string' ? raw.id.trim() : '';
    if (!id) throw usageError(`${where}: "id" (a requirement ID, scenario name or uri:line) is missing`);
    if (seen.has(id)) throw usageError(`${where}: "${id}" is listed twice`);
    seen.add(id);
    const reason = typeof raw.reason === 'string' ? raw.reason.trim() : '';
    if (!reason) throw usageError(`${where} (${id}): a "reason" is required`);
    const until = untilOf(raw.until, `${where} (${id})`);
    return { id, reason, ...(until ? { until } : {}) };
  });
  return { path, entries };
}

function untilOf(raw: unknown, where: string): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  // YAML 1.1 timestamps arrive as Date; the default YAML 1.2 schema keeps them as strings.
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : typeof raw === 'string' ? raw.trim() : '';
  if (!DATE.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) throw usageError(`${where}: "until" must be a date YYYY-MM-DD, got ${JSON.stringify(raw)}`);
  return text;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the suite holds, to tell a real ID from a typo. */
export interface SuiteIndex {
  requirementIds: Set<string>;
  scenarioNames: Set<string>;
  /** `uri:line` of every scenario (and Examples row). */
  locations: Set<string>;
}

/** Throws a usage error listing every entry whose id names nothing in the suite or the requirement catalogue. */
export function checkKnownIds(list: KnownFailureList, suite: SuiteIndex): void {
  const unknown = list.entries.filter((e) => !suite.requirementIds.has(e.id) && !suite.scenarioNames.has(e.id) && !suite.locations.has(e.id));
  if (unknown.length) {
    throw usageError(`known-failures file ${list.path}: unknown id(s) ${unknown.map((e) => `"${e.id}"`).join(', ')} (neither a requirement ID, a scenario name nor a scenario uri:line of the suite)`);
  }
}

/** Whether the entry names this scenario. */
export function entryMatches(entry: KnownFailure, scenario: { name: string; uri: string; line: number; requirements: string[] }): boolean {
  return entry.id === scenario.name || entry.id === `${scenario.uri}:${scenario.line}` || scenario.requirements.includes(entry.id);
}

/** Whether `until` is over on `today` (a YYYY-MM-DD in UTC): the entry covers its whole last day. */
export const isExpired = (entry: KnownFailure, today: string) => entry.until !== undefined && entry.until < today;
