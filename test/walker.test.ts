import { execFileSync } from 'node:child_process';
import { promises as fsp, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../src/errors.js';
import { compareNames, walk, type WalkEntry, type WalkOptions } from '../src/walker.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ethnolint-walk-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

/** Creates files (content = path) and directories (names ending in '/') under `root`. */
function tree(entries: Record<string, string> | string[]): void {
  const list = Array.isArray(entries) ? Object.fromEntries(entries.map((p) => [p, p])) : entries;
  for (const [rel, content] of Object.entries(list)) {
    const abs = path.join(root, rel);
    if (rel.endsWith('/')) mkdirSync(abs, { recursive: true });
    else {
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
  }
}

async function collect(options: Partial<WalkOptions> = {}): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  for await (const entry of walk({ cwd: root, ...options })) out.push(entry);
  return out;
}

async function files(options: Partial<WalkOptions> = {}): Promise<string[]> {
  return (await collect(options)).flatMap((e) => (e.type === 'file' ? [e.path] : []));
}

async function skips(options: Partial<WalkOptions> = {}): Promise<Array<[string, string]>> {
  return (await collect(options)).flatMap((e) => (e.type === 'skip' ? [[e.path, e.reason] as [string, string]] : []));
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function hasMkfifo(): boolean {
  try {
    execFileSync('mkfifo', [path.join(root, 'probe.fifo')]);
    rmSync(path.join(root, 'probe.fifo'));
    return true;
  } catch {
    return false;
  }
}

describe('walk: ignore files', () => {
  it('applies nested .gitignore files relative to their directory, with negations and directory patterns', async () => {
    tree({
      '.gitignore': '*.log\n!keep.log\nbuild/\n',
      'a.py': '',
      'x.log': '',
      'keep.log': '',
      'build/out.py': '',
      'src/build': 'a file, not a directory: build/ does not match it',
      'src/.gitignore': '!important.log\n/local.py\n',
      'src/important.log': '',
      'src/other.log': '',
      'src/local.py': '',
      'src/deep/local.py': '',
    });
    expect(await files()).toEqual([
      '.gitignore',
      'a.py',
      'keep.log',
      'src/.gitignore',
      'src/build',
      'src/deep/local.py',
      'src/important.log',
    ]);
  });

  it('lets a deeper .gitignore re-include a directory a shallower one excludes, keeping the other rules', async () => {
    tree({
      '.gitignore': 'data/\n*.tmp\n',
      'data/x.csv': '',
      'sub/.gitignore': '!data/\n',
      'sub/data/x.csv': '',
      'sub/data/y.tmp': '',
    });
    expect(await files()).toEqual(['.gitignore', 'sub/.gitignore', 'sub/data/x.csv']);
  });

  it('reads .git/info/exclude, below .gitignore in precedence', async () => {
    tree({ '.git/info/exclude': 'secret.py\n*.csv\n', '.gitignore': '!keep.csv\n', 'secret.py': '', 'a.csv': '', 'keep.csv': '', 'ok.py': '' });
    expect(await files()).toEqual(['.gitignore', 'keep.csv', 'ok.py']);
  });

  it('honours .ethnolintignore even with gitignore off, and .gitignore only when on', async () => {
    tree({
      '.gitignore': 'git-ignored.py\n',
      '.ethnolintignore': 'lint-ignored.py\n',
      'git-ignored.py': '',
      'lint-ignored.py': '',
      'sub/.ethnolintignore': '*.csv\n',
      'sub/a.csv': '',
      'b.csv': '',
    });
    expect(await files({ gitignore: false })).toEqual(['.ethnolintignore', '.gitignore', 'b.csv', 'git-ignored.py', 'sub/.ethnolintignore']);
    expect(await files({ gitignore: true })).toEqual(['.ethnolintignore', '.gitignore', 'b.csv', 'sub/.ethnolintignore']);
  });

  it('lets a .ethnolintignore negation re-include what .gitignore excludes', async () => {
    tree({ '.gitignore': 'models/\n', '.ethnolintignore': '!models/\n', 'models/labels.txt': '', 'models/w.bin': '' });
    expect(await files()).toEqual(['.ethnolintignore', '.gitignore', 'models/labels.txt', 'models/w.bin']);
  });

  it('re-includes directories whose names contain glob characters', async () => {
    tree({ '.gitignore': '/sub/*/\n', 'sub/.gitignore': '!*/\n', 'sub/a [x] #1!*?/f.py': '', 'sub/b/g.py': '' });
    expect(await files()).toEqual(['.gitignore', 'sub/.gitignore', 'sub/a [x] #1!*?/f.py', 'sub/b/g.py']);
  });

  it('applies the .gitignore files above a subdirectory argument, from the git root', async () => {
    tree({ '.git/HEAD': '', '.gitignore': 'gen/\n*.log\n', 'pkg/a.py': '', 'pkg/a.log': '', 'pkg/gen/b.py': '' });
    expect(await files({ cwd: path.join(root, 'pkg') })).toEqual(['a.py']);
  });
});

describe('walk: pruned directories', () => {
  it('prunes dependency, cache and virtual-environment directories but not dist or build', async () => {
    tree([
      'node_modules/x/index.js',
      '.venv/lib/site.py',
      'venv/lib/site.py',
      'env/pyvenv.cfg',
      'env/lib/site.py',
      'myenv/pyvenv.cfg',
      'myenv/lib/site.py',
      'conda/conda-meta/history',
      'conda/lib/site.py',
      'envs/keep.py',
      'env2/keep.py',
      'pkg.egg-info/PKG-INFO',
      '__pycache__/a.pyc',
      '.git/config',
      '.idea/workspace.xml',
      'dist/model.json',
      'build/config.yaml',
      'src/__pycache__/b.pyc',
      'src/main.py',
    ]);
    expect(await files()).toEqual(['build/config.yaml', 'dist/model.json', 'env2/keep.py', 'envs/keep.py', 'src/main.py']);
  });

  it('does not read pruned directories at all', async () => {
    tree(['node_modules/a/b.js', '.gitignore', 'ignored/x.py', 'kept/y.py']);
    writeFileSync(path.join(root, '.gitignore'), 'ignored/\n');
    const readdir = vi.spyOn(fsp, 'readdir');
    await files({ exclude: ['kept'] });
    const read = readdir.mock.calls.map((call) => path.relative(root, String(call[0])));
    expect(read).toEqual(['']);
  });

  it('enters a directory named on the command line even if it is ignored, applying the rules inside', async () => {
    tree({ '.gitignore': 'build/\n*.tmp\n', 'build/a.py': '', 'build/b.tmp': '', 'node_modules/x/i.js': '' });
    expect(await files({ paths: ['build'] })).toEqual(['build/a.py']);
    expect(await files({ paths: ['node_modules/x'] })).toEqual(['node_modules/x/i.js']);
  });
});

describe('walk: symlinks and special files', () => {
  it('reports symlinks to files and directories without following them', async () => {
    tree(['real/a.py', 'target.py']);
    symlinkSync(path.join(root, 'target.py'), path.join(root, 'link.py'));
    symlinkSync(path.join(root, 'real'), path.join(root, 'linkdir'));
    symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling'));
    const entries = await collect();
    expect(entries.filter((e) => e.type === 'file').map((e) => e.path)).toEqual(['real/a.py', 'target.py']);
    expect(entries.filter((e) => e.type === 'skip').map((e) => [e.path, e.type === 'skip' && e.reason])).toEqual([
      ['dangling', 'symlink'],
      ['link.py', 'symlink'],
      ['linkdir', 'symlink'],
    ]);
  });

  it('does not report ignored symlinks', async () => {
    tree({ '.gitignore': 'link.py\n', 'target.py': '' });
    symlinkSync(path.join(root, 'target.py'), path.join(root, 'link.py'));
    expect(await skips()).toEqual([]);
  });

  it('follows symlinks when asked, resolving file links and stopping at loops', async () => {
    tree(['real/a.py', 'target.py']);
    symlinkSync(path.join(root, 'target.py'), path.join(root, 'link.py'));
    symlinkSync(root, path.join(root, 'real', 'loop'));
    symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling'));
    const entries = await collect({ followSymlinks: true });
    expect(entries).toContainEqual({ type: 'file', path: 'link.py', absPath: await fsp.realpath(path.join(root, 'target.py')) });
    expect(entries.filter((e) => e.type === 'file').map((e) => e.path)).toEqual(['link.py', 'real/a.py', 'target.py']);
    expect(entries.filter((e) => e.type === 'skip').map((e) => [e.path, e.type === 'skip' && e.reason])).toEqual([
      ['dangling', 'not-found'],
      ['real/loop', 'symlink'],
    ]);
  });

  it('reports a FIFO as a special file without opening it', async (context) => {
    if (!hasMkfifo()) context.skip();
    tree(['a.py']);
    execFileSync('mkfifo', [path.join(root, 'pipe.py')]);
    // Opening a FIFO for reading blocks until a writer appears: the walk finishing proves it never did.
    const entries = await collect();
    expect(entries).toEqual([
      { type: 'file', path: 'a.py', absPath: path.join(root, 'a.py') },
      expect.objectContaining({ type: 'skip', path: 'pipe.py', reason: 'special-file' }),
    ]);
    expect(await collect({ paths: ['pipe.py'] })).toEqual([expect.objectContaining({ path: 'pipe.py', reason: 'special-file' })]);
  }, 10_000);

  it.skipIf(isRoot)('reports an unreadable directory and carries on', async () => {
    tree(['locked/a.py', 'open/b.py']);
    chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const entries = await collect();
      expect(entries.map((e) => [e.path, e.type === 'skip' ? e.reason : e.type])).toEqual([
        ['locked', 'unreadable'],
        ['open/b.py', 'file'],
      ]);
    } finally {
      chmodSync(path.join(root, 'locked'), 0o755);
    }
  });

  it('turns a directory read error into a skip entry (simulated EACCES, runs as root too)', async () => {
    tree(['locked/a.py', 'open/b.py']);
    const real = fsp.readdir.bind(fsp);
    vi.spyOn(fsp, 'readdir').mockImplementation(((dir: string, options: unknown) => {
      if (String(dir).endsWith(`${path.sep}locked`)) {
        return Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
      }
      return real(dir, options as { withFileTypes: true });
    }) as typeof fsp.readdir);
    const entries = await collect();
    expect(entries).toEqual([
      { type: 'skip', path: 'locked', reason: 'unreadable', message: 'cannot read directory: permission denied' },
      { type: 'file', path: 'open/b.py', absPath: path.join(root, 'open', 'b.py') },
    ]);
  });
});

describe('walk: arguments', () => {
  it('expands glob arguments and filters them through the ignore rules', async () => {
    tree({ '.gitignore': 'src/gen/\n', 'src/a.py': '', 'src/b.js': '', 'src/sub/c.py': '', 'src/gen/d.py': '', 'e.py': '' });
    expect(await files({ paths: ['src/**/*.py'] })).toEqual(['src/a.py', 'src/sub/c.py']);
    expect(await files({ paths: ['./*.py'] })).toEqual(['e.py']);
  });

  it('treats an existing path with glob characters as a path', async () => {
    tree(['data[1].csv', 'data1.csv']);
    expect(await files({ paths: ['data[1].csv'] })).toEqual(['data[1].csv']);
  });

  it('subjects explicit files to ignore rules, pruned directories and include/exclude', async () => {
    tree({ '.gitignore': 'ignored.py\ngen/\n', 'ignored.py': '', 'gen/x.py': '', 'a.py': '', 'b.csv': '', 'node_modules/m.js': '' });
    const args = ['ignored.py', 'gen/x.py', 'a.py', 'b.csv', 'node_modules/m.js'];
    expect(await files({ paths: args })).toEqual(['a.py', 'b.csv']);
    expect(await files({ paths: args, exclude: ['*.csv'] })).toEqual(['a.py']);
    expect(await files({ paths: args, include: ['**/*.csv'] })).toEqual(['b.csv']);
  });

  it('matches include/exclude against cwd-relative paths; slash-less patterns match base names', async () => {
    tree(['a.py', 'src/b.py', 'src/c.csv', 'vendor/d.py', 'src/vendor/e.py']);
    expect(await files({ include: ['*.py'], exclude: ['vendor'] })).toEqual(['a.py', 'src/b.py']);
    expect(await files({ exclude: ['src/**'] })).toEqual(['a.py', 'vendor/d.py']);
    expect(await files({ exclude: ['vendor/'] })).toEqual(['a.py', 'src/b.py', 'src/c.csv']);
    expect(await files({ include: ['src/*.csv'] })).toEqual(['src/c.csv']);
  });

  it('throws a UsageError for a missing path before yielding anything', async () => {
    tree(['a.py']);
    const iterator = walk({ cwd: root, paths: ['a.py', 'nope/missing.py'] });
    await expect(iterator.next()).rejects.toThrow(UsageError);
    await expect(collect({ paths: ['.', 'missing'] })).rejects.toThrow('missing: no such file or directory');
  });

  it('yields a file once when it is also inside a directory argument', async () => {
    tree(['a.py', 'src/b.py']);
    expect(await files({ paths: ['src/b.py', '.', 'src', './a.py'] })).toEqual(['a.py', 'src/b.py']);
  });

  it('uses cwd-relative paths for arguments outside cwd', async () => {
    tree(['work/x.py', 'other/y.py']);
    expect(await files({ cwd: path.join(root, 'work'), paths: ['../other', '.'] })).toEqual(['../other/y.py', 'x.py']);
  });
});

describe('walk: order', () => {
  it('is depth-first in UTF-8 byte order of names, whatever the creation order', async () => {
    const names = ['b.py', 'a/z.py', 'a-b.py', 'B.py', '\u00e9.py', '\ud83d\ude00.py', '\uff21.py', 'a/a.py', '_.py', '1.py'];
    tree(names);
    const first = await files();
    expect(first).toEqual(['1.py', 'B.py', '_.py', 'a/a.py', 'a/z.py', 'a-b.py', 'b.py', '\u00e9.py', '\uff21.py', '\ud83d\ude00.py']);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root);
    tree([...names].reverse());
    expect(await files()).toEqual(first);
  });

  it('compareNames agrees with byte order', () => {
    const names = ['\uff21', '\ud83d\ude00', 'a', '\ue000', 'ab', '\u00e9'];
    const bytes = [...names].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...names].sort(compareNames)).toEqual(bytes);
  });
});
