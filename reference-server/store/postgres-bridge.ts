/**
 * A synchronous PostgreSQL connection: the Store interface is synchronous (SQLite's is, and the resource layer
 * relies on it), while every PostgreSQL client for Node is asynchronous. A worker thread owns one `pg` connection;
 * each call posts the query to it and blocks this thread on an Atomics flag until the answer is back, which is what
 * better-sqlite3 does with disk I/O. One call at a time per store, so transactions need no connection pinning.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** A PostgreSQL error as the server sent it: SQLSTATE `code` (23505 unique, 23503 foreign key) and the constraint. */
export class PostgresError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly constraint: string | undefined) {
    super(message);
    this.name = 'PostgresError';
  }
}

/**
 * Blocks until `flag[0]` is no longer 0, at most `timeoutMs`; false on timeout. A loop, not one Atomics.wait: the
 * worker's notify for the previous answer may arrive late, after the caller reset the flag for the next call, and
 * wake the wait early; only the flag itself says the answer is in the port.
 */
export function awaitFlag(flag: Int32Array, timeoutMs: number): boolean {
  const deadline = performance.now() + timeoutMs;
  while (Atomics.load(flag, 0) === 0) {
    const left = deadline - performance.now();
    if (left <= 0 || Atomics.wait(flag, 0, 0, left) === 'timed-out') return Atomics.load(flag, 0) !== 0;
  }
  return true;
}

export class SyncPostgres {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  /** `url`: postgres://user@host:port/db. `timeoutMs` bounds one call (connecting included). */
  constructor(url: string, private readonly timeoutMs = 30_000) {
    const { port1, port2 } = new MessageChannel();
    const flushChannel = new MessageChannel();
    this.port = port1;
    this.flushPort = flushChannel.port1;
    this.worker = new Worker(new URL('./postgres-worker.mjs', import.meta.url), {
      workerData: { url, port: port2, flushPort: flushChannel.port2, flag: this.flag.buffer },
      transferList: [port2, flushChannel.port2],
      // The worker needs no TypeScript loader; parents started with --import tsx must not pass it on.
      execArgv: [],
    });
    this.worker.unref();
    this.port.unref();
    this.flushPort.on('message', ({ id, error }: { id: number; error?: { message: string; code?: string; constraint?: string } }) => {
      const pending = this.flushes.get(id);
      this.flushes.delete(id);
      if (error) pending?.reject(new PostgresError(error.message, error.code, error.constraint));
      else pending?.resolve();
    });
    this.flushPort.unref();
  }

  private readonly flushPort: MessagePort;
  private readonly flushes = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private flushId = 0;

  /**
   * Resolves once every commit made before the call is on disk (the worker commits one transaction synchronously
   * on a second connection; see postgres-worker.mjs). Asynchronous: this thread goes on serving meanwhile.
   */
  flush(): Promise<void> {
    if (this.broken) return Promise.reject(new Error('PostgreSQL connection unusable after a timed-out call'));
    const id = ++this.flushId;
    return new Promise<void>((resolve, reject) => {
      this.flushes.set(id, { resolve, reject });
      this.flushPort.postMessage({ id });
    });
  }

  /** Runs one statement; throws PostgresError for what the server refused, Error for a lost or silent connection. */
  query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): QueryResult<R> {
    return this.call({ kind: 'query', sql, params }) as QueryResult<R>;
  }

  /**
   * Sends a statement without waiting for its answer (it runs in order with the others). For statements inside a
   * transaction whose result nobody needs: a failure is answered by the next awaited call instead (query() throws it),
   * at the latest by the transaction's COMMIT.
   */
  send(sql: string, params: unknown[] = []): void {
    if (this.broken) throw new Error('PostgreSQL connection unusable after a timed-out call');
    this.port.postMessage({ kind: 'query', sql, params, noReply: true });
  }

  close(): void {
    try {
      this.call({ kind: 'close' });
    } finally {
      for (const pending of this.flushes.values()) pending.reject(new Error('PostgreSQL store closed'));
      this.flushes.clear();
      void this.worker.terminate();
    }
  }

  /** Set once a call timed out: its late answer would be taken for the next call's, so no call is made again. */
  private broken = false;

  private call(message: unknown): QueryResult<unknown> {
    if (this.broken) throw new Error('PostgreSQL connection unusable after a timed-out call');
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(message);
    if (!awaitFlag(this.flag, this.timeoutMs)) {
      this.broken = true;
      throw new Error(`PostgreSQL did not answer within ${this.timeoutMs} ms`);
    }
    const received = receiveMessageOnPort(this.port);
    if (!received) throw new Error('PostgreSQL worker answered nothing');
    const reply = received.message as QueryResult<unknown> & { error?: { message: string; code?: string; constraint?: string } };
    if (reply.error) throw new PostgresError(reply.error.message, reply.error.code, reply.error.constraint);
    return reply;
  }
}
