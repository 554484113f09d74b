/** Opens report.html in a real headless Chromium and checks what a person sees. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildReport, readEnvelopes, writeReports } from '../../reports/index.ts';
import { fixtureMessages } from './fixtures/generate.ts';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent (install Debian's chromium: apt-get install -y chromium)`;

describe('report.html in headless Chromium', { skip }, () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const consoleErrors: string[] = [];

  before(async () => {
    const envelopes = readEnvelopes(await fixtureMessages());
    const report = buildReport(envelopes, {
      target: 'http://127.0.0.1:9/scim/v2', profile: 'rfc', strict: false, startedAt: '2026-11-23T10:00:00Z',
      finishedAt: '2026-11-23T10:00:03Z', toolVersion: '0.1.0', seed: 42,
    });
    dir = mkdtempSync(join(tmpdir(), 'shx-report-html-'));
    const { html } = writeReports(report, dir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(pathToFileURL(html).href);
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('shows a verdict card per profile with a text label', async () => {
    assert.match(await page.locator('[data-profile="rfc"]').innerText(), /Strict RFC\s+✗ FAIL/);
    assert.match(await page.locator('[data-profile="okta"]').innerText(), /Okta-ready\s+✗ FAIL/);
    // Entra's only @must scenario passed, but the strict RFC MUSTs did not.
    assert.match(await page.locator('[data-profile="entra"]').innerText(), /Entra-ready\s+✗ FAIL/);
    assert.match(await page.locator('[data-profile="ping"]').innerText(), /Ping-ready/);
    assert.equal(await page.locator('[data-profile="vendors"]').count(), 0, 'no vendor scenario ran');
    // The fixture's crashing step is a harness error (issue 8 item 8), not one of the server's failures.
    assert.match(await page.locator('#summary-line').innerText(), /2 passed, 2 failed, 1 skipped, 1 passed with warnings, 1 harness errors/);
  });

  test('the area matrix counts verdicts per area', async () => {
    const filterRow = await page.locator('#matrix tr', { hasText: 'filter' }).innerText();
    // Columns: the verdicts in VERDICTS order (an error column since issue 8), then the total.
    assert.deepEqual(filterRow.split('\t').map((c) => c.trim()), ['filter', '1', '0', '1', '0', '1', '3']);
  });

  test("a failed scenario's request line is visible after expanding it", async () => {
    const failed = page.locator('tbody.scenario', { hasText: 'userName equality is case-insensitive' });
    const requestLine = 'GET http://127.0.0.1:9/scim/v2/Users?filter=userName%20eq%20%22BJensen%22';
    assert.equal(await failed.locator('pre.request').isVisible(), false);
    await failed.locator('details.failure > summary').click();
    await failed.locator('details.exchange > summary').click();
    assert.equal(await failed.locator('pre.request').isVisible(), true);
    assert.ok((await failed.locator('pre.request').innerText()).startsWith(requestLine));
    assert.equal(await failed.locator('pre.expected').innerText(), '1');
    assert.equal(await failed.locator('pre.actual').innerText(), '0');
  });

  test('a hostile response body is shown as text and never executed', async () => {
    const failed = page.locator('tbody.scenario', { hasText: 'userName equality is case-insensitive' });
    assert.match(await failed.locator('pre.response').innerText(), /<script>window.__pwned = true<\/script><\/details><img src=x/);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0);
  });

  test('the Failed filter hides passed rows; All shows them again', async () => {
    const passed = page.locator('tbody.scenario[data-verdict="passed"]').first();
    assert.equal(await passed.isVisible(), true);
    await page.getByRole('button', { name: /^Failed/ }).click();
    assert.equal(await passed.isVisible(), false);
    assert.equal(await page.locator('tbody.scenario[data-verdict="failed"]').first().isVisible(), true);
    assert.equal(await page.getByRole('button', { name: /^Failed/ }).getAttribute('aria-pressed'), 'true');
    await page.getByRole('button', { name: /^Warnings/ }).click();
    assert.equal(await page.locator('tbody.scenario[data-verdict="warning"]').isVisible(), true);
    assert.equal(await page.locator('tbody.scenario[data-verdict="failed"]').first().isVisible(), false);
    await page.getByRole('button', { name: 'All' }).click();
    assert.equal(await passed.isVisible(), true);
  });

  test('the page renders without script errors (the CSP admits its own script) and looks sensible', async () => {
    assert.deepEqual(consoleErrors.filter((e) => !/img-src|Refused to load the image/.test(e)), []);
    await page.locator('details.failure').first().evaluate((d) => { (d as HTMLDetailsElement).open = true; });
    await page.screenshot({ path: '/tmp/report.png', fullPage: true });
  });
});
