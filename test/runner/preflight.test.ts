import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { EXIT, RunnerError } from '../../runner/exit-codes.ts';
import { preflight } from '../../runner/preflight.ts';

/** A loopback server answering with `handler`; stops when the test's callback ends. */
async function withServer(handler: (req: IncomingMessage, res: ServerResponse) => void, body: (url: string) => Promise<void>): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const SCIM = { 'content-type': 'application/scim+json' };
const token = 's3cret-token';
const auth = { kind: 'bearer' as const, token };
const authorised = (req: IncomingMessage) => req.headers.authorization === `Bearer ${token}`;

async function refusal(url: string, authGiven = auth): Promise<RunnerError> {
  try {
    await preflight(url, authGiven, {}, 5_000);
  } catch (err) {
    assert.ok(err instanceof RunnerError, String(err));
    assert.equal(err.exitCode, EXIT.unreachable);
    assert.doesNotMatch(err.message, /s3cret|wrong/);
    assert.doesNotMatch(err.message, /\n/);
    return err;
  }
  assert.fail('the pre-flight accepted the target');
}

test('a wrong token is refused even where /ServiceProviderConfig needs no authentication (RFC 7644 §4)', async () => {
  await withServer(
    (req, res) => {
      if (req.url?.startsWith('/scim/v2/ServiceProviderConfig')) return void res.writeHead(200, SCIM).end('{"schemas":[]}');
      res.writeHead(authorised(req) ? 200 : 401, SCIM).end('{}');
    },
    async (url) => {
      const err = await refusal(url, { kind: 'bearer', token: 'wrong' });
      assert.equal(err.message, `credentials refused by ${url} (GET /Users?count=1 answered 401)`);
      await preflight(url, auth, {}, 5_000);
    },
  );
});

test('403 is a refusal too', async () => {
  await withServer((_req, res) => void res.writeHead(403, SCIM).end('{}'), async (url) => {
    assert.match((await refusal(url)).message, /credentials refused .*answered 403/);
  });
});

test('404 on both /ServiceProviderConfig and /Users: not a SCIM service root', async () => {
  await withServer((_req, res) => void res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>'), async (url) => {
    assert.equal((await refusal(url)).message, `${url} is not a SCIM service root: GET /ServiceProviderConfig and GET /Users both answered 404`);
  });
});

test('an HTML page where /ServiceProviderConfig should be: not a SCIM service root, saying what was found', async () => {
  await withServer((_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Login</title>'), async (url) => {
    assert.equal((await refusal(url)).message, `${url} is not a SCIM service root: GET /ServiceProviderConfig answered 200 with an HTML page (text/html), not SCIM JSON`);
  });
});

test('what the scenarios must judge is let through: a 404 on one endpoint only, a 500, plain application/json', async () => {
  for (const handler of [
    (req: IncomingMessage, res: ServerResponse) => void res.writeHead(req.url?.includes('ServiceProviderConfig') ? 404 : 200, SCIM).end('{}'),
    (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(500, SCIM).end('{}'),
    (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"schemas":[]}'),
  ]) {
    await withServer(handler, (url) => preflight(url, auth, {}, 5_000));
  }
});
