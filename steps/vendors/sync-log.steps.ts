import { Then } from '@cucumber/cucumber';
import type { SyncLogEntryView } from '../setup/index.ts';
import type { ScimWorld } from '../world.ts';
import { adapter, currentTenant, idOf, names, needsSetup } from './context.ts';

async function entries(world: ScimWorld, filter: { operation?: string; resourceId?: string } = {}): Promise<SyncLogEntryView[]> {
  return adapter(world).syncLog(currentTenant(world).id, filter);
}

const summary = (list: SyncLogEntryView[]) => list.map((e) => `${e.operation}/${e.outcome}: ${e.detail}`);

Then('the sync log has a {string} entry for {string} mentioning {string}', needsSetup(async function (this: ScimWorld, operation: string, user: string, text: string) {
  const list = await entries(this, { operation, resourceId: idOf(this, user) });
  const want = String(this.fixture(text).name ?? text);
  this.check(list.some((e) => e.detail.includes(want)), `a ${operation} entry mentioning ${want}`, summary(list), `no ${operation} entry for ${user} mentions ${want}`);
}));

Then('the sync log has a {string} entry for {string} with outcome {string}', needsSetup(async function (this: ScimWorld, operation: string, user: string, outcome: string) {
  const list = await entries(this, { operation, resourceId: idOf(this, user) });
  this.check(list.some((e) => e.outcome === outcome), `${operation}/${outcome}`, summary(list), `no ${operation} entry with outcome ${outcome} for ${user}`);
}));

Then('the sync log has a {string} entry with outcome {string}', needsSetup(async function (this: ScimWorld, operation: string, outcome: string) {
  const list = await entries(this, { operation });
  this.check(list.some((e) => e.outcome === outcome), `${operation}/${outcome}`, summary(list), `no ${operation} entry with outcome ${outcome}`);
}));

Then('the sync log lists for {string} the operations {string} with outcome {string}', needsSetup(async function (this: ScimWorld, user: string, operations: string, outcome: string) {
  const list = await entries(this, { resourceId: idOf(this, user) });
  const seen = list.filter((e) => e.outcome === outcome).map((e) => e.operation);
  const missing = names(operations).filter((op) => !seen.includes(op));
  this.check(missing.length === 0, names(operations), summary(list), `the sync log lacks ${missing.join(', ')} for ${user}`);
}));

Then('every sync log entry for {string} names the time, the connection and the provider {string}', needsSetup(async function (this: ScimWorld, user: string, provider: string) {
  const list = await entries(this, { resourceId: idOf(this, user) });
  const bad = list.filter((e) => Number.isNaN(Date.parse(e.time)) || !e.connection || e.idp !== provider);
  this.check(list.length > 0 && bad.length === 0, `time, connection and idp ${provider} on every entry`, bad.length ? bad : list, 'sync log entries lack time, connection or provider');
}));

Then('the sync log filtered on operation {string} lists only {string}', needsSetup(async function (this: ScimWorld, operation: string, users: string) {
  const list = await entries(this, { operation });
  const ids = [...new Set(list.map((e) => e.resourceId))].sort();
  const want = names(users).map((u) => idOf(this, u)).sort();
  this.check(JSON.stringify(ids) === JSON.stringify(want), want, summary(list), `filtering on ${operation} did not list exactly ${users}`);
}));

Then('the sync log has no entry for {string} after its creation', needsSetup(async function (this: ScimWorld, user: string) {
  const list = await entries(this, { resourceId: idOf(this, user) });
  const later = list.filter((e) => e.operation !== 'create');
  this.check(later.length === 0, 'only the create entry', summary(list), `a local change produced sync log entries for ${user}`);
}));
