import { After, AfterAll, Before, setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import { cleanupPending } from '../ledger.ts';
import { ProviderRuleRefusal, runs, WORKER, type ScimWorld } from '../world.ts';

/**
 * A fixture refused by a provider rule (ProviderRuleRefusal, tolerance provider-rule) skips the scenario with the
 * server's reason wherever the setup ran, instead of failing it: cucumber marks a scenario skipped only from a
 * step's return value. The wrapper keeps the step function's arity, which cucumber reads to match parameters.
 */
setDefinitionFunctionWrapper((fn: (...args: unknown[]) => unknown) => {
  const wrapped = async function (this: ScimWorld, ...args: unknown[]) {
    try {
      return await fn.apply(this, args);
    } catch (err) {
      if (err instanceof ProviderRuleRefusal && typeof this?.skip === 'function') return this.skip(err.message);
      throw err;
    }
  };
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  return wrapped;
});

Before(function (this: ScimWorld, { pickle }) {
  // uri + name + step texts tell Scenario Outline rows apart, and stay the same from run to run.
  this.startScenario(`${pickle.uri}\n${pickle.name}\n${pickle.steps.map((s) => s.text).join('\n')}`, pickle.uri, pickle.tags.map((t) => t.name));
});

After(async function (this: ScimWorld) {
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
