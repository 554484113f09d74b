#!/usr/bin/env node
// Entry point. Runs the compiled CLI (dist/cli.mjs, built by `npm ci` / `npm run build`) when it is newer than
// every source file; otherwise registers tsx so that the TypeScript sources run as they are (a fresh edit is never
// shadowed by a stale build). Startup time is measured by `npm run bench` (bench/startup.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = `${root}dist/cli.mjs`;
const SOURCES = ['cli', 'runner', 'reports', 'reference-server', 'scim', 'simulators', 'steps'];

/** Whether dist/cli.mjs exists and no .ts source (nor package.json) changed after it was built. */
function compiledIsFresh() {
  if (process.env.SCIM_HARNESS_TSX === '1' || !existsSync(compiled)) return false;
  const built = statSync(compiled).mtimeMs;
  if (statSync(`${root}package.json`).mtimeMs > built) return false;
  for (const dir of SOURCES) {
    for (const file of readdirSync(`${root}${dir}`, { recursive: true })) {
      if (String(file).endsWith('.ts') && statSync(`${root}${dir}/${file}`).mtimeMs > built) return false;
    }
  }
  return true;
}

let main;
if (compiledIsFresh()) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // Whatever escaped a command is a bug of the harness: one line (the stack only on request), exit 4.
  process.stderr.write(`scim-harness: internal error: ${process.env.SCIM_HARNESS_DEBUG ? err?.stack : err?.message ?? err} (SCIM_HARNESS_DEBUG=1 shows the stack)\n`);
  process.exitCode = 4;
}
