// The synchronous PostgreSQL bridge's wait (no PostgreSQL needed): under load, the worker's notify for one answer
// could wake the wait of the next call before its answer was there, and the call failed with "answered nothing".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { awaitFlag } from '../../reference-server/store/postgres-bridge.ts';

test('awaitFlag returns only once the flag is set, not on a stray notify', () => {
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const flag = shared.subarray(0, 1);
  // The worker wakes the waiter without setting the flag (a late notify), then gives a waiter that returned too
  // early time to say so (shared[1]) before it sets the flag.
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const shared = new Int32Array(workerData);
     while (Atomics.notify(shared, 0) === 0) Atomics.wait(shared, 1, 0, 1);
     Atomics.wait(shared, 1, 0, 3000);
     Atomics.store(shared, 0, 1);
     Atomics.notify(shared, 0);`,
    { eval: true, workerData: shared.buffer },
  );
  try {
    assert.equal(awaitFlag(flag, 60_000), true);
    const early = Atomics.load(flag, 0) === 0;
    Atomics.store(shared, 1, 1);
    Atomics.notify(shared, 1);
    assert.equal(early, false, 'woken before the answer was flagged');
  } finally {
    void worker.terminate();
  }
});

test('awaitFlag gives up after its timeout when nothing is flagged', () => {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  assert.equal(awaitFlag(flag, 20), false);
});
