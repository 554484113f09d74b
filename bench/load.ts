import { Pool } from 'undici';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: string;
}

export interface LoadResult {
  /** Requests of the timed run. */
  requests: number;
  /** Requests sent in all, warm-up included (what server-side counters such as CPU time cover). */
  sent: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

/**
 * A closed-loop load generator: `connections` clients each send the next request as soon as the previous one
 * answered, for `durationMs`. Bounded in time and only ever aimed at a loopback origin.
 */
export async function measure(origin: string, headers: Record<string, string>, connections: number, durationMs: number, next: (i: number) => LoadRequest, expect: number[] = [200, 201, 204]): Promise<LoadResult> {
  // Figures are steady-state: the first second warms the JIT and caches and is not counted.
  // One counter across both, so requests that must be unique (POSTed userNames) stay unique.
  let counter = 0;
  const take = () => next(counter++);
  const warm = await run(origin, headers, connections, Math.min(1000, durationMs / 4), take, expect);
  const timed = await run(origin, headers, connections, durationMs, take, expect);
  return { ...timed, sent: warm.requests + timed.requests };
}

async function run(origin: string, headers: Record<string, string>, connections: number, durationMs: number, take: () => LoadRequest, expect: number[]): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(origin)) throw new Error(`load only goes to loopback, not ${origin}`);
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const req = take();
      const t0 = performance.now();
      const res = await pool.request({ method: req.method, path: req.path, body: req.body, headers });
      await res.body.dump();
      latencies.push(performance.now() - t0);
      if (!expect.includes(res.statusCode)) errors++;
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  const elapsed = performance.now() - started;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { requests: latencies.length, sent: latencies.length, errors, rps: (latencies.length / elapsed) * 1000, p50: pct(0.5), p99: pct(0.99) };
}
