/**
 * Issue 13 item 6: every command example of the README that is marked `<!-- runnable -->` runs verbatim, in bash,
 * as a user in the clone would run it, and leaves nothing running (`serve` started with `&` stops with the PID the
 * shell reported). Each block runs in a temp directory that looks like the clone to `npx scim-harness` and
 * `scripts/` (symlinks), with a temp harness home, so nothing is written into the project or ~/.local/state.
 * The one rewrite: the fixed ports of the examples (8080, 8081, 55432) become free loopback ports, so parallel
 * runs never collide. Timings of each command are printed (node:test diagnostics) for the README's figures.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { freePort, listening } from '../helpers/ports.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PROJECT_ROOT } from '../../runner/run.ts';

interface Block {
  line: number;
  code: string;
  /** What the block needs on the machine, from the marker: commands, or `npm:` packages (`<!-- runnable needs=initdb,npm:pg -->`). */
  needs: string[];
}

/** The README's fenced sh blocks preceded by a `<!-- runnable … -->` line. */
export function runnableBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = /^<!-- runnable(?: needs=([\w,:-]+))? -->$/.exec(lines[i]!.trim());
    if (!marker) continue;
    assert.match(lines[i + 1] ?? '', /^```(sh|bash)$/, `README line ${i + 1}: a runnable marker must sit right above a sh block`);
    const end = lines.indexOf('```', i + 2);
    blocks.push({ line: i + 3, code: lines.slice(i + 2, end).join('\n'), needs: marker[1]?.split(',') ?? [] });
  }
  return blocks;
}

const has = (need: string) =>
  need.startsWith('npm:') ? existsSync(join(PROJECT_ROOT, 'node_modules', need.slice(4), 'package.json')) : spawnSync('bash', ['-c', `command -v ${need}`]).status === 0;

/** The directory a block runs in: `npx scim-harness` and `scripts/` resolve to the project, writes stay here. */
function sandbox(): { cwd: string; home: string } {
  const root = mkdtempSync(join(tmpdir(), 'shx-readme-'));
  const cwd = join(root, 'work');
  mkdirSync(join(cwd, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, 'bin', 'scim-harness.mjs'), join(cwd, 'node_modules', '.bin', 'scim-harness'));
  symlinkSync(join(PROJECT_ROOT, 'scripts'), join(cwd, 'scripts'));
  return { cwd, home: join(root, 'home') };
}

/** Per-command wall times from bash's xtrace lines (`PS4` carries $EPOCHREALTIME): [command, seconds][]. */
function commandTimes(trace: string, endedAt: number): [string, number][] {
  const steps = [...trace.matchAll(/^\++(\d+\.\d+) (.*)$/gm)].map((m) => ({ at: Number(m[1]), command: m[2]! }));
  return steps.map((s, i) => [s.command, (steps[i + 1]?.at ?? endedAt) - s.at]);
}

const README = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const blocks = runnableBlocks(README);

describe('README examples marked runnable run verbatim', () => {
  test('the README marks its runnable examples', () => assert.ok(blocks.length >= 3, `${blocks.length} runnable blocks`));

  for (const block of blocks) {
    const missing = block.needs.filter((n) => !has(n));
    // Budget: one generous command start per line (a cold tsx start on a loaded 2-core machine is seconds), doubled.
    const budgetMs = block.code.split('\n').length * 20_000 + 60_000;
    test(`README line ${block.line}`, { skip: missing.length ? `needs ${missing.join(', ')}, not installed here` : false, timeout: budgetMs }, async (t) => {
      const ports = new Map<string, number>();
      for (const fixed of ['8080', '8081', '55432']) if (block.code.includes(fixed)) ports.set(fixed, await freePort());
      const code = block.code.replace(/\b(8080|8081|55432)\b/g, (p) => String(ports.get(p)));
      const { cwd, home } = sandbox();
      // -e: a failing command fails the block, as a reader would notice; xtrace stamps each command's start.
      const script = `set -eo pipefail\nexport PS4='+$EPOCHREALTIME '\nset -x\n${code}\n`;
      const child = spawn('bash', ['-c', script], {
        cwd,
        detached: true, // its own process group: whatever it leaves running is found and stopped below
        env: { ...process.env, SCIM_HARNESS_HOME: home, SCIM_HARNESS_TARGET: '', SCIM_HARNESS_TOKEN: '', NO_COLOR: '1' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      // 'exit', not 'close': a server left running holds the pipes open, and is what this test must report.
      const status = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      const endedAt = Date.now() / 1000;
      // A server the block killed last may still be closing: give the group a bounded while to empty.
      const alive = () => {
        try {
          process.kill(-child.pid!, 0);
          return true;
        } catch {
          return false; // the group is empty: everything the block started has stopped
        }
      };
      // Bounded by the block's own budget share: a database cluster stopping on a loaded machine takes seconds.
      for (let i = 0; i < 300 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      const leftovers = alive();
      const left = leftovers ? spawnSync('ps', ['-o', 'pid,user,cmd', '-g', String(child.pid)], { encoding: 'utf8' }).stdout : '';
      try {
        if (leftovers) process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Gone between the check and the kill.
      }
      await new Promise((resolve) => (child.stdout.closed ? resolve(undefined) : child.stdout.once('close', resolve)));
      const times = commandTimes(stderr, endedAt);
      for (const [command, seconds] of times) t.diagnostic(`${seconds.toFixed(2)} s  ${command.slice(0, 140)}`);
      rmSync(join(cwd, '..'), { recursive: true, force: true });
      assert.equal(status, 0, `exit ${status}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
      assert.equal(leftovers, false, `the block left processes running:\n${left}`);
      for (const port of ports.values()) assert.equal(await listening(port), false, `port ${port} still listening after the block`);
    });
  }
});
