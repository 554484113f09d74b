/**
 * The run's live console: a counter with the current scenario. On a terminal one line redrawn in place (with
 * colour), failures printed above it as they happen; elsewhere (CI logs) a plain line at every tenth of the run,
 * so a log shows progress without thousands of lines. Fed by cucumber's envelopes, in any worker order.
 */
import type { Writable } from 'node:stream';
import { styleText } from 'node:util';
import type { Envelope } from '@cucumber/messages';
import { scenarioOutcomes, type ScenarioOutcome } from './outcomes.ts';

export interface ProgressOptions {
  /** Scenarios planned. */
  total: number;
  /** Redraw one live line with colour (a terminal), or print plain milestone lines (CI). */
  tty: boolean;
  /** Terminal width, to keep the live line on one row. */
  columns?: number;
  /** Secrets never shown (scenario names do not carry them, but the line is redacted like everything else). */
  redact?: (line: string) => string;
  /** Whether a failed scenario is an accepted known failure (--known-failures), counted as known, not failed. */
  isKnown?: (outcome: ScenarioOutcome) => boolean;
}

export interface Progress {
  onEnvelope(envelope: Envelope): void;
  /** Clears the live line; call before printing the summary. */
  finish(): void;
}

/** Builds the reporter; writes to `out` (the run's stderr). */
export function progressReporter(out: Writable, options: ProgressOptions): Progress {
  const redact = options.redact ?? ((s: string) => s);
  const pickles = new Map<string, Envelope>(); // pickleId → its pickle envelope
  const testCases = new Map<string, Envelope>(); // testCaseId → its testCase envelope
  const running = new Map<string, { name: string; envelopes: Envelope[] }>(); // testCaseStartedId → attempt
  // The same rule as the final counts (runner/outcomes.ts), per scenario as it ends: a broken step that is not an
  // assertion is a harness error, a known failure is known; the live line never says "failed" for either.
  const counts = { failed: 0, errors: 0, known: 0 };
  let done = 0;
  let nextMilestone = 1;
  let live = false;
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (options.tty ? styleText(style, text) : text);

  const tally = () =>
    `${counts.failed ? ` ${counts.failed} failed` : ''}${counts.errors ? ` ${counts.errors} error${counts.errors === 1 ? '' : 's'}` : ''}${counts.known ? ` ${counts.known} known` : ''}`;
  const clear = () => {
    if (live) out.write('\r\x1b[2K');
    live = false;
  };
  const draw = (current: string | undefined) => {
    if (!options.tty) return;
    const counter = `[${done}/${options.total}]${tally()}`;
    const width = Math.max(20, (options.columns ?? 100) - counter.length - 2);
    const name = current ? (current.length > width ? `${current.slice(0, width - 1)}…` : current) : '';
    clear();
    out.write(`${paint('cyan', counter)} ${redact(name)}`);
    live = true;
  };

  return {
    onEnvelope(e) {
      if (e.pickle) pickles.set(e.pickle.id, e);
      else if (e.testCase) testCases.set(e.testCase.id, e);
      else if (e.testCaseStarted) {
        const testCase = testCases.get(e.testCaseStarted.testCaseId);
        const pickle = pickles.get(testCase?.testCase?.pickleId ?? '');
        const name = pickle?.pickle?.name ?? '';
        running.set(e.testCaseStarted.id, { name, envelopes: [pickle, testCase, e].filter((x): x is Envelope => x !== undefined) });
        draw(name);
      } else if (e.testStepFinished || e.attachment?.testCaseStartedId) {
        running.get(e.testStepFinished?.testCaseStartedId ?? e.attachment?.testCaseStartedId ?? '')?.envelopes.push(e);
      } else if (e.testCaseFinished) {
        const id = e.testCaseFinished.testCaseStartedId;
        const attempt = running.get(id);
        running.delete(id);
        if (e.testCaseFinished.willBeRetried || !attempt) return;
        done++;
        const outcome = scenarioOutcomes([...attempt.envelopes, e])[0];
        const verdict = outcome?.verdict === 'failed' && options.isKnown?.(outcome) ? 'known' : outcome?.verdict;
        if (verdict === 'failed' || verdict === 'error' || verdict === 'known') {
          counts[verdict === 'failed' ? 'failed' : verdict === 'error' ? 'errors' : 'known']++;
          if (options.tty) {
            clear();
            const mark = verdict === 'failed' ? paint('red', '✗') : verdict === 'error' ? paint('yellow', '!') : paint('gray', '~');
            out.write(`${mark} ${redact(attempt.name)}${verdict === 'error' ? ' (harness error)' : verdict === 'known' ? ' (known failure)' : ''}\n`);
          }
        }
        if (options.tty) draw([...running.values()].at(-1)?.name);
        else if (done * 10 >= nextMilestone * options.total) {
          while (done * 10 >= nextMilestone * options.total) nextMilestone++;
          const extra = `${counts.errors ? `, ${counts.errors} harness error${counts.errors === 1 ? '' : 's'}` : ''}${counts.known ? `, ${counts.known} known` : ''}`;
          out.write(`scim-harness: ${done}/${options.total} scenarios run, ${counts.failed} failed${extra}\n`);
        }
      }
    },
    finish: clear,
  };
}
