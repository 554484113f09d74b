// The baseline: a bare node:http server answering one static JSON document, measured beside the reference server.
// Given a response (body and headers) as its argument, it serves exactly those bytes, so the comparison isolates
// what the reference server's own work costs; without one, it serves a small User document.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const fallback = JSON.stringify({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: '2819c223-7f76-453a-919d-413861904646',
  userName: 'bjensen@example.com',
  meta: { resourceType: 'User', created: '2011-08-01T18:29:49.793Z', lastModified: '2011-08-01T18:29:49.793Z', version: 'W/"1"' },
});
const [body, headers] = process.argv[2]
  ? (JSON.parse(process.argv[2]) as [string, Record<string, string>])
  : [fallback, { 'Content-Type': 'application/scim+json; charset=utf-8' }];
const server = createServer((_req, res) => {
  res.writeHead(200, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(`bare ready at http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
