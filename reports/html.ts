/**
 * report.html: one self-contained page (inline CSS and JS, no network). Every string that may come from the target
 * or the run goes through `escapeHtml`; a Content-Security-Policy that only admits the page's own script (by hash)
 * backs that up, so a hostile `<script>` in a response body is shown as text and never runs.
 */
import { createHash } from 'node:crypto';
import { requestLine, requestText, responseText, valueText } from './exchange-text.ts';
import { PROFILES } from './profiles.ts';
import { failingExchange, fixHint } from './hints.ts';
import { bundledRequirements, isCoverageRequired, type Requirement } from './requirements.ts';
import type { CoverageEntry, Exchange, ProfileName, ProfileResult, RunReport, ScenarioResult, Verdict } from './types.ts';

function escapeHtml(text: unknown): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
const esc = escapeHtml;

const VERDICT_LABEL: Record<Verdict, string> = { passed: '✓ PASS', failed: '✗ FAIL', warning: '! WARN', error: '⚠ HARNESS ERROR', skipped: '– SKIP', known: '≈ KNOWN' };
const CHANGE_LABEL = { 'new-failure': 'NEW FAILURE', fixed: 'FIXED', unchanged: '' } as const;
const PROFILE_LABEL: Record<ProfileResult['verdict'], string> = { pass: '✓ PASS', fail: '✗ FAIL', partial: '◐ PARTIAL', 'not-run': '– NOT RUN' };

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1f2328; background: #fff; line-height: 1.4; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; }
h1 { margin: .2rem 0 .5rem; font-size: 1.6rem; } h2 { margin-top: 2rem; font-size: 1.25rem; border-bottom: 1px solid #d0d7de; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; word-break: break-all; }
.cards { display: flex; flex-wrap: wrap; gap: .75rem; }
.card { border: 2px solid; border-radius: 8px; padding: .6rem 1rem; min-width: 11rem; }
.card h3 { margin: 0; font-size: 1rem; } .card .verdict { font-size: 1.4rem; font-weight: 700; margin: .2rem 0; } .card p { margin: 0; }
.pass, .passed { background: #dafbe1; color: #0f5323; border-color: #1a7f37; }
.fail, .failed { background: #ffebe9; color: #86061d; border-color: #cf222e; }
.warning { background: #fff8c5; color: #6c4400; border-color: #9a6700; }
.skipped, .not-run { background: #eaeef2; color: #32383f; border-color: #6e7781; }
.error, .partial { background: #fbefff; color: #512a97; border-color: #8250df; }
.known { background: #ddf4ff; color: #0a3069; border-color: #0969da; }
.new-failure { background: #cf222e; color: #fff; border-color: #cf222e; } .fixed { background: #1a7f37; color: #fff; border-color: #1a7f37; }
.requirement { border-left: 4px solid #cf222e; padding: .1rem 0 .1rem .8rem; margin: 1rem 0; }
.requirement h3 { margin: .2rem 0; font-size: 1.05rem; } .requirement .text { margin: .2rem 0 .4rem; }
.failed-scenario { margin: .4rem 0 .8rem; } .hint { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .3rem .6rem; margin: .3rem 0; }
.badge { display: inline-block; border: 1px solid; border-radius: 4px; padding: 0 .35rem; font-weight: 700; font-size: .85rem; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; } td.zero { color: #6e7781; }
.summary { font-size: 1.1rem; }
.filters { margin: .5rem 0; display: flex; gap: .5rem; }
.filters button { font: inherit; padding: .3rem .8rem; border: 1px solid #6e7781; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
.filters button[aria-pressed="true"] { background: #0969da; color: #fff; border-color: #0969da; }
body[data-filter="failed"] tbody.scenario:not([data-verdict="failed"]),
body[data-filter="warning"] tbody.scenario:not([data-verdict="warning"]),
body[data-filter="skipped"] tbody.scenario:not([data-verdict="skipped"]),
body[data-filter="error"] tbody.scenario:not([data-verdict="error"]),
body[data-filter="known"] tbody.scenario:not([data-verdict="known"]) { display: none; }
.where { color: #57606a; font-size: .85rem; } .note { color: #57606a; }
details { margin: .3rem 0; } summary { cursor: pointer; font-weight: 600; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; padding: .5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: .2rem 0 .6rem; }
.exchange h4, .failure h4 { margin: .5rem 0 0; font-size: .9rem; }
`;

/** Filter buttons: a data attribute on <body> that the CSS above reads. */
const SCRIPT = `
for (const button of document.querySelectorAll('[data-filter-button]')) {
  button.addEventListener('click', () => {
    document.body.dataset.filter = button.dataset.filterButton;
    for (const b of document.querySelectorAll('[data-filter-button]')) b.setAttribute('aria-pressed', String(b === button));
  });
}
`;
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

function header(report: RunReport): string {
  const m = report.meta;
  const rows: [string, unknown][] = [
    ['Target', m.target], ['Profile', m.profile], ['Strict', m.strict ? 'yes (SHOULD failures fail the run)' : 'no'],
    ['Started', m.startedAt], ['Finished', m.finishedAt], ['Tool version', m.toolVersion],
    ...(m.seed !== undefined ? [['Seed', m.seed] as [string, unknown]] : []),
  ];
  return `<header><h1>SCIM conformance report</h1><dl class="meta">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl></header>`;
}

function verdictCards(report: RunReport): string {
  const rfcFailed = report.profiles.rfc?.verdict === 'fail';
  const cards = (Object.entries(report.profiles) as [ProfileName, ProfileResult][]).map(([name, p]) => `
    <div class="card ${p.verdict}" data-profile="${esc(name)}">
      <h3>${esc(PROFILES[name].label)}</h3>
      <p class="verdict">${PROFILE_LABEL[p.verdict]}${p.condition ? ` ${esc(p.condition)}` : ''}</p>
      <p>${p.passed} passed · ${p.failed} failed · ${p.skipped} skipped${p.conditional ? ` · ${p.conditional} ${esc(p.condition ?? 'conditional')}` : ''}${p.errors ? ` · ${p.errors} harness error${p.errors === 1 ? '' : 's'}` : ''}${p.known ? ` · ${p.known} known` : ''}</p>
      ${p.verdict === 'fail' && p.failed === 0 && PROFILES[name].needsRfc && rfcFailed ? '<p>because strict RFC MUSTs failed</p>' : ''}
      ${p.verdict === 'partial' ? `<p class="why">${esc(partialReason(report, name, p))}</p>` : ''}
      ${p.why ? `<p class="why">${esc(p.why)}</p>` : ''}
      ${p.mostlySkipped && p.verdict !== 'not-run' ? '<p class="why">rests mostly on skips: more members were skipped than judged</p>' : ''}
    </div>`);
  return `<section aria-labelledby="h-verdicts"><h2 id="h-verdicts">Verdicts</h2>
    <p class="note">Each verdict counts the @must scenarios of that profile; an IdP is ready only when the strict RFC MUSTs pass too.</p>
    <div class="cards">${cards.join('')}</div></section>`;
}

/** Why a card is partial rather than a pass: the first reason that applies. */
function partialReason(report: RunReport, name: ProfileName, p: ProfileResult): string {
  if (p.errors) return 'not all members were judged: harness errors';
  if (report.meta.interrupted) return 'the run was interrupted before every scenario ran';
  if (report.meta.tags) return `only the scenarios matching --tags ${report.meta.tags} ran`;
  if (name !== 'rfc' && report.profiles.rfc?.errors) return 'the strict RFC MUSTs it needs were not all judged';
  return `the run's profile "${report.meta.profile}" does not include all of this profile's scenarios`;
}

function summary(report: RunReport): string {
  const s = report.summary;
  return `<section aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>
    <p class="summary" id="summary-line">${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.warnings} passed with warnings, ${s.errors} harness errors${s.known ? `, ${s.known} known failures` : ''} (${s.total} scenarios)</p>
    <p>Failed by level: ${s.mustFailed} MUST, ${s.shouldFailed} SHOULD, ${s.mayFailed} MAY (informational).</p>
    ${s.errors ? `<p class="error" id="harness-errors">${s.errors} scenario(s) could not be judged because of a harness error (a timeout, a step that crashed, an interrupted run): these are the harness's problem, not failures of the server.</p>` : ''}</section>`;
}

const VERDICT_TITLE: Record<Verdict, string> = { passed: 'Passed', warning: 'Warnings', failed: 'Failed', error: 'Harness errors', skipped: 'Skipped', known: 'Known' };

function areaMatrix(report: RunReport): string {
  const VERDICTS: Verdict[] = ['passed', 'warning', 'failed', 'error', 'skipped', ...(report.summary.known ? ['known' as const] : [])];
  const areas = [...new Set(report.scenarios.map((s) => s.area))].sort();
  const rows = areas.map((area) => {
    const inArea = report.scenarios.filter((s) => s.area === area);
    const cells = VERDICTS.map((v) => {
      const n = inArea.filter((s) => s.verdict === v).length;
      return `<td class="num ${n ? v : 'zero'}">${n}</td>`;
    });
    return `<tr><th scope="row">${esc(area)}</th>${cells.join('')}<td class="num">${inArea.length}</td></tr>`;
  });
  return `<section aria-labelledby="h-matrix"><h2 id="h-matrix">Areas</h2>
    <table id="matrix"><thead><tr><th scope="col">Area</th>${VERDICTS.map((v) => `<th scope="col">${VERDICT_TITLE[v]}</th>`).join('')}<th scope="col">Total</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table></section>`;
}

function failureDetails(s: ScenarioResult): string {
  const f = s.failure!;
  const valueBlock = (title: string, key: 'expected' | 'actual') =>
    key in f ? `<h4>${title}</h4><pre class="${key}">${esc(valueText(f[key]))}</pre>` : '';
  const exchanges = f.exchanges.map((x, i) => `
    <details class="exchange"><summary>Exchange ${i + 1}: <code>${esc(requestLine(x))}</code> → ${esc(x.response ? x.response.status : 'no response')}</summary>
      <h4>Request</h4><pre class="request">${esc(requestText(x))}</pre>
      <h4>Response</h4><pre class="response">${esc(responseText(x))}</pre>
    </details>`);
  const title = s.verdict === 'error' ? "Harness error details (the harness's problem, not the server's failure)" : 'Failure details';
  return `<details class="failure"><summary>${title}</summary>
    <h4>Step</h4><pre class="step">${esc(f.step)}</pre>
    <h4>Message</h4><pre class="message">${esc(f.message)}</pre>
    ${valueBlock('Expected', 'expected')}${valueBlock('Actual', 'actual')}
    ${exchanges.length ? `<h4>HTTP exchanges (${exchanges.length})</h4>${exchanges.join('')}` : '<p class="note">No HTTP exchange was recorded.</p>'}
  </details>`;
}

function scenarioBody(s: ScenarioResult): string {
  const notes = [
    s.failure ? `<p>${s.verdict === 'error' ? 'Harness error (not the server&#39;s failure): ' : ''}${esc(s.failure.message)}</p>${failureDetails(s)}` : '',
    s.known ? `<p>Known failure (${esc(s.known.id)}${s.known.until ? `, accepted until ${esc(s.known.until)}` : ''}${s.known.expired ? ', <strong>expired</strong>' : ''}): ${esc(s.known.reason)}</p>` : '',
    s.skipReason !== undefined ? `<p>Skipped: ${esc(s.skipReason)}</p>` : '',
    ...s.warnings.map((w) => `<p>Warning: ${esc(w)}</p>`),
    ...(s.notes ?? []).map((n) => `<p>Note: ${esc(n)}</p>`),
  ].join('');
  return `<tbody class="scenario" data-verdict="${esc(s.verdict)}" data-id="${esc(s.id)}"><tr>
    <td><span class="badge ${esc(s.verdict)}">${VERDICT_LABEL[s.verdict]}</span>${s.change && s.change !== 'unchanged' ? ` <span class="badge ${s.change}" data-change="${s.change}">${CHANGE_LABEL[s.change]}</span>` : ''}</td>
    <td>${esc(s.area)}</td>
    <td><strong>${esc(s.name)}</strong><div class="where">${esc(s.uri)}:${s.line}</div>${notes}</td>
    <td>${esc(s.level === 'none' ? '—' : s.level.toUpperCase())}</td>
    <td>${esc(s.requirements.join(' '))}</td>
    <td>${esc(s.idps.join(' '))}</td>
    <td class="num">${s.durationMs} ms</td>
  </tr></tbody>`;
}

function scenarios(report: RunReport): string {
  const button = (filter: string, label: string, pressed: boolean) =>
    `<button type="button" data-filter-button="${filter}" aria-pressed="${pressed}">${label}</button>`;
  return `<section aria-labelledby="h-scenarios"><h2 id="h-scenarios">Scenarios</h2>
    <div class="filters" role="group" aria-label="Show scenarios">
      ${button('all', 'All', true)}${button('failed', `Failed (${report.summary.failed})`, false)}${button('warning', `Warnings (${report.summary.warnings})`, false)}${button('error', `Harness errors (${report.summary.errors})`, false)}${button('skipped', `Skipped (${report.summary.skipped})`, false)}${report.summary.known ? button('known', `Known (${report.summary.known})`, false) : ''}
    </div>
    <table id="scenarios"><thead><tr><th scope="col">Verdict</th><th scope="col">Area</th><th scope="col">Scenario</th><th scope="col">Level</th><th scope="col">Requirements</th><th scope="col">IdPs</th><th scope="col">Time</th></tr></thead>
    ${report.scenarios.map(scenarioBody).join('')}</table></section>`;
}

function coverage(report: RunReport): string {
  const uncovered = new Set(report.uncovered);
  const row = (c: CoverageEntry) => {
    const state = c.failed ? 'failed' : c.known ? 'known' : c.scenarios === 0 ? (uncovered.has(c.requirementId) ? 'warning' : '') : c.passed ? 'passed' : c.errors ? 'error' : 'skipped';
    const note = c.scenarios === 0 ? (uncovered.has(c.requirementId) ? 'not covered' : '') : c.level === 'unknown' ? 'not in the catalogue' : '';
    return `<tr><td class="${state}">${esc(c.requirementId)}</td><td>${esc(c.level)}</td><td class="num">${c.scenarios}</td><td class="num">${c.passed}</td><td class="num">${c.failed}</td><td class="num">${c.known}</td><td class="num">${c.skipped}</td><td class="num">${c.errors}</td><td>${esc(note)}</td></tr>`;
  };
  const table = (id: string, entries: CoverageEntry[]) => `<table id="${id}"><thead><tr><th scope="col">Requirement</th><th scope="col">Level</th><th scope="col">Scenarios</th><th scope="col">Passed</th><th scope="col">Failed</th><th scope="col">Known</th><th scope="col">Skipped</th><th scope="col">Errors</th><th scope="col">Note</th></tr></thead>
    <tbody>${entries.map(row).join('')}</tbody></table>`;
  const requiredEntries = report.coverage.filter((c) => isCoverageRequired(c.level));
  const exercised = report.coverage.filter((c) => c.exercised);
  // Tagged only: its scenarios ran but none reached a pass or a failure (all skipped, or harness errors).
  const taggedOnly = report.coverage.filter((c) => c.scenarios > 0 && !c.exercised);
  // Requirements without a scenario are folded away: a partial run would otherwise bury the ones it did check.
  const unexercised = report.coverage.filter((c) => c.scenarios === 0);
  const requiredExercised = requiredEntries.filter((c) => c.exercised).length;
  const requiredTagged = requiredEntries.filter((c) => c.scenarios > 0 && !c.exercised).length;
  return `<section aria-labelledby="h-coverage"><h2 id="h-coverage">Requirement coverage</h2>
    <p id="coverage-line">${requiredExercised} of ${requiredEntries.length} MUST/SHOULD requirements were <strong>exercised</strong> (a scenario ran and passed or failed); ${requiredTagged} more were only <strong>tagged</strong> (their scenarios were all skipped or ended in a harness error); ${report.uncovered.length} have no scenario in this run.</p>
    <h3>Exercised (${exercised.length})</h3>
    ${table('coverage', exercised)}
    ${taggedOnly.length ? `<h3>Tagged only: skipped or not judged (${taggedOnly.length})</h3>${table('tagged', taggedOnly)}` : ''}
    ${unexercised.length ? `<details><summary>Requirements without a scenario in this run (${unexercised.length}; ${report.uncovered.length} of them MUST/SHOULD)</summary>${table('unexercised', unexercised)}</details>` : ''}
  </section>`;
}

function catalogueTexts(): Map<string, Requirement> {
  try {
    return new Map(bundledRequirements().map((r) => [r.id, r]));
  } catch {
    return new Map(); // no catalogue: the failures are still listed, without the requirement's text
  }
}

function exchangeBlock(x: Exchange, open: boolean, title: string): string {
  return `<details class="exchange"${open ? ' open' : ''}><summary>${esc(title)}: <code>${esc(requestLine(x))}</code> → ${esc(x.response ? x.response.status : 'no response')}</summary>
      <h4>Request</h4><pre class="request">${esc(requestText(x))}</pre>
      <h4>Response</h4><pre class="response">${esc(responseText(x))}</pre>
    </details>`;
}

function failedScenario(s: ScenarioResult): string {
  const failing = failingExchange(s);
  const setup = (s.failure?.exchanges ?? []).slice(0, -1);
  const hint = fixHint(s);
  return `<div class="failed-scenario" data-id="${esc(s.id)}">
    <p><span class="badge failed">${esc(s.level.toUpperCase())}</span>${s.change === 'new-failure' ? ' <span class="badge new-failure">NEW FAILURE</span>' : ''} <strong>${esc(s.name)}</strong> <span class="where">${esc(s.uri)}:${s.line}</span></p>
    <p class="reason">${esc(s.failure?.message.split('\n')[0] ?? '')}</p>
    ${hint ? `<p class="hint">Fix hint: ${esc(hint)}</p>` : ''}
    ${failing ? exchangeBlock(failing, true, 'Failing exchange') : '<p class="note">No HTTP exchange was recorded.</p>'}
    ${setup.length ? `<details class="setup"><summary>Setup exchanges before it (${setup.length})</summary>${setup.map((x, i) => exchangeBlock(x, false, `Exchange ${i + 1}`)).join('')}</details>` : ''}
  </div>`;
}

/** The page opens on this: the failures that count, grouped by requirement, with its text and clause. */
function whatFailed(report: RunReport): string {
  const failed = report.scenarios.filter((s) => s.verdict === 'failed');
  const known = report.scenarios.filter((s) => s.verdict === 'known');
  if (!failed.length && !known.length) return `<section aria-labelledby="h-failed"><h2 id="h-failed">What failed</h2><p id="nothing-failed">Nothing failed.</p></section>`;
  const texts = catalogueTexts();
  const groups = new Map<string, ScenarioResult[]>();
  for (const s of failed) {
    const key = s.requirements[0] ?? '(no requirement ID)';
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const rank = (list: ScenarioResult[]) => Math.min(...list.map((s) => ['must', 'none', 'should', 'may'].indexOf(s.level)));
  const sections = [...groups.entries()].sort((a, b) => rank(a[1]) - rank(b[1]) || a[0].localeCompare(b[0])).map(([id, list]) => {
    const r = texts.get(id);
    return `<div class="requirement" data-requirement="${esc(id)}"><h3>${esc(id)}${r ? ` · ${esc(r.level)}${r.section ? ` · ${/^\d{4} /.test(r.section) ? 'RFC ' : ''}${esc(r.section)}` : ''}` : ''}</h3>
      ${r ? `<p class="text">${esc(r.text)}</p>` : ''}${list.map(failedScenario).join('')}</div>`;
  });
  const knownList = known.length
    ? `<details id="known-failures"><summary>Known failures (${known.length}): accepted, they do not fail the run</summary><ul>${known.map((s) => `<li><strong>${esc(s.name)}</strong> <span class="where">${esc(s.uri)}:${s.line}</span> ${esc(s.requirements.join(' '))}: ${esc(s.known?.reason ?? '')}${s.known?.until ? ` (until ${esc(s.known.until)})` : ''}</li>`).join('')}</ul></details>`
    : '';
  return `<section aria-labelledby="h-failed"><h2 id="h-failed">What failed (${failed.length})</h2>${sections.join('')}${knownList}</section>`;
}

/** The CI gate: known-failures entries and the comparison with the baseline. */
function gate(report: RunReport): string {
  const g = report.gate;
  if (!g) return '';
  const parts: string[] = [];
  if (g.baseline) {
    const b = g.baseline;
    parts.push(`<p id="baseline-line">Against the baseline ${esc(b.path)}${b.toolVersion ? ` (tool ${esc(b.toolVersion)})` : ''}: <strong>${b.newFailures} new failures, ${b.fixed} fixed</strong>, ${b.unchanged} unchanged.</p>`);
    if (b.unmatched.length) parts.push(`<details id="baseline-unmatched"><summary>${b.unmatched.length} baseline scenario(s) could not be matched (removed, renamed, retagged or not selected)</summary><ul>${b.unmatched.map((u) => `<li>${esc(u)}</li>`).join('')}</ul></details>`);
    if (b.notInBaseline.length) parts.push(`<details id="baseline-new"><summary>${b.notInBaseline.length} scenario(s) of this run are not in the baseline</summary><ul>${b.notInBaseline.map((u) => `<li>${esc(u)}</li>`).join('')}</ul></details>`);
  }
  if (g.knownFailures) {
    const rows = g.knownFailures.entries.map((e) => `<tr data-entry="${esc(e.id)}"><td>${esc(e.id)}</td><td>${esc(e.status)}</td><td>${esc(e.until ?? '')}</td><td>${esc(e.reason)}</td></tr>`);
    parts.push(`<p>Known failures from ${esc(g.knownFailures.path)}:</p><table id="known-entries"><thead><tr><th scope="col">Entry</th><th scope="col">Status</th><th scope="col">Until</th><th scope="col">Reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
  }
  parts.push(g.reasons.length ? `<ul id="gate-reasons">${g.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : '<p id="gate-reasons">The gate passed.</p>');
  return `<section aria-labelledby="h-gate"><h2 id="h-gate">CI gate (fail on ${esc(g.failOn)})</h2>${parts.join('')}</section>`;
}

export function reportHtml(report: RunReport): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SCIM conformance report: ${esc(report.meta.target)}</title>
<style>${STYLE}</style></head>
<body data-filter="all">
${header(report)}
<main>${whatFailed(report)}${gate(report)}${verdictCards(report)}${summary(report)}${areaMatrix(report)}${scenarios(report)}${coverage(report)}</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
