// A write SqliteStore has returned from survives SIGKILL of the process (WAL: the write reached the OS; durable() adds the fsync).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../../reference-server/store/sqlite.ts';

const WRITER = fileURLToPath(new URL('./fixtures/sqlite-writer.ts', import.meta.url));
const KILL_AFTER = 200;

test('every id printed before SIGKILL is in the file after reopening', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-durability-'));
  const file = join(dir, 'scim.db');
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const printed: string[] = [];
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      printed.push(line);
      if (printed.length === KILL_AFTER) {
        child.kill('SIGKILL');
        break;
      }
    }
    const [, signal] = await exited;
    assert.equal(signal, 'SIGKILL', 'the writer was still running when killed');

    const store = new SqliteStore(file);
    try {
      const missing = printed.filter((id) => store.get('t', 'User', id) === undefined);
      assert.deepEqual(missing, []);
      assert.ok(store.count('t', 'User') >= KILL_AFTER);
    } finally {
      store.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
