import { setDefaultTimeout, setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import { requestBudgetMs, StepBudget } from '../step-budget.ts';
import { ProviderRuleRefusal, ScimWorld } from '../world.ts';

// No fixed hidden budget (cucumber's 5 s default): every step and hook of a scenario runs under a StepBudget
// derived from the run's --timeout and --retries and from the number of requests it sends. The budget gives up
// on a step, cancels its requests and reports a harness error; cucumber's own timer is off so it never races it.
setDefaultTimeout(-1);

/**
 * The suite's one definition wrapper (cucumber keeps only the last one set, so every concern lives here):
 * - the step budget above;
 * - a fixture refused by a provider rule (ProviderRuleRefusal, tolerance provider-rule) skips the scenario with the
 *   server's reason wherever the setup ran, instead of failing it: cucumber marks a scenario skipped only from a
 *   step's return value.
 * It keeps the step function's arity, which cucumber reads to match a step's parameters.
 */
setDefinitionFunctionWrapper((fn: (...args: unknown[]) => unknown) => {
  const wrapped = async function (this: unknown, ...args: unknown[]) {
    // BeforeAll/AfterAll have no World; their work is bounded by each request's own timeout.
    if (!(this instanceof ScimWorld)) return fn.apply(this, args);
    const world = this;
    try {
      return await new StepBudget(requestBudgetMs(world.params), Date.now, world.params.runId).run(() => fn.apply(world, args));
    } catch (err) {
      if (err instanceof ProviderRuleRefusal) return world.skip(err.message);
      throw err;
    }
  };
  Object.defineProperty(wrapped, 'length', { value: fn.length });
  return wrapped;
});
