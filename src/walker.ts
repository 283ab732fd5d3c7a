// Lists the files to scan: expands the command-line paths, prunes ignored directories
// without reading them, and streams the result in a stable order. Never follows symlinks or
// opens special files unless asked; problems with single entries become skip entries.

import { promises as fsp, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import picomatch from 'picomatch';
import { UsageError, describeFsError } from './errors.js';
import { decodeName, fsPath } from './fs-names.js';
import {
  ETHNOLINTIGNORE,
  GITIGNORE,
  IgnoreRules,
  VENV_MARKERS,
  createPathFilter,
  isSkippedDirName,
  type PathFilter,
} from './ignore-rules.js';
import { readSourceFile } from './read-file.js';

export interface WalkOptions {
  /** Directory that arguments, output paths and include/exclude globs are relative to. */
  cwd: string;
  /** Files, directories or glob patterns; default ['.']. */
  paths?: readonly string[];
  /** Honour .gitignore files and .git/info/exclude; default true. .ethnolintignore always applies. */
  gitignore?: boolean;
  /** Globs against the cwd-relative path; when non-empty, only matching files are yielded. */
  include?: readonly string[];
  /** Globs against the cwd-relative path; matching files are dropped and directories pruned. */
  exclude?: readonly string[];
  /** Follow symbolic links to files and directories; default false. */
  followSymlinks?: boolean;
}

export type SkipReason = 'symlink' | 'special-file' | 'unreadable' | 'not-found';

/** `path` is relative to cwd with '/' separators ('.' for cwd itself). */
export type WalkEntry =
  | { type: 'file'; path: string; absPath: string }
  | { type: 'skip'; path: string; reason: SkipReason; message: string };

/** Ignore files larger than this are not applied (they are text lists, never this large). */
const MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024;

type Matcher = (rel: string, abs: string) => boolean;

type Root =
  | { kind: 'dir'; abs: string }
  | { kind: 'file'; abs: string } // anything but a directory: a file, symlink or special file
  | { kind: 'glob'; base: string; match: Matcher };

/** The ignore state of a directory above a command-line path, after its own ignore files. */
interface DirContext {
  topRel: string;
  rules: IgnoreRules;
  /** The directory would be pruned by a scan from the top. */
  blocked: boolean;
}

interface Frame {
  /** Absolute path ending in a separator, so children are one concatenation away. */
  prefix: string;
  rel: string;
  topRel: string;
  rules: IgnoreRules;
  entries: Dirent[];
  next: number;
}

/**
 * Yields the files to scan and the entries skipped on the way. Every argument is checked
 * before the first entry is produced: a path that does not exist throws a UsageError.
 *
 * Explicit files and glob matches obey the same ignore rules and include/exclude globs as a
 * directory scan (pre-commit passes file names). Explicit directories are always entered,
 * even when ignored, but the rules apply inside them.
 *
 * Order: arguments in the order given; within a directory, depth-first with entries sorted
 * by name in code-point (UTF-8 byte) order.
 */
export async function* walk(options: WalkOptions): AsyncGenerator<WalkEntry> {
  const cwd = path.resolve(options.cwd);
  const args = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const roots = await resolveRoots(cwd, args);
  const walker = new Walker(cwd, options, new Set(roots.flatMap((r) => (r.kind === 'dir' ? [r.abs] : []))));
  for (const root of roots) {
    if (root.kind === 'dir') yield* walker.walkTree(root.abs, undefined);
    else if (root.kind === 'file') yield* walker.visitFileArg(root.abs);
    else yield* walker.walkGlob(root.base, root.match);
  }
}

/**
 * For each absolute path, whether a scan of its folder would yield it: ignore files, pruned
 * folders and include/exclude globs, exactly as for a file named on the command line. The files
 * need not exist (content from git's index is scanned by path).
 */
export async function acceptsPaths(options: WalkOptions, absPaths: readonly string[]): Promise<boolean[]> {
  const walker = new Walker(path.resolve(options.cwd), options, new Set());
  const accepted: boolean[] = [];
  for (const abs of absPaths) accepted.push(await walker.accepts(abs));
  return accepted;
}

async function resolveRoots(cwd: string, args: readonly string[]): Promise<Root[]> {
  const roots: Root[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    // Another error (EACCES on a parent …) makes a 'file' root, reported when visited.
    const stats = await fsp.lstat(fsPath(abs)).catch((error: NodeJS.ErrnoException) => error);
    if (stats instanceof Error && (stats.code === 'ENOENT' || stats.code === 'ENOTDIR')) {
      // A name that exists wins over its reading as a glob: `data[1].csv`.
      // fast-glob's notion of a glob pattern; loaded only for arguments that do not exist as paths.
      const fg = createRequire(import.meta.url)('fast-glob') as typeof import('fast-glob');
      if (!fg.isDynamicPattern(arg)) throw new UsageError(`${arg}: no such file or directory`);
      roots.push(globRoot(cwd, arg));
      continue;
    }
    if (seen.has(abs)) continue;
    seen.add(abs);
    roots.push(!(stats instanceof Error) && stats.isDirectory() ? { kind: 'dir', abs } : { kind: 'file', abs });
  }
  // A file inside a directory argument is yielded by that directory's walk, once.
  const dirs = roots.flatMap((r) => (r.kind === 'dir' ? [r.abs] : []));
  return roots.filter((r) => r.kind !== 'file' || !dirs.some((d) => isInside(d, r.abs)));
}

function globRoot(cwd: string, arg: string): Root {
  const pattern = toPosix(arg).replace(/^(\.\/)+/, '');
  const base = path.resolve(cwd, picomatch.scan(pattern).base || '.');
  const matches = picomatch(pattern, { dot: true });
  // An absolute pattern matches absolute paths; a relative one, paths relative to cwd.
  const match: Matcher = path.isAbsolute(pattern) ? (_rel, abs) => matches(toPosix(abs)) : (rel) => matches(rel);
  return { kind: 'glob', base, match };
}

class Walker {
  private readonly filter: PathFilter;
  private readonly gitignore: boolean;
  private readonly follow: boolean;
  /** Real paths of the directories entered, to break symlink loops; only when following. */
  private readonly visited: Set<string> | undefined;
  private readonly gitRoots = new Map<string, string | null>();
  private readonly contexts = new Map<string, DirContext>();

  constructor(
    private readonly cwd: string,
    options: WalkOptions,
    /** Directory arguments: each is walked on its own, so other walks skip it. */
    private readonly argDirs: ReadonlySet<string>,
  ) {
    this.filter = createPathFilter(options.include ?? [], options.exclude ?? []);
    this.gitignore = options.gitignore ?? true;
    this.follow = options.followSymlinks ?? false;
    this.visited = this.follow ? new Set() : undefined;
  }

  async *walkGlob(base: string, match: Matcher): AsyncGenerator<WalkEntry> {
    const stats = await (this.follow ? fsp.stat(fsPath(base)) : fsp.lstat(fsPath(base))).catch(() => undefined);
    if (stats?.isDirectory()) yield* this.walkTree(base, match);
  }

  /** A directory named on the command line (or a glob's base): entered even if ignored. */
  async *walkTree(start: string, match: Matcher | undefined): AsyncGenerator<WalkEntry> {
    const top = await this.topFor(start);
    let rules = IgnoreRules.EMPTY;
    let topRel = '';
    if (start !== top) {
      const parent = await this.contextFor(path.dirname(start), top);
      topRel = join(parent.topRel, path.basename(start));
      rules = parent.rules.reinclude(topRel);
    }
    if (this.visited) {
      const real = await fsp.realpath(fsPath(start)).catch(() => start);
      if (this.visited.has(real)) return;
      this.visited.add(real);
    }
    const first = await this.openFrame(start, this.relOf(start), topRel, rules, false);
    if (first === undefined) return;
    if (!('prefix' in first)) {
      yield first;
      return;
    }
    const stack: Frame[] = [first];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as Frame;
      const dirent = frame.entries[frame.next++];
      if (dirent === undefined) {
        stack.pop();
        continue;
      }
      const name = dirent.name;
      const abs = frame.prefix + name;
      const rel = join(frame.rel, name);
      const childTopRel = join(frame.topRel, name);
      // Regular files first and without awaiting: they are most entries.
      if (dirent.isFile()) {
        if (this.wantsFile(frame.rules, rel, childTopRel, abs, match)) yield { type: 'file', path: rel, absPath: abs };
        continue;
      }
      let result: Frame | WalkEntry | undefined;
      if (dirent.isDirectory()) {
        result = await this.enterDir(frame.rules, name, abs, rel, childTopRel, false);
      } else if (dirent.isSymbolicLink()) {
        result = await this.visitLink(frame.rules, name, abs, rel, childTopRel, match);
      } else if (this.wantsFile(frame.rules, rel, childTopRel, abs, match)) {
        result = skip(rel, 'special-file', `${specialKind(dirent)}, not opened`);
      }
      if (result === undefined) continue;
      if ('prefix' in result) stack.push(result);
      else yield result;
    }
  }

  /** Whether the file at `abs` passes the ignore rules and globs (see acceptsPaths). */
  async accepts(abs: string): Promise<boolean> {
    const dir = path.dirname(abs);
    const context = await this.contextFor(dir, await this.topFor(dir));
    if (context.blocked) return false;
    return this.wantsFile(context.rules, this.relOf(abs), join(context.topRel, path.basename(abs)), abs, undefined);
  }

  /** A file (or symlink, or special file) named on the command line. */
  async *visitFileArg(abs: string): AsyncGenerator<WalkEntry> {
    const dir = path.dirname(abs);
    const context = await this.contextFor(dir, await this.topFor(dir));
    if (context.blocked) return;
    const rel = this.relOf(abs);
    const topRel = join(context.topRel, path.basename(abs));
    let stats: Stats;
    try {
      stats = await fsp.lstat(fsPath(abs));
    } catch (error) {
      yield skipForError(rel, error);
      return;
    }
    if (stats.isSymbolicLink()) {
      if (this.follow && (await fsp.stat(fsPath(abs)).catch(() => undefined))?.isDirectory()) {
        yield* this.walkTree(abs, undefined);
        return;
      }
      const result = await this.visitLink(context.rules, path.basename(abs), abs, rel, topRel, undefined);
      if (result && !('prefix' in result)) yield result;
    } else if (this.wantsFile(context.rules, rel, topRel, abs, undefined)) {
      yield stats.isFile() ? { type: 'file', path: rel, absPath: abs } : skip(rel, 'special-file', `${specialKind(stats)}, not opened`);
    }
  }

  private wantsFile(rules: IgnoreRules, rel: string, topRel: string, abs: string, match: Matcher | undefined): boolean {
    return this.filter.acceptsFile(rel) && (match === undefined || match(rel, abs)) && rules.test(topRel, false) !== 'ignored';
  }

  private async enterDir(
    rules: IgnoreRules,
    name: string,
    abs: string,
    rel: string,
    topRel: string,
    viaLink: boolean,
  ): Promise<Frame | WalkEntry | undefined> {
    if (isSkippedDirName(name) || this.filter.excludesDir(rel)) return undefined;
    const verdict = rules.test(topRel, true);
    if (verdict === 'ignored' || this.argDirs.has(abs)) return undefined;
    if (this.visited) {
      let real: string;
      try {
        real = await fsp.realpath(fsPath(abs));
      } catch (error) {
        return skipForError(rel, error);
      }
      if (this.visited.has(real)) {
        return viaLink ? skip(rel, 'symlink', 'symbolic link to a directory already scanned (loop?), not followed') : undefined;
      }
      this.visited.add(real);
    }
    return this.openFrame(abs, rel, topRel, verdict ? rules.reinclude(topRel) : rules, true);
  }

  private async visitLink(
    rules: IgnoreRules,
    name: string,
    abs: string,
    rel: string,
    topRel: string,
    match: Matcher | undefined,
  ): Promise<Frame | WalkEntry | undefined> {
    if (!this.follow) {
      return this.wantsFile(rules, rel, topRel, abs, match) ? skip(rel, 'symlink', 'symbolic link, not followed') : undefined;
    }
    let target: Stats;
    try {
      target = await fsp.stat(fsPath(abs));
    } catch (error) {
      if (!this.wantsFile(rules, rel, topRel, abs, match)) return undefined;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return skip(rel, 'not-found', 'broken symbolic link');
      if (code === 'ELOOP') return skip(rel, 'symlink', 'symbolic link loop');
      return skipForError(rel, error);
    }
    if (target.isDirectory()) return this.enterDir(rules, name, abs, rel, topRel, true);
    if (!this.wantsFile(rules, rel, topRel, abs, match)) return undefined;
    if (!target.isFile()) return skip(rel, 'special-file', `symbolic link to a ${specialKind(target)}, not opened`);
    // The reader refuses symlinks, so hand it the target.
    const real = await fsp.realpath(fsPath(abs), { encoding: 'buffer' }).then(decodeName, () => undefined);
    return real === undefined ? skip(rel, 'not-found', 'broken symbolic link') : { type: 'file', path: rel, absPath: real };
  }

  /** Reads a directory, or reports why not; undefined when it is a virtual environment. */
  private async openFrame(
    abs: string,
    rel: string,
    topRel: string,
    rules: IgnoreRules,
    pruneVenv: boolean,
  ): Promise<Frame | WalkEntry | undefined> {
    let entries: Dirent[];
    try {
      entries = await readDirectory(abs);
    } catch (error) {
      return skipForError(rel || '.', error, 'cannot read directory: ');
    }
    const present = { git: false, gitignore: false, ethnolintignore: false };
    for (const dirent of entries) {
      switch (dirent.name) {
        case VENV_MARKERS.file:
        case VENV_MARKERS.dir:
          if (pruneVenv) return undefined;
          break;
        case '.git':
          present.git = true;
          break;
        case GITIGNORE:
          present.gitignore = dirent.isFile();
          break;
        case ETHNOLINTIGNORE:
          present.ethnolintignore = dirent.isFile();
          break;
      }
    }
    entries.sort((a, b) => compareNames(a.name, b.name));
    const prefix = abs.endsWith(path.sep) ? abs : abs + path.sep;
    rules = this.loadIgnoreFiles(prefix, topRel === '' ? '' : `${topRel}/`, rules, present);
    return { prefix, rel, topRel, rules, entries, next: 0 };
  }

  /** Adds the ignore files of one directory; `present` says which exist when the listing is known. */
  private loadIgnoreFiles(
    prefix: string,
    base: string,
    rules: IgnoreRules,
    present?: { git: boolean; gitignore: boolean; ethnolintignore: boolean },
  ): IgnoreRules {
    if (this.gitignore) {
      if (present?.git ?? true) {
        const exclude = readGitExclude(prefix + '.git');
        if (exclude !== undefined) rules = rules.withGitExclude(base, exclude);
      }
      const text = present?.gitignore === false ? undefined : readText(prefix + GITIGNORE);
      if (text !== undefined) rules = rules.withIgnoreFile('git', base, text);
    }
    const text = present?.ethnolintignore === false ? undefined : readText(prefix + ETHNOLINTIGNORE);
    return text === undefined ? rules : rules.withIgnoreFile('ethnolint', base, text);
  }

  /**
   * The rules in force inside `dir`, a directory above a command-line path, computed from the
   * top down (memoised: pre-commit passes many files from few directories).
   */
  private async contextFor(dir: string, top: string): Promise<DirContext> {
    const key = `${top}\0${dir}`;
    const cached = this.contexts.get(key);
    if (cached) return cached;
    let context: DirContext;
    const parentDir = path.dirname(dir);
    if (dir === top || parentDir === dir) {
      context = { topRel: '', blocked: false, rules: this.loadIgnoreFiles(withSep(dir), '', IgnoreRules.EMPTY) };
    } else {
      const parent = await this.contextFor(parentDir, top);
      const name = path.basename(dir);
      const topRel = join(parent.topRel, name);
      const verdict = parent.rules.test(topRel, true);
      const rel = this.relOf(dir);
      const blocked =
        parent.blocked ||
        verdict === 'ignored' ||
        isSkippedDirName(name) ||
        (isInside(this.cwd, dir) && this.filter.excludesDir(rel)) ||
        (await isVirtualEnv(dir));
      const rules = verdict ? parent.rules.reinclude(topRel) : parent.rules;
      context = { topRel, blocked, rules: this.loadIgnoreFiles(withSep(dir), `${topRel}/`, rules) };
    }
    this.contexts.set(key, context);
    return context;
  }

  /**
   * Where ignore files start to apply for `dir`: the root of its git work tree; outside one,
   * cwd if `dir` is inside it, else `dir` itself.
   */
  private async topFor(dir: string): Promise<string> {
    return (await this.gitRoot(dir)) ?? (isInside(this.cwd, dir) ? this.cwd : dir);
  }

  private async gitRoot(dir: string): Promise<string | null> {
    const cached = this.gitRoots.get(dir);
    if (cached !== undefined) return cached;
    let root: string | null;
    if (await exists(path.join(dir, '.git'))) root = dir;
    else {
      const parent = path.dirname(dir);
      root = parent === dir ? null : await this.gitRoot(parent);
    }
    this.gitRoots.set(dir, root);
    return root;
  }

  private relOf(abs: string): string {
    return toPosix(path.relative(this.cwd, abs));
  }
}

/** The text of a small regular file, or undefined (absent, a symlink, unreadable, too large). */
function readText(abs: string): string | undefined {
  const result = readSourceFile(abs, MAX_IGNORE_FILE_BYTES);
  return result.status === 'ok' ? result.text : undefined;
}

/** .git/info/exclude of the repository whose `.git` is at `dotGit`, a directory or a gitdir file (worktrees, submodules). */
function readGitExclude(dotGit: string): string | undefined {
  let gitDir = dotGit;
  const pointer = readText(dotGit);
  if (pointer !== undefined) {
    const target = /^gitdir:\s*(.+?)\s*$/m.exec(pointer)?.[1];
    if (target === undefined) return undefined;
    gitDir = path.resolve(path.dirname(dotGit), target);
  }
  // A linked worktree keeps info/ in the common directory.
  const common = readText(path.join(gitDir, 'commondir'))?.trim();
  if (common) gitDir = path.resolve(gitDir, common);
  return readText(path.join(gitDir, 'info', 'exclude'));
}

/**
 * A directory's entries. A name that is not UTF-8 comes back with U+FFFD in it; the directory
 * is then listed again as bytes and such names kept with escaped bytes (see fs-names.ts).
 */
async function readDirectory(abs: string): Promise<Dirent[]> {
  const entries = await fsp.readdir(fsPath(abs), { withFileTypes: true });
  if (!entries.some((e) => e.name.includes('\ufffd'))) return entries;
  const raw = await fsp.readdir(fsPath(abs), { withFileTypes: true, encoding: 'buffer' });
  // A Dirent's name is a plain field; replacing the Buffer with the escaped string keeps its type tests.
  return raw.map((e) => Object.assign(e, { name: decodeName(e.name as unknown as Buffer) }) as unknown as Dirent);
}

async function isVirtualEnv(dir: string): Promise<boolean> {
  return (await exists(path.join(dir, VENV_MARKERS.file))) || (await exists(path.join(dir, VENV_MARKERS.dir)));
}

async function exists(abs: string): Promise<boolean> {
  return fsp.lstat(fsPath(abs)).then(
    () => true,
    () => false,
  );
}

function skip(rel: string, reason: SkipReason, message: string): WalkEntry {
  return { type: 'skip', path: rel, reason, message };
}

function skipForError(rel: string, error: unknown, prefix = ''): WalkEntry {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason: SkipReason = code === 'ENOENT' ? 'not-found' : 'unreadable';
  return skip(rel, reason, prefix + describeFsError(error));
}

function specialKind(entry: Dirent | Stats): string {
  if (entry.isFIFO()) return 'named pipe (FIFO)';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return 'device';
  return 'not a regular file';
}

/**
 * Code-point order, which is UTF-8 byte order: UTF-16 code-unit order differs only when a
 * surrogate (an astral character) meets a code unit at or above U+E000.
 */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

function join(rel: string, name: string): string {
  return rel === '' ? name : `${rel}/${name}`;
}

function withSep(abs: string): string {
  return abs.endsWith(path.sep) ? abs : abs + path.sep;
}

function isInside(dir: string, abs: string): boolean {
  const rel = path.relative(dir, abs);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}
