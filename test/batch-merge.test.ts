// `ethnolint merge`: shards of one batch combine into the unsharded result.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/batch/report-html.js';
import type { BatchSummary } from '../src/batch/summary.js';
import { BROKEN_LABELS, FACE_API, makeThreeRepos, readSummaryFile, stable } from './helpers/batch-repos.js';
import { makeRepo } from './helpers/batch-git.js';
import { runCli } from './helpers/run-cli.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ethnolint-batch-merge-'));
  const repos = join(tmp, 'repos');
  makeThreeRepos(repos);
  makeRepo(join(repos, 'alpha'), { 'model/classes.txt': 'asian\nblack\nwhite\nindian\n', 'train.py': FACE_API });
  makeRepo(join(repos, 'beta'), { 'labels.json': BROKEN_LABELS });
  makeRepo(join(repos, 'gamma'), { 'src/app.py': 'print(1)\n' });
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function cli(args: string[]) {
  return runCli(args, { cwd: tmp });
}

describe('sharded batches merged', () => {
  let whole: BatchSummary;
  let merged: BatchSummary;
  let mergeRun: ReturnType<typeof cli>;
  beforeAll(() => {
    expect(cli(['batch', 'repos', '--out-dir', 'whole', '--fail-on', 'never']).status).toBe(0);
    expect(cli(['batch', 'repos', '--out-dir', 'shard-1', '--shard', '1/2', '--fail-on', 'never']).status).toBe(0);
    expect(cli(['batch', 'repos', '--out-dir', 'shard-2', '--shard', '2/2', '--fail-on', 'never']).status).toBe(0);
    mergeRun = cli(['merge', 'shard-1', 'shard-2', '--out-dir', 'merged']);
    whole = readSummaryFile(join(tmp, 'whole'));
    merged = readSummaryFile(join(tmp, 'merged'));
  });

  it('splits by repository: each shard has some, none has all, none is in both', () => {
    const one = readSummaryFile(join(tmp, 'shard-1'));
    const two = readSummaryFile(join(tmp, 'shard-2'));
    expect(one.shard).toEqual({ index: 1, count: 2 });
    expect(one.repositories.length).toBeGreaterThan(0);
    expect(two.repositories.length).toBeGreaterThan(0);
    expect(one.repositories.length + two.repositories.length).toBe(6);
    const ids = new Set(one.repositories.map((r) => r.id));
    expect(two.repositories.some((r) => ids.has(r.id))).toBe(false);
  });

  it('equals the unsharded batch, timings aside', () => {
    expect(mergeRun.status).toBe(1);
    expect(mergeRun.stdout).toBe('');
    expect(stable(merged)).toEqual(stable(whole));
    expect(merged.totals.repositories).toBe(6);
    expect(merged.mergedFrom).toEqual(['shard-1', 'shard-2']);
    expect(merged.configHash).toBe(whole.configHash);
    expect(merged.shard).toBeUndefined();
    expect(merged.repositories.map((r) => r.id)).toEqual(['alpha', 'beta', 'broken', 'clean', 'dirty', 'gamma']);
  });

  it('copies every SARIF file and renders the report', () => {
    expect(readdirSync(join(tmp, 'merged', 'sarif')).sort()).toEqual(readdirSync(join(tmp, 'whole', 'sarif')).sort());
    for (const name of readdirSync(join(tmp, 'whole', 'sarif'))) {
      expect(readFileSync(join(tmp, 'merged', 'sarif', name), 'utf8')).toBe(readFileSync(join(tmp, 'whole', 'sarif', name), 'utf8'));
    }
    expect(readFileSync(join(tmp, 'merged', 'report.html'), 'utf8')).toBe(renderReport(merged));
  });

  it('accepts a repository present twice with the same result, and refuses one with different results', () => {
    expect(cli(['merge', 'shard-1', 'whole', '--out-dir', 'merged-overlap', '--fail-on', 'never']).status).toBe(0);
    expect(stable(readSummaryFile(join(tmp, 'merged-overlap')))).toEqual(stable(whole));

    cpSync(join(tmp, 'shard-1'), join(tmp, 'shard-1-edited'), { recursive: true });
    const edited = readSummaryFile(join(tmp, 'shard-1-edited'));
    const first = edited.repositories[0];
    if (!first) throw new Error('empty shard');
    first.filesScanned += 1;
    writeFileSync(join(tmp, 'shard-1-edited', 'summary.json'), JSON.stringify(edited));
    const r = cli(['merge', 'shard-1-edited', 'whole', '--out-dir', 'merged-conflict']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`repository "${first.id}" is in both shard-1-edited and whole with different results`);
  });

  it('refuses inputs of different configurations and SARIF names that leave the out dir', () => {
    expect(cli(['batch', 'repos', '--out-dir', 'other-config', '--disable', 'ethnicity-label', '--fail-on', 'never']).status).toBe(0);
    const mixed = cli(['merge', 'shard-1', 'other-config', '--out-dir', 'merged-mixed']);
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain('configHash differs');

    cpSync(join(tmp, 'shard-2'), join(tmp, 'shard-2-evil'), { recursive: true });
    const evil = readSummaryFile(join(tmp, 'shard-2-evil'));
    (evil.repositories[0] as { sarifFile?: string }).sarifFile = '../../escape.sarif';
    writeFileSync(join(tmp, 'shard-2-evil', 'summary.json'), JSON.stringify(evil));
    const r = cli(['merge', 'shard-2-evil', '--out-dir', 'merged-evil']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unexpected SARIF file name');
  });

  it('refuses an out dir without a summary', () => {
    const r = cli(['merge', 'repos', '--out-dir', 'merged-none']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*summary\.json: ENOENT/);
  });
});
