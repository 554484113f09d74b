// The listener's own bounds: slow clients are cut off, connections are capped, keep-alive never drops a request.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'node:test';
import { DEFAULT_LIMITS } from '../../reference-server/http/limits.ts';
import { withServer } from './helpers.ts';

/** A raw TCP connection to the server, collecting what it answers. */
function open(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', () => {});
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

const GET = (host: string) => `GET /scim/v2/ServiceProviderConfig HTTP/1.1\r\nHost: ${host}\r\n\r\n`;

test('the defaults are explicit and bounded', () => {
  assert.ok(DEFAULT_LIMITS.headersTimeout <= 10_000);
  assert.ok(DEFAULT_LIMITS.requestTimeout <= 30_000);
  assert.ok(DEFAULT_LIMITS.maxConnections <= 1_000);
  assert.ok(DEFAULT_LIMITS.keepAliveGrace >= 5_000);
});

test('a client that never finishes its headers is cut off after headersTimeout', { timeout: 20_000 }, async () => {
  const h = await withServer({ limits: { headersTimeout: 300, requestTimeout: 600 } });
  try {
    const c = await open(h.server.port);
    c.socket.write('GET /scim/v2/ServiceProviderConfig HTTP/1.1\r\nHost: x\r\n');
    await c.closed;
    assert.doesNotMatch(c.received(), /HTTP\/1\.1 200/);
  } finally {
    await h.server.close();
  }
});

test('a client that never finishes its body is cut off after requestTimeout', { timeout: 20_000 }, async () => {
  const h = await withServer({ limits: { headersTimeout: 300, requestTimeout: 600 } });
  try {
    const c = await open(h.server.port);
    c.socket.write('POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nContent-Type: application/scim+json\r\nContent-Length: 1000\r\n\r\n{"userName":');
    await c.closed;
    assert.doesNotMatch(c.received(), /HTTP\/1\.1 201/);
  } finally {
    await h.server.close();
  }
});

test('connections beyond maxConnections are closed on accept; the open ones keep working', { timeout: 20_000 }, async () => {
  const h = await withServer({ limits: { maxConnections: 3 } });
  try {
    const held = await Promise.all([0, 1, 2].map(() => open(h.server.port)));
    const extra = await open(h.server.port);
    await extra.closed;
    held[0].socket.write(GET('x'));
    while (!/\r\n\r\n[\s\S]*\}$/.test(held[0].received())) await delay(10);
    assert.match(held[0].received(), /^HTTP\/1\.1 200/);
    for (const c of held) c.socket.destroy();
  } finally {
    await h.server.close();
  }
});

test('keep-alive: the advertised idle time is shorter than the real one, so a request sent at its end is served', { timeout: 20_000 }, async () => {
  const h = await withServer({ limits: { keepAliveAdvertised: 1_000, keepAliveGrace: 3_000 } });
  try {
    const c = await open(h.server.port);
    const answered = async (n: number) => {
      while ((c.received().match(/HTTP\/1\.1 200/g) ?? []).length < n) await delay(10);
    };
    c.socket.write(GET('x'));
    await answered(1);
    assert.match(c.received(), /\r\nKeep-Alive: timeout=1\r\n/i);
    // A client may reuse the connection up to the advertised second; the server must still be listening then.
    await delay(1_100);
    c.socket.write(GET('x'));
    await answered(2);
    c.socket.destroy();
  } finally {
    await h.server.close();
  }
});
