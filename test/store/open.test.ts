import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openStore } from '../../reference-server/store/open.ts';
import { MemoryStore } from '../../reference-server/store/memory.ts';
import { SqliteStore } from '../../reference-server/store/sqlite.ts';

test('"memory" opens a MemoryStore', () => {
  const store = openStore('memory');
  assert.ok(store instanceof MemoryStore);
  store.close();
});

test('"sqlite:PATH" opens a SqliteStore, creating parent directories of a relative path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'open-store-'));
  try {
    const file = join(dir, 'nested', 'deeper', 'scim.db');
    const store = openStore(`sqlite:${relative(process.cwd(), file)}`);
    assert.ok(store instanceof SqliteStore);
    store.close();
    assert.ok(existsSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('"sqlite::memory:" opens an in-memory SqliteStore', () => {
  const store = openStore('sqlite::memory:');
  assert.ok(store instanceof SqliteStore);
  store.close();
});

test('anything else is a clear error', () => {
  // postgres:// and postgresql:// URLs open a PostgresStore (test/store/postgres-shared.test.ts); other schemes do not.
  for (const spec of ['', 'sqlite:', 'postgres:x', 'mysql://x', 'Memory', 'file.db']) {
    assert.throws(() => openStore(spec), /unknown store .*expected "memory", "sqlite:PATH" .* or "postgres:\/\//, spec);
  }
});
