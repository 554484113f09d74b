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

export class SyncPostgres {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  /** `url`: postgres://user@host:port/db. `timeoutMs` bounds one call (connecting included). */
  constructor(url: string, private readonly timeoutMs = 30_000) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./postgres-worker.mjs', import.meta.url), {
      workerData: { url, port: port2, flag: this.flag.buffer },
      transferList: [port2],
      // The worker needs no TypeScript loader; parents started with --import tsx must not pass it on.
      execArgv: [],
    });
    this.worker.unref();
    this.port.unref();
  }

  /** Runs one statement; throws PostgresError for what the server refused, Error for a lost or silent connection. */
  query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): QueryResult<R> {
    return this.call({ kind: 'query', sql, params }) as QueryResult<R>;
  }

  close(): void {
    try {
      this.call({ kind: 'close' });
    } finally {
      void this.worker.terminate();
    }
  }

  /** Set once a call timed out: its late answer would be taken for the next call's, so no call is made again. */
  private broken = false;

  private call(message: unknown): QueryResult<unknown> {
    if (this.broken) throw new Error('PostgreSQL connection unusable after a timed-out call');
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(message);
    if (Atomics.wait(this.flag, 0, 0, this.timeoutMs) === 'timed-out') {
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
