import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildReport, readEnvelopes, writeReports, type RunReport } from '../../reports/index.ts';
import { escapeXml } from '../../reports/junit.ts';
import { fixtureMessages } from './fixtures/generate.ts';

let xml: string;
let report: RunReport;

before(async () => {
  report = buildReport(readEnvelopes(await fixtureMessages()), {
    target: 'http://127.0.0.1:9/scim/v2', profile: 'rfc & <all>', strict: false, startedAt: '', finishedAt: '', toolVersion: '0.1.0',
  });
  const dir = mkdtempSync(join(tmpdir(), 'shx-junit-'));
  try {
    xml = readFileSync(writeReports(report, dir).junit, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('junit.xml is well-formed XML', () => {
  assert.equal(XMLValidator.validate(xml), true);
});

test('one testsuite per feature, one testcase per scenario, failures and skips marked', () => {
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
  const root = parsed.testsuites;
  assert.equal(root.tests, '7');
  // Only the @must failure fails this non-strict run: the @should failure is named in system-out, not a <failure>;
  // the undefined step is a harness <error>.
  assert.equal(root.failures, '1');
  assert.equal(root.errors, '1');
  assert.equal(root.name, 'scim-harness rfc & <all>');
  assert.deepEqual(root.testsuite.map((s: { name: string }) => s.name).sort(), ['Filtering', 'Okta import', 'Replacing resources with PUT']);
  const cases = root.testsuite.flatMap((s: { testcase: unknown[] }) => s.testcase) as Record<string, any>[];
  assert.equal(cases.length, 7);
  const failed = cases.find((c) => c.name === 'userName equality is case-insensitive [P-FILTER-07]')!;
  assert.equal(failed.classname, 'filter');
  assert.equal(failed.failure.message, 'expected 1 resource with userName "bjensen", got 0');
  assert.match(failed.failure['#text'], /GET http:\/\/127\.0\.0\.1:9\/scim\/v2\/Users/);
  assert.match(failed.failure['#text'], /<script>window.__pwned = true<\/script>/, 'the hostile body survives as text');
  const skipped = cases.find((c) => c.name.startsWith('sortBy orders the results'))!;
  assert.equal(skipped.skipped.message, 'sort.supported is false in /ServiceProviderConfig');
  const should = cases.find((c) => c.name.startsWith('responses are labelled'))!;
  assert.equal(should.failure, undefined);
  assert.match(should['system-out'], /^failed \(SHOULD, does not fail the run without --strict\)/);
  const undefinedStep = cases.find((c) => c.name.startsWith('binary values round-trip'))!;
  assert.match(undefinedStep.error.message, /^harness error \(not the server's failure\): undefined step/);
  const warned = cases.find((c) => c.name.startsWith('PUT that duplicates'))!;
  assert.match(warned['system-out'], /^warning: PUT uniqueness/);
});

test('escapeXml handles markup, quotes and characters XML cannot carry', () => {
  assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  assert.equal(escapeXml('bell\u0007 lone\uD800 pair\uD83D\uDE00'), 'bell\uFFFD lone\uFFFD pair\uD83D\uDE00');
  assert.equal(XMLValidator.validate(`<a b="${escapeXml('\u0000"<>')}">${escapeXml(']]>\u001F')}</a>`), true);
});

test('testcase identities are unique and stable: outline rows sharing a name get #2, #3 in file order', async () => {
  const { junitXml } = await import('../../reports/junit.ts');
  const base = report.scenarios.find((s) => s.verdict === 'passed')!;
  const row = (line: number) => ({ ...base, id: `${base.uri}:${line}`, line });
  const twice = { ...report, scenarios: [row(30), row(20), row(25)] };
  const names = [...junitXml(twice).matchAll(/<testcase [^>]*name="([^"]*)"[^>]*line="(\d+)"/g)].map((m) => `${m[2]} ${m[1]}`);
  const label = base.name + (base.requirements.length ? ` [${base.requirements.join(' ')}]` : '');
  assert.deepEqual(names, [`30 ${label} #3`, `20 ${label}`, `25 ${label} #2`].map((n) => escapeXml(n)));
});

test('a known failure is a skipped testcase carrying its reason, never a failure', async () => {
  const { junitXml } = await import('../../reports/junit.ts');
  const failed = report.scenarios.find((s) => s.verdict === 'failed' && s.failure)!;
  const known = { ...failed, verdict: 'known' as const, known: { id: 'P-X-1', reason: 'TICKET-9', expired: false } };
  const xml = junitXml({ ...report, scenarios: [known] });
  assert.match(xml, /<skipped message="known failure \(P-X-1\): TICKET-9">/);
  assert.doesNotMatch(xml, /<failure/);
  assert.match(xml, /failures="0" errors="0" skipped="1"/);
});
