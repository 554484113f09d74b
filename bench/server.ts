// Reference-server benchmark (not a test): req/s and p99 for GET by id, filter userName eq, a list page at a random
// startIndex (count=100), POST and PATCH member add at 1k, 10k and 100k users, for each store (memory, SQLite,
// PostgreSQL with one and with two serve processes on one database), each beside a bare node:http server measured
// in the same run, plus the server's RSS and CPU time per request. BENCH_STORES, BENCH_SIZES, BENCH_SECONDS and
// BENCH_WORKLOADS (get,filter,list,post,patch) narrow it; BENCH_CPU_PROF=dir starts the server under --cpu-prof.
//
// CPU µs/request (the server process's user+system time, all threads, over the requests of the timed run; for
// PostgreSQL also the database's processes) is the figure to compare between builds on a loaded machine: req/s
// follows whatever else the machine runs, CPU per request hardly does (it still rises a little under heavy load:
// compare it with the bare server's, printed beside it).
//
// The servers run the compiled CLI (dist/, rebuilt first so it matches the sources), as an installed one does;
// under tsx (SCIM_HARNESS_TSX=1) each process holds about 35 MiB more (the loader and its compiled sources).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { measure, type LoadRequest, type LoadResult } from './load.ts';

const ROOT = join(import.meta.dirname, '..');
const TOKEN = 'bench-token';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json', accept: 'application/scim+json' };
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const DURATION = Number(process.env.BENCH_SECONDS ?? 4) * 1000;
const CONNECTIONS = 32;
const STORES = (process.env.BENCH_STORES ?? process.env.BENCH_STORE ?? 'memory,sqlite,postgres,postgres2').split(',');
const WORKLOADS = new Set((process.env.BENCH_WORKLOADS ?? 'get,filter,list,post,patch').split(','));
const CPU_PROF = process.env.BENCH_CPU_PROF;
let STORE = STORES[0];

function start(args: string[], nodeOptions: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeOptions, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /ready at (\S+)/.exec(line);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** User+system CPU of a process, every thread, in µs (Linux /proc; clock ticks of 10 ms); 0 where unreadable. */
function cpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime, stime (fields 14 and 15)
  } catch {
    return 0;
  }
}

/** The postmaster listening on `port` and its backends (throwaway cluster of scripts/postgres.sh). */
function postgresPids(port: string): number[] {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const master = procs.find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(`-p ${port} `);
    } catch {
      return false;
    }
  });
  if (master === undefined) return [];
  const children = procs.filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === master;
    } catch {
      return false;
    }
  });
  return [master, ...children];
}
const userBody = (name: string) => JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: name, name: { givenName: 'Bench', familyName: name }, emails: [{ value: `${name}@bench.test`, type: 'work', primary: true }], active: true });
const fmt = (r: LoadResult) => `${r.rps.toFixed(0).padStart(7)} req/s  p99 ${r.p99.toFixed(2).padStart(6)} ms${r.errors ? `  (${r.errors} errors)` : ''}`;

/** A throwaway PostgreSQL cluster (scripts/postgres.sh), for the postgres rows. */
function startPostgres(): Promise<{ child: ChildProcess; url: string }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn('bash', ['scripts/postgres.sh', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let url = '';
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('PG_URL=')) url = line.slice(7);
      if (line === 'READY') resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`postgres.sh exited with ${code}`)));
  });
}

interface Measured extends LoadResult {
  /** Server CPU (every serve process) per request in µs, over warm-up and timed run together. */
  cpu: number;
  /** The database's CPU per request in µs (PostgreSQL only). */
  dbCpu?: number;
}

/**
 * Runs one workload over every server process at once (connections split between them); rates add up. CPU is read
 * before the warm-up and after the timed run and divided by every request sent in that span.
 */
async function measureAll(pids: number[], dbPids: () => number[], origins: string[], next: (i: number) => LoadRequest): Promise<Measured> {
  const sum = (list: number[]) => list.reduce((a, pid) => a + cpuMicros(pid), 0);
  const db0 = dbPids();
  const cpu0 = sum(pids);
  const dbCpu0 = sum(db0);
  const parts = await Promise.all(origins.map((origin) => measure(origin, HEADERS, CONNECTIONS / origins.length, DURATION, next)));
  const cpu = sum(pids) - cpu0;
  const dbCpu = sum(db0) - dbCpu0;
  const r = parts.reduce((a, b) => ({ requests: a.requests + b.requests, sent: a.sent + b.sent, errors: a.errors + b.errors, rps: a.rps + b.rps, p50: Math.max(a.p50, b.p50), p99: Math.max(a.p99, b.p99) }));
  return { ...r, cpu: cpu / r.sent, dbCpu: db0.length ? dbCpu / r.sent : undefined };
}

const SKIPPED: Measured = { requests: 0, sent: 1, errors: 0, rps: NaN, p50: NaN, p99: NaN, cpu: NaN };

const summary: string[] = [];

if (process.env.SCIM_HARNESS_TSX !== '1') {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed: the bench measures the compiled CLI');
}

async function main() {
  for (const store of STORES) {
    STORE = store;
    await benchStore();
  }
  console.log(`\n=== summary (ratio = req/s over the bare node:http server's in the same run) ===\nstore\tusers\tGET\tfilter\tlist/s\tPOST/s\tPATCH/s\tRSS MiB (after seeding / at the end)\n${summary.join('\n')}`);
  console.log(`\n=== server CPU µs per request (all threads; + the database's for PostgreSQL) ===\nstore\tusers\tGET\tfilter\tlist\tPOST\tPATCH\n${cpuSummary.join('\n')}`);
}

const cpuSummary: string[] = [];

async function benchStore() {
  const dir = mkdtempSync(join(tmpdir(), 'scim-bench-'));
  const postgres = STORE.startsWith('postgres') ? await startPostgres() : undefined;
  const store = STORE === 'memory' ? 'memory' : postgres ? postgres.url : `sqlite:${join(dir, 'bench.db')}`;
  const serveArgs = ['bin/scim-harness.mjs', 'serve', '--port', '0', '--store', store, '--token', TOKEN];
  const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
  const server = await start(serveArgs, profile);
  const second = STORE === 'postgres2' ? await start(serveArgs, profile) : undefined;
  const pids = [server.child.pid!, ...(second ? [second.child.pid!] : [])];
  const pgPort = postgres ? new URL(postgres.url).port : undefined;
  const dbPids = () => (pgPort ? postgresPids(pgPort) : []);
  const base = new URL(server.url);
  const origin = base.origin;
  const origins = second ? [origin, new URL(second.url).origin] : [origin];
  const path = base.pathname;

  // Baselines: a bare node:http server sending a small static document, and one sending byte for byte what the
  // reference server answers to GET /Users/{id} (same body, same headers): the ratio to the second is the cost of
  // the server's own work; the first shows how much of the gap is just the size of a real SCIM response.
  const sample = (await (await fetch(`${server.url}/Users`, { method: 'POST', headers: HEADERS, body: userBody('baseline-sample') })).json()) as { id: string };
  const sampleGet = await fetch(`${server.url}/Users/${sample.id}`, { headers: HEADERS });
  const sampleBody = await sampleGet.text();
  const sampleHeaders = Object.fromEntries(['content-type', 'etag', 'location'].map((h) => [h, sampleGet.headers.get(h)!]));
  const bareSmall = await measureBare([]);
  const bareSame = await measureBare([JSON.stringify([sampleBody, sampleHeaders])]);
  console.log(`bare node:http static JSON GET (small)   ${fmt(bareSmall)}  ${bareSmall.cpu.toFixed(0)} µs/req`);
  console.log(`bare node:http static JSON GET (same)    ${fmt(bareSame)}  ${bareSame.cpu.toFixed(0)} µs/req  (the reference server's exact response)`);
  cpuSummary.push(`bare\t-\t${bareSame.cpu.toFixed(0)}\t-\t-\t-\t-`);
  const bareResult = bareSame;
  const ids: string[] = [];
  const names: string[] = [];
  let seeded = 0;
  const userCount = async () => ((await (await fetch(`${server.url}/Users?count=0`, { headers: HEADERS })).json()) as { totalResults: number }).totalResults;
  const groupRes = await fetch(`${server.url}/Groups`, { method: 'POST', headers: HEADERS, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'bench-group' }) });
  const groupId = ((await groupRes.json()) as { id: string }).id;
  let memberCursor = 0;
  const rows: string[] = [];
  try {
    for (const size of SIZES) {
      // Seed through the API with 16 requests in flight until the store holds `size` users.
      const seedStart = performance.now();
      await measureUntil(origin, size - (await userCount()), (i) => {
        const name = `seed-${seeded + i}`;
        return { method: 'POST', path: `${path}/Users`, body: userBody(name) };
      }, async (count) => {
        seeded += count;
      });
      const total = await userCount();
      ids.length = 0;
      names.length = 0;
      // Sample ids for GETs from the filter endpoint (the seeding loop does not keep responses).
      for (let i = 0; i < 200; i++) {
        const name = `seed-${Math.floor((i * 7919) % seeded)}`;
        const r = (await (await fetch(`${server.url}/Users?filter=${encodeURIComponent(`userName eq "${name}"`)}`, { headers: HEADERS })).json()) as { Resources: { id: string }[] };
        ids.push(r.Resources[0].id);
        names.push(name);
      }
      const seededRss = rssMb(server.child.pid!);
      console.log(`\n${total} users (${STORE}; seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; RSS ${seededRss.toFixed(0)} MiB)`);
      const run = (name: string, next: (i: number) => LoadRequest) => (WORKLOADS.has(name) ? measureAll(pids, dbPids, origins, next) : Promise.resolve(SKIPPED));
      const get = await run('get', (i) => ({ method: 'GET', path: `${path}/Users/${ids[i % ids.length]}` }));
      const filter = await run('filter', (i) => ({ method: 'GET', path: `${path}/Users?filter=${encodeURIComponent(`userName eq "${names[i % names.length]}"`)}` }));
      const list = await run('list', (i) => ({ method: 'GET', path: `${path}/Users?startIndex=${1 + ((i * 7919) % total)}&count=100` }));
      const post = await run('post', (i) => ({ method: 'POST', path: `${path}/Users`, body: userBody(`post-${size}-${origins.length}-${i}-${Math.random().toString(36).slice(2, 8)}`) }));
      const patch = await run('patch', () => ({
        method: 'PATCH',
        path: `${path}/Groups/${groupId}`,
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: ids[memberCursor++ % ids.length] }] }] }),
      }));
      const rss = rssMb(server.child.pid!);
      const cpu = (r: Measured) => `${r.cpu.toFixed(0)} µs${r.dbCpu !== undefined ? ` + db ${r.dbCpu.toFixed(0)} µs` : ''}/req`;
      console.log(`  GET /Users/{id}                    ${fmt(get)}  ${cpu(get)}  (${(get.rps / bareResult.rps).toFixed(2)}x bare same, ${(get.rps / bareSmall.rps).toFixed(2)}x bare small)`);
      console.log(`  GET /Users?filter=userName eq      ${fmt(filter)}  ${cpu(filter)}  (${(filter.rps / bareResult.rps).toFixed(2)}x bare same)`);
      console.log(`  GET /Users?startIndex=random&count=100 ${fmt(list)}  ${cpu(list)}`);
      console.log(`  POST /Users                        ${fmt(post)}  ${cpu(post)}`);
      console.log(`  PATCH /Groups/{id} add member      ${fmt(patch)}  ${cpu(patch)}`);
      console.log(`  server RSS                         ${rss.toFixed(0)} MiB`);
      rows.push(`${size}\t${get.rps.toFixed(0)}\t${filter.rps.toFixed(0)}\t${post.rps.toFixed(0)}\t${patch.rps.toFixed(0)}\t${rss.toFixed(0)}`);
      const ratio = (r: LoadResult) => `${(r.rps / bareResult.rps).toFixed(2)}x`;
      summary.push(`${STORE}\t${total}\t${ratio(get)}\t${ratio(filter)}\t${list.rps.toFixed(0)}\t${post.rps.toFixed(0)}\t${patch.rps.toFixed(0)}\t${seededRss.toFixed(0)} / ${rss.toFixed(0)}`);
      const both = (r: Measured) => (r.dbCpu !== undefined ? `${r.cpu.toFixed(0)}+${r.dbCpu.toFixed(0)}` : r.cpu.toFixed(0));
      cpuSummary.push(`${STORE}\t${total}\t${both(get)}\t${both(filter)}\t${both(list)}\t${both(post)}\t${both(patch)}`);
    }
  } finally {
    server.child.kill('SIGTERM');
    second?.child.kill('SIGTERM');
    postgres?.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nsize\tGET/s\tfilter/s\tPOST/s\tPATCH/s\tRSS MB (bare GET/s: same response ${bareResult.rps.toFixed(0)}, small ${bareSmall.rps.toFixed(0)})\n${rows.join('\n')}`);
}

async function measureBare(args: string[]): Promise<Measured> {
  const bare = await start(['--import', 'tsx', 'bench/bare-server.ts', ...args]);
  try {
    const cpu0 = cpuMicros(bare.child.pid!);
    const r = await measure(new URL(bare.url).origin, {}, CONNECTIONS, DURATION, () => ({ method: 'GET', path: '/' }));
    return { ...r, cpu: (cpuMicros(bare.child.pid!) - cpu0) / r.sent };
  } finally {
    bare.child.kill('SIGTERM');
  }
}

/** Sends exactly `total` requests with 16 in flight (seeding); not timed as a benchmark figure. */
async function measureUntil(origin: string, total: number, next: (i: number) => { method: 'POST'; path: string; body: string }, done: (count: number) => Promise<void>) {
  if (total <= 0) return;
  const { Pool } = await import('undici');
  const pool = new Pool(origin, { connections: 16 });
  let i = 0;
  const worker = async () => {
    while (i < total) {
      const req = next(i++);
      const res = await pool.request({ ...req, headers: HEADERS });
      await res.body.dump();
      if (res.statusCode !== 201) throw new Error(`seeding failed with ${res.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await pool.close();
  await done(total);
}

await main();
