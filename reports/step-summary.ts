/**
 * The Markdown summary for a CI page (GitHub Actions' GITHUB_STEP_SUMMARY): verdict per profile, counts, the
 * failures with their requirement and one-line reason, and where the HTML report is. No links: the report is an
 * artifact, so its path is given as text.
 */
import { PROFILES } from './profiles.ts';
import type { ProfileName, ProfileResult, RunReport, ScenarioResult } from './types.ts';

/** Table cells: one line, pipes escaped, bounded. */
function cell(text: string, max = 200): string {
  const line = text.split('\n').find((l) => l.trim())?.trim() ?? '';
  const bounded = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return bounded.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

const VERDICT = { pass: '✅ pass', fail: '❌ fail', partial: '◐ partial', 'not-run': '➖ not run' } as const;

/**
 * Renders the summary. `htmlPath` is shown as written (relative to the job's working directory when possible).
 * Lists at most `maxRows` failures (and as many known ones), then says how many more there are.
 */
export function stepSummaryMarkdown(report: RunReport, htmlPath: string, maxRows = 50): string {
  const s = report.summary;
  const out: string[] = [`## SCIM conformance: ${cell(report.meta.target)} (profile ${cell(report.meta.profile)})`, ''];
  out.push('| profile | verdict | passed | failed | skipped | harness errors | known |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, p] of Object.entries(report.profiles) as [ProfileName, ProfileResult][]) {
    out.push(`| ${PROFILES[name].label} | ${VERDICT[p.verdict]}${p.why ? ` (${p.why.split(/[;:(]/)[0].trim()})` : ''} | ${p.passed} | ${p.failed} | ${p.skipped} | ${p.errors} | ${p.known ?? 0} |`);
  }
  out.push('', `**${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped**${s.warnings ? `, ${s.warnings} warnings` : ''}${s.errors ? `, ${s.errors} harness errors (not the server's failures)` : ''}${s.known ? `, ${s.known} known` : ''} (${s.total} scenarios; failed by level: ${s.mustFailed} MUST, ${s.shouldFailed} SHOULD, ${s.mayFailed} MAY)`);
  const b = report.gate?.baseline;
  if (b) out.push('', `Against the baseline: **${b.newFailures} new failures, ${b.fixed} fixed**${b.unmatched.length ? `; ${b.unmatched.length} baseline scenario(s) could not be matched` : ''}.`);
  if (report.gate?.reasons.length) out.push('', ...report.gate.reasons.map((r) => `- ${cell(r, 300)}`));

  const rows = (list: ScenarioResult[], reason: (s: ScenarioResult) => string) => {
    const shown = list.slice(0, maxRows).map((x) => `| ${x.level.toUpperCase()} | ${cell(x.requirements.join(' ') || '—')} | ${cell(x.name)} | ${cell(reason(x))} |`);
    return list.length > maxRows ? [...shown, `| | | … ${list.length - maxRows} more in the report | |`] : shown;
  };
  const failed = report.scenarios.filter((x) => x.verdict === 'failed');
  if (failed.length) {
    out.push('', `### Failures (${failed.length})`, '', '| level | requirement | scenario | reason |', '| --- | --- | --- | --- |');
    out.push(...rows(failed, (x) => `${x.change === 'new-failure' ? 'NEW: ' : ''}${x.failure?.message ?? ''}`));
  }
  const known = report.scenarios.filter((x) => x.verdict === 'known');
  if (known.length) {
    out.push('', `### Known failures (${known.length})`, '', '| level | requirement | scenario | reason accepted |', '| --- | --- | --- | --- |');
    out.push(...rows(known, (x) => `${x.known?.reason ?? ''}${x.known?.until ? ` (until ${x.known.until})` : ''}`));
  }
  out.push('', `Full report: \`${htmlPath}\` (in the uploaded reports artifact)`, '');
  return out.join('\n');
}
