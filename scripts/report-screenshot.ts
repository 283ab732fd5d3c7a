// Renders the demo batch (fixture folders of this repository scanned as repositories) to
// report.html and saves a screenshot of its top for the README: docs/images/report.png.
// Run after a build: node dist/scripts/report-screenshot.js [out.png]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderReport } from '../src/batch/report-html.js';
import { PACKAGE_ROOT } from '../src/package-info.js';
import { CHROMIUM_ARGS, findChromium } from './lib/chromium.js';
import { buildSummary, demoRepositories } from './lib/demo-summary.js';

const out = resolve(process.argv[2] ?? join(PACKAGE_ROOT, 'docs/images/report.png'));
const executablePath = findChromium();
if (!executablePath) {
  process.stderr.write('report-screenshot: no chromium found (install it or set CHROMIUM_PATH)\n');
  process.exit(2);
}
const summary = await buildSummary(PACKAGE_ROOT, demoRepositories(), { generatedAt: '2026-05-04T13:07:00Z', since: '2026-04-27T09:00:00Z' });
const dir = mkdtempSync(join(tmpdir(), 'ethnolint-report-'));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const file = join(dir, 'report.html');
  writeFileSync(file, renderReport(summary));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(file).href);
  await page.screenshot({ path: out, fullPage: false });
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
