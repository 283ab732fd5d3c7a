// `ethnolint batch` across runs: --resume, --since-report, and which configuration applies.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_API, FACE_API_FIXED, makeThreeRepos, readSummaryFile, repo } from './helpers/batch-repos.js';
import { commit, makeRepo } from './helpers/batch-git.js';
import { rules } from '../rules/index.js';
import { runCli } from './helpers/run-cli.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ethnolint-batch-incremental-'));
  makeThreeRepos(join(tmp, 'repos'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function batch(args: string[]) {
  return runCli(['batch', ...args], { cwd: tmp });
}

describe('--resume', () => {
  it('reuses unchanged git repositories, rescans changed ones and folders without git', () => {
    const repos = join(tmp, 'resume-repos');
    cpSync(join(tmp, 'repos'), repos, { recursive: true });
    mkdirSync(join(repos, 'plain'));
    writeFileSync(join(repos, 'plain', 'analyze.py'), FACE_API);
    const args = ['resume-repos', '--out-dir', 'out-resume', '--resume'];
    expect(batch(args).status).toBe(1);
    const first = readSummaryFile(join(tmp, 'out-resume'));
    expect(first.repositories.map((r) => r.status)).toEqual(['scanned', 'scanned', 'scanned', 'scanned']);

    commit(join(repos, 'clean'), { 'face.py': FACE_API }, 'add a face model');
    const second = batch(args);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('(2 scanned, 2 cached, 0 failed)');
    const s = readSummaryFile(join(tmp, 'out-resume'));
    expect(s.repositories.map((r) => [r.id, r.status])).toEqual([['broken', 'cached'], ['clean', 'scanned'], ['dirty', 'cached'], ['plain', 'scanned']]);
    expect(repo(s, 'clean').counts.total).toBe(2);
    expect(repo(s, 'dirty')).toEqual({ ...repo(first, 'dirty'), status: 'cached' });
    expect(existsSync(join(tmp, 'out-resume', 'sarif', 'dirty.sarif'))).toBe(true);

    // A different configuration rescans everything.
    const third = batch([...args, '--disable', 'ethnicity-attribute']);
    expect(third.stderr).toContain('(4 scanned, 0 cached, 0 failed)');
    expect(readSummaryFile(join(tmp, 'out-resume')).configHash).not.toBe(s.configHash);
  });
});

describe('--since-report', () => {
  it('marks findings new or unchanged and lists the fixed ones', () => {
    const repos = join(tmp, 'since-repos');
    cpSync(join(tmp, 'repos'), repos, { recursive: true });
    expect(batch(['since-repos', '--out-dir', 'out-before']).status).toBe(1);
    commit(join(repos, 'dirty'), { 'analyze.py': FACE_API_FIXED }, 'fix');
    commit(join(repos, 'clean'), { 'face.py': FACE_API }, 'regress');
    expect(batch(['since-repos', '--out-dir', 'out-after', '--since-report', 'out-before']).status).toBe(1);
    const s = readSummaryFile(join(tmp, 'out-after'));
    expect(repo(s, 'clean').findings.map((f) => f.status)).toEqual(['new', 'new']);
    expect(repo(s, 'broken').findings.map((f) => f.status)).toEqual(['unchanged']);
    expect(repo(s, 'dirty').findings).toEqual([]);
    expect(repo(s, 'dirty').fixed.map((f) => f.ruleId).sort()).toEqual(['ethnicity-attribute', 'face-api-ethnicity']);
    expect(repo(s, 'dirty').fixed.every((f) => f.status === undefined)).toBe(true);
    expect(s.totals.comparison).toEqual({ new: 2, unchanged: 1, fixed: 2, since: 'out-before' });
  });
});

describe('repository configuration', () => {
  it("ignores a repository's own .ethnolint.yaml unless --trust-repo-config", () => {
    const repos = join(tmp, 'config-repos');
    makeRepo(join(repos, 'sneaky'), {
      'analyze.py': FACE_API,
      '.ethnolint.yaml': `rules:\n${rules.map((r) => `  ${r.id}: off\n`).join('')}`,
    });
    expect(batch(['config-repos', '--out-dir', 'out-untrusted']).status).toBe(1);
    expect(readSummaryFile(join(tmp, 'out-untrusted')).totals.findings.total).toBe(2);
    const trusted = batch(['config-repos', '--out-dir', 'out-trusted', '--trust-repo-config']);
    expect(trusted.status).toBe(0);
    expect(readSummaryFile(join(tmp, 'out-trusted')).totals.findings.total).toBe(0);
    // A --config file applies to every repository.
    writeFileSync(join(tmp, 'shared.yaml'), 'rules:\n  face-api-ethnicity: warning\n  ethnicity-attribute: off\n');
    expect(batch(['config-repos', '--out-dir', 'out-shared', '--config', 'shared.yaml']).status).toBe(0);
    expect(readSummaryFile(join(tmp, 'out-shared')).totals.findings.bySeverity).toEqual({ error: 0, warning: 1, note: 0 });
    expect(batch(['config-repos', '--out-dir', 'out-shared', '--config', 'shared.yaml', '--fail-on', 'warning']).status).toBe(1);
  });
});
