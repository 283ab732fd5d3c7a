// --staged and --diff against real temporary git repositories (errors and hostile
// repositories: git-safety.test.ts).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAddedLines } from '../src/diff-lines.js';
import { parseRawDiff } from '../src/git-changes.js';
import { findingsOf, makeRepo, VIOLATION, VIOLATION_2, type TempRepo } from './helpers/git-repo.js';

let repo: TempRepo;

afterEach(() => repo?.remove());

const LABEL = 'ethnicity-label';

describe('--staged', () => {
  it('scans the staged content, not the working tree', () => {
    repo = makeRepo();
    repo.write('clean.py', 'x = 1\n');
    repo.commit('init');
    // Staged: a violation; working tree: fixed but not staged.
    repo.write('a.py', `import os\n${VIOLATION}\n`);
    repo.git('add', 'a.py');
    repo.write('a.py', 'import os\n');
    // Staged: clean; working tree: a violation not staged.
    repo.write('b.py', 'y = 2\n');
    repo.git('add', 'b.py');
    repo.write('b.py', `${VIOLATION}\n`);
    const run = repo.lint(['--staged', '-f', 'json']);
    expect(run.stderr).toBe('');
    expect(findingsOf(run)).toEqual([`a.py:2:${LABEL}`]);
    expect(run.status).toBe(1);
    // The working tree scan sees the opposite.
    expect(findingsOf(repo.lint(['-f', 'json', '.']))).toEqual([`b.py:1:${LABEL}`]);
  });

  it('scans only staged files, and all of their staged content', () => {
    repo = makeRepo();
    repo.write('old.py', `${VIOLATION}\n`);
    repo.write('edited.py', `${VIOLATION}\n`);
    repo.commit('init');
    repo.write('edited.py', `${VIOLATION}\nz = 3\n`);
    repo.git('add', 'edited.py');
    repo.write('unstaged.py', `${VIOLATION}\n`);
    const run = repo.lint(['--staged', '-f', 'json']);
    // old.py is not staged; edited.py is, and its whole staged content is scanned.
    expect(findingsOf(run)).toEqual([`edited.py:1:${LABEL}`]);
    expect(JSON.parse(run.stdout).stats.filesScanned).toBe(1);
  });

  it('works before the first commit and with renamed files', () => {
    repo = makeRepo();
    repo.write('first.py', `${VIOLATION}\n`);
    repo.git('add', 'first.py');
    expect(findingsOf(repo.lint(['--staged', '-f', 'json']))).toEqual([`first.py:1:${LABEL}`]);
    repo.commit('init');
    repo.git('mv', 'first.py', 'second.py');
    expect(findingsOf(repo.lint(['--staged', '-f', 'json']))).toEqual([`second.py:1:${LABEL}`]);
  });

  it('applies .gitignore, .ethnolintignore, pruned folders and include/exclude as a directory scan does', () => {
    repo = makeRepo();
    repo.write('.ethnolintignore', 'vendored/\n');
    repo.write('.gitignore', 'generated.py\n');
    repo.commit('init');
    for (const rel of ['vendored/a.py', 'node_modules/x/labels.py', 'generated.py', 'src/keep.py', 'tests/t.py']) repo.write(rel, `${VIOLATION}\n`);
    repo.git('add', '-f', '.');
    expect(findingsOf(repo.lint(['--staged', '-f', 'json', '--exclude', 'tests/**']))).toEqual([`src/keep.py:1:${LABEL}`]);
    expect(findingsOf(repo.lint(['--staged', '-f', 'json', '--no-gitignore', '--exclude', 'tests/**']))).toEqual([`generated.py:1:${LABEL}`, `src/keep.py:1:${LABEL}`]);
    // Path arguments narrow the scan; paths are reported relative to the working directory.
    expect(findingsOf(repo.lint(['--staged', '-f', 'json', 'tests']))).toEqual([`tests/t.py:1:${LABEL}`]);
    expect(findingsOf(repo.lint(['--staged', '-f', 'json'], { cwd: join(repo.root, 'src') }))).toEqual([`keep.py:1:${LABEL}`]);
  });

  it('honours a configuration file at the repository top', () => {
    repo = makeRepo();
    repo.write('.ethnolint.yaml', 'exclude:\n  - "legacy/**"\n');
    repo.commit('init');
    repo.write('legacy/a.py', `${VIOLATION}\n`);
    repo.write('new/b.py', `${VIOLATION}\n`);
    repo.git('add', '.');
    expect(findingsOf(repo.lint(['--staged', '-f', 'json']))).toEqual([`new/b.py:1:${LABEL}`]);
  });
});

describe('--diff', () => {
  /** main has an old violation; branch `feature` (from main) adds a new one in the same file. */
  function branchWithOldAndNew(): void {
    repo = makeRepo();
    repo.write('model.py', `import torch\n${VIOLATION}\n`);
    repo.write('other.py', 'x = 1\n');
    repo.commit('init');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('model.py', `import torch\n# a comment\n${VIOLATION}\n\n${VIOLATION_2}\n`);
    repo.commit('feature work');
  }

  it('reports only findings on lines added since the merge base', () => {
    branchWithOldAndNew();
    const run = repo.lint(['--diff', 'main', '-f', 'json']);
    expect(run.status).toBe(1);
    expect(findingsOf(run).filter((f) => f.endsWith(LABEL))).toEqual([`model.py:5:${LABEL}`]);
    expect(findingsOf(run).every((f) => f.startsWith('model.py:5:'))).toBe(true);
  });

  it('compares with the merge base, not with the tip of REF', () => {
    branchWithOldAndNew();
    repo.git('checkout', '-q', 'main');
    repo.write('main-only.py', `${VIOLATION}\n`);
    repo.write('model.py', 'import torch\n');
    repo.commit('main moves on');
    repo.git('checkout', '-q', 'feature');
    expect(findingsOf(repo.lint(['--diff', 'main', '-f', 'json'])).every((f) => f.startsWith('model.py:5:'))).toBe(true);
  });

  it('scans the working tree, including uncommitted edits to tracked files', () => {
    branchWithOldAndNew();
    repo.write('other.py', `x = 1\n${VIOLATION}\n`);
    const found = findingsOf(repo.lint(['--diff', 'main', '-f', 'json'])).filter((f) => f.endsWith(LABEL));
    expect(found).toEqual([`model.py:5:${LABEL}`, `other.py:2:${LABEL}`]);
  });

  it('does not report code in a renamed file', () => {
    repo = makeRepo();
    repo.write('a.py', `${VIOLATION}\nx = 1\n`);
    repo.commit('init');
    repo.git('checkout', '-q', '-b', 'move');
    repo.git('mv', 'a.py', 'b.py');
    repo.write('b.py', `${VIOLATION}\nx = 1\ny = 2\n`);
    repo.commit('move it');
    const run = repo.lint(['--diff', 'main', '-f', 'json']);
    expect(findingsOf(run)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('combines with --staged: staged content, lines changed since the merge base', () => {
    branchWithOldAndNew();
    repo.write('other.py', `${VIOLATION}\nx = 1\n`);
    repo.git('add', 'other.py');
    repo.write('other.py', 'x = 1\n');
    const found = findingsOf(repo.lint(['--staged', '--diff', 'main', '-f', 'json'])).filter((f) => f.endsWith(LABEL));
    expect(found).toEqual([`model.py:5:${LABEL}`, `other.py:1:${LABEL}`]);
  });

  it('prints only the report on stdout', () => {
    branchWithOldAndNew();
    const run = repo.lint(['--diff', 'main', '-f', 'sarif']);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stderr).toBe('');
  });
});

describe('parsers', () => {
  it('reads added lines from hunk bodies, context lines excluded', () => {
    const diff = [
      'diff --git a/old b/new',
      '--- a/old',
      '+++ b/new',
      '@@ -0,0 +1,2 @@',
      '+a',
      '++ b',
      '@@ -5 +6,0 @@',
      '-gone',
      '@@ -9,3 +9,3 @@',
      '-x',
      '+y',
      ' context',
      '--- removed dashes',
      '+z',
      '\\ No newline at end of file',
    ].join('\n');
    expect([...parseAddedLines(diff)].sort((a, b) => a - b)).toEqual([1, 2, 9, 11]);
  });

  it('parses raw -z diff output with renames', () => {
    const z = '0'.repeat(40);
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const raw = `:100644 100644 ${a} ${b} M\0m.py\0:000000 100644 ${z} ${b} A\0new.py\0:100644 100644 ${a} ${b} R087\0old name.py\0new name.py\0`;
    expect(parseRawDiff(Buffer.from(raw))).toEqual([
      { dstMode: '100644', srcOid: a, dstOid: b, status: 'M', srcPath: 'm.py', dstPath: 'm.py' },
      { dstMode: '100644', srcOid: z, dstOid: b, status: 'A', srcPath: 'new.py', dstPath: 'new.py' },
      { dstMode: '100644', srcOid: a, dstOid: b, status: 'R', srcPath: 'old name.py', dstPath: 'new name.py' },
    ]);
  });
});
