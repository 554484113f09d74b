// The PostgreSQL connection of one PostgresStore, on its own thread: the store's synchronous calls post a query here
// and block on an Atomics flag until the answer is in the port (see postgres-bridge.ts). Plain JavaScript so the
// worker starts without a TypeScript loader.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { url, port, flag: shared } = workerData;
const flag = new Int32Array(shared);
const client = new pg.Client({ connectionString: url, application_name: 'scim-harness' });
// A connection lost (server restart) fails every later call with its error instead of crashing the thread.
client.on('error', () => {});
const ready = client.connect();

function answer(reply) {
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

port.on('message', async (message) => {
  try {
    await ready;
    if (message.kind === 'close') {
      await client.end();
      answer({ rows: [], rowCount: 0 });
      port.close();
      return;
    }
    const result = await client.query({ text: message.sql, values: message.params });
    answer({ rows: result.rows, rowCount: result.rowCount ?? 0 });
  } catch (error) {
    answer({ error: { message: String(error?.message ?? error), code: error?.code, constraint: error?.constraint } });
  }
});
