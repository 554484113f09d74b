/**
 * The requirement catalogue: IDs, levels and areas read from the research notes (rfc-requirements.md tables and
 * the ID bullets of vendor-behaviours.md), or from the copy committed as reports/requirements.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Requirement {
  id: string;
  level: string;
  area: string;
  text: string;
  /** Where the document says it ("7644 §3.4.2.4", "9865 §2.1 Tab. 3", "draft-01 §6.4"); absent for vendor notes. */
  section?: string;
}

/** Vendor behaviours carry no RFC level; they are listed, but never counted as uncovered MUST/SHOULD. */
export const VENDOR_LEVEL = 'VENDOR';

const ROW_ID = /^[A-Z]+(-[A-Z0-9]+)+$/;
const BULLET = /^- ((?:PRV|ZPA|CRY|INC)-\d+) (.*)$/;

/** Splits a Markdown table row into cells, ignoring pipes inside `code spans` (e.g. `active:false|true`). */
function cells(row: string): string[] {
  const out: string[] = [];
  let current = '';
  let inCode = false;
  for (const ch of row.trim().replace(/^\||\|$/g, '')) {
    if (ch === '`') inCode = !inCode;
    if (ch === '|' && !inCode) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

/** "6. Filtering" → "Filtering"; "PRV — a data-governance SaaS …" → "PRV". */
function areaOf(heading: string): string {
  return heading.replace(/^\d+\.\s*/, '').split(' — ')[0].trim();
}

/** Parses one research note; table rows `| # | ID | Section | Level | Requirement | …` and `- ID text` bullets. */
export function parseRequirements(markdown: string): Requirement[] {
  const out: Requirement[] = [];
  let area = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('## ')) area = areaOf(line.slice(3));
    if (line.startsWith('|')) {
      const [, id, section, level, text] = cells(line);
      if (id && ROW_ID.test(id) && level) out.push({ id, level, area, text: text ?? '', ...(section ? { section } : {}) });
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      let text = bullet[2];
      while (lines[i + 1]?.startsWith('  ')) text += ' ' + lines[++i].trim(); // continuation lines
      out.push({ id: bullet[1], level: VENDOR_LEVEL, area, text });
    }
  }
  return out;
}

export function loadRequirementCatalogue(markdownPath: string): Requirement[] {
  return parseRequirements(readFileSync(markdownPath, 'utf8'));
}

/** The copy committed with the code (scripts/extract-requirements.ts), so reports work on any clone. */
export function bundledRequirements(): Requirement[] {
  return JSON.parse(readFileSync(new URL('../reports/requirements.json', import.meta.url), 'utf8')) as Requirement[];
}

/**
 * The research notes' folder: `SCIM_HARNESS_REFERENCE_DIR`, else `../shared/reference/` next to the project root
 * (where CI and the team keep them). Never an absolute path of one machine.
 */
export function referenceNotesDir(): string {
  return process.env.SCIM_HARNESS_REFERENCE_DIR || fileURLToPath(new URL('../../shared/reference/', import.meta.url));
}

/** The two research notes the catalogue is generated from. */
export const referenceNotes = () => ['rfc-requirements.md', 'vendor-behaviours.md'].map((f) => join(referenceNotesDir(), f));

/** Levels whose IDs must each have at least one scenario. */
export const isCoverageRequired = (level: string) => level === 'MUST' || level === 'MUST†' || level === 'SHOULD';
