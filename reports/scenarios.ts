/**
 * Turns cucumber's message stream into one ScenarioResult per executed scenario (the last attempt when retried),
 * reading the verdict from step statuses and the details from the harness's attachments.
 */
import type { Attachment, Envelope, GherkinDocument, Pickle, TestCase, TestCaseStarted, TestStepResult, Timestamp } from '@cucumber/messages';
import { type Exchange, type Level, MEDIA_TYPE, type ScenarioFailure, type ScenarioResult } from './types.ts';
import { verdictOf } from './verdict.ts';

/** Keeps the report bounded: a failure shows the most recent exchanges of its scenario. */
const MAX_EXCHANGES_PER_FAILURE = 20;
const FAILING = new Set(['FAILED', 'UNDEFINED', 'AMBIGUOUS', 'UNKNOWN']);
const IDPS = ['okta', 'entra', 'ping', 'pingone'];
const REQUIREMENT_TAG = /^@([A-Z]+(?:-[A-Z0-9]+)+)$/;

/** What the gherkin documents tell about each step and scenario node. */
interface GherkinIndex {
  featureName: Map<string, string>;
  stepKeyword: Map<string, string>;
  nodeLine: Map<string, number>;
}

function indexGherkin(documents: GherkinDocument[]): GherkinIndex {
  const index: GherkinIndex = { featureName: new Map(), stepKeyword: new Map(), nodeLine: new Map() };
  type Child = NonNullable<GherkinDocument['feature']>['children'][number];
  const visit = (children: readonly Child[]) => {
    for (const child of children) {
      const node = child.scenario ?? child.background;
      if (node) {
        index.nodeLine.set(node.id, node.location.line);
        for (const step of node.steps) index.stepKeyword.set(step.id, step.keyword);
      }
      if (child.scenario) {
        for (const examples of child.scenario.examples) {
          for (const row of examples.tableBody) index.nodeLine.set(row.id, row.location.line);
        }
      }
      if (child.rule) visit(child.rule.children as readonly Child[]);
    }
  };
  for (const doc of documents) {
    if (!doc.feature || !doc.uri) continue;
    index.featureName.set(doc.uri, doc.feature.name);
    visit(doc.feature.children);
  }
  return index;
}

/**
 * features/rfc/filter.feature → "filter"; features/okta/x.feature → "okta"; features/interop/okta.feature → "okta";
 * a feature file outside features/ is named after itself.
 */
function areaOf(uri: string): string {
  const parts = uri.replace(/\\/g, '/').split('/');
  const file = parts[parts.length - 1].replace(/\.feature$/, '');
  const featuresAt = parts.lastIndexOf('features');
  const folder = featuresAt >= 0 && parts.length - featuresAt > 2 ? parts[featuresAt + 1] : undefined;
  return folder && folder !== 'rfc' && folder !== 'interop' ? folder : file;
}

const levelOf = (tags: string[]): Level =>
  tags.includes('@must') ? 'must' : tags.includes('@should') ? 'should' : tags.includes('@may') ? 'may' : 'none';

const millis = (t: Timestamp) => t.seconds * 1000 + t.nanos / 1e6;

function decode(attachment: Attachment): unknown {
  const text = String(attachment.contentEncoding) === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
  try {
    return JSON.parse(text);
  } catch {
    return { message: text, reason: text }; // a step attached plain text: keep it readable either way
  }
}

const firstLine = (text: string | undefined) => text?.split('\n').find((l) => l.trim())?.trim();

function failureMessage(result: TestStepResult): string {
  switch (String(result.status)) {
    case 'UNDEFINED': return 'undefined step: no step definition matches it';
    case 'AMBIGUOUS': return 'ambiguous step: several step definitions match it';
    default: return result.exception?.message ?? firstLine(result.message) ?? `step ${String(result.status).toLowerCase()}`;
  }
}

/** Every message of one run, indexed the way ScenarioResult needs it. */
class RunIndex {
  readonly gherkin: GherkinIndex;
  readonly pickles = new Map<string, Pickle>();
  readonly testCases = new Map<string, TestCase>();
  readonly hookNames = new Map<string, string>();
  readonly started: TestCaseStarted[] = [];
  readonly finished = new Map<string, { timestamp: Timestamp; willBeRetried: boolean }>();
  readonly stepResults = new Map<string, TestStepResult>(); // key: testCaseStartedId + testStepId
  readonly attachments = new Map<string, Attachment[]>(); // key: testCaseStartedId

  constructor(envelopes: Envelope[]) {
    const documents: GherkinDocument[] = [];
    for (const e of envelopes) {
      if (e.gherkinDocument) documents.push(e.gherkinDocument);
      if (e.pickle) this.pickles.set(e.pickle.id, e.pickle);
      if (e.testCase) this.testCases.set(e.testCase.id, e.testCase);
      if (e.hook) this.hookNames.set(e.hook.id, e.hook.name ?? '');
      if (e.testCaseStarted) this.started.push(e.testCaseStarted);
      if (e.testCaseFinished) this.finished.set(e.testCaseFinished.testCaseStartedId, e.testCaseFinished);
      if (e.testStepFinished) this.stepResults.set(e.testStepFinished.testCaseStartedId + e.testStepFinished.testStepId, e.testStepFinished.testStepResult);
      if (e.attachment?.testCaseStartedId) {
        const list = this.attachments.get(e.attachment.testCaseStartedId) ?? [];
        list.push(e.attachment);
        this.attachments.set(e.attachment.testCaseStartedId, list);
      }
    }
    this.gherkin = indexGherkin(documents);
  }

  /** The attempt that counts for each test case: the last one, not one cucumber announced it would retry. */
  finalAttempts(): TestCaseStarted[] {
    const last = new Map<string, TestCaseStarted>();
    for (const s of this.started) {
      if (this.finished.get(s.id)?.willBeRetried) continue;
      const previous = last.get(s.testCaseId);
      if (!previous || s.attempt >= previous.attempt) last.set(s.testCaseId, s);
    }
    return [...last.values()];
  }
}

function scenarioOf(run: RunIndex, started: TestCaseStarted): ScenarioResult | undefined {
  const testCase = run.testCases.get(started.testCaseId);
  const pickle = testCase && run.pickles.get(testCase.pickleId);
  if (!testCase || !pickle) return undefined;

  const stepLabel = (step: TestCase['testSteps'][number]): string => {
    if (step.hookId !== undefined) return `hook${run.hookNames.get(step.hookId) ? ` "${run.hookNames.get(step.hookId)}"` : ''}`;
    const pickleStep = pickle.steps.find((s) => s.id === step.pickleStepId);
    const keyword = pickleStep ? run.gherkin.stepKeyword.get(pickleStep.astNodeIds[0]) ?? '' : '';
    return `${keyword}${pickleStep?.text ?? ''}`.trim();
  };
  const attachments = run.attachments.get(started.id) ?? [];
  const payloads = (mediaType: string, stepId?: string) =>
    attachments.filter((a) => a.mediaType === mediaType && (stepId === undefined || a.testStepId === stepId)).map(decode) as Record<string, unknown>[];

  const tags = pickle.tags.map((t) => t.name);
  const results = testCase.testSteps.map((step) => ({ step, result: run.stepResults.get(started.id + step.id) }));
  const finished = run.finished.get(started.id);
  const warnings = payloads(MEDIA_TYPE.warning).map((w) => String(w.message));
  const inputs = results.filter((r) => r.result).map((r) => ({
    status: String(r.result!.status),
    exceptionType: r.result!.exception?.type,
    asserted: payloads(MEDIA_TYPE.assertion, r.step.id).length > 0,
  }));
  const verdict = verdictOf(inputs, warnings.length > 0, finished !== undefined);
  const broken = results.find((r) => r.result && FAILING.has(String(r.result.status)));
  const skipped = results.find((r) => r.result && ['SKIPPED', 'PENDING'].includes(String(r.result.status)));
  const exchanges = () => (payloads(MEDIA_TYPE.exchange) as unknown as Exchange[]).slice(-MAX_EXCHANGES_PER_FAILURE);
  const notes = payloads(MEDIA_TYPE.note).map((n) => String(n.message));
  const conditions = [...new Set([...payloads(MEDIA_TYPE.skip), ...payloads(MEDIA_TYPE.note)].map((p) => p.condition).filter((c): c is string => typeof c === 'string'))];

  let failure: ScenarioFailure | undefined;
  if (broken?.result) {
    const assertion = payloads(MEDIA_TYPE.assertion, broken.step.id).at(-1);
    const message = typeof assertion?.message === 'string' ? assertion.message : failureMessage(broken.result);
    failure = {
      step: stepLabel(broken.step),
      message,
      ...(assertion && 'expected' in assertion ? { expected: assertion.expected } : {}),
      ...(assertion && 'actual' in assertion ? { actual: assertion.actual } : {}),
      exchanges: exchanges(),
    };
  } else if (!finished) {
    const running = results.find((r) => !r.result);
    failure = {
      step: running ? stepLabel(running.step) : '',
      message: 'the scenario did not finish (the run was interrupted)',
      exchanges: exchanges(),
    };
  }
  const skipPayload = payloads(MEDIA_TYPE.skip).at(-1);
  const missingCapability = typeof skipPayload?.capability === 'string' ? skipPayload.capability : undefined;
  const skipReason = verdict !== 'skipped' || !skipped?.result
    ? undefined
    : String(skipPayload?.reason ?? (String(skipped.result.status) === 'PENDING' ? 'pending' : 'step skipped'));

  const stepMillis = results.reduce((sum, r) => sum + (r.result ? r.result.duration.seconds * 1000 + r.result.duration.nanos / 1e6 : 0), 0);
  const line = pickle.location?.line ?? run.gherkin.nodeLine.get(pickle.astNodeIds.at(-1) ?? '') ?? 0;
  return {
    id: `${pickle.uri}:${line}`,
    name: pickle.name,
    feature: run.gherkin.featureName.get(pickle.uri) ?? pickle.uri,
    area: areaOf(pickle.uri),
    uri: pickle.uri,
    line,
    verdict,
    level: levelOf(tags),
    requirements: tags.map((t) => REQUIREMENT_TAG.exec(t)?.[1]).filter((id): id is string => id !== undefined),
    idps: IDPS.filter((idp) => tags.includes(`@${idp}`)),
    tags,
    durationMs: Math.round(finished ? millis(finished.timestamp) - millis(started.timestamp) : stepMillis),
    ...(skipReason !== undefined ? { skipReason } : {}),
    ...(skipReason !== undefined && missingCapability ? { missingCapability } : {}),
    warnings,
    ...(notes.length ? { notes } : {}),
    ...(conditions.length ? { conditions } : {}),
    ...(failure ? { failure } : {}),
  };
}

/** One result per executed scenario, in execution order; ids made unique when two pickles share a line. */
export function scenarioResults(envelopes: Envelope[]): ScenarioResult[] {
  const run = new RunIndex(envelopes);
  const results = run.finalAttempts().map((s) => scenarioOf(run, s)).filter((r): r is ScenarioResult => r !== undefined);
  const seen = new Map<string, number>();
  for (const r of results) {
    const n = (seen.get(r.id) ?? 0) + 1;
    seen.set(r.id, n);
    if (n > 1) r.id = `${r.id}#${n}`;
  }
  return results;
}
