import { createServer, type IncomingMessage, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { NotOffered, runHook } from './hooks.ts';
import { handleScim, scimError, type Answer } from './scim.ts';
import { Tiny } from './product.ts';

/**
 * Tiny's HTTP face: `/t/{org}/scim/v2/...` is SCIM (bearer token of that organization's connection),
 * `/harness/{operation}` the setup hooks (docs/setup-adapter.md). Binds 127.0.0.1 only.
 *
 *   npx tsx examples/tiny-product/server.ts --port 8090
 */
export interface TinyServer {
  url: string;
  /** SCIM base URL and token of the organization "default", for `scim-harness run --target … --token …`. */
  target: string;
  token: string;
  hooksUrl: string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('the body is not JSON'), { status: 400 });
  }
}

/** Starts Tiny on a loopback port (0: a free one); resolves once it listens. */
export async function startTiny(port = 0): Promise<TinyServer> {
  const tiny = new Tiny();
  let origin = '';
  const { org: home, token } = tiny.createOrg('Default', 'generic', {}, 'default');
  const server: Server = createServer(async (req, res) => {
    const send = (answer: Answer) => {
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status, { ...(text ? { 'content-type': 'application/scim+json' } : {}), ...answer.headers });
      res.end(text);
    };
    try {
      const url = new URL(req.url ?? '/', origin);
      const hook = /^\/harness\/(\w+)$/.exec(url.pathname);
      if (hook && req.method === 'POST') {
        const body = (await readJson(req)) as { args?: unknown[] } | undefined;
        try {
          const result = runHook(tiny, origin, hook[1], body?.args ?? []);
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result }));
        } catch (err) {
          res.writeHead(err instanceof NotOffered ? 501 : 500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (err as Error).message }));
        }
        return;
      }
      const scim = /^\/t\/([\w-]+)\/scim\/v2(\/.*)?$/.exec(url.pathname);
      if (!scim) return send(scimError(404, `Nothing is served at ${url.pathname}.`));
      const org = tiny.orgs.get(scim[1]);
      const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const caller = bearer ? tiny.orgByToken(bearer.trim()) : undefined;
      if (!org || caller !== org) {
        return send({ ...scimError(401, 'A valid bearer token of this organization is required.'), headers: { 'www-authenticate': 'Bearer realm="tiny"' } });
      }
      const body = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH' ? await readJson(req) : undefined;
      send(await handleScim(tiny, org, req.method ?? 'GET', scim[2] ?? '/', url.searchParams, body, `/t/${org.slug}/scim/v2`));
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      send(scimError(status, (err as Error).message, status === 400 ? 'invalidSyntax' : undefined));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url: origin,
    target: `${origin}/t/${home.slug}/scim/v2`,
    token,
    hooksUrl: `${origin}/harness`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8090' } } });
  const tiny = await startTiny(Number(values.port));
  console.log(`tiny: SCIM ${tiny.target} token ${tiny.token}; setup hooks ${tiny.hooksUrl}`);
  const stop = () => void tiny.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
