/**
 * The run's live console: a counter with the current scenario. On a terminal one line redrawn in place (with
 * colour), failures printed above it as they happen; elsewhere (CI logs) a plain line at every tenth of the run,
 * so a log shows progress without thousands of lines. Fed by cucumber's envelopes, in any worker order.
 */
import type { Writable } from 'node:stream';
import { styleText } from 'node:util';
import type { Envelope } from '@cucumber/messages';

const FAILING = new Set(['FAILED', 'UNDEFINED', 'AMBIGUOUS']);

export interface ProgressOptions {
  /** Scenarios planned. */
  total: number;
  /** Redraw one live line with colour (a terminal), or print plain milestone lines (CI). */
  tty: boolean;
  /** Terminal width, to keep the live line on one row. */
  columns?: number;
  /** Secrets never shown (scenario names do not carry them, but the line is redacted like everything else). */
  redact?: (line: string) => string;
}

export interface Progress {
  onEnvelope(envelope: Envelope): void;
  /** Clears the live line; call before printing the summary. */
  finish(): void;
}

/** Builds the reporter; writes to `out` (the run's stderr). */
export function progressReporter(out: Writable, options: ProgressOptions): Progress {
  const redact = options.redact ?? ((s: string) => s);
  const names = new Map<string, string>(); // pickleId → name
  const pickleOf = new Map<string, string>(); // testCaseId → pickleId
  const running = new Map<string, string>(); // testCaseStartedId → name
  const failedAttempts = new Set<string>();
  let done = 0;
  let failed = 0;
  let nextMilestone = 1;
  let live = false;
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (options.tty ? styleText(style, text) : text);

  const clear = () => {
    if (live) out.write('\r\x1b[2K');
    live = false;
  };
  const draw = (current: string | undefined) => {
    if (!options.tty) return;
    const counter = `[${done}/${options.total}]${failed ? ` ${failed} failed` : ''}`;
    const width = Math.max(20, (options.columns ?? 100) - counter.length - 2);
    const name = current ? (current.length > width ? `${current.slice(0, width - 1)}…` : current) : '';
    clear();
    out.write(`${paint('cyan', counter)} ${redact(name)}`);
    live = true;
  };

  return {
    onEnvelope(e) {
      if (e.pickle) names.set(e.pickle.id, e.pickle.name);
      else if (e.testCase) pickleOf.set(e.testCase.id, e.testCase.pickleId);
      else if (e.testCaseStarted) {
        const name = names.get(pickleOf.get(e.testCaseStarted.testCaseId) ?? '') ?? '';
        running.set(e.testCaseStarted.id, name);
        draw(name);
      } else if (e.testStepFinished) {
        if (FAILING.has(String(e.testStepFinished.testStepResult.status))) failedAttempts.add(e.testStepFinished.testCaseStartedId);
      } else if (e.testCaseFinished) {
        const id = e.testCaseFinished.testCaseStartedId;
        const name = running.get(id) ?? '';
        running.delete(id);
        if (e.testCaseFinished.willBeRetried) return;
        done++;
        if (failedAttempts.has(id)) {
          failed++;
          if (options.tty) {
            clear();
            out.write(`${paint('red', '✗')} ${redact(name)}\n`);
          }
        }
        if (options.tty) draw([...running.values()].at(-1));
        else if (done * 10 >= nextMilestone * options.total) {
          while (done * 10 >= nextMilestone * options.total) nextMilestone++;
          out.write(`scim-harness: ${done}/${options.total} scenarios run, ${failed} failed\n`);
        }
      }
    },
    finish: clear,
  };
}
