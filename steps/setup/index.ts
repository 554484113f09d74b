import type { SetupAdapter } from './adapter.ts';
import type { SetupConfig } from './config.ts';
import { hooksSetup, moduleSetup } from './invoking.ts';
import { ReferenceAdminSetup } from './reference-admin.ts';

export * from './adapter.ts';

const adapters = new Map<string, SetupAdapter>();

/** The adapter for the run's `setup` parameter (one per configuration and process), or undefined when none is configured. */
export function setupAdapterFor(config: SetupConfig | undefined): SetupAdapter | undefined {
  if (!config) return undefined;
  const key = JSON.stringify(config);
  let adapter = adapters.get(key);
  if (!adapter) {
    adapter =
      config.kind === 'reference-admin' ? new ReferenceAdminSetup(config.url, config.token)
      : config.kind === 'module' ? moduleSetup(config.path)
      : hooksSetup(config.url, config.headers);
    adapters.set(key, adapter);
  }
  return adapter;
}
