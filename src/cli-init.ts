// `ethnolint init`: writes a starter .ethnolint.yaml that shows every configuration key,
// commented out, so a project starts from the defaults and sees what it can change.
import { existsSync, lstatSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { rules } from '../rules/index.js';
import type { Io } from './cli.js';
import { CONFIG_FILE_NAMES } from './config-files.js';
import { UsageError } from './errors.js';
import { VERSION } from './package-info.js';
import type { Rule } from './types.js';

export const INIT_FILE_NAME = CONFIG_FILE_NAMES[0];

/**
 * The starter configuration. Prose is in the header and in trailing comments, so that removing
 * the leading "# " from every line after the header gives a valid, complete configuration.
 */
export function starterConfig(ruleList: readonly Rule[] = rules): string {
  const width = Math.max(...ruleList.map((r) => r.id.length));
  const ruleLines = ruleList.map((r) => `#   ${`${r.id}:`.padEnd(width + 1)} ${r.meta.defaultSeverity.padEnd(7)}  # ${r.meta.shortDescription}`);
  return [
    '# ethnolint configuration. Everything below is commented out, so every rule runs at its',
    '# default severity on every file. Uncomment what you need; globs are relative to this file.',
    '# Reference: https://github.com/ethnolint/ethnolint#configuration',
    '',
    '# rules:                             # off | on | error | warning | note',
    ...ruleLines,
    '',
    '# include:                           # scan only files matching these globs',
    '#   - "src/**"',
    '#   - "data/**"',
    '',
    '# exclude:                           # skip files matching these globs',
    '#   - "tests/fixtures/**"',
    '',
    '# exceptions:                        # reviewed findings to accept, each with its reason',
    '#   - paths: ["data/legacy_labels.json"]   # glob or list of globs, relative to this file',
    '#     rules: [ethnicity-label]              # optional; default: every rule',
    '#     text: "asian"                         # optional: matched text, case-insensitive',
    '#     reason: "Reviewed: historical dataset kept for a bias audit; not used for training"  # required',
    '',
  ].join('\n');
}

const NEXT_STEPS = (file: string): string => `ethnolint: wrote ${file}

Next steps:
  1. Scan:                  npx ethnolint .
  2. Run it in CI:          the GitHub Action (uses: ethnolint/ethnolint@v${VERSION}),
                            the pre-commit hook (id: ethnolint), or -f gitlab / -f junit
                            (see https://github.com/ethnolint/ethnolint#github-actions)
  3. Accept what exists:    write a baseline with --write-baseline, or add reviewed
                            exceptions with a reason to ${file}
`;

/** Writes the starter configuration into `dir` (default: the working directory). Exit code 0, or 2. */
export function runInit(dir: string | undefined, io: Pick<Io, 'cwd' | 'stderr'>): number {
  const folder = resolve(io.cwd, dir ?? '.');
  let isFolder = false;
  try {
    isFolder = lstatSync(folder).isDirectory();
  } catch {
    // Reported below.
  }
  if (!isFolder) throw new UsageError(`init: ${dir ?? '.'} is not a folder`);
  const shown = (name: string): string => relative(io.cwd, join(folder, name)) || name;
  // Any configuration file, or anything else by one of those names (a symlink, a folder), stops init.
  const existing = CONFIG_FILE_NAMES.find((name) => existsSync(join(folder, name)) || isLink(join(folder, name)));
  if (existing !== undefined) {
    throw new UsageError(`init: ${shown(existing)} already exists; not overwriting it`);
  }
  const file = join(folder, INIT_FILE_NAME);
  try {
    // 'wx': fail rather than overwrite, should the file appear in the meantime.
    writeFileSync(file, starterConfig(), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'EEXIST' ? `init: ${shown(INIT_FILE_NAME)} already exists; not overwriting it` : `init: cannot write ${shown(INIT_FILE_NAME)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  io.stderr(NEXT_STEPS(shown(INIT_FILE_NAME)));
  return 0;
}

/** A dangling symlink does not "exist" for existsSync, but writing through it would create its target. */
function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
