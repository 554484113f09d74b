import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

/**
 * Issue 8 item 6: every literal value a scenario sends that a server may hold unique (userName, externalId,
 * displayName, any email address) carries the run prefix through a placeholder (`{{prefix}}`, `{{random}}`, a
 * fixture's value…), so parallel workers and reruns against one server never collide. Fixture tables of the
 * query features get the scenario prefix from their step (steps/areas/filter.steps.ts) and are not scanned here.
 */

const ROOT = join(import.meta.dirname, '..', '..', 'features');
const featureFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? featureFiles(join(dir, e.name)) : e.name.endsWith('.feature') ? [join(dir, e.name)] : []));

/** The docstrings of a feature file with the line each starts on. */
function docStrings(text: string): { line: number; body: string }[] {
  const out: { line: number; body: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '"""') continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '"""'; i++) body.push(lines[i]!);
    out.push({ line: start + 1, body: body.join('\n') });
  }
  return out;
}

/** `"key": "literal"` pairs whose value must carry the prefix, and email-like literals anywhere. */
const UNIQUE_KEYS = /"(userName|externalId|displayName)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
/** A PATCH operation writing one of those attributes: `"path": "displayName", "value": "literal"`. */
const PATCH_VALUES = /"path"\s*:\s*"(userName|externalId|displayName)"\s*,\s*"value"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
const EMAIL = /"((?:[^"\\]|\\.)*@[^"\\\s]+\.[a-z]{2,}(?:[^"\\]|\\.)*)"/gi;

/** Literal values some request body sends without a placeholder: `file:line key=value`. */
export function unprefixedLiterals(): string[] {
  const found: string[] = [];
  for (const file of featureFiles(ROOT)) {
    for (const { line, body } of docStrings(readFileSync(file, 'utf8'))) {
      const where = `${relative(ROOT, file)}:${line}`;
      // An empty string is a test of an empty value, never a name that could collide.
      for (const m of [...body.matchAll(UNIQUE_KEYS), ...body.matchAll(PATCH_VALUES)]) if (m[2] !== '' && !m[2]!.includes('{{')) found.push(`${where} ${m[1]}=${m[2]}`);
      for (const m of body.matchAll(EMAIL)) if (!m[1]!.includes('{{')) found.push(`${where} email=${m[1]}`);
    }
  }
  return found;
}

test('every userName, externalId, displayName and email a feature sends carries the run prefix', () => {
  assert.deepEqual(unprefixedLiterals(), []);
});
