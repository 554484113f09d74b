import type { Server } from 'node:http';

/** Time and connection bounds of the listener; every field in milliseconds except maxConnections. */
export interface ConnectionLimits {
  /** Whole request head must arrive within this (slow-header clients are cut off): 408 or a closed socket. */
  headersTimeout: number;
  /** Whole request, head and body, must arrive within this. */
  requestTimeout: number;
  /** The idle time the server advertises in `Keep-Alive: timeout=N` (whole seconds). */
  keepAliveAdvertised: number;
  /**
   * How much longer than advertised the server really keeps an idle connection. A client reuses a connection up to
   * the advertised time; a server that is busy for a moment notices its own idle timer late and would otherwise
   * close a socket on which a request had just arrived (ECONNRESET, and the client cannot know whether it ran).
   */
  keepAliveGrace: number;
  /** Open connections at most; further ones are closed on accept. */
  maxConnections: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveAdvertised: 5_000,
  keepAliveGrace: 15_000,
  maxConnections: 1_000,
};

/** Applies `limits` to a node:http server before it listens. Node's defaults (60 s, 300 s, unbounded) are too generous for a shared sandbox. */
export function applyConnectionLimits(server: Server, limits: ConnectionLimits): void {
  server.headersTimeout = limits.headersTimeout;
  server.requestTimeout = limits.requestTimeout;
  server.keepAliveTimeout = limits.keepAliveAdvertised + limits.keepAliveGrace;
  server.maxConnections = limits.maxConnections;
  // Set by us, Node sends our Keep-Alive header instead of one derived from keepAliveTimeout (which includes the grace).
  const advertised = `timeout=${Math.max(1, Math.floor(limits.keepAliveAdvertised / 1000))}`;
  server.prependListener('request', (_req, res) => res.setHeader('Keep-Alive', advertised));
}

/** How often Node checks headersTimeout and requestTimeout: often enough that they hold to about a tenth. */
export function checkingInterval(limits: ConnectionLimits): number {
  return Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeout / 10)));
}
