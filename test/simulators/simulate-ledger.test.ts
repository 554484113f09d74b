import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LedgeredEngine, SimulateLedger } from '../../cli/simulate-ledger.ts';
import { oktaProfile } from '../../simulators/okta.ts';
import { pendingResources, unresolvedIntents } from '../../steps/ledger.ts';

test('simulate writes each create to the ledger before sending it, then its id, its deletion, or its refusal', async () => {
  const home = mkdtempSync(join(tmpdir(), 'simulate-ledger-unit-'));
  let ledgerAtPost = '';
  let ledger: SimulateLedger | undefined;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.method === 'POST') {
        ledgerAtPost = readFileSync(ledger!.path, 'utf8');
        const { userName } = JSON.parse(body) as { userName: string };
        if (userName === 'taken@example.test') {
          res.writeHead(409, { 'content-type': 'application/scim+json' }).end(JSON.stringify({ status: '409', scimType: 'uniqueness' }));
          return;
        }
        res.writeHead(201, { 'content-type': 'application/scim+json' }).end(JSON.stringify({ id: 'u-1', userName }));
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  try {
    ledger = new SimulateLedger(baseUrl, { SCIM_HARNESS_HOME: home });
    const engine = new LedgeredEngine({ baseUrl, auth: { kind: 'none' }, profile: { ...oktaProfile, ratePerSecond: Infinity } }, ledger);
    await engine.send({ method: 'POST', path: '/Users', body: { userName: 'ana@example.test' } });
    assert.match(ledgerAtPost, /"intended":".*:User:ana@example\.test"/, 'the intent is on disk when the POST arrives');
    assert.deepEqual(pendingResources(ledger.path).map((e) => e.id), ['u-1']);
    assert.deepEqual(unresolvedIntents(ledger.path), []);

    await engine.send({ method: 'POST', path: '/Users', body: { userName: 'taken@example.test' } });
    assert.deepEqual(unresolvedIntents(ledger.path), [], 'a 409 created nothing');
    assert.equal(ledger.pending(), 1);

    await engine.send({ method: 'DELETE', path: '/Users/u-1' });
    assert.equal(ledger.pending(), 0);
    await engine.close();
    ledger.close();
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }
});
