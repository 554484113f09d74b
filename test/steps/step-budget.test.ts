import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { suiteRetryPolicy, worstCaseRequestMs } from '../../simulators/engine/retry.ts';
import { ScimClient, TransportError } from '../../steps/http/client.ts';
import type { ExchangeRecord } from '../../steps/http/exchange.ts';
import { currentStep, InterruptedError, interruptRunningSteps, requestBudgetMs, StepBudget, StepTimeoutError } from '../../steps/step-budget.ts';

describe('step budget (issue 8 item 7: time belongs to the run, not to a fixed default)', () => {
  test('the budget follows --timeout and --retries: every attempt timing out plus every capped wait', () => {
    assert.equal(requestBudgetMs({ timeoutMs: 10_000, maxRetries: 3 }), 4 * 10_000 + 3 * 10_000);
    assert.equal(requestBudgetMs({ timeoutMs: 2_000, maxRetries: 0 }), 2_000);
    assert.equal(worstCaseRequestMs(suiteRetryPolicy(1), 500), 2 * 500 + 10_000);
  });

  test('a step that outlives its budget gives up with a StepTimeoutError and aborts its signal', async () => {
    const budget = new StepBudget(30);
    let signal: AbortSignal | undefined;
    await assert.rejects(
      budget.run(() => {
        signal = currentStep()?.signal;
        return new Promise(() => undefined); // never settles: a hung step
      }),
      (err: unknown) => err instanceof StepTimeoutError && err.budgetMs === 30,
    );
    assert.equal(signal?.aborted, true);
    assert.ok(signal?.reason instanceof StepTimeoutError);
  });

  test('each request the step sends extends its deadline by one unit', async () => {
    const budget = new StepBudget(30);
    await assert.rejects(
      budget.run(() => {
        currentStep()?.noteRequest();
        currentStep()?.noteRequest();
        return new Promise(() => undefined);
      }),
      (err: unknown) => err instanceof StepTimeoutError && err.budgetMs === 90 && err.requests === 2,
    );
  });

  test('an interrupt stops the running steps of that run at once and every later one before it runs; other runs go on', async () => {
    let signal: AbortSignal | undefined;
    const running = new StepBudget(60_000, Date.now, 'run-a').run(() => {
      signal = currentStep()?.signal;
      return new Promise(() => undefined); // a step waiting on the server
    });
    const other = new StepBudget(60_000, Date.now, 'run-b').run(() => new Promise((resolve) => setImmediate(() => resolve('done'))));
    while (!signal) await new Promise((resolve) => setImmediate(resolve));
    interruptRunningSteps('run-a');
    await assert.rejects(running, InterruptedError);
    assert.ok(signal.reason instanceof InterruptedError, 'its requests are cancelled');
    let ran = false;
    await assert.rejects(new StepBudget(60_000, Date.now, 'run-a').run(() => (ran = true)), InterruptedError);
    assert.equal(ran, false, 'a step of the interrupted run that starts later does not run');
    assert.equal(await other, 'done');
  });

  test('a step that finishes in time returns its value; its signal is aborted afterwards (leftovers cannot act)', async () => {
    const budget = new StepBudget(60_000);
    assert.equal(await budget.run(async () => 'skipped'), 'skipped');
    assert.equal(budget.ended, true);
    assert.equal(currentStep(), undefined, 'outside the step there is no current budget');
  });
});

describe('a cancelled request (the step gave up)', () => {
  let server: Server;
  let base: string;
  const held: (() => void)[] = [];
  let count = 0;
  before(async () => {
    server = createServer((req, res) => {
      count += 1;
      req.resume();
      if (req.url?.includes('hang')) held.push(() => res.writeHead(201, { 'content-type': 'application/scim+json' }).end('{"id":"late"}'));
      else res.writeHead(429, { 'retry-after': '5', 'content-type': 'application/scim+json' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  });
  after(async () => {
    for (const release of held) release();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const client = (records: ExchangeRecord[]) =>
    new ScimClient({ params: { target: base, auth: { kind: 'none' }, headers: {}, timeoutMs: 60_000, maxRetries: 3 }, onExchange: (r) => void records.push(r) });

  test('in flight: the send rejects as cancelled and reports nothing into the evidence', async () => {
    const records: ExchangeRecord[] = [];
    const c = client(records);
    const controller = new AbortController();
    const sent = c.send('POST', '/Users/hang', { body: {}, signal: controller.signal });
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('the step gave up'));
    await assert.rejects(sent, (err: unknown) => err instanceof TransportError && /cancelled \(the step gave up\)/.test(err.message));
    held.shift()?.();
    assert.deepEqual(records, []);
    await c.close();
  });

  test('during a Retry-After wait: the retry is never sent', async () => {
    const records: ExchangeRecord[] = [];
    const c = client(records);
    const controller = new AbortController();
    const before = count;
    const sent = c.send('GET', '/Users', { signal: controller.signal, onAttempt: () => queueMicrotask(() => undefined) });
    while (records.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('the step gave up'));
    await assert.rejects(sent, /cancelled/);
    assert.equal(count - before, 1, 'only the first attempt reached the server');
    await c.close();
  });

  test('an already aborted signal sends nothing', async () => {
    const c = client([]);
    const before = count;
    await assert.rejects(c.send('GET', '/Users', { signal: AbortSignal.abort(new Error('over')) }), /cancelled \(over\)/);
    assert.equal(count, before);
    await c.close();
  });
});
