import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normalizeRemoteUrl, parseGitConfig, readGitProvenance } from '../src/vcs.js';

const SHA_MAIN = '1111111111111111111111111111111111111111';
const SHA_PACKED = '2222222222222222222222222222222222222222';
const SHA_DETACHED = '3333333333333333333333333333333333333333';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ethnolint-vcs-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function write(path: string, content: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

function fakeRepo(root: string, options: { head: string; url?: string }): string {
  const git = join(root, '.git');
  write(join(git, 'HEAD'), `${options.head}\n`);
  write(join(git, 'refs', 'heads', 'main'), `${SHA_MAIN}\n`);
  write(
    join(git, 'packed-refs'),
    `# pack-refs with: peeled fully-peeled sorted\n${SHA_PACKED} refs/heads/release/1.x\n^${SHA_DETACHED}\n`,
  );
  write(
    join(git, 'config'),
    [
      '[core]',
      '\trepositoryformatversion = 0',
      '[remote "upstream"]',
      '\turl = https://github.com/wrong/repo.git',
      '[remote "origin"]',
      `\turl = ${options.url ?? 'https://user:ghp_secrettoken@github.com/example/face-model.git'} # comment`,
      '\tfetch = +refs/heads/*:refs/remotes/origin/*',
      '',
    ].join('\n'),
  );
  return git;
}

describe('readGitProvenance', () => {
  it('reads branch, loose ref and a credential-free origin url', () => {
    fakeRepo(tmp, { head: 'ref: refs/heads/main' });
    const vcs = readGitProvenance(tmp);
    expect(vcs).toEqual({
      repositoryUri: 'https://github.com/example/face-model',
      revisionId: SHA_MAIN,
      branch: 'main',
    });
    expect(JSON.stringify(vcs)).not.toContain('secret');
    expect(JSON.stringify(vcs)).not.toContain('user');
  });

  it('resolves refs through packed-refs', () => {
    fakeRepo(tmp, { head: 'ref: refs/heads/release/1.x', url: 'git@github.com:example/face-model.git' });
    expect(readGitProvenance(tmp)).toEqual({
      repositoryUri: 'https://github.com/example/face-model',
      revisionId: SHA_PACKED,
      branch: 'release/1.x',
    });
  });

  it('handles a detached HEAD', () => {
    fakeRepo(tmp, { head: SHA_DETACHED });
    const vcs = readGitProvenance(tmp);
    expect(vcs?.revisionId).toBe(SHA_DETACHED);
    expect(vcs?.branch).toBeUndefined();
  });

  it('keeps the branch of an unborn ref without a revision', () => {
    fakeRepo(tmp, { head: 'ref: refs/heads/new-branch' });
    expect(readGitProvenance(tmp)).toEqual({ repositoryUri: 'https://github.com/example/face-model', branch: 'new-branch' });
  });

  it('follows a `gitdir:` file (worktree with commondir)', () => {
    const main = join(tmp, 'main');
    const git = fakeRepo(main, { head: 'ref: refs/heads/main' });
    const wtGit = join(git, 'worktrees', 'feature');
    write(join(wtGit, 'HEAD'), 'ref: refs/heads/release/1.x\n');
    write(join(wtGit, 'commondir'), '../..\n');
    const worktree = join(tmp, 'feature');
    write(join(worktree, '.git'), `gitdir: ${wtGit}\n`);
    expect(readGitProvenance(worktree)).toEqual({
      repositoryUri: 'https://github.com/example/face-model',
      revisionId: SHA_PACKED,
      branch: 'release/1.x',
    });
  });

  it('follows a relative `gitdir:` file (submodule)', () => {
    const modGit = join(tmp, '.git', 'modules', 'sub');
    write(join(modGit, 'HEAD'), `${SHA_DETACHED}\n`);
    write(join(modGit, 'config'), '[remote "origin"]\n\turl = ssh://git@gitlab.com:2222/group/sub.git\n');
    write(join(tmp, 'sub', '.git'), 'gitdir: ../.git/modules/sub\n');
    expect(readGitProvenance(join(tmp, 'sub'))).toEqual({
      repositoryUri: 'https://gitlab.com/group/sub',
      revisionId: SHA_DETACHED,
    });
  });

  it('returns undefined for odd or missing repositories and never throws', () => {
    expect(readGitProvenance(tmp)).toBeUndefined(); // no .git
    expect(readGitProvenance(join(tmp, 'does-not-exist'))).toBeUndefined();
    write(join(tmp, 'a', '.git'), 'not a gitdir file\n');
    expect(readGitProvenance(join(tmp, 'a'))).toBeUndefined();
    write(join(tmp, 'b', '.git', 'HEAD'), 'garbage\n');
    expect(readGitProvenance(join(tmp, 'b'))).toBeUndefined();
    write(join(tmp, 'c', '.git', 'HEAD'), 'ref: refs/heads/../../../../etc/passwd\n');
    expect(readGitProvenance(join(tmp, 'c'))).toBeUndefined();
    write(join(tmp, 'd', '.git', 'HEAD'), 'x'.repeat(100 * 1024));
    expect(readGitProvenance(join(tmp, 'd'))).toBeUndefined();
  });

  it('omits a local-path origin', () => {
    fakeRepo(tmp, { head: 'ref: refs/heads/main', url: '/home/someone/repos/face-model.git' });
    expect(readGitProvenance(tmp)).toEqual({ revisionId: SHA_MAIN, branch: 'main' });
  });
});

describe('normalizeRemoteUrl', () => {
  it.each([
    ['git@github.com:o/r.git', 'https://github.com/o/r'],
    ['github.com:o/r', 'https://github.com/o/r'],
    ['https://user:token@github.com/o/r.git', 'https://github.com/o/r'],
    ['https://x-access-token:abc@github.com/o/r.git/', 'https://github.com/o/r'],
    ['http://git.example.com:8080/o/r.git?token=abc#frag', 'http://git.example.com:8080/o/r'],
    ['ssh://git@github.com/o/r.git', 'https://github.com/o/r'],
    ['git://example.org/o/r', 'https://example.org/o/r'],
    ['/srv/git/r.git', undefined],
    ['file:///srv/git/r.git', undefined],
    ['C:\\repos\\r.git', undefined],
    ['../r.git', undefined],
    ['', undefined],
  ])('%s → %s', (input, expected) => {
    expect(normalizeRemoteUrl(input)).toBe(expected);
  });
});

describe('parseGitConfig', () => {
  it('handles quotes, comments, case and subsections', () => {
    const config = parseGitConfig('[Remote "Origin"]\n  URL = "a b" ; c\n[core]\n\tbare\n');
    expect(config.get('remote.Origin.url')).toBe('a b');
    expect(config.get('core.bare')).toBe('true');
  });
});
