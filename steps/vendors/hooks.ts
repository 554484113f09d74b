import { After } from '@cucumber/cucumber';
import type { ScimWorld } from '../world.ts';
import { adapter, vendor } from './context.ts';

// Everything a vendor scenario made outside SCIM goes away with it: directories, connectors, then tenants.
After(async function (this: ScimWorld) {
  const state = vendor(this);
  for (const cleanup of state.after.reverse()) await cleanup();
  if (!state.made.length) return;
  const setup = adapter(this);
  for (const tenant of [...state.made].reverse()) await setup.deleteTenant(tenant);
});
