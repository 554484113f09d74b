import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ScimClient, TransportError } from '../../steps/http/client.ts';
import type { ExchangeRecord } from '../../steps/http/exchange.ts';
import { USER_AGENT } from '../../steps/http/user-agent.ts';
import { preflight } from '../../runner/preflight.ts';
import { ThrottledError } from '../../simulators/engine/retry.ts';
import { loadPublishedSchemas } from '../../steps/validation.ts';

/** A loopback server whose answers are scripted per test; it records what it received. */
let server: Server;
let base: string;
type Answer = { status: number; headers?: Record<string, string>; body?: string };
let script: ((req: IncomingMessage, body: string) => Answer)[] = [];
const received: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const answer: Answer = (script.shift() ?? (() => ({ status: 200, body: '{}' })))(req, body);
      res.writeHead(answer.status, { 'content-type': 'application/scim+json', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function client(extra: { maxRetries?: number; sleeps?: number[]; records?: ExchangeRecord[]; timeoutMs?: number } = {}) {
  return new ScimClient({
    params: { target: base, auth: { kind: 'bearer', token: 'sekrit-token' }, headers: {}, timeoutMs: extra.timeoutMs ?? 2000, maxRetries: extra.maxRetries ?? 2 },
    sleep: async (ms) => void extra.sleeps?.push(ms),
    onExchange: (r) => void extra.records?.push(r),
  });
}

describe('ScimClient', () => {
  test('sends SCIM headers and credentials, parses JSON', async () => {
    received.length = 0;
    script = [() => ({ status: 201, body: '{"id":"1"}' })];
    const c = client();
    const res = await c.send('POST', '/Users', { body: { userName: 'a' }, query: { attributes: 'userName' } });
    await c.close();
    assert.equal(res.status, 201);
    assert.deepEqual(res.json, { id: '1' });
    assert.equal(received[0].url, '/scim/v2/Users?attributes=userName');
    assert.equal(received[0].headers.accept, 'application/scim+json');
    assert.equal(received[0].headers['content-type'], 'application/scim+json');
    assert.equal(received[0].headers.authorization, 'Bearer sekrit-token');
    assert.equal(received[0].body, '{"userName":"a"}');
  });

  test('says who it is: User-Agent scim-harness/<package version>, overridable by the run headers', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    received.length = 0;
    script = [() => ({ status: 200, body: '{}' }), () => ({ status: 200, body: '{}' })];
    const c = client();
    await c.send('GET', '/Users');
    await c.close();
    assert.equal(received[0].headers['user-agent'], `scim-harness/${version}`);
    const custom = new ScimClient({ params: { target: base, auth: { kind: 'none' }, headers: { 'User-Agent': 'Custom/1' }, timeoutMs: 2000, maxRetries: 0 } });
    await custom.send('GET', '/Users');
    await custom.close();
    assert.equal(received[1].headers['user-agent'], 'Custom/1');
  });

  test('the pre-flight check says who it is too', async () => {
    received.length = 0;
    script = [() => ({ status: 200, body: '{}' })];
    await preflight(base, { kind: 'none' }, {}, 2000);
    assert.equal(received[0].headers['user-agent'], USER_AGENT);
    assert.match(USER_AGENT, /^scim-harness\/\d+\.\d+\.\d+/);
  });

  test('a null header removes the default, auth none sends no Authorization', async () => {
    received.length = 0;
    script = [() => ({ status: 200, body: '{}' })];
    const c = client();
    await c.send('GET', '/Users', { headers: { accept: null }, auth: 'none' });
    await c.close();
    assert.equal(received[0].headers.accept, undefined);
    assert.equal(received[0].headers.authorization, undefined);
  });

  test('retries 429 and 503 honouring Retry-After, through the injected sleep', async () => {
    script = [
      () => ({ status: 429, headers: { 'retry-after': '3' } }),
      () => ({ status: 503, headers: { 'retry-after': '120' } }),
      () => ({ status: 200, body: '{"ok":true}' }),
    ];
    const sleeps: number[] = [];
    const records: ExchangeRecord[] = [];
    const c = client({ sleeps, records });
    const res = await c.send('GET', '/Users');
    await c.close();
    assert.equal(res.status, 200);
    assert.deepEqual(sleeps, [3000, 10_000], 'Retry-After seconds, capped at 10 s');
    assert.equal(records.length, 3, 'every attempt is recorded');
  });

  test('still throttled after maxRetries: rejects with ThrottledError (a harness error), never returns the 429 to a check', async () => {
    script = [() => ({ status: 429 }), () => ({ status: 503 })];
    const sleeps: number[] = [];
    const c = client({ maxRetries: 1, sleeps });
    await assert.rejects(c.send('GET', '/Users'), (err: unknown) => err instanceof ThrottledError && err.status === 503 && err.attempts === 2 && /RFC 6585/.test(err.message));
    await c.close();
    assert.equal(sleeps.length, 1);
  });

  test('a /Schemas read still throttled after the retries is not cached: the next scenario reads again', async () => {
    // Answers in order: the first read's /Schemas and /ResourceTypes (sent together), then the second read's.
    script = [
      (req) => (req.url?.endsWith('/Schemas') ? { status: 429, headers: { 'retry-after': '0' } } : { status: 200, body: '{"Resources":[]}' }),
      (req) => (req.url?.endsWith('/Schemas') ? { status: 429, headers: { 'retry-after': '0' } } : { status: 200, body: '{"Resources":[]}' }),
      () => ({ status: 200, body: '{"Resources":[]}' }),
      () => ({ status: 200, body: '{"Resources":[]}' }),
    ];
    const c = client({ maxRetries: 0 });
    const target = `throttled-schemas ${base}`;
    await assert.rejects(loadPublishedSchemas(c, target), ThrottledError);
    assert.deepEqual(await loadPublishedSchemas(c, target), { schemas: { Resources: [] }, resourceTypes: [] });
    await c.close();
  });

  test('recorded exchanges have secrets redacted', async () => {
    script = [() => ({ status: 200, body: '{"password":"p4ss","note":"token sekrit-token"}' })];
    const records: ExchangeRecord[] = [];
    const c = client({ records });
    await c.send('POST', '/Users', { body: { userName: 'x', password: 'hunter22' } });
    await c.close();
    const text = JSON.stringify(records);
    assert.ok(!text.includes('sekrit-token'));
    assert.ok(!text.includes('hunter22'));
    assert.ok(!text.includes('p4ss'));
    assert.equal(records[0].request.headers.authorization, '***');
  });

  test('a timeout becomes a TransportError and is recorded with an error', async () => {
    script = [];
    const hang = createServer(() => {});
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    const records: ExchangeRecord[] = [];
    const c = new ScimClient({
      params: { target: `http://127.0.0.1:${(hang.address() as AddressInfo).port}`, auth: { kind: 'none' }, headers: {}, timeoutMs: 100, maxRetries: 0 },
      onExchange: (r) => void records.push(r),
    });
    await assert.rejects(c.send('GET', '/Users'), (err: unknown) => err instanceof TransportError && /within 100 ms/.test(err.message));
    await c.close();
    hang.closeAllConnections();
    await new Promise<void>((resolve) => hang.close(() => resolve()));
    assert.match(records[0].error ?? '', /100 ms/);
  });

  test('a refused connection is a TransportError naming the cause', async () => {
    const c = new ScimClient({ params: { target: 'http://127.0.0.1:1', auth: { kind: 'none' }, headers: {}, timeoutMs: 1000, maxRetries: 0 } });
    await assert.rejects(c.send('GET', '/Users'), /ECONNREFUSED/);
    await c.close();
  });
});
