import { setDefaultTimeout, setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import { requestBudgetMs, StepBudget } from '../step-budget.ts';
import { ScimWorld } from '../world.ts';

// No fixed hidden budget (cucumber's 5 s default): every step and hook of a scenario runs under a StepBudget
// derived from the run's --timeout and --retries and from the number of requests it sends. The budget gives up
// on a step, cancels its requests and reports a harness error; cucumber's own timer is off so it never races it.
setDefaultTimeout(-1);

setDefinitionFunctionWrapper((fn: (...args: unknown[]) => unknown) =>
  function (this: unknown, ...args: unknown[]) {
    // BeforeAll/AfterAll have no World; their work is bounded by each request's own timeout.
    if (!(this instanceof ScimWorld)) return fn.apply(this, args);
    const budget = new StepBudget(requestBudgetMs(this.params));
    return budget.run(() => fn.apply(this, args));
  },
);
