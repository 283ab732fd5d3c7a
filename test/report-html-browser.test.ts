// report.html in a real headless Chromium, opened from file:// as a user would: the numbers it
// shows, sorting and filtering the table, the hostile snippet shown as text, and — throughout —
// no script injected by scanned content ran, no console error, no request but the file itself.
// Skipped only when no Chromium is installed outside CI; in CI (.ci/run installs it) it must run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/batch/report-html.js';
import type { BatchSummary } from '../src/batch/summary.js';
import { CHROMIUM_ARGS, findChromium } from '../scripts/lib/chromium.js';
import { buildReportFixture, finding, HOSTILE_LINE, HOSTILE_NAME, repository, summaryOf, type ReportFixture } from './helpers/report-summary.js';

const executablePath = findChromium();
const skip = !executablePath && !process.env.CI;

describe.skipIf(skip)('report.html in headless Chromium', () => {
  let fixture: ReportFixture;
  let summary: BatchSummary;
  let outDir: string;
  let fileUrl: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    fixture = await buildReportFixture();
    summary = fixture.summary;
    outDir = mkdtempSync(join(tmpdir(), 'ethnolint-report-html-'));
    const file = join(outDir, 'report.html');
    writeFileSync(file, renderReport(summary));
    fileUrl = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
    fixture?.cleanup();
  });

  const visibleNames = (): Promise<string[]> =>
    page.$$eval('#repo-rows tr:not([hidden]) td:first-child a', (links) => links.map((a) => a.textContent ?? ''));

  it('shows the overview numbers of the summary', async () => {
    const value = (id: string): Promise<string | null> => page.textContent(`#${id} .value`);
    const { totals } = summary;
    expect(await value('total-repositories')).toBe(String(totals.repositories));
    expect(await value('total-with-findings')).toBe(String(totals.withFindings));
    expect(await value('total-findings')).toBe(String(totals.findings.total));
    expect(await value('total-error')).toBe(String(totals.findings.bySeverity.error));
    expect(await value('total-warning')).toBe(String(totals.findings.bySeverity.warning));
    const comparison = await page.$$eval('#comparison .num', (nums) => nums.map((n) => n.textContent));
    expect(comparison).toEqual([totals.comparison?.new, totals.comparison?.unchanged, totals.comparison?.fixed].map(String));
    expect(await page.textContent('.masthead')).toContain(`${summary.tool.version}`);
  });

  it('lists every repository in the table and its script ran (the CSP hash matches)', async () => {
    expect(await visibleNames()).toEqual(summary.repositories.map((r) => r.name));
    expect(await page.isVisible('#repo-controls')).toBe(true);
    expect(await page.textContent('#repo-shown')).toBe(`${summary.repositories.length} repositories`);
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', async () => {
    const byTotal = [...summary.repositories]
      .filter((r) => r.status !== 'failed')
      .sort((a, b) => b.counts.total - a.counts.total)
      .map((r) => r.name);
    const failed = summary.repositories.filter((r) => r.status === 'failed').map((r) => r.name);
    await page.click('th[data-key="total"] button');
    expect(await visibleNames()).toEqual([...byTotal, ...failed]);
    expect(await page.getAttribute('th[data-key="total"]', 'aria-sort')).toBe('descending');
    await page.click('th[data-key="total"] button');
    expect(await visibleNames()).toEqual([...[...byTotal].reverse(), ...failed]);
    await page.click('th[data-key="name"] button');
    const names = await visibleNames();
    expect(names[0]).toBe(HOSTILE_NAME); // '<' sorts before letters
    expect(names).not.toEqual(summary.repositories.map((r) => r.name));
  });

  it('hides rows that do not match the text, severity or status filter', async () => {
    await page.fill('#repo-filter', 'clean');
    expect(await visibleNames()).toEqual(['clean-service']);
    await page.fill('#repo-filter', '');
    await page.selectOption('#status-filter', 'failed');
    expect(await visibleNames()).toEqual(['legacy-mirror']);
    expect(await page.textContent('#repo-shown')).toBe(`1 of ${summary.repositories.length} repositories`);
    await page.selectOption('#status-filter', 'all');
    await page.selectOption('#severity-filter', 'none');
    expect(await visibleNames()).toEqual(['clean-service']);
    await page.fill('#repo-filter', 'no such repository');
    expect(await visibleNames()).toEqual([]);
    expect(await page.isVisible('#repo-none')).toBe(true);
    await page.fill('#repo-filter', '');
    await page.selectOption('#severity-filter', 'all');
    expect((await visibleNames()).length).toBe(summary.repositories.length);
  });

  it('opens a repository panel from the table and shows the hostile snippet and path as text', async () => {
    const index = summary.repositories.findIndex((r) => r.name === HOSTILE_NAME);
    const repo = summary.repositories[index];
    const finding = repo?.findings.find((f) => f.snippet === HOSTILE_LINE);
    expect(finding).toBeDefined();
    expect(await page.getAttribute(`#repo-${index}`, 'open')).toBeNull();
    await page.click(`#repo-rows a[href="#repo-${index}"]`);
    expect(await page.getAttribute(`#repo-${index}`, 'open')).not.toBeNull();
    const panel = `#repo-${index}`;
    expect(await page.textContent(`${panel} pre.snippet code`)).toBe(HOSTILE_LINE);
    expect(await page.textContent(`${panel} .finding .loc`)).toBe(`${finding?.path}:${finding?.line}:${finding?.column}`);
    expect(await page.textContent(`${panel} summary .name`)).toBe(HOSTILE_NAME);
    // Nothing from the scanned content became an element.
    expect(await page.$$eval(`${panel} img, ${panel} b, ${panel} script, ${panel} svg`, (els) => els.length)).toBe(0);
    expect(await page.getAttribute(`${panel} a.rule`, 'href')).toBe(finding?.helpUri);
  });

  it('shows the failed repository with its error message', async () => {
    const index = summary.repositories.findIndex((r) => r.status === 'failed');
    await page.click(`#repo-rows a[href="#repo-${index}"]`);
    expect(await page.textContent(`#repo-${index} .failure`)).toContain(summary.repositories[index]?.error);
  });

  it('opens every panel for printing and restores them afterwards', async () => {
    const openPanels = (): Promise<number> => page.$$eval('details.repo[open]', (d) => d.length);
    const before = await openPanels();
    expect(before).toBeLessThan(summary.repositories.length);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await openPanels()).toBe(summary.repositories.length);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await openPanels()).toBe(before);
  });

  it('ran no injected script, opened no dialog, logged no error and loaded nothing but the file', async () => {
    await page.click('#expand-all');
    // Let any handler or image-error event a payload might have set up fire.
    await page.mouse.move(300, 300);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it('opens a batch of 300 repositories and 30,000 findings, filters it and expands every panel', async () => {
    const repos = Array.from({ length: 300 }, (_, r) => repository(r, Array.from({ length: 100 }, (_, i) => finding(r * 100 + i))));
    const file = join(outDir, 'large.html');
    writeFileSync(file, renderReport(summaryOf(repos)));
    const large = await browser.newPage();
    const errors: string[] = [];
    large.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    large.on('pageerror', (e) => errors.push(e.message));
    await large.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(await large.$$eval('#repo-rows tr', (rows) => rows.length)).toBe(300);
    await large.fill('#repo-filter', 'repo-29');
    expect(await large.textContent('#repo-shown')).toBe('11 of 300 repositories');
    await large.click('#expand-all');
    expect(await large.$$eval('details.repo[open]', (d) => d.length)).toBe(300);
    expect(await large.$$eval('ol.findings > li', (li) => li.length)).toBe(30_000);
    expect(errors).toEqual([]);
    await large.close();
  });
});
