import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';

const BIN = join(import.meta.dirname, '../../bin/scim-harness.mjs');
const TOKEN = 'crash-token';

/** Starts `scim-harness serve` on a free port and resolves with its base URL from the ready line. */
function serve(dbPath: string): Promise<{ child: ChildProcess; url: string; exit: Promise<unknown> }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--store', `sqlite:${dbPath}`, '--token', TOKEN], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Listen for the exit from the start: the kill can land before anyone awaits it.
  const exit = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /ready at (\S+)/.exec(line);
      if (m) resolve({ child, url: m[1], exit });
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
}

test('nothing acknowledged with 201 is lost when the server is SIGKILLed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-crash-'));
  const db = join(dir, 'store.db');
  try {
    const first = await serve(db);
    const acknowledged: string[] = [];
    let stop = false;
    // Four writers in flight at once, so the kill lands between and during writes.
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const res = await fetch(`${first.url}/Users`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/scim+json' },
          body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `crash-${w}-${i}` }),
        }).catch(() => undefined);
        if (!res) return;
        if (res.status === 201) {
          acknowledged.push(((await res.json()) as { id: string }).id);
          if (acknowledged.length >= 150 && !stop) {
            stop = true;
            first.child.kill('SIGKILL');
          }
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    await first.exit;
    assert.ok(acknowledged.length >= 150);

    const second = await serve(db);
    try {
      for (const id of acknowledged) {
        const res = await fetch(`${second.url}/Users/${id}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
        assert.equal(res.status, 200, `acknowledged user ${id} is missing after the crash`);
        await res.arrayBuffer();
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exit;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
