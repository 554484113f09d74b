// `npm run peer [-- extra run flags]`: starts the scimmy peer (test/peer/scimmy-server.ts), runs the whole suite
// against it with `scim-harness run`, writes the reports to ./reports-peer (unless --report-dir is given), stops the
// peer and exits with the run's exit code. Used to find verdicts that only hold on our own reference server.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startPeer } from '../test/peer/scimmy-server.ts';

const extra = process.argv.slice(2);
const peer = await startPeer();
const bin = fileURLToPath(new URL('../bin/scim-harness.mjs', import.meta.url));
const args = [bin, 'run', '--target', peer.url, '--token', peer.token, ...(extra.includes('--report-dir') ? [] : ['--report-dir', 'reports-peer']), ...extra];
console.error(`peer: scimmy at ${peer.url}`);
const child = spawn(process.execPath, args, { stdio: 'inherit' });
const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 130 : 4))));
await peer.close();
process.exit(code);
