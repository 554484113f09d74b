import type { SendOptions } from '../http/client.ts';
import type { HarnessAuth } from '../parameters.ts';
import { setupAdapterFor, SetupUnsupported, type SetupAdapter, type TenantHandle } from '../setup/index.ts';
import type { Json, ScimWorld } from '../world.ts';

/** Per-scenario state of the vendor steps: the tenants the scenario made and the one its IdP requests go to. */
export interface VendorState {
  tenants: Map<string, TenantHandle>;
  /** Tenants to delete after the scenario, children after parents were made, so deleted in reverse. */
  made: string[];
  current?: TenantHandle;
  /** CRY-03: the credentials a connection had before its provider changed. */
  previousAuth?: HarnessAuth;
  /** Cleanup work of other step files (a directory, a connector's resources). */
  after: Array<() => Promise<void>>;
}

const states = new WeakMap<ScimWorld, VendorState>();

export function vendor(world: ScimWorld): VendorState {
  let state = states.get(world);
  if (!state) states.set(world, (state = { tenants: new Map(), made: [], after: [] }));
  return state;
}

/** No adapter configured: the scenario is skipped (never failed) with this reason. */
export class NoSetupAdapter extends Error {
  constructor() {
    super('no setup adapter is configured (world parameter "setup"): this scenario needs a precondition SCIM cannot create');
    this.name = 'NoSetupAdapter';
  }
}

export function adapter(world: ScimWorld): SetupAdapter {
  const found = setupAdapterFor(world.params.setup);
  if (!found) throw new NoSetupAdapter();
  return found;
}

/**
 * Wraps a step body so that a missing adapter or operation skips the scenario with the reason attached
 * (the contract's skip attachment) instead of failing it.
 */
export function needsSetup<A extends unknown[]>(body: (this: ScimWorld, ...args: A) => Promise<unknown>) {
  const step = async function (this: ScimWorld, ...args: A): Promise<unknown> {
    try {
      return await body.apply(this, args);
    } catch (err) {
      if (err instanceof NoSetupAdapter || err instanceof SetupUnsupported) return this.skip(err.message);
      throw err;
    }
  };
  // Cucumber checks a step function's declared arity against the step's parameters.
  return Object.defineProperty(step, 'length', { value: body.length });
}

export function tenantNamed(world: ScimWorld, name: string): TenantHandle {
  const tenant = vendor(world).tenants.get(name.replace(/^the\s+/i, '').toLowerCase());
  if (!tenant) world.fail(`a tenant named "${name}"`, [...vendor(world).tenants.keys()], `no tenant named "${name}" in this scenario`);
  return tenant;
}

/** The current tenant: where "the IdP" sends its requests. */
export function currentTenant(world: ScimWorld): TenantHandle {
  const tenant = vendor(world).current;
  if (!tenant) world.fail('a tenant made by a Given step', 'none', 'this step needs a tenant');
  return tenant;
}

/**
 * Sends a SCIM request as the IdP of the current tenant (or of the run's target when the scenario made
 * none): absolute URL of the tenant endpoint, the tenant connection's credentials.
 */
export function idpCall(world: ScimWorld, method: string, path: string, options: SendOptions = {}, tenant = vendor(world).current) {
  const url = world.interpolate(path);
  if (!tenant) return world.call(method, url, options);
  return world.call(method, `${tenant.target}${url}`, { auth: tenant.auth, ...options });
}

/** Like idpCall but leaves the last response alone (setup and follow-up reads). */
export function idpFetch(world: ScimWorld, method: string, path: string, options: SendOptions = {}, tenant = vendor(world).current) {
  const url = world.interpolate(path);
  if (!tenant) return world.fetch(method, url, options);
  return world.fetch(method, `${tenant.target}${url}`, { auth: tenant.auth, ...options });
}

/** POSTs a resource as setup in the current tenant; what it accepts as created is ScimWorld.createdBy's rule. */
export async function provision(world: ScimWorld, endpoint: '/Users' | '/Groups', body: Json, name: string): Promise<Json> {
  const res = await idpFetch(world, 'POST', endpoint, { body });
  const tenant = vendor(world).current;
  const created = await world.createdBy(res, endpoint, (url) => (tenant ? world.fetch('GET', url, { auth: tenant.auth }) : world.fetch('GET', url)));
  world.remember(name, created);
  return created;
}

export const idOf = (world: ScimWorld, name: string) => String(world.fixture(name).id);

export const names = (list: string) => list.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
