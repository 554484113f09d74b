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
];

/** The row with this id; throws when the id is unknown (a typo in a citing step is a harness bug). */
export function tolerance(id: string): Tolerance {
  const row = TOLERANCES.find((t) => t.id === id);
  if (!row) throw new Error(`unknown tolerance id "${id}"`);
  return row;
}
