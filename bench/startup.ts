// Start-up time of the CLI: `scim-harness --help` and `scim-harness run --help`, through the compiled dist/cli.mjs
// and through tsx (SCIM_HARNESS_TSX=1, what every start cost before the CLI was compiled). Median of N runs each;
// figures, not assertions. Usage: node --import tsx bench/startup.ts [N]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../runner/run.ts';

const runs = Number(process.argv[2] ?? 5);
const bin = join(PROJECT_ROOT, 'bin', 'scim-harness.mjs');
if (!existsSync(join(PROJECT_ROOT, 'dist', 'cli.mjs'))) spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const args of [['--help'], ['run', '--help']]) {
  for (const [label, env] of [['compiled', {}], ['tsx', { SCIM_HARNESS_TSX: '1' }]] as const) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const r = spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
      times.push((performance.now() - started) / 1000);
      if (r.status !== 0) throw new Error(`scim-harness ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    }
    console.log(`scim-harness ${args.join(' ').padEnd(10)} ${label.padEnd(8)} median ${median(times).toFixed(2)} s (min ${Math.min(...times).toFixed(2)} s, ${runs} runs)`);
  }
}
