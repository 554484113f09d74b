import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The raw query string as sent (no leading "?"). */
  query: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Responder = (req: RecordedRequest) => Reply | Promise<Reply>;

/** A loopback HTTP server that records every request and answers through `respond` (faults included). */
export async function startRecordingServer(respond: Responder) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const [path, query = ''] = (req.url ?? '').split('?');
      const text = Buffer.concat(chunks).toString();
      const recorded: RecordedRequest = { method: req.method!, path: path!, query, headers: req.headers, body: text ? JSON.parse(text) : undefined };
      requests.push(recorded);
      const reply = await respond(recorded);
      const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { ...(payload ? { 'content-type': 'application/scim+json' } : {}), ...reply.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    requests,
    /** "METHOD /path?query" lines, base path stripped: what the sequence assertions compare. */
    lines: () => requests.map((r) => `${r.method} ${r.path.replace('/scim/v2', '')}${r.query ? `?${decodeURIComponent(r.query)}` : ''}`),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
