import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRequirementCatalogue } from '../../reports/index.ts';
import { parseRequirements, referenceNotes } from '../../reports/requirements.ts';

test('parses table rows (pipes inside code spans included) and vendor bullets with continuation lines', () => {
  const markdown = [
    '## 6. Filtering',
    '| # | ID | Section | Level | Requirement | Test idea | IdP |',
    '|---|---|---|---|---|---|---|',
    '| 61 | P-FILTER-01 | 7644 §3.4.2.2 | MUST† | Only matching resources are returned. | x | [okta] |',
    '| 267 | X-OKTA-02 | Okta ref | IdP | Deactivation = `PATCH {value:{active:false|true}}` (no path). | Replay. | [okta] |',
    '## PRV — a data-governance SaaS',
    '- PRV-02 The SCIM connector is created per account:',
    '  every request authenticates with HTTP Basic.',
    '| Area (section) | Count |',
  ].join('\n');
  assert.deepEqual(parseRequirements(markdown), [
    { id: 'P-FILTER-01', level: 'MUST†', area: 'Filtering', text: 'Only matching resources are returned.', section: '7644 §3.4.2.2' },
    { id: 'X-OKTA-02', level: 'IdP', area: 'Filtering', text: 'Deactivation = `PATCH {value:{active:false|true}}` (no path).', section: 'Okta ref' },
    { id: 'PRV-02', level: 'VENDOR', area: 'PRV', text: 'The SCIM connector is created per account: every request authenticates with HTTP Basic.' },
  ]);
});

// The notes live in ../shared/reference/ next to the project root (SCIM_HARNESS_REFERENCE_DIR elsewhere). A
// developer's clone without them skips; CI has them there, so under CI their absence is a failure, not a skip.
const sources = referenceNotes();
const present = sources.every(existsSync);
/** The catalogues kept in the repository (RFC 9865, the interop profile, IPSIE). */
const catalogues = ['rfc9865.md', 'interop-profile.md', 'ipsie.md'].map((f) => fileURLToPath(new URL(`../../docs/requirements/${f}`, import.meta.url)));
test('reports/requirements.json is in step with the research notes and docs/requirements', { skip: present || process.env.CI ? false : `the research notes are not in ${sources[0]}` }, () => {
  assert.ok(present, `the research notes are missing: ${sources.join(', ')} (set SCIM_HARNESS_REFERENCE_DIR)`);
  const committed = JSON.parse(readFileSync(new URL('../../reports/requirements.json', import.meta.url), 'utf8')) as { id: string; level: string; section?: string }[];
  const fresh = [...sources, ...catalogues].flatMap(loadRequirementCatalogue);
  assert.deepEqual(committed.map((r) => `${r.id} ${r.level} ${r.section ?? ''}`), fresh.map((r) => `${r.id} ${r.level} ${r.section ?? ''}`), 'rerun scripts/extract-requirements.ts');
  assert.equal(fresh.filter((r) => /^[PSX]-/.test(r.id)).length, 282);
});

test('the standards catalogues give every row a section and a BCP 14 level, with unique IDs', () => {
  const rows = catalogues.flatMap(loadRequirementCatalogue);
  assert.deepEqual(
    ['C-', 'IOP-', 'IPS-'].map((p) => rows.filter((r) => r.id.startsWith(p)).length),
    [22, 33, 30],
  );
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length);
  for (const r of rows) {
    assert.ok(r.section, `${r.id} has a section`);
    assert.ok(['MUST', 'SHOULD', 'MAY'].includes(r.level), `${r.id} level ${r.level}`);
  }
});
