import { randomBytes } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the proxy sees it; `path` is relative to the upstream origin (e.g. "/scim/v2/Users?filter=…"). */
export interface ProxiedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the raw text; undefined when empty. */
  body?: unknown;
}

export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * How a broken (or legally different) server behaves: `request` may rewrite the request, or answer in the
 * server's place by returning a response; `response` may rewrite the server's answer. Either may be async
 * (a slow server). Hooks are created per case, so closures can keep per-case state.
 */
export interface FaultHooks {
  request?(req: ProxiedRequest): ProxiedRequest | ProxiedResponse | void | Promise<ProxiedRequest | ProxiedResponse | void>;
  response?(res: ProxiedResponse, req: ProxiedRequest): ProxiedResponse | void | Promise<ProxiedResponse | void>;
}

const isResponse = (v: ProxiedRequest | ProxiedResponse): v is ProxiedResponse => 'status' in v;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'upgrade']);

function plainHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return undefined;
  if (/json/i.test(contentType ?? '')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

const serialise = (body: unknown): string => (body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));

/**
 * A fault-injecting reverse proxy on loopback in front of one upstream SCIM server. Each case gets its own
 * URL prefix (`/<case>/…`), so one proxy serves every case and the suite's per-target caches (capabilities,
 * published schemas) never carry one case's answers into another. Absolute upstream URLs in bodies and
 * Location headers are rewritten to the case's proxy URL, so links the suite follows stay behind the fault.
 */
export class FaultProxy {
  private readonly cases = new Map<string, FaultHooks>();
  private readonly agent = new Agent({ keepAlive: true });
  private origin = '';

  private constructor(
    private readonly server: Server,
    private readonly upstream: URL,
  ) {}

  /** `upstreamBase` is the server's SCIM base URL, e.g. http://127.0.0.1:4000/scim/v2. */
  static async start(upstreamBase: string): Promise<FaultProxy> {
    const server = createServer();
    const proxy = new FaultProxy(server, new URL(upstreamBase));
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        proxy
          .handle(req.method ?? 'GET', req.url ?? '/', plainHeaders(req.headers), Buffer.concat(chunks).toString('utf8'))
          .then((answer) => {
            const text = serialise(answer.body);
            res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(text) }).end(text);
          })
          .catch((err: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`fault proxy: ${err.message}`));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** Registers a case and returns the SCIM base URL that routes through it. */
  targetFor(hooks: FaultHooks): string {
    const id = randomBytes(4).toString('hex');
    this.cases.set(id, hooks);
    return `${this.origin}/${id}${this.upstream.pathname.replace(/\/$/, '')}`;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(method: string, url: string, headers: Record<string, string>, text: string): Promise<ProxiedResponse> {
    const match = /^\/([0-9a-f]{8})(\/.*)?$/.exec(url);
    const hooks = match && this.cases.get(match[1]);
    if (!match || !hooks) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'unknown fault case' };
    const caseOrigin = `${this.origin}/${match[1]}`;
    let req: ProxiedRequest = { method, path: match[2] ?? '/', headers, body: parseBody(text, headers['content-type']) };
    const rewritten = await hooks.request?.(req);
    if (rewritten && isResponse(rewritten)) return rewritten;
    if (rewritten) req = rewritten;

    const upstream = await this.forward({ ...req, body: parseBody(serialise(req.body).split(caseOrigin).join(this.upstream.origin), req.headers['content-type']) });
    // Point absolute links back through this case, as a reverse proxy does.
    const relink = (s: string) => s.split(this.upstream.origin).join(caseOrigin);
    for (const name of ['location', 'content-location']) if (upstream.headers[name]) upstream.headers[name] = relink(upstream.headers[name]);
    const bodyText = relink(serialise(upstream.body));
    upstream.body = parseBody(bodyText, upstream.headers['content-type']);
    return (await hooks.response?.(upstream, req)) ?? upstream;
  }

  private forward(req: ProxiedRequest): Promise<ProxiedResponse> {
    const text = serialise(req.body);
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        new URL(req.path, this.upstream.origin),
        { method: req.method, agent: this.agent, headers: { ...req.headers, ...(text ? { 'content-length': Buffer.byteLength(text) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const headers = plainHeaders(res.headers);
            resolve({ status: res.statusCode ?? 502, headers, body: parseBody(Buffer.concat(chunks).toString('utf8'), headers['content-type']) });
          });
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(text);
    });
  }
}
