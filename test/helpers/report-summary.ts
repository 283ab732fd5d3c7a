// The batch summary the report tests render: fixture folders and one hostile repository scanned
// with the real rules. The hostile repository's path, snippet, name, failure message, history
// author and suppression reason all carry markup that would run if it reached the page raw;
// every payload sets window.__xss or calls alert().
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchFinding, BatchSummary, RepositorySummary } from '../../src/batch/summary.js';
import { buildSummary, countFindings, type DemoRepository } from '../../scripts/lib/demo-summary.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Two folders, so the path holds `</script>`, a quote and an <img onerror>. */
export const HOSTILE_DIRS = ['"><img src=x onerror=window.__xss=1>', '<script>window.__xss=2;alert(1)<'];
export const HOSTILE_FILE = 'script>labels.py';
export const HOSTILE_LINE =
  'race_dict = {0: "White", 1: "Black", 2: "East Asian", 3: "Indian"}  # "</script><script>window.__xss=3;alert(1)</script> & <b>x</b>';
export const HOSTILE_NAME = '<img src=x onerror="window.__xss=4">evil & co';
export const HOSTILE_ERROR = `fatal: '</script><script>window.__xss=5</script>' does not appear to be a git repository`;
export const HOSTILE_AUTHOR = 'Eve" onmouseover="window.__xss=6';

export interface ReportFixture {
  summary: BatchSummary;
  /** The hostile repository's folder, under os.tmpdir(). */
  dir: string;
  cleanup(): void;
}

export async function buildReportFixture(): Promise<ReportFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-report-test-'));
  const nested = join(dir, 'hostile', ...HOSTILE_DIRS);
  mkdirSync(nested, { recursive: true });
  writeFileSync(join(nested, HOSTILE_FILE), `import torch\n\n${HOSTILE_LINE}\nmodel = torch.load("race_classifier.pt")\n`);
  const repositories: DemoRepository[] = [
    { name: 'face-attribute-demo', folder: join(ROOT, 'fixtures/demo'), status: 'scanned', head: '3f9a2c17e43f9a2c17e43f9a2c17e43f9a2c17e4', branch: 'main', scanMs: 1840, newEvery: 3, fixedCount: 2 },
    { name: 'clean-service', folder: join(ROOT, 'fixtures/ethnicity-label/negative'), status: 'scanned', head: 'f4a1b2c3f4a1b2c3f4a1b2c3f4a1b2c3f4a1b2c3', branch: 'main', scanMs: 420 },
    { name: 'dataset-loaders', folder: join(ROOT, 'fixtures/ethnicity-dataset/positive'), status: 'cached', head: '1d7f4b881d7f4b881d7f4b881d7f4b881d7f4b88', scanMs: 0, newEvery: 5 },
    {
      name: HOSTILE_NAME,
      folder: join(dir, 'hostile'),
      status: 'scanned',
      head: 'abcdef0123456789abcdef0123456789abcdef01',
      branch: '<b>feature</b>',
      scanMs: 75,
      suppressions: [{ kind: 'inline', path: 'a.py', line: 2, rules: ['ethnicity-label'], reason: '<script>window.__xss=7</script>', matched: 1 }],
      history: [
        {
          fingerprint: 'f00d',
          ruleId: 'ethnicity-label',
          severity: 'error',
          path: `${HOSTILE_DIRS.join('/')}/${HOSTILE_FILE}`,
          message: 'Label set classifies people by race or ethnicity.',
          evidence: '<svg onload=window.__xss=8>',
          introduced: { commit: '0123456789abcdef0123456789abcdef01234567', date: '2025-02-03T10:11:12Z', author: HOSTILE_AUTHOR },
          presentAtHead: true,
        },
      ],
    },
    { name: 'legacy-mirror', status: 'failed', error: HOSTILE_ERROR, scanMs: 95 },
  ];
  const summary = await buildSummary(ROOT, repositories, { generatedAt: '2026-05-04T13:07:00Z', since: '2026-04-27T09:00:00Z' });
  return { summary, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A synthetic finding; `i` varies its rule (15 of them), severity, path and line. */
export function finding(i: number, overrides: Partial<BatchFinding> = {}): BatchFinding {
  return {
    ruleId: `rule-${i % 15}`,
    severity: (['error', 'warning', 'note'] as const)[i % 3] as BatchFinding['severity'],
    message: `Finding ${i}`,
    path: `src/file${i}.py`,
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 10,
    snippet: `LABELS_${i} = ["a", "b"]`,
    evidence: 'a,b',
    fingerprint: `fp${i}`,
    helpUri: `https://example.org/rules/rule-${i % 15}.md`,
    ...overrides,
  };
}

/** A synthetic scanned repository with the given findings. */
export function repository(i: number, findings: BatchFinding[], overrides: Partial<RepositorySummary> = {}): RepositorySummary {
  return {
    id: `repo-${i}`,
    name: `repo-${i}`,
    source: `/srv/repos/repo-${i}`,
    sourceKind: 'folder',
    status: 'scanned',
    head: `${i}`.padStart(40, 'a'),
    scanMs: 100 + i,
    filesScanned: 10,
    counts: countFindings(findings),
    findings,
    fixed: [],
    notices: [],
    suppressions: [],
    sarifFile: `sarif/repo-${i}.sarif`,
    ...overrides,
  };
}

/** A synthetic summary whose totals add up. */
export function summaryOf(repositories: RepositorySummary[]): BatchSummary {
  return {
    schemaVersion: 1,
    tool: { name: 'ethnolint', version: '9.9.9', informationUri: 'https://github.com/ethnolint/ethnolint' },
    generatedAt: '2026-01-02T03:04:05Z',
    configHash: 'abc',
    totals: {
      repositories: repositories.length,
      scanned: repositories.length,
      cached: 0,
      failed: 0,
      withFindings: repositories.filter((r) => r.findings.length > 0).length,
      findings: countFindings(repositories.flatMap((r) => r.findings)),
    },
    repositories,
  };
}
