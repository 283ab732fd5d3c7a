// Safe extraction of untrusted repository archives: names, links, caps.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveRejected, DEFAULT_LIMITS, EntryRejected, safeSegments, targetPath } from '../src/batch/archive-safety.js';
import { archiveFormat, extractArchive } from '../src/batch/archive.js';
import { tarball, zip } from './helpers/archives.js';
import { makeRepo } from './helpers/batch-git.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ethnolint-archive-test-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Writes the archive in its own folder, so "nothing outside" can be checked on that folder. */
function place(name: string, bytes: Buffer): { file: string; dir: string } {
  const dir = join(tmp, `case-${name}`);
  mkdirSync(dir);
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return { file, dir };
}

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1).split('\\').join('/'))
    .sort();
}

describe('entry names', () => {
  it.each(['../evil', 'a/../../evil', 'a\\..\\..\\evil', '/etc/passwd', '\\\\server\\share', 'C:\\evil', 'c:evil', 'a\0b', '', './'])('refuses %j', (name) => {
    expect(() => safeSegments(name)).toThrow(EntryRejected);
  });

  it('keeps ordinary nested names, with either separator', () => {
    expect(safeSegments('a/b/./c.json')).toEqual(['a', 'b', 'c.json']);
    expect(safeSegments('a\\b\\c.py')).toEqual(['a', 'b', 'c.py']);
    expect(targetPath('/x/root', ['a', 'b'])).toBe('/x/root/a/b');
  });

  it('knows the archive formats by name', () => {
    expect(archiveFormat('/p/Repo.TAR.GZ')).toEqual({ format: 'tgz', stem: 'Repo' });
    expect(archiveFormat('r.tgz')?.format).toBe('tgz');
    expect(archiveFormat('r.zip')?.stem).toBe('r');
    expect(archiveFormat('r.json')).toBeUndefined();
  });
});

describe('zip', () => {
  it('extracts files and folders, and reports (and skips) traversal, absolute names and links', async () => {
    const { file, dir } = place(
      'repo.zip',
      zip([
        { name: 'repo/' },
        { name: 'repo/src/a.py', data: 'x = 1\n', deflate: true },
        { name: 'repo/labels.json', data: '{"0": "asian"}' },
        { name: 'repo/../../evil.txt', data: 'owned' },
        { name: '../evil2.txt', data: 'owned' },
        { name: '/tmp/evil3.txt', data: 'owned' },
        { name: 'repo/link', data: '/etc/passwd', mode: 0o120777 },
      ]),
    );
    const out = await extractArchive(file);
    try {
      // One top-level folder: it becomes the root, as for GitHub's archives.
      expect(out.root.endsWith('/repo')).toBe(true);
      expect(files(out.root)).toEqual(['labels.json', 'src/a.py']);
      expect(readFileSync(join(out.root, 'src/a.py'), 'utf8')).toBe('x = 1\n');
      expect(out.notices.map((n) => n.reason).sort()).toEqual(['archive-link', 'archive-unsafe-path', 'archive-unsafe-path', 'archive-unsafe-path']);
      expect(out.notices.every((n) => n.level === 'warning' && n.path === '')).toBe(true);
    } finally {
      out.cleanup();
    }
    expect(existsSync(out.root)).toBe(false);
    expect(readdirSync(dir)).toEqual(['repo.zip']);
    expect(existsSync(join(tmpdir(), 'evil.txt'))).toBe(false);
  });

  it('skips an entry past the compression-ratio cap and keeps the rest', async () => {
    const { file } = place('bomb.zip', zip([{ name: 'zeros.json', data: Buffer.alloc(8 * 1024 * 1024), deflate: true }, { name: 'ok.py', data: 'y = 2\n' }]));
    const out = await extractArchive(file);
    try {
      expect(out.notices.map((n) => n.reason)).toEqual(['archive-bomb']);
      expect(files(out.root)).toEqual(['ok.py']); // no partial file left behind
    } finally {
      out.cleanup();
    }
  });

  it('rejects the whole archive past the entry-count or total-size caps, leaving no folder', async () => {
    const { file } = place('many.zip', zip([{ name: 'a', data: '1' }, { name: 'b', data: '2' }, { name: 'c', data: '3' }]));
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('ethnolint-archive-')).length;
    await expect(extractArchive(file, { ...DEFAULT_LIMITS, maxEntries: 2 })).rejects.toThrow(/more than 2 entries/);
    await expect(extractArchive(file, { ...DEFAULT_LIMITS, maxTotalBytes: 2 })).rejects.toThrow(ArchiveRejected);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('ethnolint-archive-')).length).toBe(before);
  });

  it('skips an entry over the per-entry cap and refuses duplicates', async () => {
    const { file } = place('big.zip', zip([{ name: 'big.txt', data: 'x'.repeat(100) }, { name: 'a.txt', data: '1' }, { name: 'a.txt', data: '2' }]));
    const out = await extractArchive(file, { ...DEFAULT_LIMITS, maxEntryBytes: 50 });
    try {
      expect(out.notices.map((n) => n.reason).sort()).toEqual(['archive-duplicate-entry', 'archive-entry-too-large']);
      expect(readFileSync(join(out.root, 'a.txt'), 'utf8')).toBe('1');
    } finally {
      out.cleanup();
    }
  });

  it('fails cleanly on a file that is not a zip', async () => {
    const { file } = place('junk.zip', Buffer.from('not a zip at all'));
    await expect(extractArchive(file)).rejects.toThrow(/not a readable zip archive/);
  });
});

describe('tar.gz', () => {
  it('extracts files; links, special files and traversal are reported and skipped', async () => {
    const { file, dir } = place(
      'repo.tar.gz',
      await tarball([
        { name: 'src/', type: 'directory' },
        { name: 'src/a.py', data: 'x = 1\n' },
        { name: 'evil-link', type: 'symlink', linkname: '/etc' },
        { name: 'hard', type: 'link', linkname: '../../outside' },
        { name: 'pipe', type: 'fifo' },
        { name: '../escape.txt', data: 'owned' },
        { name: 'data.json', data: '{}' },
      ]),
    );
    const out = await extractArchive(file);
    try {
      expect(files(out.root)).toEqual(['data.json', 'src/a.py']);
      expect(out.notices.map((n) => n.reason)).toEqual(['archive-link', 'archive-link', 'archive-special-file', 'archive-unsafe-path']);
      expect(out.notices[0]?.message).toContain('"evil-link"');
    } finally {
      out.cleanup();
    }
    expect(readdirSync(dir)).toEqual(['repo.tar.gz']);
  });

  it('rejects a gzip stream past the ratio cap', async () => {
    const { file } = place('bomb.tgz', await tarball([{ name: 'zeros.txt', data: Buffer.alloc(8 * 1024 * 1024) }]));
    await expect(extractArchive(file)).rejects.toThrow(/compression ratio/);
  });

  it('skips an entry over the per-entry cap and goes on; stops past the total cap', async () => {
    const { file } = place('sizes.tgz', await tarball([{ name: 'big.txt', data: 'x'.repeat(100) }, { name: 'small.txt', data: 'ok' }]));
    const out = await extractArchive(file, { ...DEFAULT_LIMITS, maxEntryBytes: 50 });
    try {
      expect(out.notices.map((n) => n.reason)).toEqual(['archive-entry-too-large']);
      expect(files(out.root)).toEqual(['small.txt']);
    } finally {
      out.cleanup();
    }
    await expect(extractArchive(file, { ...DEFAULT_LIMITS, maxTotalBytes: 60 })).rejects.toThrow(/expands past 60 bytes/);
  });

  it('stops at the entry cap', async () => {
    const { file } = place('many.tgz', await tarball([{ name: 'a', data: '1' }, { name: 'b', data: '2' }, { name: 'c', data: '3' }]));
    await expect(extractArchive(file, { ...DEFAULT_LIMITS, maxEntries: 2 })).rejects.toThrow(/more than 2 entries/);
  });

  it('extracts what `git archive` makes (pax global header, top folder) without a notice', async () => {
    const repoDir = join(tmp, 'git-archive-repo');
    makeRepo(repoDir, { 'src/a.py': 'a = 1\n', 'labels.json': '{}' });
    const bytes = execFileSync('git', ['archive', '--format=tar.gz', '--prefix=project-main/', 'HEAD'], { cwd: repoDir });
    const { file } = place('project.tar.gz', bytes);
    const out = await extractArchive(file);
    try {
      expect(out.notices).toEqual([]);
      expect(out.root.endsWith('/project-main')).toBe(true);
      expect(files(out.root)).toEqual(['labels.json', 'src/a.py']);
    } finally {
      out.cleanup();
    }
  });

  it('reads a plain .tar and fails cleanly on a corrupt one', async () => {
    const plain = place('plain.tar', await tarball([{ name: 'a.py', data: 'a = 1\n' }], false));
    const out = await extractArchive(plain.file);
    expect(files(out.root)).toEqual(['a.py']);
    out.cleanup();
    const bad = place('bad.tar.gz', Buffer.from('definitely not gzip'));
    await expect(extractArchive(bad.file)).rejects.toThrow(/corrupt tar.gz archive/);
  });
});
