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

function testcase(s: ScenarioResult): string {
  const ids = s.requirements.length ? ` [${s.requirements.join(' ')}]` : '';
  const open = `    <testcase classname="${escapeXml(s.area)}" name="${escapeXml(s.name + ids)}" file="${escapeXml(s.uri)}" line="${s.line}" time="${seconds(s.durationMs)}"`;
  const children: string[] = [];
  if (s.verdict === 'failed') {
    children.push(`      <failure message="${escapeXml(s.failure!.message)}" type="${s.level}">${escapeXml(failureBody(s))}</failure>`);
  }
  if (s.verdict === 'skipped') children.push(`      <skipped message="${escapeXml(s.skipReason ?? '')}"/>`);
  if (s.warnings.length) children.push(`      <system-out>${escapeXml(s.warnings.map((w) => `warning: ${w}`).join('\n'))}</system-out>`);
  return children.length ? `${open}>\n${children.join('\n')}\n    </testcase>` : `${open}/>`;
}

export function junitXml(report: RunReport): string {
  const byFeature = new Map<string, ScenarioResult[]>();
  for (const s of report.scenarios) byFeature.set(s.uri, [...(byFeature.get(s.uri) ?? []), s]);
  const count = (list: ScenarioResult[], verdict: string) => list.filter((s) => s.verdict === verdict).length;
  const time = (list: ScenarioResult[]) => seconds(list.reduce((sum, s) => sum + s.durationMs, 0));
  const suites = [...byFeature.values()].map((list) =>
    [
      `  <testsuite name="${escapeXml(list[0].feature)}" file="${escapeXml(list[0].uri)}" tests="${list.length}" failures="${count(list, 'failed')}" errors="0" skipped="${count(list, 'skipped')}" time="${time(list)}">`,
      ...list.map(testcase),
      '  </testsuite>',
    ].join('\n'),
  );
  const all = report.scenarios;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="scim-harness ${escapeXml(report.meta.profile)}" tests="${all.length}" failures="${count(all, 'failed')}" errors="0" skipped="${count(all, 'skipped')}" time="${time(all)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
