/** Per-profile verdicts: strict RFC, Okta-, Entra-, Ping-ready and (when run) vendor behaviours. */
import type { ProfileName, ProfileResult, ScenarioResult } from './types.ts';

interface ProfileRule {
  label: string;
  /**
   * Capabilities the IdP cannot work without (rfc-requirements.md §22 A20: the big IdPs need eq filtering and PATCH
   * whatever the RFC makes optional): a member skipped because the server lacks one counts as failed here.
   */
  required?: string[];
  /** Scenarios whose outcome decides the profile. */
  member: (s: ScenarioResult) => boolean;
  /** IdP readiness also needs every strict-RFC MUST to pass. */
  needsRfc: boolean;
  /** Listed only when at least one member ran (vendor behaviours are not part of every run). */
  onlyWhenRun: boolean;
  /**
   * A client setting the IdP offers as the remedy when a server refuses its default dialect (Entra's
   * aadOptscim062020 flag): members skipped or passed on that condition make the verdict "only with" it.
   */
  condition?: { setting: string; label: string };
}

const IDP_NEEDS = ['filter', 'patch'];
/**
 * Scenarios that replay an IdP's or a product's own dialect also name the P-/S- rows they touch, but a strictly
 * conformant server may refuse that dialect (Okta's rename repeating the id): they never decide the RFC verdict.
 */
const IDP_OR_VENDOR_FOLDER = /(^|\/)features\/(interop|okta|entra|ping|vendors)\//;
const mustWithId = (pattern: RegExp) => (s: ScenarioResult) => s.level === 'must' && s.requirements.some((r) => pattern.test(r));
const mustForIdp = (...idps: string[]) => (s: ScenarioResult) => s.level === 'must' && s.idps.some((i) => idps.includes(i));

export const PROFILES: Record<ProfileName, ProfileRule> = {
  rfc: { label: 'Strict RFC', member: (s) => mustWithId(/^[PS]-/)(s) && !IDP_OR_VENDOR_FOLDER.test(s.uri), needsRfc: false, onlyWhenRun: false },
  okta: { label: 'Okta-ready', member: mustForIdp('okta'), needsRfc: true, onlyWhenRun: false, required: IDP_NEEDS },
  entra: {
    label: 'Entra-ready', member: mustForIdp('entra'), needsRfc: true, onlyWhenRun: false, required: IDP_NEEDS,
    condition: { setting: 'aadOptscim062020', label: 'only with the aadOptscim062020 flag' },
  },
  ping: { label: 'Ping-ready', member: mustForIdp('ping', 'pingone'), needsRfc: true, onlyWhenRun: false, required: IDP_NEEDS },
  vendors: { label: 'Vendors', member: mustWithId(/^(PRV|ZPA|CRY|INC)-/), needsRfc: false, onlyWhenRun: true },
};

/**
 * Which verdict cards a run profile (`--profile`) judges in full: a card outside it can only be partial, since
 * its members in other folders did not run (the `rfc` run holds @okta scenarios, but not features/okta).
 * Unknown run profiles (added later) judge only the cards of the same name.
 */
const JUDGED_BY_RUN_PROFILE: Record<string, readonly ProfileName[]> = {
  all: ['rfc', 'okta', 'entra', 'ping', 'vendors'],
  rfc: ['rfc'],
  okta: ['rfc', 'okta'],
  entra: ['rfc', 'entra'],
  ping: ['rfc', 'ping'],
  vendors: ['vendors'],
};

export interface ProfileContext {
  /** False when a `--tags` filter narrowed the run or it was interrupted: no card can then be a full pass. */
  complete: boolean;
  /** The run's `--profile`; absent: every card counts as judged in full. */
  runProfile?: string;
}

/**
 * A profile fails when a member failed (or, for IdP profiles, the strict RFC failed). Otherwise it passes only
 * when every member was judged: a member that ended in a harness error, an interrupted or tag-filtered run, or a
 * run profile that does not include this one make it 'partial'. It is 'not-run' when none of its members executed
 * (absent, or all skipped), since nothing was then shown either way. `mostlySkipped` flags a verdict that rests
 * on fewer run members than skipped ones.
 */
export function profileResults(scenarios: ScenarioResult[], context: ProfileContext = { complete: true }): Partial<Record<ProfileName, ProfileResult>> {
  const count = (rule: ProfileRule) => {
    const members = scenarios.filter(rule.member);
    const lacksNeed = (s: ScenarioResult) => s.verdict === 'skipped' && s.missingCapability !== undefined && (rule.required ?? []).includes(s.missingCapability);
    const onCondition = (s: ScenarioResult) => rule.condition !== undefined && (s.conditions ?? []).includes(rule.condition.setting);
    const failed = members.filter((s) => s.verdict === 'failed' || lacksNeed(s)).length;
    // A member skipped only because the server refused the IdP's default dialect is not a skip: it runs with the setting.
    const conditionalSkips = members.filter((s) => s.verdict === 'skipped' && !lacksNeed(s) && onCondition(s)).length;
    const skipped = members.filter((s) => s.verdict === 'skipped' && !lacksNeed(s) && !onCondition(s)).length;
    const conditional = members.filter((s) => s.verdict !== 'failed' && s.verdict !== 'error' && !lacksNeed(s) && onCondition(s)).length;
    const errors = members.filter((s) => s.verdict === 'error').length;
    // Accepted known failures: neither failed (they do not fail the verdict) nor passed.
    const known = members.filter((s) => s.verdict === 'known').length;
    return { failed, skipped, errors, passed: members.length - failed - skipped - errors - conditionalSkips - known, conditional, ...(known ? { known } : {}) };
  };
  const judged = context.runProfile === undefined ? undefined : JUDGED_BY_RUN_PROFILE[context.runProfile] ?? [context.runProfile];
  const rfc = count(PROFILES.rfc);
  const out: Partial<Record<ProfileName, ProfileResult>> = {};
  for (const [name, rule] of Object.entries(PROFILES) as [ProfileName, ProfileRule][]) {
    const { conditional, ...c } = name === 'rfc' ? rfc : count(rule);
    const ran = c.passed + c.failed + conditional + (c.known ?? 0) > 0;
    if (rule.onlyWhenRun && c.passed + c.failed + c.skipped + c.errors + (c.known ?? 0) === 0) continue;
    const failing = c.failed > 0 || (rule.needsRfc && rfc.failed > 0);
    const whole = context.complete && c.errors === 0 && (judged === undefined || judged.includes(name)) && (!rule.needsRfc || rfc.errors === 0);
    const verdict = failing ? 'fail' : !ran ? (c.errors > 0 ? 'partial' : 'not-run') : whole ? 'pass' : 'partial';
    out[name] = { verdict, ...c, mostlySkipped: c.skipped > c.passed + c.failed, ...(conditional > 0 && rule.condition ? { condition: rule.condition.label, conditional } : {}) };
  }
  return out;
}
