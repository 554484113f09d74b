import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../simulators/engine/clock.ts';
import { ScimEngine, type IdpProfile } from '../../simulators/engine/engine.ts';
import { TransportError } from '../../simulators/engine/errors.ts';
import { HarRecorder } from '../../simulators/engine/har.ts';
import { Limiter } from '../../simulators/engine/limiter.ts';
import { defaultRetryPolicy, parseRetryAfter } from '../../simulators/engine/retry.ts';
import { RequestStats } from '../../simulators/engine/stats.ts';
import { startRecordingServer } from './helpers/recording-server.ts';

const profile: IdpProfile = {
  name: 'test',
  userAgent: 'Test IdP 1.0',
  headers: { Accept: 'application/scim+json' },
  contentType: 'application/scim+json; charset=utf-8',
  retry: { ...defaultRetryPolicy, maxAttempts: 4, initialDelayMs: 1000, maxDelayMs: 30_000 },
  concurrency: 2,
  ratePerSecond: Infinity,
  timeoutMs: 5_000,
};

test('parseRetryAfter reads seconds and HTTP dates', () => {
  const now = Date.UTC(2026, 0, 1, 0, 0, 0);
  assert.equal(parseRetryAfter('7', now, true), 7000);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now, true), 30_000);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now, false), undefined);
  assert.equal(parseRetryAfter('soon', now, true), undefined);
  assert.equal(parseRetryAfter(undefined, now, true), undefined);
});

test('sends the profile headers, auth and body, and records a redacted HAR entry', async () => {
  const server = await startRecordingServer(() => ({ status: 201, body: { id: 'x1' } }));
  const har = new HarRecorder();
  const stats = new RequestStats();
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'bearer', token: 's3cret' }, profile, har, stats, clock: new VirtualClock() });
  try {
    const res = await engine.send({ method: 'POST', path: '/Users', query: [['filter', 'userName eq "a b@x"']], body: { userName: 'a' } });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, { id: 'x1' });
    const [req] = server.requests;
    assert.equal(req!.headers['user-agent'], 'Test IdP 1.0');
    assert.equal(req!.headers.accept, 'application/scim+json');
    assert.equal(req!.headers['content-type'], 'application/scim+json; charset=utf-8');
    assert.equal(req!.headers.authorization, 'Bearer s3cret');
    assert.equal(req!.query, 'filter=userName%20eq%20%22a%20b%40x%22');
    assert.deepEqual(req!.body, { userName: 'a' });

    const log = har.toJSON().log;
    assert.equal(log.version, '1.2');
    const entry = log.entries[0]!;
    assert.equal(entry.request.method, 'POST');
    assert.deepEqual(entry.request.headers.find((h) => h.name === 'authorization'), { name: 'authorization', value: 'Bearer REDACTED' });
    assert.ok(!JSON.stringify(log).includes('s3cret'));
    assert.deepEqual(entry.request.queryString, [{ name: 'filter', value: 'userName eq "a b@x"' }]);
    assert.equal(entry.request.postData?.text, '{"userName":"a"}');
    assert.equal(entry.response.status, 201);
    assert.equal(entry.response.content.text, '{"id":"x1"}');
    assert.equal(entry.response.content.mimeType, 'application/scim+json');
    assert.ok(entry.time >= 0 && entry.timings.wait >= 0);
    assert.equal(stats.summary().byKind['POST /Users']?.['201'], 1);
  } finally {
    await engine.close();
    await server.close();
  }
});

test('retries 429/503 honouring Retry-After in seconds and as a date, then falls back to doubling', async () => {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const replies = [
    { status: 429, headers: { 'retry-after': '3' } },
    { status: 503, headers: { 'retry-after': new Date(Date.UTC(2026, 0, 1, 0, 0, 13)).toUTCString() } },
    { status: 429 },
    { status: 200, body: {} },
  ];
  const server = await startRecordingServer(() => replies.shift()!);
  const har = new HarRecorder();
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'none' }, profile, clock, har });
  try {
    const res = await engine.send({ method: 'GET', path: '/Users' });
    assert.equal(res.status, 200);
    assert.equal(res.attempts, 4);
    // 3 s from the header; the date is 13 s from the start, i.e. 10 s after the first wait; then 1000*2^2.
    assert.deepEqual(clock.sleeps, [3000, 10_000, 4000]);
    assert.deepEqual(har.entries.map((e) => [e.response.status, e._attempt]), [[429, 1], [503, 2], [429, 3], [200, 4]]);
  } finally {
    await engine.close();
    await server.close();
  }
});

test('gives up after maxAttempts and returns the last answer; caps a huge Retry-After', async () => {
  const clock = new VirtualClock();
  const server = await startRecordingServer(() => ({ status: 429, headers: { 'retry-after': '86400' } }));
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'none' }, profile, clock });
  try {
    const res = await engine.send({ method: 'GET', path: '/Users' });
    assert.equal(res.status, 429);
    assert.equal(server.requests.length, 4);
    assert.deepEqual(clock.sleeps, [30_000, 30_000, 30_000]);
  } finally {
    await engine.close();
    await server.close();
  }
});

test('a request that outlives the timeout fails with a TransportError', async () => {
  const server = await startRecordingServer(() => new Promise(() => {}));
  const engine = new ScimEngine({ baseUrl: server.url, auth: { kind: 'none' }, profile: { ...profile, timeoutMs: 50 } });
  try {
    await assert.rejects(engine.send({ method: 'GET', path: '/Users' }), TransportError);
  } finally {
    await engine.close();
    await server.close();
  }
});

test('Limiter caps concurrency', async () => {
  const limiter = new Limiter(2, Infinity, new VirtualClock(0));
  let running = 0;
  let peak = 0;
  const gates: (() => void)[] = [];
  const tasks = Array.from({ length: 5 }, () =>
    limiter.run(async () => {
      peak = Math.max(peak, ++running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
    }),
  );
  for (let done = 0; done < 5; ) {
    await new Promise((r) => setImmediate(r));
    const gate = gates.shift();
    if (gate) (gate(), done++);
  }
  await Promise.all(tasks);
  assert.equal(peak, 2);
});

test('Limiter spaces request starts by the rate on the injected clock', async () => {
  const clock = new VirtualClock(0);
  const limiter = new Limiter(1, 4, clock);
  const starts: number[] = [];
  await Promise.all(Array.from({ length: 5 }, () => limiter.run(async () => void starts.push(clock.now()))));
  assert.deepEqual(starts, [0, 250, 500, 750, 1000]);
});
