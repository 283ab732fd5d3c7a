// A realistic batch summary built by scanning real folders with the real rules: the demo for
// the report's screenshot and the input of the report's tests. Everything that a batch run
// would take from a clock or from git (times, commits, authors) is fixed, so the same folders
// always give the same summary.
import { resolve } from 'node:path';
import { rules as builtInRules } from '../../rules/index.js';
import { TOOL } from '../../src/package-info.js';
import { scan } from '../../src/scan.js';
import type { Finding, Notice, Severity, SuppressionRecord } from '../../src/types.js';
import {
  SUMMARY_SCHEMA_VERSION,
  type BatchFinding,
  type BatchSummary,
  type Counts,
  type FindingStatus,
  type HistoryEntry,
  type RepositorySummary,
} from '../../src/batch/summary.js';

const DOCS_BASE = 'https://github.com/ethnolint/ethnolint/blob/main/';

export interface DemoRepository {
  name: string;
  /** Folder to scan (absolute, or relative to `cwd`); absent for a repository that failed. */
  folder?: string;
  status: RepositorySummary['status'];
  error?: string;
  head?: string;
  branch?: string;
  scanMs: number;
  /** Mark every n-th finding as new (others unchanged) — a comparison with an earlier batch. */
  newEvery?: number;
  /** Findings of the earlier batch that are gone: taken from the end of this scan's findings. */
  fixedCount?: number;
  suppressions?: SuppressionRecord[];
  extraNotices?: Notice[];
  history?: HistoryEntry[];
}

export function countFindings(findings: readonly Finding[]): Counts {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  const byRule: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  }
  return { total: findings.length, bySeverity, byRule };
}

const helpUri = (ruleId: string): string => {
  const rule = builtInRules.find((r) => r.id === ruleId);
  return DOCS_BASE + (rule ? rule.meta.docs : `rules/${ruleId}.md`);
};

const batchFinding = (f: Finding, status?: FindingStatus): BatchFinding => ({ ...f, helpUri: helpUri(f.ruleId), ...(status ? { status } : {}) });

/** Scans a folder as a repository: paths in findings are relative to it. */
async function scanFolder(root: string): Promise<{ findings: Finding[]; notices: Notice[]; filesScanned: number }> {
  const out = await scan({
    cwd: root,
    paths: ['.'],
    gitignore: false,
    include: [],
    exclude: [],
    followSymlinks: false,
    maxFileSize: 10 * 1024 * 1024,
    rules: builtInRules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity })),
    jobs: 1,
  });
  return { findings: out.findings, notices: out.notices, filesScanned: out.stats.filesScanned };
}

function sanitizedId(name: string, taken: Set<string>): string {
  const base = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'repository';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Scans each folder (relative paths from `cwd`) and assembles the summary a batch run would write. */
export async function buildSummary(cwd: string, repositories: DemoRepository[], options: { since?: string; generatedAt: string }): Promise<BatchSummary> {
  const ids = new Set<string>();
  const repos: RepositorySummary[] = [];
  for (const spec of repositories) {
    const id = sanitizedId(spec.name, ids);
    const scanned = spec.folder && spec.status !== 'failed' ? await scanFolder(resolve(cwd, spec.folder)) : { findings: [], notices: [], filesScanned: 0 };
    const keep = scanned.findings.length - (spec.fixedCount ?? 0);
    const current = scanned.findings.slice(0, keep);
    const status = (i: number): FindingStatus | undefined => (options.since ? (spec.newEvery && i % spec.newEvery === 0 ? 'new' : 'unchanged') : undefined);
    repos.push({
      id,
      name: spec.name,
      source: spec.folder ?? spec.name,
      sourceKind: 'folder',
      status: spec.status,
      ...(spec.error ? { error: spec.error } : {}),
      ...(spec.head ? { head: spec.head } : {}),
      ...(spec.branch ? { branch: spec.branch } : {}),
      scanMs: spec.scanMs,
      filesScanned: scanned.filesScanned,
      counts: countFindings(current),
      findings: current.map((f, i) => batchFinding(f, status(i))),
      fixed: scanned.findings.slice(keep).map((f) => batchFinding(f)),
      notices: [...scanned.notices, ...(spec.extraNotices ?? [])],
      suppressions: spec.suppressions ?? [],
      ...(spec.history ? { history: spec.history } : {}),
      ...(spec.status === 'failed' ? {} : { sarifFile: `sarif/${id}.sarif` }),
    });
  }
  const all = repos.flatMap((r) => r.findings);
  const count = (s: RepositorySummary['status']): number => repos.filter((r) => r.status === s).length;
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    tool: TOOL,
    generatedAt: options.generatedAt,
    configHash: 'c0ffee5eed1234abcd',
    totals: {
      repositories: repos.length,
      scanned: count('scanned'),
      cached: count('cached'),
      failed: count('failed'),
      withFindings: repos.filter((r) => r.counts.total > 0).length,
      findings: countFindings(all),
      ...(options.since
        ? {
            comparison: {
              new: all.filter((f) => f.status === 'new').length,
              unchanged: all.filter((f) => f.status === 'unchanged').length,
              fixed: repos.reduce((n, r) => n + r.fixed.length, 0),
              since: options.since,
            },
          }
        : {}),
    },
    repositories: repos,
  };
}

const commit = (seed: string): string => seed.repeat(40).slice(0, 40);

/** The demo batch of the README screenshot: fixture folders of this repository as repositories. */
export function demoRepositories(): DemoRepository[] {
  return [
    {
      name: 'face-attribute-demo',
      folder: 'fixtures/demo',
      status: 'scanned',
      head: commit('3f9a2c17e4'),
      branch: 'main',
      scanMs: 1840,
      newEvery: 4,
      fixedCount: 2,
      suppressions: [
        { kind: 'inline', path: 'src/eval.py', line: 12, rules: ['ethnicity-attribute'], reason: 'Audit of a fairness benchmark, no prediction', matched: 1 },
        { kind: 'exception', path: '.ethnolint.yaml', line: 4, rules: [], reason: 'Vendored test data', matched: 3 },
      ],
      history: [
        {
          fingerprint: '5d41402abc4b2a76',
          ruleId: 'ethnicity-label',
          severity: 'error',
          path: 'data/labels.txt',
          message: 'Class list names ethnic or racial categories',
          evidence: 'asian,black,indian,white',
          introduced: { commit: commit('a41c09d2'), date: '2024-03-18T09:12:44Z', author: 'Dana Lee' },
          presentAtHead: true,
        },
        {
          fingerprint: '7d793037a0760186',
          ruleId: 'face-api-ethnicity',
          severity: 'error',
          path: 'src/predict.py',
          message: 'DeepFace.analyze requests the race action',
          evidence: 'race',
          introduced: { commit: commit('91be7f30'), date: '2023-11-02T16:40:03Z', author: 'Sam Ortiz' },
          removed: { commit: commit('c2d48e11'), date: '2025-01-27T11:05:51Z', author: 'Dana Lee' },
          presentAtHead: false,
        },
      ],
    },
    { name: 'label-maps', folder: 'fixtures/ethnicity-label/positive', status: 'scanned', head: commit('b7e21d9c'), branch: 'main', scanMs: 2630, newEvery: 9 },
    { name: 'face-api-clients', folder: 'fixtures/face-api-ethnicity/positive', status: 'cached', head: commit('e0c3a6f2'), branch: 'develop', scanMs: 0 },
    { name: 'dataset-loaders', folder: 'fixtures/ethnicity-dataset/positive', status: 'scanned', head: commit('1d7f4b88'), branch: 'main', scanMs: 970, newEvery: 6, fixedCount: 1 },
    { name: 'survey-tools', folder: 'fixtures/minority-classification', status: 'scanned', head: commit('5a90c3e1'), branch: 'main', scanMs: 610 },
    { name: 'vendor-sdk', folder: 'fixtures/surveillance-sdk-dependency', status: 'cached', head: commit('8c2e7d04'), branch: 'release', scanMs: 0 },
    { name: 'clean-service', folder: 'fixtures/ethnicity-label/negative', status: 'scanned', head: commit('f4a1b2c3'), branch: 'main', scanMs: 420 },
    { name: 'precision-traps', folder: 'fixtures/traps', status: 'scanned', head: commit('2b6d9e70'), branch: 'main', scanMs: 1310 },
    { name: 'legacy-mirror', status: 'failed', error: 'git clone failed: remote repository not found', scanMs: 95 },
  ];
}
