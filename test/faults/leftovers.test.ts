import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { drainLedger, ledgerDirFor } from '../../runner/ledgers.ts';
import { cleanupPending, pendingResources, recordCreated, recordIntended, unresolvedIntents } from '../../steps/ledger.ts';
import { spawnCli, until } from '../runner/helpers.ts';
import { isCollection, useFaultTarget } from './helpers/fault-target.ts';
import type { FaultHooks, ProxiedRequest } from './proxy.ts';

const URN_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const URN_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/**
 * A legal server that declines `sw` (400 invalidFilter, RFC 7644 §3.12 Table 9) and returns at most 2 resources per
 * page (RFC 7644 §3.4.2.4): the prefix walk must fall back to unfiltered pages and follow what each page returned.
 */
const declinesSwWithShortPages: FaultHooks = {
  request(req) {
    const url = new URL(req.path, 'http://x');
    if (req.method === 'GET' && / sw /i.test(url.searchParams.get('filter') ?? '')) {
      return { status: 400, headers: { 'content-type': 'application/scim+json' }, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidFilter', detail: 'sw is not supported' } };
    }
    if (req.method === 'GET' && url.searchParams.has('count')) {
      url.searchParams.set('count', String(Math.min(2, Number(url.searchParams.get('count')))));
      return { ...req, path: `${url.pathname}${url.search}` };
    }
  },
};
/** Both hook sets, `first`'s request hook deciding first. */
const combine = (first: FaultHooks, second: FaultHooks): FaultHooks => ({
  async request(req) {
    const a = await first.request?.(req);
    if (a && 'status' in a) return a;
    return (await second.request?.((a as ProxiedRequest | undefined) ?? req)) ?? a;
  },
  response: async (res, req) => (await second.response?.(res, req)) ?? (await first.response?.(res, req)),
});

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

  /** Creates a User or Group on the server directly (not through the harness, so no ledger knows of it). */
  const create = async (type: 'Users' | 'Groups', name: string) => {
    const body = type === 'Users' ? { schemas: [URN_USER], userName: name } : { schemas: [URN_GROUP], displayName: name };
    const res = await fetch(`${target.server.url}/${type}`, { method: 'POST', headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/scim+json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 201);
    return ((await res.json()) as { id: string }).id;
  };
  const exists = async (type: 'Users' | 'Groups', id: string) =>
    (await fetch(`${target.server.url}/${type}/${id}`, { headers: { authorization: `Bearer ${target.token}` } })).status === 200;

  test('the prefix walk deletes what no ledger line names, on a server that declines sw and pages by 2, and nothing without the prefix', async () => {
    const parameters = target.parameters(target.targetFor(declinesSwWithShortPages), { maxRetries: 0 });
    const { prefix, ledgerPath, runId } = parameters;
    // What the run knew of (one user by id) and what it did not: a connector's user (ZPA names users by their mail)
    // and group, a user whose 201 never arrived; plus look-alikes of other runs that must stay.
    const known = await create('Users', `${prefix}known`);
    recordCreated(ledgerPath, { type: 'User', id: known, runId, createdAt: new Date().toISOString() });
    const unknown = [await create('Users', `${prefix}abc123-ana@zpa.example`), await create('Users', `${prefix}late-201`)];
    const unknownGroup = await create('Groups', `${prefix}abc123-Sales`);
    const others = [await create('Users', `x-${prefix}not-at-the-start`), await create('Users', `${prefix.toUpperCase()}other-case`), await create('Users', 'shx-00000000-another-run')];
    for (let i = 0; i < 5; i++) others.push(await create('Users', `unrelated-${runId}-${i}`));

    const result = await drainLedger(parameters, ledgerPath);
    assert.deepEqual(result.failed, []);
    assert.deepEqual(result.deleted.map((e) => e.id).sort(), [known, ...unknown, unknownGroup].sort());
    assert.equal(await target.leftBehind(prefix), 0);
    for (const id of others) assert.ok(await exists('Users', id), `a user without the run prefix (${id}) was deleted`);
    assert.equal(existsSync(ledgerPath), false, 'the drained ledger is removed');
  });

  test('a run interrupted with creates in flight (created on the server after the run is over) leaves nothing behind after `cleanup`, on a server that declines sw', { timeout: 600_000 }, async () => {
    const home = mkdtempSync(join(target.ledgers, 'home-'));
    let held = 0;
    let created = 0;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holdCreates: FaultHooks = {
      // The create reaches the server only after the interrupted run has exited: no cleanup of the run can see it.
      async request(req) {
        if (req.method !== 'POST' || !isCollection(req)) return;
        held += 1;
        await Promise.race([released, new Promise((resolve) => target.released.signal.addEventListener('abort', resolve))]);
      },
      response(res, req) {
        if (req.method === 'POST' && isCollection(req) && res.status === 201) created += 1;
      },
    };
    const url = target.targetFor(combine(declinesSwWithShortPages, holdCreates));
    const cli = spawnCli(['run', '--target', url, '--token', target.token, '--parallel', '1', '--retries', '0', '--timeout', '1000', '--tags', '@P-CREATE-01 and @must', '--report-dir', 'out'], home);
    await until(() => (held > 0 ? true : undefined), 'a create in flight');
    cli.child.kill('SIGINT');
    assert.equal(await cli.exited, 130, cli.stderr);
    const ledgerDir = ledgerDirFor(url, { SCIM_HARNESS_HOME: home });
    const ledger = readdirSync(ledgerDir).find((f) => /^ledger-.+\.jsonl$/.test(f));
    assert.ok(ledger, `the interrupted run keeps its ledger for cleanup:\n${cli.stderr}`);
    const prefix = `shx-${/^ledger-(.+)\.jsonl$/.exec(ledger)![1]}-`;

    release();
    await until(() => (created >= held ? true : undefined), 'the held creates to land');
    assert.ok(await target.leftBehind(prefix) > 0, 'the late creates exist on the server');
    const cleanup = spawnCli(['cleanup', '--target', url, '--token', target.token, '--retries', '0'], home);
    assert.equal(await cleanup.exited, 0, cleanup.stderr);
    assert.match(cleanup.stdout, /\d+ deleted, 0 left\n$/);
    assert.equal(await target.leftBehind(prefix), 0, cleanup.stdout);
    assert.equal(existsSync(join(ledgerDir, ledger)), false, 'cleanup removes the finished ledger');
  });
});
