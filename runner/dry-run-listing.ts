import type { Envelope } from '@cucumber/messages';

/** Pickle steps carry their role, not their keyword; this restores a readable Given/When/Then. */
const KEYWORD: Record<string, string> = { Context: 'Given', Action: 'When', Outcome: 'Then' };

/**
 * The `--dry-run` listing: per scenario, its location, tags and steps. The steps are the suite's vocabulary
 * ("When I GET \"/Users/{{user.id}}\""), so they read as the requests a real run would send.
 */
export function dryRunListing(envelopes: Envelope[]): string[] {
  // Cucumber emits a pickle for every scenario of a loaded file; only those with a test case were selected.
  const selected = new Set(envelopes.flatMap((e) => (e.testCase ? [e.testCase.pickleId] : [])));
  const lines: string[] = [];
  for (const { pickle } of envelopes) {
    if (!pickle || !selected.has(pickle.id)) continue;
    lines.push(`${pickle.uri}: ${pickle.name}  ${pickle.tags.map((t) => t.name).join(' ')}`.trimEnd());
    for (const step of pickle.steps) lines.push(`    ${KEYWORD[step.type ?? ''] ?? '*'} ${step.text}`);
  }
  return lines;
}
