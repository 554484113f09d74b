/** junit.xml: one <testsuite> per feature, one <testcase> per scenario. */
import { exchangeText, valueText } from './exchange-text.ts';
import type { RunReport, ScenarioResult } from './types.ts';

/** Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content and double- or single-quoted attributes alike. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function failureBody(s: ScenarioResult): string {
  const f = s.failure!;
  const parts = [`Step: ${f.step}`, f.message];
  if ('expected' in f) parts.push(`Expected: ${valueText(f.expected)}`);
  if ('actual' in f) parts.push(`Actual: ${valueText(f.actual)}`);
  for (const x of f.exchanges) parts.push('---', exchangeText(x));
  return parts.join('\n');
}

/**
 * Whether a failed scenario fails the run (the exit code's rule, runner/outcomes.ts): @must or untagged, or
 * @should under --strict. Only those are JUnit `<failure>`s, so a CI reading junit.xml goes red exactly when the
 * run does; a @should/@may failure that does not fail the run is named in `<system-out>` instead.
 */
export function failsRun(s: ScenarioResult, strict: boolean): boolean {
  return s.verdict === 'failed' && (s.level === 'must' || s.level === 'none' || (strict && s.level === 'should'));
}

/**
 * Testcase names: scenario name + requirement IDs, the same from run to run (CI tools track a test's history by
 * classname + name, so no line number and no run data). Scenarios sharing both (the rows of an outline) get
 * " #2", " #3"… in file order, so every identity is unique.
 */
function testcaseNames(scenarios: ScenarioResult[]): Map<ScenarioResult, string> {
  const base = (s: ScenarioResult) => s.name + (s.requirements.length ? ` [${s.requirements.join(' ')}]` : '');
  const names = new Map<ScenarioResult, string>();
  const seen = new Map<string, number>();
  const inFileOrder = [...scenarios].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line));
  for (const s of inFileOrder) {
    const key = `${s.area}\n${base(s)}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    names.set(s, n === 1 ? base(s) : `${base(s)} #${n}`);
  }
  return names;
}

function testcase(s: ScenarioResult, name: string, strict: boolean): string {
  const open = `    <testcase classname="${escapeXml(s.area)}" name="${escapeXml(name)}" file="${escapeXml(s.uri)}" line="${s.line}" time="${seconds(s.durationMs)}"`;
  const children: string[] = [];
  const out: string[] = s.warnings.map((w) => `warning: ${w}`);
  if (failsRun(s, strict)) {
    children.push(`      <failure message="${escapeXml(s.failure!.message)}" type="${s.level}">${escapeXml(failureBody(s))}</failure>`);
  } else if (s.verdict === 'failed') {
    out.unshift(`failed (${s.level.toUpperCase()}, does not fail the run${s.level === 'should' ? ' without --strict' : ''}):\n${failureBody(s)}`);
  }
  if (s.verdict === 'error') {
    children.push(`      <error message="${escapeXml(`harness error (not the server's failure): ${s.failure?.message ?? ''}`)}" type="harness">${escapeXml(s.failure ? failureBody(s) : '')}</error>`);
  }
  if (s.verdict === 'skipped') children.push(`      <skipped message="${escapeXml(s.skipReason ?? '')}"/>`);
  out.push(...(s.notes ?? []).map((n) => `note: ${n}`));
  // An accepted failure must not turn CI red; it shows as skipped with its reason and keeps its details.
  if (s.verdict === 'known') children.push(`      <skipped message="${escapeXml(`known failure (${s.known?.id ?? ''}): ${s.known?.reason ?? ''}`)}">${escapeXml(failureBody(s))}</skipped>`);
  if (out.length) children.push(`      <system-out>${escapeXml(out.join('\n'))}</system-out>`);
  return children.length ? `${open}>\n${children.join('\n')}\n    </testcase>` : `${open}/>`;
}

export function junitXml(report: RunReport): string {
  const byFeature = new Map<string, ScenarioResult[]>();
  for (const s of report.scenarios) byFeature.set(s.uri, [...(byFeature.get(s.uri) ?? []), s]);
  const strict = report.meta.strict;
  const count = (list: ScenarioResult[], verdict: string) => list.filter((s) => s.verdict === verdict || (verdict === 'skipped' && s.verdict === 'known')).length;
  const names = testcaseNames(report.scenarios);
  const failures = (list: ScenarioResult[]) => list.filter((s) => failsRun(s, strict)).length;
  const counts = (list: ScenarioResult[]) =>
    `tests="${list.length}" failures="${failures(list)}" errors="${count(list, 'error')}" skipped="${count(list, 'skipped')}" time="${time(list)}"`;
  const time = (list: ScenarioResult[]) => seconds(list.reduce((sum, s) => sum + s.durationMs, 0));
  const suites = [...byFeature.values()].map((list) =>
    [
      `  <testsuite name="${escapeXml(list[0].feature)}" file="${escapeXml(list[0].uri)}" ${counts(list)}>`,
      ...list.map((s) => testcase(s, names.get(s)!, strict)),
      '  </testsuite>',
    ].join('\n'),
  );
  const all = report.scenarios;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="scim-harness ${escapeXml(report.meta.profile)}" ${counts(all)}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
