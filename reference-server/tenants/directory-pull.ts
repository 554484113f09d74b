import { Client } from 'ldapts';
import { URN } from '../../scim/urns.ts';
import type { RequestContext } from '../resources/context.ts';
import type { ResourceService } from '../resources/service.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { LocalDirectory } from './local-directory.ts';
import type { Provisioning } from './provisioning.ts';
import type { DirectoryPull } from './settings.ts';
import type { Tenants } from './tenants.ts';

export const PULL_JOB = 'directory-pull';
const PULL_KEY = 'directory-pull';

interface DirectoryPerson {
  userName: string;
  givenName?: string;
  familyName?: string;
  displayName?: string;
  email?: string;
}

export interface PullReport {
  created: number;
  updated: number;
  deactivated: number;
}

/**
 * PRV-16: identities pulled from an LDAP/AD directory on a schedule (hourly by default). Each pull creates or
 * updates the directory's users through the same ResourceService as SCIM, so every behaviour and the sync log
 * apply; users it pulled before that the directory no longer returns are deactivated. Uses ldapts directly:
 * the reference server does not depend on the simulators.
 */
export class DirectoryPuller {
  constructor(
    private readonly service: ResourceService,
    private readonly tenants: Tenants,
    private readonly local: LocalDirectory,
    private readonly provisioning: Provisioning,
    private readonly scheduler: Scheduler,
    private readonly now: () => Date,
  ) {
    scheduler.handle(PULL_JOB, async (job) => {
      if (!this.tenants.find(job.tenant)) return;
      try {
        await this.pull(job.tenant);
      } finally {
        this.scheduleNext(job.tenant);
      }
    });
  }

  /** (Re)plans the tenant's next pull after its settings changed: one interval from now, or none. */
  scheduleNext(tenant: string): void {
    const pull = this.tenants.settings(tenant).directoryPull;
    if (!pull) {
      this.scheduler.cancel(tenant, PULL_KEY);
      return;
    }
    const dueAt = new Date(this.now().getTime() + pull.intervalMs).toISOString();
    this.scheduler.schedule({ key: PULL_KEY, tenant, kind: PULL_JOB, dueAt, payload: {} });
  }

  async pull(tenant: string): Promise<PullReport> {
    const settings = this.tenants.settings(tenant).directoryPull;
    const ctx: RequestContext = { tenant, baseUrl: '', idp: 'ldap' };
    if (!settings) throw new Error(`tenant ${tenant} has no directory pull configured`);
    let people: DirectoryPerson[];
    try {
      people = await this.read(settings);
    } catch (err) {
      this.provisioning.log(ctx, 'pull', 'User', null, 'failed', `directory ${settings.url}: ${(err as Error).message}`);
      throw err;
    }
    const report: PullReport = { created: 0, updated: 0, deactivated: 0 };
    const users = this.service.resourceType('User');
    const seen = new Set<string>();
    for (const person of people) {
      const body = toScim(person);
      const found = this.service.list(ctx, [users], { filter: `userName eq ${JSON.stringify(person.userName)}` }).Resources[0];
      if (!found) {
        seen.add(String(this.service.create(ctx, users, body).body.id));
        report.created++;
        continue;
      }
      seen.add(String(found.id));
      if (differs(found, body)) {
        this.service.replace(ctx, users, String(found.id), body);
        report.updated++;
      }
    }
    for (const user of this.local.users(tenant)) {
      if (user.origin !== 'directory' || seen.has(user.id)) continue;
      const current = this.service.get(ctx, users, user.id).body;
      if (current.active === false) continue;
      this.service.replace(ctx, users, user.id, { ...stripServerFields(current), active: false });
      report.deactivated++;
    }
    this.provisioning.log(ctx, 'pull', 'User', null, 'success',
      `directory ${settings.url}: ${people.length} user(s) read, ${report.created} created, ${report.updated} updated, ${report.deactivated} deactivated`);
    return report;
  }

  private async read(pull: DirectoryPull): Promise<DirectoryPerson[]> {
    const client = new Client({ url: pull.url, timeout: 10_000, connectTimeout: 5_000 });
    try {
      await client.bind(pull.bindDn, this.tenants.directoryPassword(pull));
      const { searchEntries } = await client.search(pull.baseDn, { scope: 'sub', filter: pull.filter, attributes: ['*'] });
      const first = (entry: Record<string, unknown>, name: string): string | undefined => {
        const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
        const value = key === undefined ? undefined : entry[key];
        const v = Array.isArray(value) ? value[0] : value;
        return v === undefined || v === '' ? undefined : String(v);
      };
      return searchEntries
        .map((e) => ({
          userName: first(e, pull.userNameAttribute) ?? '',
          givenName: first(e, 'givenName'),
          familyName: first(e, 'sn'),
          displayName: first(e, 'displayName') ?? first(e, 'cn'),
          email: first(e, 'mail'),
        }))
        .filter((p) => p.userName !== '');
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}

function toScim(p: DirectoryPerson): Record<string, unknown> {
  return {
    schemas: [URN.User],
    userName: p.userName,
    ...(p.givenName || p.familyName ? { name: { ...(p.givenName ? { givenName: p.givenName } : {}), ...(p.familyName ? { familyName: p.familyName } : {}) } } : {}),
    ...(p.displayName ? { displayName: p.displayName } : {}),
    ...(p.email ? { emails: [{ value: p.email, type: 'work', primary: true }] } : {}),
    active: true,
  };
}

function differs(current: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  const pick = (r: Record<string, unknown>) => JSON.stringify([r.userName, r.name ?? null, r.displayName ?? null, r.emails ?? null, r.active !== false]);
  return pick(current) !== pick(wanted);
}

function stripServerFields(resource: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, meta: _meta, groups: _groups, ...rest } = resource;
  return rest;
}
