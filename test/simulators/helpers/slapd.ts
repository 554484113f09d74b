import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from '../../helpers/ports.ts';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LdapEndpoint } from '../../../simulators/directory/types.ts';

const SCRIPT = fileURLToPath(new URL('../../../scripts/slapd.sh', import.meta.url));

/** Why the slapd tests cannot run here, or undefined when they can. */
export function slapdMissing(): string | undefined {
  return ['/usr/sbin/slapd', '/usr/sbin/slapadd'].every(existsSync)
    ? undefined
    : 'OpenLDAP slapd is not installed (apt-get install -y slapd ldap-utils, or run scripts/slapd.sh once)';
}

/** Starts scripts/slapd.sh and resolves with its endpoint once it prints READY; `stop` ends it and waits. */
export async function startSlapd(): Promise<{ endpoint: LdapEndpoint; stop(): Promise<void> }> {
  const child = spawn('bash', [SCRIPT, String(await freePort())], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const values: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`slapd did not start in 20 s: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const eq = line.indexOf('=');
      if (eq > 0) values[line.slice(0, eq)] = line.slice(eq + 1);
      if (line === 'READY') (clearTimeout(timer), resolve());
    });
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`slapd.sh exited ${code}: ${stderr}`))));
  });
  return {
    endpoint: { url: values.SLAPD_URL!, bindDn: values.SLAPD_BIND_DN!, password: values.SLAPD_PASSWORD!, baseDn: values.SLAPD_BASE_DN! },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
