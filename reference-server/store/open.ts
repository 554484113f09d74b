/** Turns a `--store` spec from the command line into a Store. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MemoryStore } from './memory.ts';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';

const SQLITE_PREFIX = 'sqlite:';

/** `memory`, `sqlite:PATH` (PATH relative to the working directory, or `:memory:`) or `postgres://...` (a connection URL). */
export function openStore(spec: string): Store {
  if (spec === 'memory') return new MemoryStore();
  if (/^postgres(ql)?:\/\//.test(spec)) return new PostgresStore(spec);
  if (spec.startsWith(SQLITE_PREFIX) && spec.length > SQLITE_PREFIX.length) {
    const path = spec.slice(SQLITE_PREFIX.length);
    if (path === ':memory:') return new SqliteStore(path);
    const absolute = resolve(path);
    mkdirSync(dirname(absolute), { recursive: true });
    return new SqliteStore(absolute);
  }
  throw new Error(`unknown store "${spec}": expected "memory", "sqlite:PATH" (e.g. sqlite:data/scim.db) or "postgres://USER@HOST:PORT/DB"`);
}
