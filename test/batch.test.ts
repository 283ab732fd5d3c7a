// `ethnolint batch` end to end, on real git repositories, folders, list files and archives.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarball, zip } from './helpers/archives.js';
import { BROKEN_LABELS, FACE_API, makeThreeRepos, readSummaryFile, repo } from './helpers/batch-repos.js';
import { git } from './helpers/batch-git.js';
import { runCli } from './helpers/run-cli.js';
import { validateSarif } from './helpers/sarif-validator.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ethnolint-batch-test-'));
  makeThreeRepos(join(tmp, 'repos'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function batch(args: string[]) {
  return runCli(['batch', ...args], { cwd: tmp });
}

describe('a folder of repositories', () => {
  let out: string;
  let run: ReturnType<typeof batch>;
  beforeAll(() => {
    out = join(tmp, 'out-folder');
    run = batch(['repos', '--out-dir', 'out-folder', '--jobs', '2']);
  });

  it('exits 1 on findings, prints nothing on stdout and one summary line on stderr', () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('ethnolint: 3 repositories (3 scanned, 0 cached, 0 failed): 3 findings in 2 repositories; report in out-folder\n');
  });

  it('counts findings by severity and rule, per repository and in total', () => {
    const s = readSummaryFile(out);
    expect(s.schemaVersion).toBe(1);
    expect(s.repositories.map((r) => [r.id, r.status])).toEqual([['broken', 'scanned'], ['clean', 'scanned'], ['dirty', 'scanned']]);
    expect(s.totals).toMatchObject({ repositories: 3, scanned: 3, cached: 0, failed: 0, withFindings: 2 });
    expect(s.totals.findings).toEqual({
      total: 3,
      bySeverity: { error: 3, warning: 0, note: 0 },
      byRule: { 'ethnicity-attribute': 1, 'ethnicity-label': 1, 'face-api-ethnicity': 1 },
    });
    expect(repo(s, 'dirty').counts.byRule).toEqual({ 'ethnicity-attribute': 1, 'face-api-ethnicity': 1 });
    expect(repo(s, 'clean').counts.total).toBe(0);
    const broken = repo(s, 'broken');
    expect(broken.findings.map((f) => [f.ruleId, f.path])).toEqual([['ethnicity-label', 'labels.json']]);
    expect(broken.notices.map((n) => [n.path, n.reason])).toEqual([['labels.json', 'parse-error']]);
    const dirty = repo(s, 'dirty');
    expect(dirty.head).toBe(git(join(tmp, 'repos', 'dirty'), 'rev-parse', 'HEAD'));
    expect(dirty.branch).toBe('main');
    expect(dirty.findings[0]?.helpUri).toMatch(/^https:\/\/github\.com\/ethnolint\/ethnolint\/blob\/main\/rules\/.+\.md$/);
    expect(dirty.suppressions).toEqual([]);
    expect(dirty.sarifFile).toBe('sarif/dirty.sarif');
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('writes one SARIF file per repository, valid for GitHub, with git provenance', async () => {
    expect(readdirSync(join(out, 'sarif')).sort()).toEqual(['broken.sarif', 'clean.sarif', 'dirty.sarif']);
    const ids = ['broken', 'clean', 'dirty'];
    const reports = await Promise.all(ids.map((id) => validateSarif(readFileSync(join(out, 'sarif', `${id}.sarif`), 'utf8'))));
    for (const [i, report] of reports.entries()) {
      expect(report.errors, ids[i]).toEqual([]);
      expect(report.warnings, ids[i]).toEqual([]);
    }
    const log = JSON.parse(readFileSync(join(out, 'sarif', 'dirty.sarif'), 'utf8')) as { runs: { results: unknown[]; versionControlProvenance?: { repositoryUri: string; revisionId: string }[] }[] };
    expect(log.runs[0]?.results).toHaveLength(2);
    expect(log.runs[0]?.versionControlProvenance?.[0]).toMatchObject({
      repositoryUri: 'https://github.com/example/dirty',
      revisionId: git(join(tmp, 'repos', 'dirty'), 'rev-parse', 'HEAD'),
    });
  }, 120_000);

  it('gives the same summary for the same inputs, whatever the jobs (timings and time aside)', () => {
    const again = batch(['repos', '--out-dir', 'out-folder-again', '--jobs', '1']);
    expect(again.status).toBe(1);
    const a = readSummaryFile(out);
    const b = readSummaryFile(join(tmp, 'out-folder-again'));
    const strip = (s: typeof a) => ({ ...s, generatedAt: '', repositories: s.repositories.map((r) => ({ ...r, scanMs: 0 })) });
    expect(strip(b)).toEqual(strip(a));
    expect(readFileSync(join(tmp, 'out-folder-again', 'sarif', 'dirty.sarif'), 'utf8')).toBe(readFileSync(join(out, 'sarif', 'dirty.sarif'), 'utf8'));
  });
});

describe('list files and archives', () => {
  let out: string;
  let run: ReturnType<typeof batch>;
  beforeAll(async () => {
    const a = join(tmp, 'archives');
    mkdirSync(a);
    // Same name as repos/dirty: the ids are disambiguated.
    writeFileSync(join(a, 'dirty.tar.gz'), await tarball([{ name: 'dirty-main/', type: 'directory' }, { name: 'dirty-main/analyze.py', data: FACE_API }]));
    writeFileSync(join(a, 'labels.zip'), zip([{ name: 'data/labels.json', data: BROKEN_LABELS, deflate: true }, { name: 'main.py', data: 'x = 1\n' }]));
    writeFileSync(join(a, 'evil.zip'), zip([{ name: '../../escaped.py', data: FACE_API }, { name: 'ok.py', data: 'y = 2\n' }]));
    writeFileSync(join(a, 'bomb.zip'), zip([{ name: 'zeros.json', data: Buffer.alloc(8 * 1024 * 1024), deflate: true }, { name: 'analyze.py', data: FACE_API }]));
    writeFileSync(join(a, 'links.tar.gz'), await tarball([{ name: 'etc', type: 'symlink', linkname: '/etc' }, { name: 'a.py', data: 'a = 1\n' }]));
    writeFileSync(join(a, 'corrupt.tgz'), 'not gzip');
    writeFileSync(join(tmp, 'notes.md'), '# not a repository\n');
    writeFileSync(
      join(tmp, 'repos.txt'),
      ['# repositories to scan', '', 'repos/dirty', '  repos/clean  ', 'archives/labels.zip', 'nope', 'archives/gone.zip', 'notes.md', ''].join('\n'),
    );
    out = join(tmp, 'out-mixed');
    run = batch(['repos.txt', 'archives/dirty.tar.gz', 'archives/evil.zip', 'archives/bomb.zip', 'archives/links.tar.gz', 'archives/corrupt.tgz', '--out-dir', 'out-mixed']);
  });

  it('scans every input, with unique ids, and reports the failures without stopping', () => {
    expect(run.status).toBe(1);
    const s = readSummaryFile(out);
    expect(s.repositories.map((r) => [r.id, r.sourceKind, r.status])).toEqual([
      ['bomb', 'archive', 'scanned'],
      ['clean', 'list', 'scanned'],
      ['corrupt', 'archive', 'failed'],
      ['dirty', 'archive', 'scanned'],
      ['dirty-2', 'list', 'scanned'],
      ['evil', 'archive', 'scanned'],
      ['gone', 'list', 'failed'],
      ['labels', 'list', 'scanned'],
      ['links', 'archive', 'scanned'],
      ['nope', 'list', 'failed'],
      ['notes.md', 'list', 'failed'],
    ]);
    expect(repo(s, 'gone').error).toBe('no such folder or archive');
    expect(repo(s, 'notes.md').error).toBe('not a folder or a supported archive (.zip, .tar.gz, .tgz, .tar)');
    expect(repo(s, 'nope').error).toBe('no such folder or archive');
    expect(repo(s, 'corrupt').error).toMatch(/corrupt tar\.gz archive/);
    expect(repo(s, 'corrupt').sarifFile).toBeUndefined();
    expect(s.totals).toMatchObject({ repositories: 11, scanned: 7, failed: 4 });
    expect(run.stderr).toContain('ethnolint: nope: failed: no such folder or archive\n');
    expect(run.stderr).toContain('4 repositories could not be scanned');
    expect(readdirSync(join(out, 'sarif')).sort()).toEqual(['bomb.sarif', 'clean.sarif', 'dirty-2.sarif', 'dirty.sarif', 'evil.sarif', 'labels.sarif', 'links.sarif']);
  });

  it('scans archives like folders: a single top folder is the root', () => {
    const s = readSummaryFile(out);
    expect(repo(s, 'dirty').findings.map((f) => f.path)).toEqual(['analyze.py', 'analyze.py']);
    expect(repo(s, 'dirty').findings.map((f) => f.fingerprint)).toEqual(repo(s, 'dirty-2').findings.map((f) => f.fingerprint));
    expect(repo(s, 'labels').findings.map((f) => [f.ruleId, f.path])).toEqual([['ethnicity-label', 'data/labels.json']]);
  });

  it('refuses traversal, bombs and links, reports them, and writes nothing outside', () => {
    const s = readSummaryFile(out);
    const evil = repo(s, 'evil');
    expect(evil.notices.map((n) => n.reason)).toEqual(['archive-unsafe-path']);
    expect(evil.notices[0]?.message).toContain('../../escaped.py');
    expect(evil.findings).toEqual([]);
    expect(readdirSync(tmpdir()).includes('escaped.py')).toBe(false);
    expect(existsSync(join(tmp, 'escaped.py'))).toBe(false);
    const bomb = repo(s, 'bomb');
    expect(bomb.notices.map((n) => n.reason)).toEqual(['archive-bomb']);
    expect(bomb.counts.total).toBe(2); // the rest of the archive was scanned
    expect(repo(s, 'links').notices.map((n) => n.reason)).toEqual(['archive-link']);
    // The extraction folders are gone.
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('ethnolint-archive-'))).toEqual([]);
  });

  it("reports an archive's skipped entries in its SARIF file, which stays valid", async () => {
    const text = readFileSync(join(out, 'sarif', 'evil.sarif'), 'utf8');
    const log = JSON.parse(text) as { runs: { invocations: { toolExecutionNotifications?: { descriptor: { id: string } }[] }[] }[] };
    expect(log.runs[0]?.invocations[0]?.toolExecutionNotifications?.map((n) => n.descriptor.id)).toEqual(['archive-unsafe-path']);
    const report = await validateSarif(text);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  }, 60_000);
});

describe('usage', () => {
  it.each([
    [['repos'], "required option '--out-dir <dir>' not specified"],
    [['missing-folder', '--out-dir', 'o'], 'cannot read input missing-folder'],
    [['repos', '--out-dir', 'o', '--shard', '3/2'], '--shard expects K/N'],
    [['repos', '--out-dir', 'o', '--rule', 'no-such-rule'], 'unknown rule id'],
    [['repos', '--out-dir', 'o', '--since-report', 'nowhere'], '--since-report: cannot read'],
  ])('%j exits 2', (args, message) => {
    const r = batch(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses options before the subcommand instead of scanning the working directory', () => {
    const r = runCli(['--debug', 'batch', 'repos', '--out-dir', 'o'], { cwd: tmp });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ethnolint: "batch" must come first: ethnolint batch [options] ...\n');
    expect(r.stdout).toBe('');
  });

  it('exits 2 when no repository could be scanned', () => {
    writeFileSync(join(tmp, 'ghosts.txt'), 'ghost-1\nghost-2\n');
    const r = batch(['ghosts.txt', '--out-dir', 'out-ghosts']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no repository could be scanned');
    expect(readSummaryFile(join(tmp, 'out-ghosts')).totals.failed).toBe(2);
  });

  it('never takes the out dir for a repository, when it sits among the repositories', () => {
    for (let i = 0; i < 2; i++) {
      expect(batch(['repos', '--out-dir', 'repos/zz-report', '--fail-on', 'never']).status).toBe(0);
      expect(readSummaryFile(join(tmp, 'repos', 'zz-report')).repositories.map((r) => r.id)).toEqual(['broken', 'clean', 'dirty']);
    }
    rmSync(join(tmp, 'repos', 'zz-report'), { recursive: true });
  });
});
