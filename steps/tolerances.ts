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
  // ---------- what the target publishes and declines (issue 8 items 3-5) ----------
  {
    id: 'short-page',
    clause: 'RFC 7644 §3.4.2.4 ("the service provider MAY return fewer results than requested")',
    variation: 'a page holds fewer resources than `count` asked for (or than the matches left) while totalResults says more remain',
    treatment: 'adapt',
    handling: 'every listing (steps/listing.ts, scim/paging.ts walks in steps and simulators) reads the next page from startIndex + the resources returned, up to the count asked for',
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
];

/** The row with this id; throws when the id is unknown (a typo in a citing step is a harness bug). */
export function tolerance(id: string): Tolerance {
  const row = TOLERANCES.find((t) => t.id === id);
  if (!row) throw new Error(`unknown tolerance id "${id}"`);
  return row;
}
