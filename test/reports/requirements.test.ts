import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { loadRequirementCatalogue } from '../../reports/index.ts';
import { parseRequirements } from '../../reports/requirements.ts';

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
    { id: 'P-FILTER-01', level: 'MUST†', area: 'Filtering', text: 'Only matching resources are returned.' },
    { id: 'X-OKTA-02', level: 'IdP', area: 'Filtering', text: 'Deactivation = `PATCH {value:{active:false|true}}` (no path).' },
    { id: 'PRV-02', level: 'VENDOR', area: 'PRV', text: 'The SCIM connector is created per account: every request authenticates with HTTP Basic.' },
  ]);
});

const sources = ['/work/shared/reference/rfc-requirements.md', '/work/shared/reference/vendor-behaviours.md'];
test('reports/requirements.json is in step with the research notes', { skip: sources.every(existsSync) ? false : 'the research notes are not on this machine' }, () => {
  const committed = JSON.parse(readFileSync(new URL('../../reports/requirements.json', import.meta.url), 'utf8')) as { id: string; level: string }[];
  const fresh = sources.flatMap(loadRequirementCatalogue);
  assert.deepEqual(committed.map((r) => `${r.id} ${r.level}`), fresh.map((r) => `${r.id} ${r.level}`), 'rerun scripts/extract-requirements.ts');
  assert.equal(fresh.filter((r) => /^[PSX]-/.test(r.id)).length, 282);
});
