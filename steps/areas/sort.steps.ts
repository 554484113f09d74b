import { Then } from '@cucumber/cucumber';
import { expectEqual, expectStatus } from '../assertions.ts';
import { listedResources } from '../listing.ts';
import type { ScimWorld } from '../world.ts';
import { idsOf } from './filter.steps.ts';

/**
 * Sorting (RFC 7644 §3.4.2.3). Order is compared on ids against fixtures that were created in neither ascending
 * nor descending order, so a server that ignores sortBy, or returns its store order or its reverse, fails.
 */

// The order runs on across short pages (tolerance short-page).
Then('the list is in the order {string}', async function (this: ScimWorld, names: string) {
  expectStatus(this, this.response, [200]);
  const ids = (await listedResources(this)).map((r) => r.id);
  expectEqual(this, ids, idsOf(this, names), `the list is not in the order ${names}`);
});
