import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { freePort } from '../../helpers/ports.ts';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SyncPostgres } from '../../../reference-server/store/postgres-bridge.ts';

const SCRIPT = fileURLToPath(new URL('../../../scripts/postgres.sh', import.meta.url));

/** Why the PostgreSQL tests cannot run here, or undefined when they can (.ci/run installs the server, so CI runs them). */
export function postgresMissing(): string | undefined {
  const root = '/usr/lib/postgresql';
  const found = existsSync(root) && readdirSync(root).some((v) => existsSync(`${root}/${v}/bin/initdb`) && existsSync(`${root}/${v}/bin/pg_ctl`));
  return found ? undefined : 'PostgreSQL server binaries are not installed (apt-get install -y postgresql, or run scripts/postgres.sh once)';
}

/** A throwaway cluster from scripts/postgres.sh; `stop` ends it and removes its files. */
export async function startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn('bash', [SCRIPT, String(await freePort())], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let url = '';
  await new Promise<void>((resolve, reject) => {
    // initdb and the first start take seconds on an idle machine and much longer on a busy one.
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start in 180 s: ${stderr}`)), 180_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('PG_URL=')) url = line.slice('PG_URL='.length);
      if (line === 'READY') (clearTimeout(timer), resolve());
    });
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`postgres.sh exited ${code}: ${stderr}`))));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      // Nothing of the script may keep this test process alive once the cluster is gone.
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
}

let schemas = 0;

/** A connection URL whose tables live in a new, empty schema: one store per test without a new database. */
export function freshSchema(url: string): string {
  const name = `t${process.pid}_${++schemas}`;
  const admin = new SyncPostgres(url);
  try {
    admin.query(`CREATE SCHEMA ${name}`);
  } finally {
    admin.close();
  }
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${name}`);
  return u.toString();
}
