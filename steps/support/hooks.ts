import { After, AfterAll, Before } from '@cucumber/cucumber';
import { cleanupPending } from '../ledger.ts';
import { runs, WORKER, type ScimWorld } from '../world.ts';

Before(function (this: ScimWorld, { pickle }) {
  // uri + name + step texts tell Scenario Outline rows apart, and stay the same from run to run.
  this.startScenario(`${pickle.uri}\n${pickle.name}\n${pickle.steps.map((s) => s.text).join('\n')}`, pickle.uri, pickle.tags.map((t) => t.name));
});

/**
 * Cleanup deletes everything the scenario made, up to ~200 users for the filter.maxResults check: cucumber's 5 s
 * default is far too short on a loaded machine, and a cut-short cleanup would be a harness error. 1 s per resource.
 */
const CLEANUP_BUDGET_MS = 300_000;

After({ timeout: CLEANUP_BUDGET_MS }, async function (this: ScimWorld) {
  await this.cleanup();
});

/** Whatever this worker's scenarios could not delete (a failed After, a timeout) is retried once more here. */
AfterAll(async function () {
  for (const [runId, { params, client }] of runs) {
    await cleanupPending(params, { worker: WORKER, client });
    await client.close();
    runs.delete(runId);
  }
});
