import type { SchemaRegistry } from '../../scim/schema/registry.ts';
import type { Store } from '../store/types.ts';

/** What every resource operation needs to know about the request it serves. */
export interface RequestContext {
  tenant: string;
  /** Absolute base URL of the SCIM service for this request, e.g. http://127.0.0.1:8080/scim/v2 */
  baseUrl: string;
}

/** The service's dependencies, injected so tests can swap the store and the clock. */
export interface ServiceDeps {
  store: Store;
  registry: SchemaRegistry;
  /** Interop tolerances on (the default); false = strict RFC mode. */
  lenient: boolean;
  now: () => Date;
  newId: () => string;
}
