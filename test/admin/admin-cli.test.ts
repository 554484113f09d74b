/**
 * `scim-harness admin` speaks HTTP through the global fetch, so msw stands in for the admin API: each test sees
 * exactly the request the command sent, with no server to start. (The suite's own client and the simulators use
 * the npm undici client, which msw cannot intercept; their tests use loopback servers instead, see README.)
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { main } from '../../cli/main.ts';

const ADMIN = 'http://admin.test/admin/v1';
const server = setupServer();

/** Runs the CLI in-process and captures what it prints. */
async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(['admin', '--url', ADMIN, ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('scim-harness admin (msw in place of the admin API)', () => {
  before(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  after(() => server.close());

  test('tenants create sends one authenticated POST with the settings as JSON and prints the answer', async () => {
    const seen: { auth: string | null; type: string | null; body: unknown }[] = [];
    server.use(
      http.post(`${ADMIN}/tenants`, async ({ request }) => {
        seen.push({ auth: request.headers.get('authorization'), type: request.headers.get('content-type'), body: await request.json() });
        return HttpResponse.json({ slug: 'acme-corp', name: 'Acme Corp' }, { status: 201 });
      }),
    );
    const r = await admin('--admin-token', 'T0K', 'tenants', 'create', 'Acme Corp', '--settings', '{"softDelete":true}');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(seen, [{ auth: 'Bearer T0K', type: 'application/json', body: { name: 'Acme Corp', settings: { softDelete: true } } }]);
    assert.deepEqual(JSON.parse(r.stdout), { slug: 'acme-corp', name: 'Acme Corp' });
  });

  test('an error answer is one line with the SCIM detail, exit 1', async () => {
    server.use(http.get(`${ADMIN}/tenants/nope`, () => HttpResponse.json({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'no tenant "nope"' }, { status: 404 })));
    const r = await admin('--admin-token', 'T0K', 'tenants', 'show', 'nope');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'scim-harness admin: HTTP 404: no tenant "nope"\n');
  });

  test('an unreachable API is one line, exit 1; a missing token is a usage error before any request', async () => {
    server.use(http.get(`${ADMIN}/tenants`, () => HttpResponse.error()));
    const down = await admin('--admin-token', 'T0K', 'tenants', 'list');
    assert.equal(down.code, 1);
    assert.match(down.stderr, /^scim-harness admin: cannot reach http:\/\/admin\.test\/admin\/v1: /);
    const before = process.env.SCIM_HARNESS_ADMIN_TOKEN;
    delete process.env.SCIM_HARNESS_ADMIN_TOKEN;
    try {
      const noToken = await admin('tenants', 'list'); // onUnhandledRequest: 'error' would fail a request
      assert.equal(noToken.code, 2);
      assert.match(noToken.stderr, /give --admin-token/);
    } finally {
      if (before !== undefined) process.env.SCIM_HARNESS_ADMIN_TOKEN = before;
    }
  });
});
