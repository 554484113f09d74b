// The throwaway servers of scripts/postgres.sh and scripts/slapd.sh stop by themselves when the process that started
// them is gone, even when it was killed with SIGKILL and could not stop them (a test runner's timeout, a Ctrl-C'd
// `npm test`): before, each such kill left a PostgreSQL cluster or a slapd running until the machine rebooted.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { freePort, listening } from '../helpers/ports.ts';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { slapdMissing } from '../simulators/helpers/slapd.ts';
import { postgresMissing } from './helpers/postgres.ts';

const script = (name: string) => fileURLToPath(new URL(`../../scripts/${name}`, import.meta.url));

/**
 * Starts `script PORT` under an intermediate shell (the script's parent), waits for READY, kills the shell with
 * SIGKILL and resolves once nothing listens on the port any more. The script checks its parent every 2 s; the
 * bound only catches a script that never stops, so it is generous (start-up on a busy machine takes far longer).
 */
async function killParentAndWait(name: string): Promise<{ listenedBefore: boolean; stopped: boolean }> {
  const port = await freePort();
  // `; true` keeps sh from exec-ing bash, so sh stays the script's parent.
  const parent = spawn('sh', ['-c', `bash '${script(name)}' ${port}; true`], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} printed no READY in 180 s`)), 180_000);
    createInterface({ input: parent.stdout }).on('line', (line) => line === 'READY' && (clearTimeout(timer), resolve()));
    parent.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${name} exited ${code} before READY`))));
  });
  const listenedBefore = await listening(port);
  parent.kill('SIGKILL');
  parent.stdout.destroy();
  const deadline = Date.now() + 120_000;
  let stopped = false;
  while (Date.now() < deadline) {
    if (!(await listening(port))) {
      stopped = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { listenedBefore, stopped };
}

test('a PostgreSQL cluster of scripts/postgres.sh stops when the process that started it is killed', { skip: postgresMissing(), timeout: 400_000 }, async () => {
  const { listenedBefore, stopped } = await killParentAndWait('postgres.sh');
  assert.ok(listenedBefore, 'the cluster listened while its starter lived');
  assert.ok(stopped, 'the cluster still listens after its starter was killed');
});

test('a slapd of scripts/slapd.sh stops when the process that started it is killed', { skip: slapdMissing(), timeout: 400_000 }, async () => {
  const { listenedBefore, stopped } = await killParentAndWait('slapd.sh');
  assert.ok(listenedBefore, 'slapd listened while its starter lived');
  assert.ok(stopped, 'slapd still listens after its starter was killed');
});
