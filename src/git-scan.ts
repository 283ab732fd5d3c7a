// --staged and --diff: scan what a commit or a pull request changes. --staged scans the index's
// content of the staged files (what will be committed); --diff REF scans the changed files and
// keeps only findings on lines added or changed since the merge base of REF and HEAD. Both obey
// the same ignore files and include/exclude globs as a directory scan.

import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { addedLines, type AddedLines } from './diff-lines.js';
import { asUsageError, emptyTree, headCommit, listChanges, mergeBase, repositoryTop, type ChangedFile } from './git-changes.js';
import { readBlobs } from './git-cat-file.js';
import { GitError, withoutFilters } from './git.js';
import { Collector, fileOptions, suppressionOptionsOf, LARGE_FILE_BYTES, scanBuffer, scanFile, shardOf, type FileResult, type ScanOptions, type ScanOutput } from './scan.js';
import type { Finding } from './types.js';
import { acceptsPaths } from './walker.js';

export interface GitScanOptions extends ScanOptions {
  /** Scan the index's content of staged files. */
  staged: boolean;
  /** Report only findings on lines changed since the merge base of this revision and HEAD. */
  diff?: string;
  env?: NodeJS.ProcessEnv;
}

export interface GitScanOutput extends ScanOutput {
  /** The files in scope (cwd-relative), scanned or not: a baseline's entries elsewhere are not stale. */
  files: string[];
  /** Fingerprints of every finding in those files, also on lines --diff does not report. */
  found: Set<string>;
}

interface Target extends ChangedFile {
  /** Relative to cwd, '/' separators: how findings name the file. */
  rel: string;
  abs: string;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function isInside(dir: string, abs: string): boolean {
  const rel = path.relative(dir, abs);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The changed files under the path arguments that a directory scan would read. */
async function targets(options: GitScanOptions, top: string, changes: ChangedFile[]): Promise<Target[]> {
  const roots = (options.paths.length > 0 ? options.paths : ['.']).map((p) => path.resolve(options.cwd, p));
  // git prints the top as a real path; spell it as the working directory does (through symlinks).
  const topFromCwd = path.relative(realpathSync(options.cwd), top);
  const inScope = changes
    .map((c) => {
      const abs = path.resolve(options.cwd, topFromCwd, ...c.path.split('/'));
      return { ...c, abs, rel: toPosix(path.relative(options.cwd, abs)) };
    })
    .filter((t) => roots.some((r) => isInside(r, t.abs)) && !options.skipPaths?.has(t.rel))
    .filter((t) => !options.shard || shardOf(t.rel, options.shard.count) === options.shard.index);
  const accepted = await acceptsPaths(options, inScope.map((t) => t.abs));
  return inScope.filter((_, i) => accepted[i]);
}

function touches(f: Finding, lines: AddedLines): boolean {
  for (let line = f.line; line <= f.endLine; line++) if (lines.has(line)) return true;
  return false;
}

/** git failures past the start (a corrupt object, a killed process) end the run with exit 2 and git's message. */
export async function scanGit(options: GitScanOptions): Promise<GitScanOutput> {
  try {
    return await scanChanges(options);
  } catch (error) {
    throw error instanceof GitError ? asUsageError('git', error) : error;
  }
}

async function scanChanges(options: GitScanOptions): Promise<GitScanOutput> {
  const flag = options.diff !== undefined ? '--diff' : '--staged';
  const top = await repositoryTop(options.cwd, flag, options.env);
  // Every later call runs with the repository's filter drivers switched off.
  const env = await withoutFilters(top, options.env);
  const base = options.diff !== undefined ? await mergeBase(top, options.diff, env) : ((await headCommit(top, env)) ?? (await emptyTree(top, env)));
  const files = await targets(options, top, await listChanges(top, base, options.staged, env));

  const perFile = fileOptions(options.maxFileSize, options.rules, suppressionOptionsOf(options));
  const limit = Math.min(options.maxFileSize, LARGE_FILE_BYTES);
  const collector = new Collector(options.exceptions);
  const blobs = options.staged ? await readBlobs(top, files.map((f) => f.newOid ?? ''), limit, env) : [];

  const results: { file: Target; result: FileResult; staged?: Buffer }[] = [];
  for (const [i, file] of files.entries()) {
    if (options.staged) {
      const blob = blobs[i];
      if (blob?.content === undefined) {
        collector.skip({ path: file.rel, reason: 'too-large', message: `Skipped: the staged content is ${blob?.size ?? 0} bytes, over the ${limit}-byte limit for content read from git.` });
        continue;
      }
      results.push({ file, result: await scanBuffer(file.rel, blob.content, perFile), staged: blob.content });
    } else {
      // The working tree may have lost the file since, or hold a link: a directory scan would not read those either.
      const stats = lstatSync(file.abs, { throwIfNoEntry: false });
      if (stats?.isFile()) results.push({ file, result: await scanFile(file.rel, file.abs, perFile) });
    }
  }

  const found = new Set(results.flatMap((r) => r.result.findings.map((f) => f.fingerprint)));
  if (options.diff !== undefined) {
    // Only files with findings in changed files that existed at the base need a line diff.
    const needDiff = results.filter((r) => r.result.findings.length > 0 && r.file.oldOid !== undefined);
    const olds = await readBlobs(top, needDiff.map((r) => r.file.oldOid as string), Number.MAX_SAFE_INTEGER, env);
    for (const [i, r] of needDiff.entries()) {
      const lines = await addedLines(olds[i]?.content ?? Buffer.alloc(0), r.staged ? { content: r.staged } : { path: r.file.abs }, env);
      r.result = { ...r.result, findings: r.result.findings.filter((f) => touches(f, lines)) };
    }
  }
  for (const r of results) collector.add(r.result);
  return { ...collector.output(), files: files.map((f) => f.rel), found };
}
