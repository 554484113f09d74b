#!/usr/bin/env node
// Node 20's --test does not expand globs, so this finds the test files and hands them to node's runner.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = roots
  .flatMap((root) => (root.endsWith('.ts') ? [root] : readdirSync(root, { recursive: true }).map((f) => join(root, String(f)))))
  .filter((f) => f.endsWith('.test.ts'))
  .sort();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  // Tests never write ledgers into the developer's own state folder.
  { stdio: 'inherit', env: { ...process.env, SCIM_HARNESS_HOME: process.env.SCIM_HARNESS_HOME || mkdtempSync(join(tmpdir(), 'shx-test-home-')) } },
);
process.exit(result.status ?? 1);
