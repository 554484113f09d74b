import type { Envelope } from '@cucumber/messages';

/** Pickle steps carry their role, not their keyword; this restores a readable Given/When/Then. */
const KEYWORD: Record<string, string> = { Context: 'Given', Action: 'When', Outcome: 'Then' };

/**
 * The `--dry-run` listing: per scenario, its location, tags and steps. The steps are the suite's vocabulary
 * ("When I GET \"/Users/{{user.id}}\""), so they read as the requests a real run would send.
 */
export function dryRunListing(envelopes: Envelope[]): string[] {
  const lines: string[] = [];
  for (const { pickle } of envelopes) {
    if (!pickle) continue;
    lines.push(`${pickle.uri}: ${pickle.name}  ${pickle.tags.map((t) => t.name).join(' ')}`.trimEnd());
    for (const step of pickle.steps) lines.push(`    ${KEYWORD[step.type ?? ''] ?? '*'} ${step.text}`);
  }
  return lines;
}
