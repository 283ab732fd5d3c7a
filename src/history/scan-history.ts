// scanHistory: every distinct finding of every commit reachable from any ref, when it first
// appeared and, if HEAD no longer has it, when HEAD's line lost it.
//
// Two streaming walks, both comparing each commit with its first parent:
//   1. every ref, parents before children (`git log --all --reverse --topo-order`): scans the
//      blobs each commit adds or changes and records the first commit holding each fingerprint;
//   2. HEAD's first-parent line, root first: keeps the fingerprints live at each path and
//      where each one left the line; blobs come from the cache filled by the first walk.
// Commits are handled in batches, so blob lookups go to git in groups rather than one by one.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { rules as builtInRules } from '../../rules/index.js';
import type { HistoryEntry } from '../batch/summary.js';
import type { ActiveRule } from '../engine.js';
import { ETHNOLINTIGNORE, IgnoreRules } from '../ignore-rules.js';
import { readSourceFile } from '../read-file.js';
import { fileOptions } from '../scan.js';
import { HeadLine, IntroductionLedger } from './attribution.js';
import { BlobScanner } from './blob-scanner.js';
import { GitError, gitOutput, streamGit } from './git-process.js';
import { LOG_OPTIONS, readCommits, type CommitRecord } from './log-stream.js';
import { addRefHolders } from './ref-holders.js';
import type { HistoryOptions, HistoryResult } from './types.js';

export type { HistoryOptions, HistoryProgress, HistoryResult, HistoryStats } from './types.js';

/** The path is not in a git repository (or git cannot read it). */
export class NotAGitRepositoryError extends Error {
  override name = 'NotAGitRepositoryError';
}

const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
const BATCH_COMMITS = 256;
const BATCH_CHANGES = 4096;

/** Commits of a walk in batches of a few hundred, with all their changes. */
async function* batches(commits: AsyncIterable<CommitRecord>): AsyncGenerator<CommitRecord[]> {
  let batch: CommitRecord[] = [];
  let changes = 0;
  for await (const commit of commits) {
    batch.push(commit);
    changes += commit.changes.length;
    if (batch.length >= BATCH_COMMITS || changes >= BATCH_CHANGES) {
      yield batch;
      batch = [];
      changes = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Walks `git log <revisions> LOG_OPTIONS`, preparing each batch's blobs and then handing its
 * commits to `apply` in order. Returns the number of commits.
 */
async function walk(
  repo: string,
  revisions: readonly string[],
  scanner: BlobScanner,
  apply: (commit: CommitRecord) => void,
  progress: (commits: number) => void,
): Promise<number> {
  let count = 0;
  for await (const batch of batches(readCommits(streamGit(repo, ['log', ...revisions, ...LOG_OPTIONS, '--'])))) {
    await scanner.prepare(batch.flatMap((c) => c.changes));
    for (const commit of batch) apply(commit);
    scanner.trim();
    count += batch.length;
    progress(count);
  }
  return count;
}

async function resolveHead(repo: string): Promise<string | undefined> {
  try {
    return (await gitOutput(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim() || undefined;
  } catch {
    return undefined; // unborn branch: no commits yet
  }
}

async function checkRepository(repo: string): Promise<void> {
  try {
    await gitOutput(repo, ['rev-parse', '--git-dir']);
  } catch (error) {
    if (error instanceof GitError && error.code === 'ENOENT') throw new NotAGitRepositoryError('git is not installed (or not on PATH)');
    throw new NotAGitRepositoryError(`not a git repository: ${repo}${error instanceof Error ? ` (${error.message})` : ''}`);
  }
}

/**
 * The top of the work tree holding `path` (a bare repository: `path` itself). Throws
 * NotAGitRepositoryError when `path` is in no repository.
 */
export async function repositoryRoot(path: string): Promise<string> {
  await checkRepository(path);
  try {
    return (await gitOutput(path, ['rev-parse', '--show-toplevel'])).replace(/\n$/, '') || path;
  } catch {
    return path; // a bare repository has no work tree
  }
}

const MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024;

/** The rules of the .ethnolintignore at the top of the work tree, if there is one. */
function topLevelIgnore(top: string): IgnoreRules | undefined {
  const read = readSourceFile(join(top, ETHNOLINTIGNORE), MAX_IGNORE_FILE_BYTES);
  return read.status === 'ok' ? IgnoreRules.EMPTY.withIgnoreFile('ethnolint', '', read.text) : undefined;
}

function compareEntries(a: HistoryEntry, b: HistoryEntry): number {
  const key = (e: HistoryEntry): [string, number, string, string] => [e.path, e.line ?? 0, e.ruleId, e.fingerprint];
  const [ap, al, ar, af] = key(a);
  const [bp, bl, br, bf] = key(b);
  return ap < bp ? -1 : ap > bp ? 1 : al - bl || (ar < br ? -1 : ar > br ? 1 : af < bf ? -1 : af > bf ? 1 : 0);
}

/**
 * Scans the whole history of the git repository at `repoRoot` (any folder inside a work tree,
 * or a bare repository). Runs only the `git` executable, with hooks, fsmonitor, filters,
 * textconv and transports disabled. Throws NotAGitRepositoryError when `repoRoot` is not in a
 * repository, GitError when git fails on the way.
 *
 * Semantics:
 * - `introduced`: the first commit, in topological order over all refs (parents first), whose
 *   tree holds the finding.
 * - `presentAtHead`: HEAD's tree holds it.
 * - `removed`: for a finding not at HEAD that was once on HEAD's first-parent line, the commit
 *   of that line where it disappeared for the last time. A merge counts as one change against
 *   its first parent. Findings only ever on other branches have neither, and list in `refs`
 *   the refs whose tip still holds them (omitted when there are too many refs to look up).
 * - Fingerprints include the path, so a renamed file's findings are new findings, and the old
 *   path's findings are removed by the rename.
 */
export async function scanHistory(repoRoot: string, options: HistoryOptions = {}): Promise<HistoryResult> {
  const started = performance.now();
  const top = await repositoryRoot(repoRoot);
  const rules: ActiveRule[] = options.rules ?? builtInRules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));
  const ledger = new IntroductionLedger();
  const scanner = new BlobScanner(repoRoot, {
    fileOptions: fileOptions(options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, rules),
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    ...(options.ethnolintignore === false ? {} : { ignore: topLevelIgnore(top) }),
    // Workers load rules by id, so rules from elsewhere run in process.
    jobs: rules.every(({ rule }) => builtInRules.includes(rule)) ? Math.max(1, options.jobs ?? availableParallelism()) : 1,
    cacheEntries: options.cacheEntries,
    onFinding: (finding) => ledger.noteFinding(finding),
  });
  try {
    const head = await resolveHead(repoRoot);
    const commitsWalked = await walk(
      repoRoot,
      ['--exclude=refs/notes/*', '--all', '--reverse', '--topo-order'],
      scanner,
      (commit) => {
        for (const change of commit.changes) ledger.see(commit, scanner.fingerprints(change));
      },
      (commits) => options.onProgress?.({ phase: 'all-refs', commits }),
    );
    const line = new HeadLine();
    const headLineCommits = head
      ? await walk(
          repoRoot,
          ['--first-parent', '--reverse', head],
          scanner,
          (commit) => {
            for (const change of commit.changes) line.change(commit, change.path, scanner.fingerprints(change));
          },
          (commits) => options.onProgress?.({ phase: 'head-line', commits }),
        )
      : 0;

    const entries: HistoryEntry[] = [];
    for (const { fingerprint, details, introduced } of ledger.entries()) {
      const presentAtHead = line.isLive(details.path, fingerprint);
      const removed = presentAtHead ? undefined : line.removed(fingerprint);
      const { ruleId, severity, path, message, evidence, line: at } = details;
      entries.push({ fingerprint, ruleId, severity, path, message, evidence, introduced, ...(removed ? { removed } : {}), presentAtHead, line: at });
    }
    entries.sort(compareEntries);
    await addRefHolders(repoRoot, entries, scanner);
    await scanner.close();
    const { blobsScanned, blobsCached, notices } = scanner.stats;
    return {
      ...(head ? { head } : {}),
      entries,
      stats: { commitsWalked, headLineCommits, blobsScanned, blobsCached, notices, elapsedMs: Math.round(performance.now() - started) },
    };
  } finally {
    scanner.kill();
  }
}
