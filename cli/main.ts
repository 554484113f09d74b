import { Command, CommanderError } from 'commander';
import { commands } from './commands.ts';

/** Builds the program from every registered sub-command and runs it; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('scim-harness')
    .description('SCIM 2.0 conformance harness, IdP simulators and reference server')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;
  for (const register of commands) register(program, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
    throw err;
  }
  return exitCode;
}

/** Bad arguments; see README "Exit codes". */
export const EXIT_USAGE = 2;
