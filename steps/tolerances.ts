/**
 * What a server may legally do differently from our reference server, in one reviewable table.
 *
 * Every row names the RFC clause that grants the choice and how the harness treats it (accept silently, accept with
 * a warning, adapt the request, skip with a reason). Steps consult these rows through the helpers exported below
 * (or their own small helpers that cite a row's `id`) instead of spelling tolerances into step phrases, so a
 * reviewer can check every allowance the suite makes against the RFC text in one place.
 *
 * Adding a row: give it a stable `id` (kebab-case), the clause, what the server may do, and the treatment; cite the
 * id in a comment where the step applies it, and pin it with a unit or self-test that fails without it.
 */
export type Treatment = 'accept' | 'warn' | 'adapt' | 'skip';

export interface Tolerance {
  /** Stable identifier, cited by the code that applies the row. */
  id: string;
  /** RFC (or profile) clause that allows the variation, e.g. "RFC 7643 §2.3.7". */
  clause: string;
  /** What a conformant server may do. */
  variation: string;
  treatment: Treatment;
  /** How the harness handles it, in one sentence. */
  handling: string;
}

export const TOLERANCES: readonly Tolerance[] = [
  {
    id: 'relative-references',
    clause: 'RFC 7643 §2.3.7; RFC 7231 §7.1.2, §3.1.4.2; RFC 3986 §5.2',
    variation: 'meta.location, $ref, a bulk operation\'s location and the Location header are relative URI references ("/scim/v2/Users/1", "Users/1")',
    treatment: 'warn',
    handling:
      'accepted by the schema checks and resolved per RFC 3986 §5.2 (body references against the service root with a trailing slash, ' +
      'the Location header against the request URI) wherever followed; only the scenario about the Location header warns that it is relative',
  },
  {
    id: 'throttled',
    clause: 'RFC 6585 §4 (429), RFC 7231 §6.6.4 (503), RFC 7644 §3.12 (either may answer any request)',
    variation: 'any request is answered 429 Too Many Requests or 503 Service Unavailable, with or without Retry-After',
    treatment: 'adapt',
    handling:
      'the one retry policy (simulators/engine/retry.ts) retries it after Retry-After, in the steps and every simulated IdP (Entra in a later cycle); ' +
      'still throttled when the run\'s retries are used up, the request ends in ThrottledError, the scenario\'s harness `error` verdict, never a failure; ' +
      'a throttled answer the IdP retried is left out of what the IdP scenarios judge',
  },
  // ---------- what the target publishes and declines (issue 8 items 3-5) ----------
  {
    id: 'short-page',
    clause: 'RFC 7644 §3.4.2.4 ("the service provider MAY return fewer results than requested")',
    variation: 'a page holds fewer resources than `count` asked for (or than the matches left) while totalResults says more remain',
    treatment: 'adapt',
    handling: 'every listing (steps/listing.ts, scim/paging.ts walks in steps and simulators) reads the next page from startIndex + the resources returned, up to the count asked for',
  },
  {
    id: 'paging-members-on-whole-results',
    clause: 'RFC 7644 §3.4.2 (startIndex, itemsPerPage: "REQUIRED when partial results are returned due to pagination")',
    variation: 'a ListResponse that holds the whole result set (as many Resources as totalResults) leaves out startIndex and itemsPerPage',
    treatment: 'warn',
    handling: 'steps that read startIndex or itemsPerPage warn instead of failing when the page holds every result; on a partial page both stay required',
  },
  {
    id: 'declined-scope',
    clause: 'RFC 7644 §3.4.2.2 and §3.12 Table 9 (invalidFilter: "the specified attribute and filter comparison combination is not supported")',
    variation: 'the filter a scenario uses to find its own resources among others (`userName eq … or userName eq …`) is answered 400 invalidFilter',
    treatment: 'skip',
    handling: 'the scenario is skipped with that reason (it cannot tell its resources from other data), never failed',
  },
  {
    id: 'declined-operator',
    clause: 'RFC 7644 §3.12 Table 9 (invalidFilter for an unsupported attribute/comparison combination)',
    variation: 'a comparison operator other than eq (ne, co, sw, ew, gt, ge, lt, le, pr) is answered 400 invalidFilter',
    treatment: 'accept',
    handling: 'scenarios of those operators accept a proper 400 invalidFilter Error; no other scenario relies on them',
  },
  // ---------- errors (RFC 7644 §3.12); applied by steps/error-verdict.ts ----------
  {
    id: 'error-scimType-optional',
    clause: 'RFC 7644 §3.12 ("scimType ... OPTIONAL")',
    variation: 'An error response carries no scimType where Table 9 has a fitting keyword.',
    treatment: 'warn',
    handling: 'Passes with a warning, unless the clause of the scenario itself makes the keyword a MUST/SHALL (e.g. §3.3 uniqueness, §3.5.2.3 noTarget); ' +
      'steps that recognise a refusal by its keyword (a declined scope filter, a provider rule, a sensitive filter) take one without scimType as the same refusal.',
  },
  {
    id: 'error-keyword-suggested',
    clause: 'RFC 7644 §3.12 ("scimType ... OPTIONAL"; Table 9 describes the keywords, no MUST/SHALL assigns one to most cases)',
    variation: 'A refusal carries a Table 9 keyword other than the one that fits best (noTarget for an array index or an immutable value, invalidValue for a removed required attribute where no clause names one).',
    treatment: 'warn',
    handling: 'Passes with a warning naming the fitting keyword, unless the clause of the scenario itself makes the keyword a MUST/SHALL ' +
      '(§3.3 uniqueness, §3.4.2 tooMany, §3.4.2.2 invalidFilter for an unknown operator or an ordering of a Boolean, §3.5.2.2 mutability ' +
      'for removing a required or readOnly attribute, §3.5.2.3 noTarget); the state checks that follow stay @must.',
  },
  {
    id: 'error-keyword-body-schema',
    clause: 'RFC 7644 §3.12 Table 9 (invalidSyntax: "did not conform to the request schema"; invalidValue: "not compatible with ... resource schema")',
    variation: 'A body that violates the schema is answered with invalidSyntax where invalidValue is expected, or the other way round.',
    treatment: 'accept',
    handling: 'Both keywords fit any body-schema violation; either passes.',
  },
  {
    id: 'error-keyword-path-filter',
    clause: 'RFC 7644 §3.12 Table 9 (invalidFilter applies to "PATCH (Path Filter)")',
    variation: 'A PATCH whose path carries a value filter is refused with invalidFilter (e.g. the filter is malformed or uses an operator the server does not support).',
    treatment: 'accept',
    handling: 'invalidFilter fits every PATCH error whose path holds a "[...]" filter, besides invalidPath and noTarget.',
  },
  {
    id: 'error-keyword-sensitive',
    clause: 'RFC 7644 §3.12 Table 9 (sensitive), §7.5.2 (personal information SHALL NOT be transmitted over request URIs)',
    variation: 'A filter on password (or another writeOnly/sensitive value) in a GET URL is refused with 400 or 403 and scimType sensitive.',
    treatment: 'accept',
    handling: 'sensitive (status 400 or 403) fits any GET whose filter names a password.',
  },
  {
    id: 'error-status-suggested',
    clause: 'RFC 7644 §3.12 ("Implementers SHOULD handle the identified HTTP status codes as described", Table 8)',
    variation: 'A malformed request is refused with a 4xx other than the one Table 8 suggests.',
    treatment: 'warn',
    handling: 'Only in scenarios that say so ("a client error"): any 4xx SCIM error passes, a code other than the suggested one with a warning.',
  },
  {
    id: 'version-outside-root',
    clause: 'RFC 7644 §3.13 ("MUST perform the operation using the desired version or reject the request"); rfc-requirements.md P-ERR-06',
    variation: 'a request for an unsupported version (…/v3/Users) is answered 404, by the SCIM service or, outside its root, by whatever else serves the host (an HTML 404)',
    treatment: 'warn',
    handling: 'a 404 of any body passes with a warning (400 invalidVers is preferred); a 2xx or any other status fails',
  },
  {
    id: 'lenient-malformed-input',
    clause: 'RFC 7644 §3.12 ("Implementers SHOULD handle the identified HTTP status codes", Table 8: 400 for a body that violates schema); P-ERR-09 forbids only a 5xx',
    variation: 'a body of the wrong JSON shape is accepted with a 2xx (leniency, e.g. schemas as a string instead of an array, read as meant)',
    treatment: 'warn',
    handling: 'the P-ERR-09 scenarios ("never a 5xx") pass a 2xx with a warning and fail a 5xx; a 4xx must be a SCIM Error',
  },
  // ---------- resources ----------
  {
    id: 'members-ref-optional',
    clause: 'RFC 7643 §4.2 and §8.7.1 (Group members "$ref": "required": false)',
    variation: 'Group members carry value (and perhaps type/display) but no $ref.',
    treatment: 'warn',
    handling: 'A member without $ref passes with a warning; a $ref that is given must lead to the member.',
  },
  {
    id: 'me-404-no-resource',
    clause: 'RFC 7644 §3.11 (/Me aliases "the User or other resource associated with the currently authenticated subject"), §3.12 Table 8 (404)',
    variation: '/Me answers 404 with a SCIM error because the token\'s subject (a service account) has no resource.',
    treatment: 'accept',
    handling: 'A 404 SCIM error from /Me passes with a note; a 404 that is not a SCIM error fails.',
  },
  {
    id: 'filter-literal-case',
    clause: 'RFC 7644 §3.4.2.2 Figure 1 (compValue: JSON rules, RFC 7159 §3); rfc-requirements.md §22 A12',
    variation: 'reads a capitalised literal (`True`, `FALSE`) as the JSON boolean, or a single-quoted string as a string, instead of refusing it',
    treatment: 'warn',
    handling: 'passes with a warning when the results are exactly those of the lower-case literal; an empty or other list fails',
  },
  {
    id: 'unpublished-attribute',
    clause: 'RFC 7643 §7 and §6 (a service provider publishes the attributes and schema extensions it supports; all but a few are optional)',
    variation: 'an optional attribute (nickName, title, password, groups) or the enterprise extension is not published at /Schemas or /ResourceTypes',
    treatment: 'adapt',
    handling: 'scenarios that write "some attribute" pick one the target publishes as writable; checks on a named optional attribute or extension are skipped with that reason',
  },
  {
    id: 'provider-rule',
    clause: 'RFC 7644 §3.3 and §3.12 Table 9 (400 invalidValue: "a required value was missing, or the value specified was not compatible")',
    variation: 'a provider rule stricter than RFC 7643 (a required work email, name parts, an email domain) refuses a fixture with 400 invalidValue',
    treatment: 'skip',
    handling: 'a Given that creates a fixture and is refused with 400 invalidValue skips the scenario quoting the server\'s detail; so does a When create whose body lacks an attribute /Schemas publishes as required',
  },
];
/** The row with this id; throws when the id is unknown (a typo in a citing step is a harness bug). */
export function tolerance(id: string): Tolerance {
  const row = TOLERANCES.find((t) => t.id === id);
  if (!row) throw new Error(`unknown tolerance id "${id}"`);
  return row;
}
