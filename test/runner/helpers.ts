import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PROJECT_ROOT } from '../../runner/run.ts';

/** A Writable that keeps what was written, for asserting on console output. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
  get lines(): string[] {
    return this.text.split('\n').filter(Boolean);
  }
}

/**
 * A loopback stand-in for a SCIM server that counts the requests it receives and answers 200 `{}` to
 * everything (or 401 without the expected bearer token). Enough for the pre-flight and the fixture steps.
 */
export async function countingServer(token?: string): Promise<{ url: string; requests: IncomingMessage[]; close(): Promise<void> }> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    req.resume();
    if (token && req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'application/scim+json', 'www-authenticate': 'Bearer' }).end('{}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/scim+json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback URL where nothing listens: a port that was just free. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/scim/v2`;
}

/** Polls `check` until it returns a value (bounded): waits for a condition, not for an amount of time. */
export async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, limitMs = 180_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A `scim-harness` CLI process started from the project's bin, with what it printed so far and its exit code. */
export interface CliProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `scim-harness <args>` in `cwd`, its ledgers under SCIM_HARNESS_HOME=`home` (default `cwd`). */
export function spawnCli(args: string[], cwd: string, home = cwd): CliProcess {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/scim-harness.mjs'), ...args], { cwd, env: { ...process.env, SCIM_HARNESS_HOME: home } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, exited, get stdout() { return stdout; }, get stderr() { return stderr; } };
}
