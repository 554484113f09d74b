import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { cleanupPending, pendingResources, recordIntended, unresolvedIntents } from '../../steps/ledger.ts';
import { isCollection, useFaultTarget } from './helpers/fault-target.ts';

/**
 * Issue 8 item 16: nothing left behind. Whatever a run creates is in the ledger before the request is sent, so a
 * create whose 201 comes too late (or never reaches the harness) is still found, by the unique name it carries.
 */
describe('nothing left behind', { timeout: 600_000 }, () => {
  const target = useFaultTarget('leftover-token');
  const { token } = target;

  test('a 201 that arrives after the request timeout: the user is still deleted by the run', async () => {
    let late = 0;
    const { outcomes, parameters } = await target.run({
      // The server creates the user; its answer reaches the harness only after --timeout.
      async response(res, req) {
        if (req.method !== 'POST' || !isCollection(req, /^Users$/) || res.status !== 201) return;
        late += 1;
        await delay(4_000, undefined, { signal: target.released.signal }).catch(() => undefined);
      },
    }, '@P-CREATE-01 and @must', { timeoutMs: 1_000, maxRetries: 0 });
    const { ledgerPath } = parameters;
    assert.ok(late > 0, 'a create answered late');
    assert.ok(outcomes.every((o) => o.verdict !== 'failed'), 'a timeout is never the server\'s failure');
    assert.equal(await target.leftBehind(parameters.prefix), 0, 'the late-created users were deleted');
    assert.deepEqual([pendingResources(ledgerPath), unresolvedIntents(ledgerPath)], [[], []]);
  });

  test('cleanup finds a create the ledger never learnt the id of (Ctrl-C in flight), by its name with eq', async () => {
    const parameters = target.parameters(target.server.url, { maxRetries: 0 });
    const { runId, ledgerPath, prefix } = parameters;
    const userName = `${prefix}in-flight`;
    recordIntended(ledgerPath, { intended: `${runId}:User:${userName}`, type: 'User', attribute: 'userName', name: userName, runId });
    const created = await fetch(`${target.server.url}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName }),
    });
    assert.equal(created.status, 201);
    const result = await cleanupPending(parameters);
    assert.equal(result.deleted.length, 1);
    assert.deepEqual(result.failed, []);
    assert.equal(await target.leftBehind(prefix), 0);
    assert.deepEqual(unresolvedIntents(ledgerPath), [], 'the intent is settled');
  });
});
