/** Process exit codes of `scim-harness run` / `cleanup`; the README's "Exit codes" table mirrors this. */
export const EXIT = {
  /** No @must scenario failed (and, with --strict, no @should failed). */
  ok: 0,
  /** A @must scenario failed (or a @should one under --strict). */
  failed: 1,
  /** Bad arguments or configuration. */
  usage: 2,
  /** The target could not be reached or refused the credentials, before any scenario ran. */
  unreachable: 3,
  /** A bug or an unexpected error inside the harness itself (for example the reports could not be written). */
  internal: 4,
  /**
   * No blocking failure, but at least one scenario ended in a harness `error` (a step timed out or threw something
   * that is not an assertion): the server was not fully judged. A blocking failure (exit 1) takes precedence.
   */
  error: 5,
  /** Interrupted by SIGINT/SIGTERM (after cleaning up what the run created). */
  interrupted: 130,
} as const;

/** An error that maps to one exit code and one clear, already-redacted line for the user. */
export class RunnerError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'RunnerError';
  }
}

export const usageError = (message: string) => new RunnerError(EXIT.usage, message);
export const unreachableError = (message: string) => new RunnerError(EXIT.unreachable, message);
