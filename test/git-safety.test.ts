// --staged and --diff: clear errors outside git or with a bad revision, and no program from a
// hostile repository's configuration (hooks, fsmonitor, filters, diff drivers) ever runs.
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findingsOf, makeRepo, VIOLATION, VIOLATION_2, type TempRepo } from './helpers/git-repo.js';

let repo: TempRepo;

afterEach(() => repo?.remove());

const LABEL = 'ethnicity-label';

describe('errors', () => {
  it('an unknown revision exits 2 with one line', () => {
    repo = makeRepo();
    repo.write('a.py', 'x = 1\n');
    repo.commit('init');
    const run = repo.lint(['--diff', 'no-such-branch']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('ethnolint: --diff: unknown revision "no-such-branch"\n');
    expect(repo.lint(['--diff', '--staged']).status).toBe(2);
  });

  it('outside a git repository both modes exit 2', () => {
    repo = makeRepo({ init: false });
    repo.write('a.py', `${VIOLATION}\n`);
    const env = { GIT_CEILING_DIRECTORIES: join(repo.root, '..') };
    for (const args of [['--staged'], ['--diff', 'main']]) {
      const run = repo.lint(args, { env });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^ethnolint: --(staged|diff) needs a git repository: .*\n$/);
    }
  });

  it('without git on PATH both modes exit 2', () => {
    repo = makeRepo();
    const run = repo.lint(['--staged'], { env: { PATH: join(repo.root, 'no-bin') } });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('ethnolint: --staged: git is not installed (or not on PATH)\n');
  });

  it('--write-baseline is a usage error with --staged or --diff', () => {
    repo = makeRepo();
    const run = repo.lint(['--staged', '--write-baseline', 'b.json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^ethnolint: --write-baseline records a whole scan/);
  });
});

describe('a hostile repository', () => {
  it('runs no hook, fsmonitor, filter, textconv or external diff', () => {
    repo = makeRepo();
    repo.write('model.py', `${VIOLATION}\n`);
    repo.write('notes.md', 'hello\n');
    repo.commit('init');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('model.py', `x = 1\n${VIOLATION}\n${VIOLATION_2}\n`);
    repo.commit('more');
    repo.write('staged.py', `${VIOLATION}\n`);
    repo.git('add', 'staged.py');

    const markers = join(repo.root, '.git', 'markers');
    mkdirSync(markers);
    const script = (name: string): string => {
      const file = join(markers, `${name}.sh`);
      writeFileSync(file, `#!/bin/sh\ntouch ${JSON.stringify(join(markers, `${name}.ran`))}\ncat\n`, { mode: 0o755 });
      return file;
    };
    const hooks = join(repo.root, '.git', 'hooks');
    for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman']) {
      writeFileSync(join(hooks, hook), `#!/bin/sh\ntouch ${JSON.stringify(join(markers, `hook-${hook}.ran`))}\n`, { mode: 0o755 });
    }
    repo.git('config', 'core.fsmonitor', script('fsmonitor'));
    repo.git('config', 'core.hooksPath', hooks);
    repo.git('config', 'filter.evil.clean', script('clean'));
    repo.git('config', 'filter.evil.smudge', script('smudge'));
    repo.git('config', 'filter.evil.process', script('process'));
    repo.git('config', 'filter.evil.required', 'true');
    repo.git('config', 'diff.evil.textconv', script('textconv'));
    repo.git('config', 'diff.evil.command', script('diffcmd'));
    repo.git('config', 'diff.external', script('external'));
    repo.git('config', 'core.pager', script('pager'));
    repo.write('.gitattributes', '*.py filter=evil diff=evil\n*.md filter=evil diff=evil\n');
    // Make the working-tree files stat-dirty, so that git would have to read them to compare.
    repo.write('model.py', `x = 1\n${VIOLATION}\n${VIOLATION_2}\n# edited\n`);
    repo.write('notes.md', 'hello again\n');
    chmodSync(join(repo.root, 'notes.md'), 0o644);

    const staged = repo.lint(['--staged', '-f', 'json']);
    expect(findingsOf(staged)).toEqual([`staged.py:1:${LABEL}`]);
    const diff = repo.lint(['--diff', 'main', '-f', 'json']);
    expect(diff.stderr).toBe('');
    expect(diff.status).toBe(1);
    expect(findingsOf(diff).some((f) => f.startsWith('model.py:3:'))).toBe(true);
    expect(findingsOf(diff).some((f) => f.startsWith('model.py:2:'))).toBe(false);
    expect(repo.lint(['--staged', '--diff', 'main', '-f', 'json']).status).toBe(1);
    expect(readdirSync(markers).filter((n) => n.endsWith('.ran'))).toEqual([]);
  });
});
