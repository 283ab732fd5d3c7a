// What the walker leaves out: directories never worth scanning, virtual environments,
// .gitignore / .git/info/exclude / .ethnolintignore rules, and --include/--exclude globs.

import ignore from 'ignore';
import picomatch from 'picomatch';

/**
 * Directory names pruned wherever they occur: VCS metadata, dependency trees, caches, tool
 * and IDE state. Not dist/build/target: they may hold shipped models and configs, and
 * .gitignore decides about them.
 */
const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn',
  'node_modules', 'bower_components', 'site-packages',
  '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.tox', '.nox', '.venv', 'venv', '.eggs',
  '.ipynb_checkpoints', '.cache', '.gradle', '.idea', '.terraform', '.next', '.nuxt',
]);

export function isSkippedDirName(name: string): boolean {
  return SKIPPED_DIRS.has(name) || name.endsWith('.egg-info');
}

/** Entries that mark a directory as a Python virtual environment or a conda environment. */
export const VENV_MARKERS = { file: 'pyvenv.cfg', dir: 'conda-meta' } as const;

export const GITIGNORE = '.gitignore';
export const ETHNOLINTIGNORE = '.ethnolintignore';

// git's core.ignorecase defaults to the file system's case sensitivity.
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';
// `ignore` caches every path it has tested; rebuilding the matcher now and then keeps a
// long-lived root layer from holding one entry per file of a large tree.
const REBUILD_AFTER_TESTS = 20_000;

export type Verdict = 'ignored' | 'unignored';

/** The rules of one ignore file, matched relative to the directory holding it. */
class IgnoreLayer {
  private matcher: ignore.Ignore;
  private tests = 0;

  /** `base`: that directory relative to the walk's top, '' or ending in '/'. */
  constructor(
    readonly base: string,
    private readonly patterns: readonly string[],
  ) {
    this.matcher = build(patterns);
  }

  /** The verdict of this file for `topRel`, or undefined when none of its rules apply. */
  test(topRel: string, isDir: boolean): Verdict | undefined {
    if (!topRel.startsWith(this.base) || topRel.length === this.base.length) return undefined;
    const rel = topRel.slice(this.base.length) + (isDir ? '/' : '');
    if (++this.tests > REBUILD_AFTER_TESTS) {
      this.matcher = build(this.patterns);
      this.tests = 0;
    }
    const result = this.matcher.test(rel);
    return result.ignored ? 'ignored' : result.unignored ? 'unignored' : undefined;
  }

  /**
   * A copy that no longer excludes directory `dirTopRel`. `ignore` treats everything under an
   * excluded directory as excluded, but in git each ignore file matches a path by itself and
   * parents are excluded only by pruning the walk. When a higher-priority file re-includes a
   * directory this file excludes, an anchored negation of just that directory makes `ignore`
   * test the entries below it on their own again.
   */
  reinclude(dirTopRel: string): IgnoreLayer {
    const rel = dirTopRel.slice(this.base.length).replace(/[\\*?[\]!# ]/g, '\\$&');
    return new IgnoreLayer(this.base, [...this.patterns, `!/${rel}/`]);
  }
}

function build(patterns: readonly string[]): ignore.Ignore {
  return ignore({ ignorecase: IGNORE_CASE }).add(patterns);
}

function parseIgnoreFile(text: string): string[] | undefined {
  const lines = text.split(/\r?\n/);
  return lines.some((line) => line.trim() !== '' && !line.startsWith('#')) ? lines : undefined;
}

/**
 * The ignore files in effect for one directory. Immutable: entering a directory with its own
 * ignore file yields a new instance, so siblings never see each other's rules.
 *
 * Precedence, as ripgrep does for its .ignore files: .ethnolintignore files first (a `!`
 * there can re-include what .gitignore excludes), then .gitignore files, then
 * .git/info/exclude. Within each kind the deepest file that has a matching rule decides, and
 * within a file the last matching rule, as in git.
 */
export class IgnoreRules {
  private constructor(
    /** .ethnolintignore layers, deepest first. */
    private readonly own: readonly IgnoreLayer[],
    /** .gitignore layers, deepest first, then .git/info/exclude. */
    private readonly git: readonly IgnoreLayer[],
  ) {}

  static readonly EMPTY = new IgnoreRules([], []);

  /** Adds an ignore file found in directory `base` (relative to the top, '' or ending in '/'). */
  withIgnoreFile(kind: 'ethnolint' | 'git', base: string, text: string): IgnoreRules {
    const patterns = parseIgnoreFile(text);
    if (!patterns) return this;
    const layer = new IgnoreLayer(base, patterns);
    return kind === 'ethnolint'
      ? new IgnoreRules([layer, ...this.own], this.git)
      : new IgnoreRules(this.own, [layer, ...this.git]);
  }

  /** Adds a repository's .git/info/exclude (repository root `base`), ranked below every .gitignore. */
  withGitExclude(base: string, text: string): IgnoreRules {
    const patterns = parseIgnoreFile(text);
    return patterns ? new IgnoreRules(this.own, [...this.git, new IgnoreLayer(base, patterns)]) : this;
  }

  /** The verdict for a path relative to the top, or undefined when no rule matches it. */
  test(topRel: string, isDir: boolean): Verdict | undefined {
    return decide(this.own, topRel, isDir) ?? decide(this.git, topRel, isDir);
  }

  /**
   * The rules below directory `dirTopRel`, which is being entered although some file may
   * exclude it: it was re-included by a higher-priority rule or named on the command line.
   */
  reinclude(dirTopRel: string): IgnoreRules {
    const fix = (layers: readonly IgnoreLayer[]): readonly IgnoreLayer[] =>
      layers.some((l) => l.test(dirTopRel, true) === 'ignored')
        ? layers.map((l) => (l.test(dirTopRel, true) === 'ignored' ? l.reinclude(dirTopRel) : l))
        : layers;
    const own = fix(this.own);
    const git = fix(this.git);
    return own === this.own && git === this.git ? this : new IgnoreRules(own, git);
  }
}

function decide(layers: readonly IgnoreLayer[], topRel: string, isDir: boolean): Verdict | undefined {
  for (const layer of layers) {
    const verdict = layer.test(topRel, isDir);
    if (verdict) return verdict;
  }
  return undefined;
}

/**
 * --include / --exclude, matched against paths relative to the working directory with '/'
 * separators. As in .gitignore, a pattern without a '/' matches the base name at any depth
 * (`*.csv`, `vendor`), and a trailing '/' means the directory and everything below it.
 * Excluded directories are pruned without being read; includes apply to files only.
 */
export interface PathFilter {
  excludesDir(rel: string): boolean;
  acceptsFile(rel: string): boolean;
}

export function createPathFilter(include: readonly string[], exclude: readonly string[]): PathFilter {
  const included = compileGlobs(include);
  const excluded = compileGlobs(exclude);
  return {
    excludesDir: (rel) => excluded !== undefined && excluded(rel),
    acceptsFile: (rel) => (included === undefined || included(rel)) && !(excluded !== undefined && excluded(rel)),
  };
}

export function compileGlobs(patterns: readonly string[]): ((path: string) => boolean) | undefined {
  if (patterns.length === 0) return undefined;
  const matchers = patterns.map((raw) => {
    // Backslash is a separator only on Windows; elsewhere it escapes, as in picomatch.
    const posix = process.platform === 'win32' ? raw.replace(/\\/g, '/') : raw;
    let pattern = posix.replace(/^(\.\/)+/, '');
    if (pattern.endsWith('/')) {
      const dir = pattern.replace(/\/+$/, '');
      pattern = dir.includes('/') ? `${dir}/**` : `**/${dir}/**`;
    }
    return picomatch(pattern, { dot: true, basename: !pattern.includes('/') });
  });
  return (path) => matchers.some((m) => m(path));
}
