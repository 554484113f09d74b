import { After } from '@cucumber/cucumber';
import type { ScimWorld } from '../world.ts';
import { adapter, vendor } from './context.ts';

// Everything a vendor scenario made outside SCIM goes away with it: directories, connectors, then tenants.
// Every cleanup runs even when an earlier one throws; the first error is reported once all have run.
After(async function (this: ScimWorld) {
  const state = vendor(this);
  const errors: unknown[] = [];
  const attempt = async (cleanup: () => unknown) => {
    try {
      await cleanup();
    } catch (err) {
      errors.push(err);
    }
  };
  for (const cleanup of state.after.reverse()) await attempt(cleanup);
  if (state.made.length) {
    const setup = adapter(this);
    for (const tenant of [...state.made].reverse()) await attempt(() => setup.deleteTenant(tenant));
  }
  if (errors.length) throw errors[0];
});
