import { randomBytes } from 'node:crypto';
import { Option, type Command } from 'commander';
import type { RegisterCommand } from './commands.ts';
import { addSecretOption } from './secret-options.ts';

interface ServeFlags {
  port: string;
  host: string;
  store: string;
  token?: string;
  basic?: string;
  strict?: boolean;
  adminToken?: string;
  cursorTimeout: string;
  defaultPagination: 'index' | 'cursor';
  interopProfile?: boolean;
}

/** `serve` exit codes (README "scim-harness serve"): bad arguments, and a server that could not start. */
export const SERVE_EXIT = { usage: 2, cannotStart: 3 } as const;

/** One line for a start-up failure: the address in use, not allowed, not local, or a store that cannot open. */
export function startupMessage(err: unknown, host: string, port: number, store: string): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EADDRINUSE': return `port ${port} on ${host} is already in use (another server is listening there; pick another --port, or --port 0 for any free one)`;
    case 'EACCES': return `not allowed to listen on ${host}:${port} (ports below 1024 need privileges; pick another --port)`;
    case 'EADDRNOTAVAIL': return `${host} is not an address of this machine (--host)`;
    case 'ENOTFOUND': case 'EAI_AGAIN': return `cannot resolve --host ${host}`;
    default: return `cannot start with --store ${store}: ${e?.message ?? String(err)}`;
  }
}

export const registerServe: RegisterCommand = (program: Command, setExit) => {
  const serve = program
    .command('serve')
    .description('run the reference SCIM 2.0 server (default tenant at http://HOST:PORT/scim/v2)')
    .requiredOption('--port <n>', 'port to listen on (0 = any free port)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--store <spec>', 'memory | sqlite:PATH', 'sqlite:scim-harness.db')
    .option('--strict', 'strict RFC mode: turn the interop tolerances off')
    .option('--cursor-timeout <seconds>', 'RFC 9865 cursors: seconds a cursor stays valid between pages (0 = index paging only)', '600')
    .addOption(new Option('--default-pagination <method>', 'paging when a query names neither startIndex nor cursor').choices(['index', 'cursor']).default('index'))
    .option('--interop-profile', 'SCIM interop profile rules on: path-less PATCH and undefined attributes refused (400 invalidSyntax)');
  addSecretOption(serve, '--token <token>', 'bearer token that opens the default tenant', 'SCIM_HARNESS_SERVER_TOKEN');
  addSecretOption(serve, '--basic <user:pass>', 'HTTP Basic credentials that open the default tenant', 'SCIM_HARNESS_SERVER_BASIC');
  addSecretOption(serve, '--admin-token <token>', 'bearer token of the admin API at /admin/v1 (off without it)', 'SCIM_HARNESS_ADMIN_TOKEN');
  serve
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) program.error(`--port must be 0-65535, not "${flags.port}"`, { exitCode: 2 });
      if (flags.basic !== undefined && !flags.basic.includes(':')) program.error('--basic must be USER:PASS', { exitCode: 2 });
      const cursorTimeout = Number(flags.cursorTimeout);
      if (!Number.isInteger(cursorTimeout) || cursorTimeout < 0) program.error(`--cursor-timeout must be a whole number of seconds, not "${flags.cursorTimeout}"`, { exitCode: 2 });
      let token = flags.token;
      let generated = false;
      if (!token && !flags.basic) {
        token = randomBytes(18).toString('base64url');
        generated = true;
      }
      const { startServer } = await import('../reference-server/index.ts');
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({ port, host: flags.host, store: flags.store, token, basic: flags.basic, strict: flags.strict, adminToken: flags.adminToken, cursorTimeout, defaultPagination: flags.defaultPagination, interopProfile: flags.interopProfile });
      } catch (err) {
        process.stderr.write(`scim-harness serve: ${startupMessage(err, flags.host, port, flags.store)}\n`);
        setExit(SERVE_EXIT.cannotStart);
        return;
      }
      const auth = [token ? (generated ? `bearer token ${token} (generated; pass --token to choose one)` : 'bearer token') : '', flags.basic ? 'basic' : '']
        .filter(Boolean)
        .join(' + ');
      console.log(`scim-harness reference server ready at ${server.url} (store ${flags.store}, auth ${auth}${flags.strict ? ', strict' : ''}${flags.interopProfile ? ', interop profile' : ''})`);
      if (flags.adminToken) console.log(`admin API at ${server.adminUrl}`);
      await new Promise<void>((resolve) => {
        // Started by npm (`npx scim-harness serve … &`, `npm run serve &`), the PID the shell reports is npm's, and npm
        // passes a SIGTERM only to the `sh -c` it runs this under, which dies without passing it on: the server would
        // run on, orphaned. So under npm, the launcher going away stops the server as the SIGTERM would have.
        const launcher = process.env.npm_command ? process.ppid : undefined;
        const orphaned = launcher === undefined ? undefined : setInterval(() => process.ppid !== launcher && stop(), 200);
        const stop = () => {
          clearInterval(orphaned);
          resolve();
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await server.close();
    });
};
