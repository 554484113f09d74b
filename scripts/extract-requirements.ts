/**
 * Regenerates reports/requirements.json from the research notes, which live outside the repository, in
 * ../shared/reference/ next to the project root (or SCIM_HARNESS_REFERENCE_DIR), and the catalogues kept in
 * docs/requirements/ (RFC 9865, interop profile, IPSIE):
 *   node --import tsx scripts/extract-requirements.ts [catalogue.md ...]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRequirementCatalogue, referenceNotes } from '../reports/requirements.ts';

const MAX_TEXT = 160;
const sources = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [...referenceNotes(), ...['rfc9865.md', 'interop-profile.md', 'ipsie.md'].map((f) => fileURLToPath(new URL(`../docs/requirements/${f}`, import.meta.url)))];

const requirements = sources.flatMap(loadRequirementCatalogue).map((r) => ({
  ...r,
  text: r.text.length > MAX_TEXT ? `${r.text.slice(0, MAX_TEXT - 1)}…` : r.text,
}));
const target = new URL('../reports/requirements.json', import.meta.url);
writeFileSync(target, JSON.stringify(requirements, null, 1) + '\n');
console.log(`${requirements.length} requirements written to ${target.pathname}`);
