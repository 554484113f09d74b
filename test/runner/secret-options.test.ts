import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { addSecretOption } from '../../cli/secret-options.ts';
import { commands } from '../../cli/commands.ts';

const dir = mkdtempSync(join(tmpdir(), 'scim-secrets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function parse(args: string[], env: Record<string, string> = {}) {
  let seen: Record<string, unknown> | undefined;
  const program = new Command().exitOverride();
  const cmd = program.command('x').exitOverride().configureOutput({ writeErr: () => {} });
  addSecretOption(cmd, '--token <token>', 'bearer token', 'TEST_SECRET_TOKEN');
  cmd.action((flags) => void (seen = flags));
  const saved = process.env.TEST_SECRET_TOKEN;
  if (env.TEST_SECRET_TOKEN) process.env.TEST_SECRET_TOKEN = env.TEST_SECRET_TOKEN;
  try {
    await program.parseAsync(['node', 'cli', 'x', ...args]);
  } finally {
    if (saved === undefined) delete process.env.TEST_SECRET_TOKEN;
    else process.env.TEST_SECRET_TOKEN = saved;
  }
  return seen!;
}

test('a secret option reads its flag, its environment variable, or the first line of its file', async () => {
  const file = join(dir, 'token');
  writeFileSync(file, 'from-file\nsecond line\n');
  assert.equal((await parse(['--token', 'from-flag'])).token, 'from-flag');
  assert.equal((await parse([], { TEST_SECRET_TOKEN: 'from-env' })).token, 'from-env');
  assert.equal((await parse(['--token-file', file], { TEST_SECRET_TOKEN: 'from-env' })).token, 'from-file');
  await assert.rejects(parse(['--token', 'a', '--token-file', file]), /not both/);
});

test('every secret option of every command can be given without the command line: env or file', () => {
  const program = new Command();
  for (const register of commands) register(program, () => {});
  const secret = /token|password|basic|secret/i;
  const missing: string[] = [];
  const visit = (cmd: Command, path: string) => {
    for (const option of cmd.options) {
      const name = option.long ?? '';
      if (!secret.test(name) || name.endsWith('-file')) continue;
      const hasFile = cmd.options.some((o) => o.long === `${name}-file`);
      const hasEnv = option.envVar !== undefined || /\[env [A-Z_]+\]/.test(option.description);
      if (!hasFile && !hasEnv) missing.push(`${path} ${name}`);
    }
    for (const sub of cmd.commands) visit(sub, `${path} ${sub.name()}`);
  };
  visit(program, 'scim-harness');
  assert.deepEqual(missing, []);
});
