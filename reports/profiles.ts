/**
 * Per-profile verdicts: strict RFC, Okta-, Entra-, Ping-ready and, when run, vendor behaviours, RFC 9865 cursors,
 * the SCIM interop profile and the IPSIE account-lifecycle levels.
 */
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
  /** Listed only when the run holds a scenario of these IDs (a standard's own rows, not the RFC rows it relies on). */
  own?: RegExp;
  /**
   * A standard the target opts into by a claim in /ServiceProviderConfig (the interop profile's
   * interopProfileConformant). Members skipped for the missing claim fail the card only in a run that asked for
   * the standard (`--profile` one of `runProfiles`); in any other run the card is 'not-run' and says why, since a
   * target that never claimed a draft profile has not failed it.
   */
  claim?: { capability: string; label: string; runProfiles: readonly string[] };
}

const IDP_NEEDS = ['filter', 'patch'];
/**
 * Scenarios that replay an IdP's or a product's own dialect also name the P-/S- rows they touch, but a strictly
 * conformant server may refuse that dialect (Okta's rename repeating the id): they never decide the RFC verdict.
 */
const IDP_OR_VENDOR_FOLDER = /(^|\/)features\/(interop|okta|entra|ping|vendors)\//;
const mustWithId = (pattern: RegExp) => (s: ScenarioResult) => s.level === 'must' && s.requirements.some((r) => pattern.test(r));
const mustForIdp = (...idps: string[]) => (s: ScenarioResult) => s.level === 'must' && s.idps.some((i) => idps.includes(i));

/**
 * The RFC 7643/7644 areas a standards profile relies on (by ID prefix): their scenarios of features/rfc run with it.
 * The interop profile narrows filtering, paging, PATCH, deletion, uniqueness and discovery; IPSIE provisions users
 * and groups with filters, paging, PATCH and DELETE behind authentication, and answers SCIM errors.
 */
export const RELIED_RFC_AREAS = {
  interop: ['P-FILTER', 'P-PAGE', 'P-PATCH', 'P-DEL', 'P-UNIQ', 'P-DISC'],
  ipsie: ['P-FILTER', 'P-PAGE', 'P-PATCH', 'P-DEL', 'P-AUTH', 'P-ERR'],
} as const;

/**
 * RFC 7644 rows the interop profile deliberately overrides, so they are left out of its run and its verdict:
 * path-less PATCH must be refused (draft-01 §6.5.1.1: P-PATCH-06, -10, -17, -36), replace of a whole complex
 * attribute replaces it (§6.5.2.1: P-PATCH-24), and an undefined attribute is invalidSyntax (§5.3: P-PATCH-29).
 */
// Scenarios tagged @pathless-patch (path-less PATCH, which the profile forbids) are left out of the interop card too.
export const INTEROP_OVERRIDES: readonly string[] = ['P-PATCH-06', 'P-PATCH-10', 'P-PATCH-17', 'P-PATCH-24', 'P-PATCH-29', 'P-PATCH-36'];

/** A @must scenario of the standard's own IDs, or of the RFC areas and cursors it relies on (in features/rfc*). */
const standard = (own: RegExp, relied: readonly string[], overridden: readonly string[] = [], excludedTag?: string) => {
  const rfc = new RegExp(`^(${relied.join('|')})-`);
  return (s: ScenarioResult) =>
    s.level === 'must' &&
    !s.requirements.some((r) => overridden.includes(r)) &&
    !(excludedTag !== undefined && s.tags.includes(excludedTag)) &&
    (s.requirements.some((r) => own.test(r)) || (/(^|\/)features\/rfc(9865)?\//.test(s.uri) && s.requirements.some((r) => rfc.test(r) || /^C-/.test(r))));
};
const IPSIE_COMMON = 'IPS-(AUTH|TLS|ERR|RATE|AUDIT)-';
/** The IPSIE rows of a level: those common to all levels and those of the level and the ones below. */
const IPSIE_AL = (level: 1 | 2 | 3) => new RegExp(`^(${IPSIE_COMMON}|IPS-AL[1-${level}]-)`);

export const PROFILES: Record<ProfileName, ProfileRule> = {
  rfc: { label: 'Strict RFC', member: (s) => mustWithId(/^[PS]-/)(s) && !IDP_OR_VENDOR_FOLDER.test(s.uri), needsRfc: false, onlyWhenRun: false },
  okta: { label: 'Okta-ready', member: mustForIdp('okta'), needsRfc: true, onlyWhenRun: false, required: IDP_NEEDS },
  entra: {
    label: 'Entra-ready', member: mustForIdp('entra'), needsRfc: true, onlyWhenRun: false, required: IDP_NEEDS,
    condition: { setting: 'aadOptscim062020', label: 'only with the aadOptscim062020 flag' },
  },
  ping: { label: 'Ping-ready', member: mustForIdp('ping', 'pingone'), needsRfc: true, onlyWhenRun: false, required: IDP_NEEDS },
  vendors: { label: 'Vendors', member: mustWithId(/^(PRV|ZPA|CRY|INC)-/), needsRfc: false, onlyWhenRun: true },
  rfc9865: { label: 'RFC 9865 cursors', member: mustWithId(/^C-/), needsRfc: false, onlyWhenRun: true },
  // A target that does not claim the profile (interopProfileConformant) is not interop-conformant: in a run that asked
  // for the profile those skips fail here; in any other run the card is not run, with that reason.
  interop: {
    label: 'SCIM interop profile', member: standard(/^IOP-/, RELIED_RFC_AREAS.interop, INTEROP_OVERRIDES, '@pathless-patch'), needsRfc: false, onlyWhenRun: true, own: /^IOP-/, required: ['interopProfile'],
    claim: { capability: 'interopProfile', label: 'the target does not claim the SCIM interop profile: its /ServiceProviderConfig has no interopProfileConformant true; run --profile interop to judge it', runProfiles: ['interop'] },
  },
  'ipsie-al1': { label: 'IPSIE AL1', member: standard(IPSIE_AL(1), RELIED_RFC_AREAS.ipsie), needsRfc: false, onlyWhenRun: true, own: IPSIE_AL(1), required: IDP_NEEDS },
  'ipsie-al2': { label: 'IPSIE AL2', member: standard(IPSIE_AL(2), RELIED_RFC_AREAS.ipsie), needsRfc: false, onlyWhenRun: true, own: /^IPS-AL2-/, required: IDP_NEEDS },
  'ipsie-al3': { label: 'IPSIE AL3', member: standard(IPSIE_AL(3), RELIED_RFC_AREAS.ipsie), needsRfc: false, onlyWhenRun: true, own: /^IPS-AL3-/, required: IDP_NEEDS },
};

/**
 * Which verdict cards a run profile (`--profile`) judges in full: a card outside it can only be partial, since
 * its members in other folders did not run (the `rfc` run holds @okta scenarios, but not features/okta).
 * Unknown run profiles (added later) judge only the cards of the same name.
 */
const JUDGED_BY_RUN_PROFILE: Record<string, readonly ProfileName[]> = {
  all: ['rfc', 'okta', 'entra', 'ping', 'vendors', 'rfc9865', 'interop', 'ipsie-al1', 'ipsie-al2', 'ipsie-al3'],
  rfc: ['rfc'],
  okta: ['rfc', 'okta'],
  entra: ['rfc', 'entra'],
  ping: ['rfc', 'ping'],
  vendors: ['vendors'],
  interop: ['interop', 'rfc9865'],
  'ipsie-al1': ['ipsie-al1', 'rfc9865'],
  'ipsie-al2': ['ipsie-al1', 'ipsie-al2', 'rfc9865'],
  'ipsie-al3': ['ipsie-al1', 'ipsie-al2', 'ipsie-al3', 'rfc9865'],
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
    const unclaimed = members.filter((s) => lacksNeed(s) && s.missingCapability === rule.claim?.capability).length;
    // A member skipped only because the server refused the IdP's default dialect is not a skip: it runs with the setting.
    const conditionalSkips = members.filter((s) => s.verdict === 'skipped' && !lacksNeed(s) && onCondition(s)).length;
    const skipped = members.filter((s) => s.verdict === 'skipped' && !lacksNeed(s) && !onCondition(s)).length;
    const conditional = members.filter((s) => s.verdict !== 'failed' && s.verdict !== 'error' && !lacksNeed(s) && onCondition(s)).length;
    const errors = members.filter((s) => s.verdict === 'error').length;
    // Accepted known failures: neither failed (they do not fail the verdict) nor passed.
    const known = members.filter((s) => s.verdict === 'known').length;
    return { failed, skipped, errors, passed: members.length - failed - skipped - errors - conditionalSkips - known, conditional, unclaimed, ...(known ? { known } : {}) };
  };
  const judged = context.runProfile === undefined ? undefined : JUDGED_BY_RUN_PROFILE[context.runProfile] ?? [context.runProfile];
  const rfc = count(PROFILES.rfc);
  const out: Partial<Record<ProfileName, ProfileResult>> = {};
  for (const [name, rule] of Object.entries(PROFILES) as [ProfileName, ProfileRule][]) {
    const { conditional, unclaimed, ...c } = name === 'rfc' ? rfc : count(rule);
    if (rule.claim && unclaimed > 0 && !(context.runProfile === undefined || rule.claim.runProfiles.includes(context.runProfile))) {
      // Not asked for and not claimed: the members skipped for the claim are skips, and unless a relied-on row
      // really failed the card is not run (with the reason): neither a failure the target never signed up for nor
      // a pass resting on the RFC rows alone while the standard's own rows were never judged.
      c.failed -= unclaimed;
      c.skipped += unclaimed;
      if (c.failed === 0) {
        out[name] = { verdict: 'not-run', ...c, mostlySkipped: c.skipped > c.passed + c.failed, why: rule.claim.label };
        continue;
      }
    }
    const ran = c.passed + c.failed + conditional + (c.known ?? 0) > 0;
    if (rule.onlyWhenRun && c.passed + c.failed + c.skipped + c.errors + (c.known ?? 0) === 0) continue;
    if (rule.own && !scenarios.some((s) => s.requirements.some((r) => rule.own!.test(r)))) continue;
    const failing = c.failed > 0 || (rule.needsRfc && rfc.failed > 0);
    const whole = context.complete && c.errors === 0 && (judged === undefined || judged.includes(name)) && (!rule.needsRfc || rfc.errors === 0);
    const verdict = failing ? 'fail' : !ran ? (c.errors > 0 ? 'partial' : 'not-run') : whole ? 'pass' : 'partial';
    out[name] = { verdict, ...c, mostlySkipped: c.skipped > c.passed + c.failed, ...(conditional > 0 && rule.condition ? { condition: rule.condition.label, conditional } : {}) };
  }
  return out;
}
