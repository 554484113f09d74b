#!/usr/bin/env node
// `npm run reach`: how much of the reference server and the protocol core the conformance suite exercises. Runs
// the whole suite (`scim-harness run`, profile all) against the in-process reference server under c8, then prints
// line and branch coverage of reference-server/ and scim/ and writes the lines the suite never reaches to
// coverage/reach/unreached.md: each such line should either get a scenario or a reason (docs/reach.md).
// Usage: npm run reach [-- extra run flags, e.g. --profile rfc]
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'coverage', 'reach');
const FOLDERS = ['reference-server', 'scim'];
rmSync(out, { recursive: true, force: true });

const c8 = join(root, 'node_modules', 'c8', 'bin', 'c8.js');
const run = spawnSync(
  process.execPath,
  [
    c8, '--all', '--src', root, ...FOLDERS.flatMap((f) => ['--include', `${f}/**`]), '--exclude', '**/*.d.ts',
    '--reporter', 'json', '--reporter', 'json-summary', '--reports-dir', out, '--temp-directory', join(out, 'tmp'),
    process.execPath, join(root, 'bin', 'scim-harness.mjs'), 'run', '--report-dir', join(out, 'run'), ...process.argv.slice(2),
  ],
  // Through tsx, not dist/: tsx's inline source maps take the figures back to the .ts lines.
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, SCIM_HARNESS_TSX: '1' } },
);
if (run.error) throw run.error;

const summary = JSON.parse(readFileSync(join(out, 'coverage-summary.json'), 'utf8'));
const detail = JSON.parse(readFileSync(join(out, 'coverage-final.json'), 'utf8'));
const pct = (covered, total) => (total ? ((100 * covered) / total).toFixed(1) : '100.0');
const totals = (files) => {
  const t = { lines: [0, 0], branches: [0, 0] };
  for (const f of files) for (const k of ['lines', 'branches']) {
    t[k][0] += summary[f][k].covered;
    t[k][1] += summary[f][k].total;
  }
  return t;
};
const files = Object.keys(summary).filter((f) => f !== 'total');
console.log('\nReach of the conformance suite (npm run reach):');
for (const folder of [...FOLDERS, null]) {
  const inFolder = folder ? files.filter((f) => relative(root, f).startsWith(`${folder}/`)) : files;
  const t = totals(inFolder);
  console.log(`  ${(folder ? `${folder}/` : 'both').padEnd(18)} lines ${pct(...t.lines).padStart(5)} % (${t.lines[0]}/${t.lines[1]})   branches ${pct(...t.branches).padStart(5)} % (${t.branches[0]}/${t.branches[1]})`);
}

/** "3-7, 12" from the statement map: the lines whose statements never ran. */
function unreachedLines(file) {
  const lines = new Set();
  for (const [id, count] of Object.entries(file.s)) {
    if (count > 0) continue;
    const { start, end } = file.statementMap[id];
    for (let l = start.line; l <= end.line; l++) lines.add(l);
  }
  const sorted = [...lines].sort((a, b) => a - b);
  const ranges = [];
  for (const l of sorted) {
    const last = ranges.at(-1);
    if (last && l === last[1] + 1) last[1] = l;
    else ranges.push([l, l]);
  }
  return { count: sorted.length, text: ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ') };
}
const rows = Object.entries(detail)
  .map(([path, file]) => ({ path: relative(root, path), ...unreachedLines(file) }))
  .filter((r) => r.count > 0)
  .sort((a, b) => b.count - a.count);
writeFileSync(
  join(out, 'unreached.md'),
  ['# Lines of reference-server/ and scim/ the suite never reaches', '', 'Most first. Each should get a scenario or a reason in docs/reach.md.', '', '| file | lines | where |', '| --- | ---: | --- |',
    ...rows.map((r) => `| ${r.path} | ${r.count} | ${r.text} |`), ''].join('\n'),
);
console.log(`  unreached lines, file by file: ${relative(root, join(out, 'unreached.md'))}`);
process.exit(run.status ?? 1);
