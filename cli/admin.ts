import { Option, type Command } from 'commander';
import type { RegisterCommand } from './commands.ts';
import { addSecretOption } from './secret-options.ts';

/**
 * `scim-harness admin ...`: a thin client of the reference server's admin API (/admin/v1). Each sub-command
 * is one HTTP call; the answer is printed as JSON. Wiring only: the rules live in reference-server/admin.
 */

interface Globals {
  url: string;
  adminToken?: string;
}

const EXIT_HTTP_ERROR = 1;
const EXIT_USAGE = 2;

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what} must be JSON, got: ${text}`);
  }
}

class UsageError extends Error {}

export const registerAdmin: RegisterCommand = (program: Command, setExit) => {
  const admin = program
    .command('admin')
    .description('manage tenants, connections, mappings, local identities and the sync log of a running reference server')
    .addOption(new Option('--url <url>', 'admin API base URL').env('SCIM_HARNESS_ADMIN_URL').default('http://127.0.0.1:8080/admin/v1'))
    .addOption(new Option('--admin-token <token>', 'the admin token the server was started with').env('SCIM_HARNESS_ADMIN_TOKEN'));

  /** Registers one sub-command whose action builds the request from its arguments. */
  const call = (parent: Command, spec: string, description: string, build: (...args: any[]) => [string, string, unknown?]) => {
    const command = parent.command(spec).description(description);
    command.action(async (...args: unknown[]) => {
      const cmd = args.at(-1) as Command;
      const globals = cmd.optsWithGlobals() as Globals;
      try {
        if (!globals.adminToken) throw new UsageError('give --admin-token (or SCIM_HARNESS_ADMIN_TOKEN)');
        const [method, path, body] = build(...args.slice(0, -1));
        const res = await fetch(`${globals.url.replace(/\/+$/, '')}${path}`, {
          method,
          headers: { authorization: `Bearer ${globals.adminToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) {
          const detail = text ? ((JSON.parse(text) as { detail?: string }).detail ?? text) : res.statusText;
          process.stderr.write(`scim-harness admin: HTTP ${res.status}: ${detail}\n`);
          setExit(EXIT_HTTP_ERROR);
          return;
        }
        process.stdout.write(text ? `${JSON.stringify(JSON.parse(text), null, 2)}\n` : `done (HTTP ${res.status})\n`);
      } catch (err) {
        if (err instanceof UsageError) {
          process.stderr.write(`scim-harness admin: ${err.message}\n`);
          setExit(EXIT_USAGE);
          return;
        }
        process.stderr.write(`scim-harness admin: cannot reach ${globals.url}: ${(err as Error).message}\n`);
        setExit(EXIT_HTTP_ERROR);
      }
    });
    return command;
  };
  const seg = encodeURIComponent;

  const tenants = admin.command('tenants').description('organizations (a tree) and their settings');
  call(tenants, 'list', 'list every tenant', () => ['GET', '/tenants']);
  call(tenants, 'show <slug>', 'one tenant with its effective settings', (slug: string) => ['GET', `/tenants/${seg(slug)}`]);
  call(tenants, 'create <name>', 'create a tenant (3-220 characters)', (name: string, o: { slug?: string; parent?: string; settings?: string; noInherit?: boolean }) => [
    'POST', '/tenants', { name, slug: o.slug, parent: o.parent, settings: o.settings ? parseJson(o.settings, '--settings') : undefined, inherit: o.noInherit ? false : undefined },
  ])
    .option('--slug <slug>', 'URL segment of its SCIM base path')
    .option('--parent <slug>', 'parent organization')
    .option('--settings <json>', 'settings overrides, e.g. \'{"softDelete":true}\'')
    .option('--no-inherit', 'start from the defaults instead of the parent\'s settings');
  call(tenants, 'update <slug>', 'rename or change settings (null clears an override)', (slug: string, o: { name?: string; settings?: string }) => [
    'PATCH', `/tenants/${seg(slug)}`, { name: o.name, settings: o.settings ? parseJson(o.settings, '--settings') : undefined },
  ])
    .option('--name <name>', 'new name')
    .option('--settings <json>', 'settings to set, e.g. \'{"deactivationDelayMs":86400000}\'');
  call(tenants, 'delete <slug>', 'delete a tenant and all its data', (slug: string) => ['DELETE', `/tenants/${seg(slug)}`]);

  const connections = admin.command('connections').description('SCIM connections of a tenant and their credentials');
  call(connections, 'list <tenant>', 'list connections (never secrets)', (t: string) => ['GET', `/tenants/${seg(t)}/connections`]);
  const create = call(connections, 'create <tenant>', 'create a connection; prints its secret once', (t: string, o: { provider: string; auth: string; username?: string; password?: string }) => [
    'POST', `/tenants/${seg(t)}/connections`, { provider: o.provider, authKind: o.auth, username: o.username, password: o.password },
  ])
    .requiredOption('--provider <name>', 'okta | entra | pingone | pingfederate | generic')
    .option('--auth <kind>', 'bearer | basic', 'bearer')
    .option('--username <user>', 'basic: the username');
  addSecretOption(create, '--password <pass>', 'basic: the password (generated when absent)', 'SCIM_HARNESS_CONNECTION_PASSWORD');
  call(connections, 'set-provider <tenant> <id> <provider>', 'change the provider (resets the secret at once)', (t: string, id: string, provider: string) => [
    'PATCH', `/tenants/${seg(t)}/connections/${seg(id)}`, { provider },
  ]);
  const rotate = call(connections, 'rotate <tenant> <id>', 'issue a new secret; the old one stops working', (t: string, id: string, o: { password?: string }) => [
    'POST', `/tenants/${seg(t)}/connections/${seg(id)}/rotate`, { password: o.password },
  ]);
  addSecretOption(rotate, '--password <pass>', 'basic: the new password (generated when absent)', 'SCIM_HARNESS_CONNECTION_PASSWORD');
  call(connections, 'delete <tenant> <id>', 'delete a connection', (t: string, id: string) => ['DELETE', `/tenants/${seg(t)}/connections/${seg(id)}`]);

  const users = admin.command('users').description('the product\'s local view of users');
  call(users, 'list <tenant>', 'list users (deactivated ones with --all)', (t: string, o: { all?: boolean }) => ['GET', `/tenants/${seg(t)}/users${o.all ? '?include=deactivated' : ''}`])
    .option('--all', 'include deactivated users');
  call(users, 'create <tenant> <userName>', 'create a local user (to link to, or a portal user)', (t: string, userName: string, o: { email?: string; displayName?: string; origin?: string }) => [
    'POST', `/tenants/${seg(t)}/users`, { userName, email: o.email, displayName: o.displayName, origin: o.origin },
  ])
    .option('--email <email>', 'email')
    .option('--display-name <name>', 'display name')
    .option('--origin <origin>', 'manual | builtin | portal', 'manual');
  call(users, 'update <tenant> <id>', 'change local fields (organization, roles; profile of local users only)', (t: string, id: string, o: { organization?: string; roles?: string; displayName?: string }) => [
    'PATCH', `/tenants/${seg(t)}/users/${seg(id)}`, { organization: o.organization, roles: o.roles?.split(',').filter(Boolean), displayName: o.displayName },
  ])
    .option('--organization <slug>', 'organization')
    .option('--roles <list>', 'comma-separated roles')
    .option('--display-name <name>', 'display name');
  call(users, 'unblock <tenant> <id>', 'unblock a user, cancelling a pending deactivation', (t: string, id: string) => ['POST', `/tenants/${seg(t)}/users/${seg(id)}/unblock`]);
  call(users, 'legal-hold <tenant> <id> <state>', 'place on (on) or release from (off) legal hold', (t: string, id: string, state: string) => {
    if (state !== 'on' && state !== 'off') throw new UsageError('legal-hold state is "on" or "off"');
    return ['PUT', `/tenants/${seg(t)}/users/${seg(id)}/legal-hold`, { on: state === 'on' }];
  });

  const groups = admin.command('groups').description('built-in, manual and SCIM groups');
  call(groups, 'list <tenant>', 'list groups', (t: string) => ['GET', `/tenants/${seg(t)}/groups`]);
  call(groups, 'create <tenant> <displayName>', 'create a local group', (t: string, displayName: string, o: { builtin?: boolean }) => [
    'POST', `/tenants/${seg(t)}/groups`, { displayName, origin: o.builtin ? 'builtin' : 'manual' },
  ]).option('--builtin', 'a built-in group (cannot be deleted)');

  call(admin, 'policy <tenant> <name> <userIds...>', 'create a policy naming users', (t: string, name: string, ids: string[]) => ['POST', `/tenants/${seg(t)}/policies`, { name, users: ids }]);
  call(admin, 'apply-mappings <tenant>', 're-apply organization and role mappings to provisioned users', (t: string) => ['POST', `/tenants/${seg(t)}/apply-mappings`]);
  call(admin, 'run-due <tenant>', 'run timed work due now (or as if --after-ms had passed)', (t: string, o: { afterMs: string }) => [
    'POST', `/tenants/${seg(t)}/jobs/run-due`, { afterMs: Number(o.afterMs) },
  ]).option('--after-ms <ms>', 'milliseconds ahead of now', '0');
  call(admin, 'pull <tenant>', 'pull from the tenant\'s LDAP directory now', (t: string) => ['POST', `/tenants/${seg(t)}/directory/pull`]);
  call(admin, 'sync-log [tenant]', 'list the sync log, oldest first', (t: string | undefined, o: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    for (const key of ['operation', 'outcome', 'resourceType', 'resourceId', 'connection', 'since', 'until', 'startIndex', 'count']) if (o[key] !== undefined) q.set(key, o[key]!);
    return ['GET', `${t ? `/tenants/${seg(t)}` : ''}/sync-log${q.size ? `?${q}` : ''}`];
  })
    .option('--operation <op>', 'create, link, update, deactivate, block, delete, refuse, ...')
    .option('--outcome <outcome>', 'success | refused | failed | scheduled | cancelled')
    .option('--resource-type <type>', 'User | Group')
    .option('--resource-id <id>', 'one resource')
    .option('--connection <id>', 'one connection')
    .option('--since <iso>', 'from this time')
    .option('--until <iso>', 'up to this time')
    .option('--start-index <n>', '1-based index of the first entry')
    .option('--count <n>', 'entries per page (max 500)');
};
