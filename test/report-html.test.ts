// renderReport without a browser: escaping of hostile scanned content, the embedded JSON, the
// Content-Security-Policy, the charts, the caps for large batches and determinism. The page's
// behaviour in a real browser is in report-html-browser.test.ts.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, formatTime, jsonForScript, safeRelativePath, safeUrl } from '../src/batch/html.js';
import { renderReport } from '../src/batch/report-html.js';
import {
  buildReportFixture,
  finding,
  HOSTILE_AUTHOR,
  HOSTILE_ERROR,
  HOSTILE_LINE,
  HOSTILE_NAME,
  repository,
  summaryOf,
  type ReportFixture,
} from './helpers/report-summary.js';

let fixture: ReportFixture;
let html: string;

beforeAll(async () => {
  fixture = await buildReportFixture();
  html = renderReport(fixture.summary);
});
afterAll(() => fixture?.cleanup());

const count = (haystack: string, needle: RegExp): number => (haystack.match(needle) ?? []).length;

function embeddedJson(page: string): string {
  const match = /<script type="application\/json" id="report-data">([^]*?)<\/script>/.exec(page);
  if (!match) throw new Error('no embedded data');
  return match[1] as string;
}

function inlineScript(page: string): string {
  const match = /<script>([^]*?)<\/script>/.exec(page);
  if (!match) throw new Error('no inline script');
  return match[1] as string;
}

describe('renderReport: hostile scanned content', () => {
  it('scanned the hostile repository for real: its finding carries the hostile path and snippet', () => {
    const hostile = fixture.summary.repositories.find((r) => r.name === HOSTILE_NAME);
    expect(hostile?.findings.map((f) => f.snippet)).toContain(HOSTILE_LINE);
    expect(hostile?.findings[0]?.path).toContain('</script>');
  });

  it('has exactly its own two script elements and no markup from the scanned content', () => {
    expect(count(html, /<script/gi)).toBe(2);
    expect(count(html, /<\/script/gi)).toBe(2);
    expect(html).not.toMatch(/<(img|svg onload|b>)/i);
    // Every tag in the page is the report's own: none carries an event handler.
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  });

  it('shows the snippet, name, failure, author and suppression reason escaped', () => {
    expect(html).toContain(escapeHtml(HOSTILE_LINE));
    expect(html).toContain(escapeHtml(HOSTILE_NAME));
    expect(html).toContain(escapeHtml(HOSTILE_ERROR));
    expect(html).toContain(escapeHtml(HOSTILE_AUTHOR));
    expect(html).toContain('&lt;script&gt;window.__xss=7&lt;/script&gt;');
  });

  it('embeds the table data as JSON that cannot end its script element and parses back to the original strings', () => {
    const json = embeddedJson(html);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    const data = JSON.parse(json) as { repositories: { name: string; failure: string }[] };
    expect(data.repositories.map((r) => r.name)).toContain(HOSTILE_NAME);
    expect(data.repositories.map((r) => r.failure)).toContain(HOSTILE_ERROR);
    expect(jsonForScript({ s: '</script>\u2028\u2029&' })).toBe('{"s":"\\u003c/script\\u003e\\u2028\\u2029\\u0026"}');
  });

  it('turns bidi overrides and control characters into visible escapes', () => {
    const repo = repository(1, [finding(1, { snippet: 'x = "\u202egnp.exe"\r', path: 'a\u0000b.py' })]);
    const page = renderReport(summaryOf([repo]));
    expect(page).toContain('x = &quot;\\u202egnp.exe&quot;\\x0d');
    expect(page).toContain('a\\x00b.py');
    expect(page).not.toMatch(/[\u202e\u0000]/);
  });

  it('shows no markup from a tampered summary.json where numbers and statuses are expected', () => {
    const x = '<img src=x onerror=window.__xss=1>';
    const repo = repository(1, [finding(1, { severity: x as never, status: x as never, line: x as never })], { status: x as never, scanMs: x as never });
    repo.counts = { total: x as never, bySeverity: { error: x as never, warning: 0, note: 0 }, byRule: { [x]: x as never } };
    const summary = summaryOf([repo]);
    summary.shard = { index: x as never, count: x as never };
    summary.totals.repositories = x as never;
    summary.totals.comparison = { new: x as never, unchanged: 0, fixed: 0, since: x };
    const page = renderReport(summary);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  });

  it('links only http(s) rule docs and SARIF files inside the report folder', () => {
    const repo = repository(1, [finding(1, { helpUri: 'javascript:window.__xss=1' })], { sarifFile: '../../etc/passwd' });
    const page = renderReport(summaryOf([repo]));
    expect(page).not.toContain('javascript:');
    expect(page).not.toContain('href="../');
    expect(safeUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeRelativePath('sarif/a b.sarif')).toBe('sarif/a%20b.sarif');
    expect(safeRelativePath('/etc/passwd')).toBeUndefined();
    expect(safeRelativePath('c:/x')).toBeUndefined();
  });
});

describe('renderReport: a self-contained page', () => {
  it('forbids network loads by CSP and allows its one script by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:');
    expect(csp).toContain("style-src 'unsafe-inline'");
    const hash = createHash('sha256').update(inlineScript(html)).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
  });

  it('references no external resource', () => {
    expect(html).not.toMatch(/<[^>]*\ssrc\s*=/i);
    expect(html).not.toMatch(/<link|@import|url\(/i);
    expect(html).not.toMatch(/<(iframe|object|embed|img|video|audio|base)\b/i);
  });

  it('draws both charts as inline SVG with accessible titles and text labels', () => {
    expect(count(html, /<svg class="chart"[^>]*role="img"/g)).toBe(2);
    expect(html).toContain('<title id="chart-rules-title">Findings by rule</title>');
    expect(html).toContain('<title id="chart-repositories-title">Findings by repository</title>');
    for (const rule of Object.keys(fixture.summary.totals.findings.byRule)) expect(html).toContain(`>${rule}</text>`);
  });

  it('sums the rules and repositories past the top ten into "others"', () => {
    const repos = Array.from({ length: 14 }, (_, r) => repository(r, Array.from({ length: 15 }, (_, i) => finding(i + r))));
    const page = renderReport(summaryOf(repos));
    expect(page).toContain('>others (5 rules)</text>');
    expect(page).toContain('>others (4 repositories)</text>');
  });

  it('shows the overview, the comparison, the marks, fixed findings and history', () => {
    const { totals } = fixture.summary;
    expect(html).toContain(`id="total-repositories"><div class="label">Repositories</div><div class="value" data-value="${totals.repositories}">`);
    expect(html).toContain(`<span class="num" data-value="${totals.comparison?.new}">`);
    expect(html).toContain('<span class="badge new">new</span>');
    expect(html).toContain('<span class="badge unchanged">unchanged</span>');
    expect(html).toContain('Fixed since the earlier batch');
    expect(html).toContain('<span class="badge fixed">fixed</span>');
    expect(html).not.toContain('shown for the first 0 findings');
    expect(html).toContain('still present at HEAD');
    expect(html).toContain('2026-05-04 13:07 UTC');
  });

  it('is deterministic: the same summary gives the same bytes', () => {
    expect(renderReport(structuredClone(fixture.summary))).toBe(html);
  });

  it('renders an empty batch', () => {
    const page = renderReport(summaryOf([]));
    expect(page).toContain('No repositories in this batch.');
    expect(page).toContain('<p class="chart-empty">No findings.</p>');
  });

  it('formats only ISO times with a zone, so the page does not depend on the machine', () => {
    expect(formatTime('2026-01-02T03:04:05+02:00')).toBe('2026-01-02 01:04 UTC');
    expect(formatTime('2026-01-02T03:04:05')).toBe('2026-01-02T03:04:05');
    expect(formatTime('out/summary.json')).toBe('out/summary.json');
  });
});

describe('renderReport: large batches', () => {
  it('renders hundreds of repositories and tens of thousands of findings with capped lists and snippets', () => {
    const repos = Array.from({ length: 300 }, (_, r) => repository(r, Array.from({ length: 100 }, (_, i) => finding(r * 100 + i))));
    repos.push(repository(300, Array.from({ length: 1200 }, (_, i) => finding(i))));
    const page = renderReport(summaryOf(repos));
    expect(count(page, /<details class="repo"/g)).toBe(301);
    expect(count(page, /<tr data-index=/g)).toBe(301);
    expect(page).toContain('Showing the first 500 of 1,200 findings. All of them are in <a href="sarif/repo-300.sarif">sarif/repo-300.sarif</a>.');
    expect(page).toContain('Code snippets are shown for the first 50 findings.');
    const snippets = count(page, /<pre class="snippet">/g);
    expect(snippets).toBeLessThanOrEqual(301 * 50);
    // No panel is open: the browser lays out only the summary lines until one is opened.
    expect(page).not.toMatch(/<details[^>]*\sopen/);
  });

  it('cuts very long snippets', () => {
    const page = renderReport(summaryOf([repository(1, [finding(1, { snippet: 'x'.repeat(50_000) })])]));
    expect(page).toContain('Snippet cut at 2,000 characters.');
    expect(page).not.toContain('x'.repeat(2001));
  });
});
