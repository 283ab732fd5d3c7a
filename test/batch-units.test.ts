// The small pure pieces of the batch command: ids, list files, counts, comparison, progress.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWith } from '../src/batch/compare.js';
import { assignIds, baseId } from '../src/batch/ids.js';
import { parseList } from '../src/batch/inputs.js';
import type { RepoSettings } from '../src/batch/plan.js';
import { progress } from '../src/batch/progress.js';
import { repoScanner } from '../src/batch/repo-pool.js';
import type { BatchFinding, BatchSummary, RepositorySummary } from '../src/batch/summary.js';
import { computeTotals, countFindings } from '../src/batch/totals.js';
import { ROOT } from './helpers/run-cli.js';

describe('repository ids', () => {
  it('are file-system safe', () => {
    expect(baseId('my repo (fork)')).toBe('my-repo-fork');
    expect(baseId('../../etc')).toBe('etc');
    expect(baseId('...')).toBe('repo');
    expect(baseId('CON')).toBe('_CON');
    expect(baseId('naïve-ü')).toBe('na-ve');
    expect(baseId('x'.repeat(200))).toHaveLength(80);
  });

  it('are unique, case-insensitively, and do not depend on the input order', () => {
    const items = [
      { name: 'api', path: '/b/api' },
      { name: 'API', path: '/a/API' },
      { name: 'api', path: '/c/api.zip' },
      { name: 'web', path: '/a/web' },
    ];
    const ids = assignIds(items);
    expect(ids).toEqual(['api-2', 'API', 'api-3', 'web']);
    const reversed = assignIds([...items].reverse());
    expect(reversed).toEqual([...ids].reverse());
  });
});

it('list files drop comments, blank lines and a BOM', () => {
  expect(parseList('\uFEFF# repos\n\nfoo\r\n  bar/baz  \n#x\n')).toEqual(['foo', 'bar/baz']);
});

function finding(ruleId: string, fingerprint: string, severity: BatchFinding['severity'] = 'error'): BatchFinding {
  return { ruleId, severity, message: 'm', path: 'a.py', line: 1, column: 1, endLine: 1, endColumn: 2, snippet: 's', evidence: 'e', fingerprint, helpUri: 'u' };
}

function repository(id: string, findings: BatchFinding[], status: RepositorySummary['status'] = 'scanned'): RepositorySummary {
  return { id, name: id, source: 'x', sourceKind: 'folder', status, scanMs: 1, filesScanned: 1, counts: countFindings(findings), findings, fixed: [], notices: [], suppressions: [] };
}

it('counts by severity and by rule, with rules sorted', () => {
  const counts = countFindings([finding('b', '1'), finding('a', '2', 'note'), finding('b', '3', 'warning')]);
  expect(counts).toEqual({ total: 3, bySeverity: { error: 1, warning: 1, note: 1 }, byRule: { a: 1, b: 2 } });
  expect(Object.keys(counts.byRule)).toEqual(['a', 'b']);
});

it('compares with an earlier batch by repository id and fingerprint', () => {
  const earlier = { repositories: [repository('r', [finding('a', 'kept'), finding('a', 'gone')]), repository('f', [finding('a', 'x')], 'failed')] } as BatchSummary;
  const now = [repository('r', [finding('a', 'kept'), finding('a', 'fresh')]), repository('n', [finding('a', 'kept')]), repository('f', [finding('a', 'x')])];
  compareWith(now, earlier);
  expect(now[0]?.findings.map((f) => f.status)).toEqual(['unchanged', 'new']);
  expect(now[0]?.fixed.map((f) => f.fingerprint)).toEqual(['gone']);
  expect(now[1]?.findings.map((f) => f.status)).toEqual(['new']); // a repository the earlier batch did not have
  expect(now[2]?.findings.map((f) => f.status)).toEqual(['new']); // it failed before: nothing was known
  expect(computeTotals(now, 'old').comparison).toEqual({ new: 3, unchanged: 1, fixed: 1, since: 'old' });
});

describe('progress', () => {
  it('draws done/total, the current repository and an ETA on one line', () => {
    const out: string[] = [];
    let t = 0;
    const p = progress(4, true, (s) => out.push(s), () => t);
    p.started('alpha');
    t = 2000;
    p.finished();
    p.started('beta\x1b[31m');
    p.clear();
    expect(out[0]).toBe('\r\x1b[2K[0/4] alpha');
    expect(out[1]).toBe('\r\x1b[2K[1/4] alpha · ETA 6s');
    expect(out[2]).toContain('beta\\x1b[31m'); // a repository name cannot drive the terminal
    expect(out[3]).toBe('\r\x1b[2K');
  });

  it('is silent when disabled (stderr is not a terminal)', () => {
    const out: string[] = [];
    const p = progress(4, false, (s) => out.push(s));
    p.started('a');
    p.finished();
    p.clear();
    expect(out).toEqual([]);
  });
});

describe('repository scanner threads', () => {
  it('fail only the repository whose scan fails, and go on with the next', async () => {
    const root = join(ROOT, 'fixtures', 'ethnicity-label', 'positive');
    const settings: RepoSettings = { rules: [{ id: 'ethnicity-label', severity: 'error' }], include: [], exclude: [], gitignore: true, maxFileSize: 1024 * 1024, inlineSuppressions: true };
    const scanner = repoScanner(2, 2);
    try {
      expect(scanner.slots).toBe(2);
      // A glob that is not a string makes the walker throw inside the worker.
      const broken = { ...settings, include: [42 as unknown as string] };
      const [bad, good] = await Promise.allSettled([scanner.scan(root, broken), scanner.scan(root, settings)]);
      expect(bad.status).toBe('rejected');
      expect(good.status === 'fulfilled' && good.value.findings.length > 0).toBe(true);
      const again = await scanner.scan(root, settings);
      expect(again.findings).toEqual(good.status === 'fulfilled' ? good.value.findings : undefined);
    } finally {
      await scanner.close();
    }
  });

  it('scan one repository in this thread, with the file-level pool', () => {
    expect(repoScanner(4, 1).slots).toBe(1);
    expect(repoScanner(1, 10).slots).toBe(1);
  });
});
