// The PostgreSQL connection of one PostgresStore, on its own thread: the store's synchronous calls post a query here
// and block on an Atomics flag until the answer is in the port (see postgres-bridge.ts). Plain JavaScript so the
// worker starts without a TypeScript loader.
//
// Commits on the main connection are asynchronous (synchronous_commit = off: COMMIT returns once the commit record
// is in PostgreSQL's WAL buffers, not on disk); `flush` messages, on a port of their own, make every commit before
// them durable with one synchronously committed transaction on a second connection: WAL is one sequence, so
// flushing up to that commit flushes every earlier commit of every connection. The HTTP layer acknowledges a write
// only after such a flush, so the many writes in flight share one WAL fsync and the store's thread never waits for
// the disk.
import { workerData } from 'node:worker_threads';
import pg from 'pg';

const { url, port, flushPort, flag: shared } = workerData;
const flag = new Int32Array(shared);

/** `synchronousCommit`: set after connecting (a URL's own `options` would override startup options). */
function connect(synchronousCommit) {
  const client = new pg.Client({ connectionString: url, application_name: 'scim-harness' });
  // A connection lost (server restart) fails every later call with its error instead of crashing the thread.
  client.on('error', () => {});
  return { client, ready: client.connect().then(() => client.query(`SET synchronous_commit = ${synchronousCommit}`)) };
}

const main = connect('off');
let flusher;

function answer(reply) {
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

const failure = (error) => ({ message: String(error?.message ?? error), code: error?.code, constraint: error?.constraint });

/**
 * Statements with parameters are prepared once per connection, by name (the store's SQL is a fixed set of texts):
 * PostgreSQL then parses and plans each only once instead of on every call.
 */
const names = new Map();
function statement(sql, params) {
  if (!params?.length) return { text: sql };
  let name = names.get(sql);
  if (!name) names.set(sql, (name = `scim_${names.size + 1}`));
  return { name, text: sql, values: params };
}

/**
 * Statements go to the connection one after the other, in the order they came: pg would queue them too, but warns
 * that its queue is deprecated.
 */
let tail = Promise.resolve();
function run(query) {
  const result = tail.then(() => main.client.query(query));
  tail = result.then(() => undefined, () => undefined);
  return result;
}

/**
 * The first failure of a statement sent without waiting for its answer (`noReply`: inside a transaction, whose
 * COMMIT is always awaited); the next awaited call answers with it, so no failure goes unseen.
 */
let deferred;

port.on('message', async (message) => {
  try {
    await main.ready;
    if (message.kind === 'close') {
      await Promise.allSettled([main.client.end(), flusher?.client.end()]);
      answer({ rows: [], rowCount: 0 });
      port.close();
      flushPort.close();
      return;
    }
    const result = await run(statement(message.sql, message.params));
    if (message.noReply) return;
    if (deferred) answer({ error: deferred });
    else answer({ rows: result.rows, rowCount: result.rowCount ?? 0 });
    deferred = undefined;
  } catch (error) {
    if (message.noReply) {
      deferred ??= failure(error);
      return;
    }
    answer({ error: deferred ?? failure(error) });
    deferred = undefined;
  }
});

flushPort.on('message', async ({ id }) => {
  try {
    flusher ??= connect('on');
    await flusher.ready;
    // The transaction must write WAL of its own: PostgreSQL commits a transaction that wrote none (an xid from
    // txid_current() alone) without waiting for the flush, even under synchronous_commit = on. An UPDATE of the one
    // schema_version row writes a new row version, so this commit waits until the WAL up to it, every earlier commit
    // of every connection included, is on disk.
    await flusher.client.query('UPDATE schema_version SET applied = applied');
    flushPort.postMessage({ id });
  } catch (error) {
    flushPort.postMessage({ id, error: failure(error) });
  }
});
