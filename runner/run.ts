import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Envelope } from '@cucumber/messages';
import { cleanupPending, pendingResources, unresolvedIntents } from '../steps/ledger.ts';
import { requestBudgetMs } from '../steps/step-budget.ts';
import { newRunId, type HarnessParameters, runPrefix } from '../steps/parameters.ts';
import { runScenarios } from './cucumber-run.ts';
import { dryRunListing } from './dry-run-listing.ts';
import { EXIT, RunnerError, usageError } from './exit-codes.ts';
import { claimLedger, drainAbandonedLedgers, drainLedger, ledgerDirFor, ledgerFileName, sweepBudgetMs, type DrainOptions } from './ledgers.ts';
import type { RunOptions } from './options.ts';
import { loadBaseline, type Baseline } from './baseline.ts';
import { applyGate, decidingFailures, locationOf, type GateResult } from './gate.ts';
import { checkKnownIds, entryMatches, isExpired, loadKnownFailures, type KnownFailureList } from './known-failures.ts';
import { scenarioOutcomes, summaryLine, tally, type ScenarioOutcome } from './outcomes.ts';
import { planScenarios, type ScenarioPlan } from './plan.ts';
import { preflight } from './preflight.ts';
import { listFeatureDirs, profileSlices } from './profiles.ts';
import { redact, redactingStream, secretsOf } from './redact.ts';
import { progressReporter } from './progress.ts';
import { writeRunReports } from './reporting.ts';
import { indexSuite } from './suite-index.ts';
import type { GateNotes, RunGate, RunReport } from '../reports/index.ts';

/** Where the suite lives; tests point it at a fixture suite. */
export interface SuiteLocation {
  /** Cucumber's working directory. */
  projectRoot: string;
  /** Folder of the feature areas, relative to projectRoot. */
  featuresRoot: string;
  /** Support code to import, relative to projectRoot (default: the real steps). */
  imports?: string[];
}

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_SUITE: SuiteLocation = { projectRoot: PROJECT_ROOT, featuresRoot: 'features' };

export interface RunIo {
  /** Resolves relative paths (--known-failures, --baseline) and the report path shown in the CI summary. */
  cwd: string;
  /** Only the dry-run listing, the warnings line and the final `N passed, N failed, N skipped` line. */
  stdout: Writable;
  /** Progress and diagnostics. */
  stderr: Writable;
  /** GITHUB_STEP_SUMMARY and SCIM_HARNESS_HOME (the ledgers' home) are read from here (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The clock that decides whether a known failure's `until` has passed (default: now). */
  now?: () => Date;
  /** Draw a live progress line with colour (default: whether stderr is a terminal). */
  tty?: boolean;
}

/**
 * Against a remote target, more scenarios than this run on 2 workers by default: the time goes into network
 * round trips, which workers overlap. Against the embedded server one worker is the default: there the
 * scenarios cost ~10 ms each and a worker's start-up (loading the steps through tsx) costs more than it
 * saves — bench/suite.ts measured serial about twice as fast on the 2-core machine.
 */
const PARALLEL_THRESHOLD = 20;

/**
 * `scim-harness run`: plan the profile's scenarios, start the embedded reference server when no target is
 * given, check the target answers, finish the ledgers of earlier crashed runs, run cucumber, write the reports,
 * print the summary and return the exit code. SIGINT/SIGTERM drain this run's ledger, write partial reports and
 * return EXIT.interrupted; the caller must then exit the process (cucumber may still be running).
 */
/** Seconds an embedded-server cursor lives: ample between the pages of a walk, short enough to wait out once. */
const EMBEDDED_CURSOR_TIMEOUT_S = 5;

export async function executeRun(options: RunOptions, io: RunIo, suite: SuiteLocation = DEFAULT_SUITE): Promise<number> {
  const secrets = secretsOf(options.auth, options.headers);
  if (options.directory.kind === 'ldap') secrets.push(options.directory.password);
  const say = (line: string) => io.stderr.write(`scim-harness: ${redact(line, secrets)}\n`);
  const cleanups: (() => Promise<void> | void)[] = [];
  // Until the scenarios start (interruptSignal then takes over), an interrupt ends the run at once and says so:
  // nothing of this run has been created yet, and an earlier run's ledger being drained is kept until it is done.
  const early = () => {
    say('interrupted before the scenarios started');
    process.exit(EXIT.interrupted);
  };
  const dropEarly = () => {
    process.off('SIGINT', early);
    process.off('SIGTERM', early);
  };
  process.on('SIGINT', early);
  process.on('SIGTERM', early);
  cleanups.push(dropEarly);
  try {
    const plan = await planProfile(options, suite);
    if (options.dryRun) return await dryRun(options, io, suite, plan);
    // Read before anything is sent: a typo in these files is a usage error, not a surprise at the end.
    let known: KnownFailureList | undefined;
    if (options.knownFailures) {
      known = loadKnownFailures(io.cwd, options.knownFailures);
      checkKnownIds(known, await indexSuite(suite.projectRoot, suite.featuresRoot));
    }
    const baseline: Baseline | undefined = options.baseline ? loadBaseline(io.cwd, options.baseline) : undefined;
    // Once the baseline is read, an earlier run's reports go: a run that cannot write its own (a failed preflight,
    // a crash, a kill) must not leave the previous verdict where CI uploads it.
    (await import('../reports/index.ts')).removeReports(options.reportDir);

    let target = options.target;
    let auth = options.auth;
    let setup = options.setup;
    if (!target) {
      const token = randomBytes(16).toString('hex');
      const adminToken = randomBytes(16).toString('hex');
      // Loaded only here: a run against a remote --target does not need the reference server at all.
      const { startServer } = await import('../reference-server/index.ts');
      // Cursors short-lived enough that the RFC 9865 expiry scenario can wait one out (C-ERR-03); the interop profile's
      // stricter rules (path-less PATCH refused) only when that profile is what the run judges.
      const server = await startServer({
        port: 0, host: '127.0.0.1', store: 'memory', token, adminToken,
        cursorTimeout: EMBEDDED_CURSOR_TIMEOUT_S,
        interopProfile: options.profile === 'interop',
      });
      cleanups.push(() => server.close());
      target = server.url;
      auth = { kind: 'bearer', token };
      // The vendor scenarios make their preconditions through the embedded server's admin API (steps/setup/).
      setup = { kind: 'reference-admin', url: server.adminUrl, token: adminToken };
      secrets.push(token, adminToken);
      say(`started the embedded reference server at ${target}`);
    }
    await preflight(target, auth, options.headers, options.timeoutMs);

    const runId = newRunId();
    // The embedded server forgets everything when it stops, so its ledger is a throwaway file.
    const ledgerDir = options.target ? ledgerDirFor(target, io.env ?? process.env) : mkdtempSync(join(tmpdir(), 'scim-harness-ledger-'));
    if (!options.target) cleanups.push(() => rmSync(ledgerDir, { recursive: true, force: true }));
    cleanups.push(claimLedger(ledgerDir, runId));
    const parameters: HarnessParameters = {
      target,
      auth,
      headers: options.headers,
      runId,
      prefix: runPrefix(runId),
      ledgerPath: join(ledgerDir, ledgerFileName(runId)),
      timeoutMs: options.timeoutMs,
      maxRetries: options.retries,
      strict: options.strict,
      seed: options.seed,
      ...(setup ? { setup } : {}),
      directory: options.directory,
    };
    const leftovers = await drainAbandonedLedgers(parameters, ledgerDir, runId);
    if (leftovers.deleted.length) say(`deleted ${leftovers.deleted.length} resource(s) left behind by an earlier interrupted run`);
    if (leftovers.failed.length) say(`could not delete ${leftovers.failed.length} resource(s) left by an earlier run; \`scim-harness cleanup\` retries`);

    const parallel = options.parallel ?? (options.target && plan.count > PARALLEL_THRESHOLD ? 2 : 1);
    say(`running ${plan.count} scenario(s) of profile "${options.profile}" against ${target} (${parallel} worker(s), run ${runId})`);
    if (options.directory.kind === 'ldap') say(`directory scenarios use the LDAP server ${options.directory.url}, one subtree each under ${options.directory.baseDn}`);
    mkdirSync(options.reportDir, { recursive: true });
    const startedAt = new Date().toISOString();
    const envelopes: Envelope[] = [];
    const tty = io.tty ?? Boolean((io.stderr as { isTTY?: boolean }).isTTY);
    const today = (io.now?.() ?? new Date()).toISOString().slice(0, 10);
    // The live counter sorts failures as the gate will: an accepted, unexpired known failure is known.
    const isKnown = known ? (o: ScenarioOutcome) => known!.entries.some((e) => entryMatches(e, o) && !isExpired(e, today)) : undefined;
    const progress = progressReporter(io.stderr, { total: plan.count, tty, columns: (io.stderr as { columns?: number }).columns, redact: (l) => redact(l, secrets), isKnown });
    dropEarly();
    const interruption = interruptSignal();
    cleanups.push(interruption.dispose);
    const stop = new AbortController();
    const run = runScenarios({
      projectRoot: suite.projectRoot,
      paths: plan.paths,
      imports: suite.imports,
      parameters,
      parallel,
      // cucumber's own display and message stream only on request: the harness draws its own progress.
      ...(options.verbose ? { messagesPath: join(options.reportDir, 'messages.ndjson'), console: redactingStream(io.stderr, secrets) } : {}),
      onEnvelope: (e) => {
        envelopes.push(e);
        if (!options.verbose) progress.onEnvelope(e);
      },
      signal: stop.signal,
    });
    const finished = await Promise.race([run.then(() => true), interruption.signalled.then(() => false)]);
    progress.finish();

    if (!finished) {
      say('interrupted: stopping the running scenarios, then deleting what this run created…');
      stop.abort();
      // The running steps give up at once and the workers are stopped (runScenarios); only then does the cleanup
      // start, so that no scenario runs underneath it. Bounded all the same, by one request's worst case.
      const waited = new AbortController();
      const stopped = await Promise.race([
        run.then(() => true, () => true),
        delay(requestBudgetMs(parameters), undefined, { signal: waited.signal }).then(() => false, () => false),
      ]);
      waited.abort();
      if (!stopped) say('the scenarios did not stop in time: what they record from now on is left out of the reports');
    }
    // From here on the outcomes are fixed: the console, the exit code and every report count these same messages.
    const seen = envelopes.slice();
    // The run is over: its cleanup is bounded and can never turn it into an exit 4 without reports.
    // After an interrupt the ledger is kept even when drained: a create still in flight may land after this cleanup,
    // and `scim-harness cleanup` (or the next run) then walks the target for the run's prefix once more.
    const drained = await boundedCleanup(parameters, undefined, { keep: !finished });
    if (!finished) say(`the ledger ${parameters.ledgerPath} is kept: \`scim-harness cleanup\` (or the next run against ${target}) looks once more for what creates in flight made`);
    if (drained.error) say(`cleanup stopped: ${drained.error}; the ledger ${parameters.ledgerPath} keeps what is left for \`scim-harness cleanup\``);
    else if (drained.failed) say(`could not delete ${drained.failed} resource(s); the ledger ${parameters.ledgerPath} keeps them for \`scim-harness cleanup\``);

    const gate = applyGate({ outcomes: scenarioOutcomes(seen), strict: options.strict, failOn: options.failOn, known, baseline, today });
    const meta = {
      target, profile: options.profile, strict: options.strict, startedAt, finishedAt: new Date().toISOString(), toolVersion: toolVersion(), seed: options.seed,
      ...(options.tags ? { tags: options.tags } : {}),
      ...(!finished ? { interrupted: true } : {}),
    };
    const env = io.env ?? process.env;
    let reportFailure: string | undefined;
    let written: { files: { html: string }; report: RunReport } | undefined;
    try {
      written = await writeRunReports(suite.projectRoot, seen, meta, options.reportDir, {
        ...(known || baseline ? { gate: reportGate(gate) } : {}),
        ...(env.GITHUB_STEP_SUMMARY ? { stepSummary: { path: env.GITHUB_STEP_SUMMARY, cwd: io.cwd } } : {}),
      });
    } catch (err) {
      reportFailure = (err as Error).message;
      say(`could not write the reports: ${reportFailure}${options.verbose ? `\n${(err as Error).stack}` : ''}`);
    }
    printSummary(gate, written, options, io, secrets);
    if (!finished) return EXIT.interrupted;
    return reportFailure ? EXIT.internal : gate.exitCode;
  } catch (err) {
    if (err instanceof RunnerError) {
      say(err.message);
      return err.exitCode;
    }
    say(`internal error: ${options.verbose ? ((err as Error)?.stack ?? String(err)) : `${(err as Error)?.message ?? String(err)} (rerun with --verbose for the stack trace)`}`);
    return EXIT.internal;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

async function planProfile(options: RunOptions, suite: SuiteLocation): Promise<ScenarioPlan> {
  const slices = profileSlices(options.profile, listFeatureDirs(join(suite.projectRoot, suite.featuresRoot)));
  const plan = await planScenarios(suite.projectRoot, suite.featuresRoot, slices, options.tags);
  if (plan.count === 0) throw usageError(`no scenario matches profile "${options.profile}"${options.tags ? ` with tags ${options.tags}` : ''}`);
  return plan;
}

/** Lists what would be sent, sending nothing: no embedded server, no pre-flight, no ledger. */
async function dryRun(options: RunOptions, io: RunIo, suite: SuiteLocation, plan: ScenarioPlan): Promise<number> {
  const runId = newRunId();
  const { envelopes } = await runScenarios({
    projectRoot: suite.projectRoot,
    paths: plan.paths,
    imports: suite.imports,
    parallel: 1,
    dryRun: true,
    parameters: {
      target: options.target ?? 'http://127.0.0.1/scim/v2',
      auth: { kind: 'none' },
      headers: {},
      runId,
      prefix: runPrefix(runId),
      ledgerPath: join(tmpdir(), `scim-harness-dry-run-${runId}.jsonl`),
      timeoutMs: options.timeoutMs,
      maxRetries: options.retries,
      strict: options.strict,
      seed: options.seed,
    },
  });
  for (const line of dryRunListing(envelopes)) io.stdout.write(`${line}\n`);
  io.stdout.write(`${plan.count} scenario(s) would run; nothing was sent (dry run)\n`);
  return EXIT.ok;
}

/**
 * The end-of-run cleanup, bounded: it gets the budget of as many requests as the ledger lists (each under
 * --timeout and --retries, see requestBudgetMs) plus one, and the prefix sweep's (sweepBudgetMs); any error it meets
 * (a refused DELETE, an unreadable ledger) is reported, never thrown. What it cannot finish stays in the ledger.
 */
export async function boundedCleanup(parameters: HarnessParameters, drain = drainUntilEmpty, options: DrainOptions = {}): Promise<{ failed: number; error?: string }> {
  const listed = pendingResources(parameters.ledgerPath).length + unresolvedIntents(parameters.ledgerPath).length;
  const budgetMs = (listed + 1) * requestBudgetMs(parameters) + sweepBudgetMs(parameters);
  const timer = new AbortController();
  try {
    return await Promise.race([
      drain(parameters, options),
      delay(budgetMs, undefined, { signal: timer.signal }).then(
        () => ({ failed: 0, error: `it took longer than its budget of ${budgetMs} ms` }),
        () => ({ failed: 0 }), // cancelled because the drain finished first
      ),
    ]);
  } catch (err) {
    return { failed: 0, error: (err as Error).message };
  } finally {
    timer.abort();
  }
}

/**
 * Drains the run's ledger, repeating while new entries appear (on an interrupt, a scenario still in flight can
 * record a resource after the first pass), then once more with the sweep for the run's prefix. Bounded, so that a
 * target that refuses DELETE cannot hold us here.
 */
async function drainUntilEmpty(parameters: HarnessParameters, options: DrainOptions = {}): Promise<{ failed: number }> {
  for (let pass = 0; pass < 2; pass++) {
    if ((await cleanupPending(parameters)).deleted.length === 0) break;
  }
  return { failed: (await drainLedger(parameters, parameters.ledgerPath, options)).failed.length };
}

/** Resolves on the first SIGINT/SIGTERM; a second one exits at once (the user insists). */
function interruptSignal(): { signalled: Promise<void>; dispose: () => void } {
  let onSignal: () => void = () => undefined;
  const signalled = new Promise<void>((resolve) => {
    let count = 0;
    onSignal = () => {
      if (++count > 1) process.exit(EXIT.interrupted);
      resolve();
    };
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signalled,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** The gate's decision in the report's terms (reports never import the runner). */
function reportGate(gate: GateResult): { report: RunGate; notes: GateNotes } {
  const notes: GateNotes = Object.fromEntries(gate.notes);
  return {
    notes,
    report: {
      failOn: gate.failOn,
      ...(gate.knownFailures ? { knownFailures: gate.knownFailures } : {}),
      ...(gate.baseline ? { baseline: gate.baseline } : {}),
      reasons: gate.reasons,
    },
  };
}

const PROFILE_VERDICT = { pass: 'PASS', fail: 'FAIL', partial: 'partial', 'not-run': 'not run' } as const;

/**
 * The end of the console: verdict per profile, each failure on one line (level, requirement, scenario, one-line
 * reason, location), known failures with their reason, where the report is, the baseline line, then the summary
 * line that scripts parse. Stdout gets only the last lines; the rest goes to stderr.
 */
function printSummary(gate: GateResult, written: { files: { html: string }; report: RunReport } | undefined, options: RunOptions, io: RunIo, secrets: string[]): void {
  const err = (line: string) => io.stderr.write(`${redact(line, secrets)}\n`);
  const oneLine = (o: ScenarioOutcome) => (o.message ?? '').split('\n').find((l) => l.trim())?.trim() ?? '';
  const requirement = (o: ScenarioOutcome) => (o.requirements.length ? `${o.requirements.join(' ')} ` : '');
  if (written) {
    const labels: Record<string, string> = { rfc: 'Strict RFC', okta: 'Okta-ready', entra: 'Entra-ready', ping: 'Ping-ready', vendors: 'Vendors' };
    err(Object.entries(written.report.profiles).map(([name, p]) => `${labels[name] ?? name}: ${PROFILE_VERDICT[p.verdict]}${p.why ? ` (${p.why.split(/[;:(]/)[0].trim()})` : ''}`).join(' · '));
  }
  const deciding = new Set(decidingFailures(gate, options.strict));
  for (const o of gate.outcomes.filter((o) => o.verdict === 'failed')) {
    const change = gate.notes.get(locationOf(o))?.change;
    const mark = deciding.has(o) ? 'FAILED' : 'failed';
    err(`${mark} @${o.level} ${requirement(o)}"${o.name}"${change === 'new-failure' ? ' (new)' : ''}: ${oneLine(o)} (${locationOf(o)})`);
  }
  for (const o of gate.outcomes.filter((o) => o.verdict === 'known')) {
    const k = gate.notes.get(locationOf(o))?.known;
    err(`known  @${o.level} ${requirement(o)}"${o.name}": ${k?.reason ?? ''}${k?.until ? ` (until ${k.until})` : ''}`);
  }
  for (const o of gate.outcomes.filter((o) => o.verdict === 'error')) {
    err(`HARNESS ERROR (not the server's failure) ${requirement(o)}"${o.name}": ${oneLine(o)} (${locationOf(o)})`);
  }
  for (const reason of gate.reasons.filter((r) => !/failure\(s\) fail the run$/.test(r))) err(reason);
  if (written) err(`report: ${written.files.html}`);
  const counts = tally(gate.outcomes);
  if (gate.baseline) io.stdout.write(`${gate.baseline.newFailures} new failures, ${gate.baseline.fixed} fixed\n`);
  io.stdout.write(`${summaryLine(counts)}\n`);
}

function toolVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
