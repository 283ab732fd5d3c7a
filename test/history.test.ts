// `ethnolint history` and scanHistory on real git repositories built in temporary folders:
// introduction and removal, side branches, renames, the blob cache, hostile repository
// configuration, and the command line's reports and exit codes.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NotAGitRepositoryError, scanHistory } from '../src/history/scan-history.js';
import { readCommits } from '../src/history/log-stream.js';
import type { HistoryEntry } from '../src/batch/summary.js';
import { createRepo, dateOfDay, type TestRepo } from './helpers/git-history-repo.js';
import { runCli } from './helpers/run-cli.js';

const RACE = 'race_labels = ["asian", "black", "white", "indian"]\n';
const ETHNICITY = 'ethnicity_classes = ["asian", "black", "white"]\n';
const CLEAN = 'classes = ["cat", "dog"]\n';

const repos: TestRepo[] = [];
function repo(): TestRepo {
  const r = createRepo();
  repos.push(r);
  return r;
}
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});

function only(entries: HistoryEntry[], path: string): HistoryEntry {
  const found = entries.filter((e) => e.path === path);
  expect(found, `findings at ${path}`).toHaveLength(1);
  return found[0] as HistoryEntry;
}

describe('scanHistory attribution', () => {
  it('reports a violation added in commit 2 and removed in commit 4', async () => {
    const r = repo();
    r.write('model.py', CLEAN);
    r.commit('one', 1);
    r.write('model.py', RACE);
    const two = r.commit('two', 2, 'Alice Adder');
    r.write('README.md', '# notes\n');
    r.commit('three', 3);
    r.write('model.py', CLEAN);
    const four = r.commit('four', 4, 'Rob Remover');

    const result = await scanHistory(r.root);
    const entry = only(result.entries, 'model.py');
    expect(entry.ruleId).toBe('ethnicity-label');
    expect(entry.introduced).toEqual({ commit: two, date: dateOfDay(2), author: 'Alice Adder' });
    expect(entry.removed).toEqual({ commit: four, date: dateOfDay(4), author: 'Rob Remover' });
    expect(entry.presentAtHead).toBe(false);
    expect(result.head).toBe(four);
    expect(result.stats.commitsWalked).toBe(4);
    expect(result.stats.headLineCommits).toBe(4);
  });

  it('reports a violation still present at HEAD, without a removal', async () => {
    const r = repo();
    r.write('a.py', CLEAN);
    r.commit('one', 1);
    r.write('labels.py', ETHNICITY);
    const two = r.commit('two', 2);
    r.write('a.py', 'x = 1\n');
    r.commit('three', 3);

    const entry = only((await scanHistory(r.root)).entries, 'labels.py');
    expect(entry.introduced.commit).toBe(two);
    expect(entry.presentAtHead).toBe(true);
    expect(entry.removed).toBeUndefined();
  });

  it('gives the last removal when a violation comes back and goes again', async () => {
    const r = repo();
    r.write('m.py', RACE);
    const one = r.commit('add', 1);
    r.write('m.py', CLEAN);
    r.commit('remove', 2);
    r.write('m.py', RACE);
    r.commit('re-add', 3);
    r.write('m.py', CLEAN);
    const last = r.commit('remove again', 4);

    const result = await scanHistory(r.root);
    const entry = only(result.entries, 'm.py');
    expect(entry.introduced.commit).toBe(one);
    expect(entry.removed?.commit).toBe(last);
    // The re-added and re-cleaned blobs are the same (blob, path) pairs: two scans, not four.
    expect(result.stats.blobsScanned).toBe(2);
  });

  it('reports a violation that only ever existed on a side branch as history only', async () => {
    const r = repo();
    r.write('a.py', CLEAN);
    r.commit('base', 1);
    r.git(['checkout', '-q', '-b', 'experiment']);
    r.write('side.py', RACE);
    r.write('odd dir/with space.py', ETHNICITY);
    const side = r.commit('side work', 2);
    r.git(['checkout', '-q', 'main']);
    r.write('a.py', 'y = 2\n');
    r.commit('main work', 3);
    r.git(['checkout', '-q', '-b', 'abandoned']);
    r.write('tried.py', ETHNICITY);
    r.commit('try', 4);
    r.write('tried.py', CLEAN);
    r.commit('undo', 5);
    r.git(['checkout', '-q', 'main']);
    r.git(['tag', 'v1-experiment', 'experiment']);

    const { entries } = await scanHistory(r.root);
    const entry = only(entries, 'side.py');
    expect(entry.introduced.commit).toBe(side);
    expect(entry.presentAtHead).toBe(false);
    expect(entry.removed).toBeUndefined();
    expect(entry.refs).toEqual(['refs/heads/experiment', 'refs/tags/v1-experiment']);
    expect(only(entries, 'odd dir/with space.py').refs).toEqual(['refs/heads/experiment', 'refs/tags/v1-experiment']);
    const tried = only(entries, 'tried.py');
    expect(tried.removed).toBeUndefined();
    expect(tried.refs).toEqual([]);
  });

  it('treats a rename as removal at the old path and introduction at the new one', async () => {
    const r = repo();
    r.write('old.py', RACE);
    const one = r.commit('add', 1);
    r.git(['mv', 'old.py', 'new.py']);
    const two = r.commit('rename', 2);

    const { entries } = await scanHistory(r.root);
    const before = only(entries, 'old.py');
    const after = only(entries, 'new.py');
    expect(before.fingerprint).not.toBe(after.fingerprint);
    expect(before.introduced.commit).toBe(one);
    expect(before.removed?.commit).toBe(two);
    expect(after.introduced.commit).toBe(two);
    expect(after.presentAtHead).toBe(true);
  });

  it('attributes a merged finding to the side commit and its removal to the first-parent line', async () => {
    const r = repo();
    r.write('a.py', CLEAN);
    r.commit('base', 1);
    r.git(['checkout', '-q', '-b', 'feature']);
    r.write('feature.py', ETHNICITY);
    const feature = r.commit('feature', 2);
    r.git(['checkout', '-q', 'main']);
    r.write('a.py', 'z = 3\n');
    r.commit('main', 3);
    const date = dateOfDay(4);
    r.git(['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
    r.remove('feature.py');
    const removal = r.commit('drop feature file', 5);

    const result = await scanHistory(r.root);
    const entry = only(result.entries, 'feature.py');
    expect(entry.introduced.commit).toBe(feature);
    expect(entry.removed?.commit).toBe(removal);
    // The merge shows feature.py against its first parent; the blob was already scanned.
    expect(result.stats.blobsScanned).toBe(3); // a.py ×2 and feature.py, each (blob, path) once
    expect(result.stats.blobsCached).toBeGreaterThan(0);
  });

  it('scans an unchanged blob once, however many commits and walks meet it', async () => {
    const r = repo();
    r.write('stable.py', ETHNICITY);
    r.write('counter.py', 'n = 0\n');
    r.commit('one', 1);
    for (let day = 2; day <= 6; day++) {
      r.write('counter.py', `n = ${day}\n`);
      r.commit(`bump ${day}`, day);
    }
    r.write('counter.py', 'n = 0\n'); // back to the first blob
    r.commit('reset', 7);

    const result = await scanHistory(r.root);
    // stable.py once, counter.py's six distinct blobs once each.
    expect(result.stats.blobsScanned).toBe(7);
    expect(result.stats.commitsWalked).toBe(7);
    // The reset commit, and every blob of the second walk along HEAD's line, come from the cache.
    expect(result.stats.blobsCached).toBe(1 + 8);
    expect(only(result.entries, 'stable.py').presentAtHead).toBe(true);
  });

  it('honours exclude globs and the folders a scan always skips', async () => {
    const r = repo();
    r.write('node_modules/pkg/labels.py', RACE);
    r.write('tests/fixture.py', RACE);
    r.write('src/model.py', RACE);
    r.commit('one', 1);
    r.write('legacy/old.py', RACE);
    r.commit('two', 2);
    r.write('.ethnolintignore', 'legacy/\n'); // on disk only: the work tree's file applies to every commit
    const { entries } = await scanHistory(r.root, { exclude: ['tests/**'] });
    expect(entries.map((e) => e.path)).toEqual(['src/model.py']);
    const unignored = await scanHistory(r.root, { exclude: ['tests/**'], ethnolintignore: false });
    expect(unignored.entries.map((e) => e.path)).toEqual(['legacy/old.py', 'src/model.py']);
  });

  it('reads large blobs in pieces, and skips blobs over --max-file-size and binary ones', async () => {
    const r = repo();
    const filler = '# padding line for a large module\n'.repeat(12_000); // ~400 KB: many pipe chunks
    r.write('big.py', `${filler}${RACE}`);
    r.write('huge.py', `${filler}${filler}${ETHNICITY}`);
    r.write('data.json', Buffer.from('{"race": ["asian", "black"]}\0\0\0').toString('latin1'));
    r.commit('one', 1);
    const result = await scanHistory(r.root, { maxFileSize: 600 * 1024 });
    const big = only(result.entries, 'big.py');
    expect(big.line).toBe(12_001);
    expect(result.entries.map((e) => e.path)).toEqual(['big.py']);
    expect(result.stats.notices['too-large']).toBe(1);
    expect(result.stats.notices.binary).toBe(1);
  });

  it('gives the same entries with worker threads as in process', async () => {
    const r = repo();
    for (let i = 0; i < 450; i++) r.write(`pkg/m${i}.py`, i % 90 === 0 ? RACE : `value_${i} = ${i}\n`);
    r.commit('many files', 1);
    for (let i = 0; i < 450; i += 45) r.write(`pkg/m${i}.py`, i % 90 === 0 ? CLEAN : ETHNICITY);
    r.commit('swap', 2);
    const inProcess = await scanHistory(r.root, { jobs: 1 });
    const workers = await scanHistory(r.root, { jobs: 2 });
    expect(inProcess.entries.length).toBe(10);
    expect(workers.entries).toEqual(inProcess.entries);
    expect(workers.stats.blobsScanned).toBe(inProcess.stats.blobsScanned);
  });

  it('throws NotAGitRepositoryError outside a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ethnolint-not-git-'));
    try {
      await expect(scanHistory(dir)).rejects.toBeInstanceOf(NotAGitRepositoryError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('handles a repository without commits', async () => {
    const r = repo();
    const result = await scanHistory(r.root);
    expect(result.entries).toEqual([]);
    expect(result.head).toBeUndefined();
    expect(result.stats.commitsWalked).toBe(0);
  });
});

describe('hostile repository configuration', () => {
  it('never runs hooks, fsmonitor, filters or textconv', async () => {
    const r = repo();
    r.write('model.py', RACE);
    r.write('notes.txt', 'plain\n');
    r.commit('one', 1);
    r.write('model.py', ETHNICITY);
    r.commit('two', 2);

    const markers = mkdtempSync(join(tmpdir(), 'ethnolint-markers-'));
    const trap = join(markers, '..', `${markers.split('/').pop() as string}-trap.sh`);
    // Writes a marker named after how it was invoked, and passes stdin through (a working filter).
    writeFileSync(trap, `#!/bin/sh\ntouch "${markers}/ran-$(date +%s%N)"\ncat\n`);
    chmodSync(trap, 0o755);
    const hooks = join(r.root, '.git', 'hooks');
    mkdirSync(hooks, { recursive: true });
    for (const hook of ['post-checkout', 'pre-commit', 'post-index-change', 'reference-transaction', 'pre-auto-gc', 'fsmonitor-watchman']) {
      writeFileSync(join(hooks, hook), `#!/bin/sh\nexec "${trap}"\n`);
      chmodSync(join(hooks, hook), 0o755);
    }
    r.write('.gitattributes', '* filter=evil diff=evil\n');
    for (const [key, value] of [
      ['core.fsmonitor', trap],
      ['core.hooksPath', hooks],
      ['core.pager', trap],
      ['filter.evil.clean', trap],
      ['filter.evil.smudge', trap],
      ['filter.evil.process', trap],
      ['diff.evil.textconv', trap],
      ['diff.external', trap],
      ['gpg.program', trap],
      ['log.showSignature', 'true'],
      ['core.sshCommand', trap],
    ] as const) {
      r.git(['config', key, value]);
    }
    r.git(['add', '.gitattributes']);
    const date = dateOfDay(3);
    r.git(['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'attributes'], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });

    try {
      // Control: an ordinary git command on this repository does run the trap.
      r.git(['log', '-p']);
      r.git(['status']);
      expect(readdirSync(markers).length, 'the trap is armed').toBeGreaterThan(0);
      for (const m of readdirSync(markers)) rmSync(join(markers, m));

      const result = await scanHistory(r.root);
      expect(result.entries.map((e) => e.path).sort()).toEqual(['model.py', 'model.py']);
      const cli = runCli(['history', '-f', 'json', r.root]);
      expect(cli.status).toBe(1);
      expect(readdirSync(markers)).toEqual([]);
    } finally {
      rmSync(markers, { recursive: true, force: true });
      rmSync(trap, { force: true });
    }
  });
});

describe('ethnolint history', () => {
  function sampleRepo(): { r: TestRepo; two: string; four: string } {
    const r = repo();
    r.write('model.py', CLEAN);
    r.commit('one', 1);
    r.write('model.py', RACE);
    const two = r.commit('two', 2, 'Alice \x1b[31mRed');
    r.write('keep.py', ETHNICITY);
    r.commit('three', 3);
    r.write('model.py', CLEAN);
    const four = r.commit('four', 4);
    return { r, two, four };
  }

  it('prints one block per finding with introduction and removal, sanitised', () => {
    const { r, two, four } = sampleRepo();
    const cli = runCli(['history', r.root]);
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(1); // keep.py is present at HEAD
    expect(cli.stdout).toContain(`introduced ${two.slice(0, 8)} ${dateOfDay(2)} Alice \\x1b[31mRed`);
    expect(cli.stdout).toContain(`removed    ${four.slice(0, 8)} ${dateOfDay(4)} Test Author`);
    expect(cli.stdout).toContain('present at HEAD');
    expect(cli.stdout).not.toContain('\x1b');
    expect(cli.stdout).toMatch(/2 findings in the history \(1 present at HEAD, 1 removed, 0 never on HEAD's line\)/);
  });

  it('writes versioned, deterministic JSON', () => {
    const { r, two } = sampleRepo();
    const first = runCli(['history', '-f', 'json', r.root]);
    const second = runCli(['history', '-f', 'json', r.root]);
    expect(first.stdout).toBe(second.stdout);
    const doc = JSON.parse(first.stdout) as { schemaVersion: number; kind: string; findings: HistoryEntry[]; stats: Record<string, unknown> };
    expect(doc.schemaVersion).toBe(1);
    expect(doc.kind).toBe('history');
    const model = doc.findings.find((f) => f.path === 'model.py');
    expect(model?.introduced.commit).toBe(two);
    expect(model?.presentAtHead).toBe(false);
    expect(doc.stats).toMatchObject({ commitsWalked: 4, findings: 2, presentAtHead: 1, removed: 1, historyOnly: 0 });
  });

  it('exits 0 when nothing at or above --fail-on is present at HEAD', () => {
    const { r } = sampleRepo();
    expect(runCli(['history', '--fail-on', 'never', r.root]).status).toBe(0);
    // Only the removed finding is left when keep.py is excluded: history alone does not fail.
    const r2 = runCli(['history', '--exclude', 'keep.py', '-f', 'json', r.root]);
    expect(r2.status).toBe(0);
    expect((JSON.parse(r2.stdout) as { findings: unknown[] }).findings).toHaveLength(1);
  });

  it('honours --rule and --disable, and rejects unknown rules with exit 2', () => {
    const { r } = sampleRepo();
    const disabled = runCli(['history', '--disable', 'ethnicity-label', '-f', 'json', r.root]);
    expect((JSON.parse(disabled.stdout) as { findings: unknown[] }).findings).toHaveLength(0);
    expect(disabled.status).toBe(0);
    const unknown = runCli(['history', '--rule', 'no-such-rule', r.root]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^ethnolint: --rule: unknown rule id "no-such-rule"/);
  });

  it("applies the repository's configuration file: severities, include and exclude", () => {
    const { r } = sampleRepo();
    r.write('.ethnolint.yaml', 'rules:\n  ethnicity-label: warning\nexclude:\n  - "model.py"\n');
    const cli = runCli(['history', '-f', 'json', r.root]);
    const doc = JSON.parse(cli.stdout) as { findings: HistoryEntry[] };
    expect(doc.findings.map((f) => [f.path, f.severity])).toEqual([['keep.py', 'warning']]);
    expect(cli.status).toBe(0); // a warning at HEAD is below the default --fail-on error
    expect(runCli(['history', '--fail-on', 'warning', r.root]).status).toBe(1);
    expect(runCli(['history', '--no-repo-config', '-f', 'json', r.root]).stdout).toContain('"path": "model.py"');
  });

  it('writes the report to -o', () => {
    const { r } = sampleRepo();
    const out = join(r.root, '..', 'history.json');
    const cli = runCli(['history', '-f', 'json', '-o', out, r.root]);
    expect(cli.stdout).toBe('');
    expect(cli.status).toBe(1);
    expect(readdirSync(join(r.root, '..'))).toContain('history.json');
  });

  it('exits 2 outside a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ethnolint-not-git-'));
    try {
      const cli = runCli(['history', dir]);
      expect(cli.status).toBe(2);
      expect(cli.stderr).toMatch(/^ethnolint: not a git repository/);
      expect(cli.stdout).toBe('');
      expect(runCli(['history', join(dir, 'missing')]).status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains where options go when they precede the subcommand', () => {
    const cli = runCli(['--quiet', 'history']);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(/"history" must come first: ethnolint history \[options\]/);
  });
});

describe('git log stream parsing', () => {
  it('reads commits split at any byte, with odd names and paths', async () => {
    const id = 'a'.repeat(40);
    const blob = 'b'.repeat(40);
    const zero = '0'.repeat(40);
    const text =
      `\x01${id}\0\0${dateOfDay(1)}\0Odd\nName\0\n:000000 100644 ${zero} ${blob} A\0dir/\x01weird\npath.py\0` +
      `:100644 120000 ${blob} ${blob} T\0link.py\0:100644 000000 ${blob} ${zero} D\0gone.py\0` +
      `\x01${'c'.repeat(40)}\0${id}\0${dateOfDay(2)}\0Second\0`;
    const bytes = Buffer.from(text);
    async function* oneByteAtATime(): AsyncGenerator<Buffer> {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    }
    const commits = [];
    for await (const c of readCommits(oneByteAtATime())) commits.push(c);
    expect(commits).toEqual([
      { id, parents: [], date: dateOfDay(1), author: 'Odd\nName', changes: [{ path: 'dir/\x01weird\npath.py', blob }, { path: 'link.py' }, { path: 'gone.py' }] },
      { id: 'c'.repeat(40), parents: [id], date: dateOfDay(2), author: 'Second', changes: [] },
    ]);
  });
});
