import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';

/**
 * Adds a secret option three ways: the flag itself (kept as it always was), an environment variable, and
 * `<flag>-file <path>` whose first line is the value, so a secret need not appear on a command line that `ps` shows.
 * The flag beats the file, which beats the variable; the flag and the file together are a usage error (exit 2).
 */
export function addSecretOption(command: Command, flags: string, description: string, env: string, defaultValue?: string): Command {
  const option = new Option(flags, `${description} [env ${env}]`).env(env);
  if (defaultValue !== undefined) option.default(defaultValue);
  return withFile(command, option);
}

/** addSecretOption for a command that reads the environment variable itself (run: flags, then env, then config). */
export function addSecretFileOption(command: Command, flags: string, description: string): Command {
  return withFile(command, new Option(flags, description));
}

function withFile(command: Command, option: Option): Command {
  const long = option.long!;
  const file = new Option(`${long}-file <path>`, `read ${long.slice(2)} from the first line of this file`);
  command.addOption(option).addOption(file);
  command.hook('preAction', (self) => {
    const path = self.getOptionValue(file.attributeName()) as string | undefined;
    if (path === undefined) return;
    if (self.getOptionValueSource(option.attributeName()) === 'cli') self.error(`give ${long} or ${long}-file, not both`, { exitCode: 2 });
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      self.error(`${long}-file: cannot read ${path}: ${(err as Error).message}`, { exitCode: 2 });
    }
    self.setOptionValueWithSource(option.attributeName(), text.split(/\r?\n/)[0], 'config');
  });
  return command;
}
