// The public shapes of a history scan: what scanHistory takes and returns.
import type { HistoryEntry } from '../batch/summary.js';
import type { ActiveRule } from '../engine.js';

export type { CommitRef, HistoryEntry } from '../batch/summary.js';

export interface HistoryOptions {
  /** Rules and their severities; default: every built-in rule at its default severity. */
  rules?: ActiveRule[];
  /** Blobs larger than this (or than the 5 MiB structural-parse limit) are skipped; default 10 MiB. */
  maxFileSize?: number;
  /** Globs against repository-relative paths, as --include: when given, only matching files are read. */
  include?: readonly string[];
  /** Globs against repository-relative paths, as --exclude: matching files are never read. */
  exclude?: readonly string[];
  /**
   * Honour the .ethnolintignore at the top of the work tree (as it is on disk) for every
   * commit; default true. Ignore files elsewhere and in older commits are not read.
   */
  ethnolintignore?: boolean;
  /**
   * Worker threads for scanning blobs; default os.availableParallelism(); 1 scans in process.
   * Workers start only after the first few hundred blobs, and only with built-in rules.
   */
  jobs?: number;
  /** Most (blob, path) scan results kept in memory; default 200,000. */
  cacheEntries?: number;
  /** Called now and then during the walk, e.g. to show progress. */
  onProgress?: (progress: HistoryProgress) => void;
}

export interface HistoryProgress {
  /** 'all-refs': first walk, every commit of every ref; 'head-line': HEAD's first-parent line. */
  phase: 'all-refs' | 'head-line';
  /** Commits done so far in this phase. */
  commits: number;
}

export interface HistoryStats {
  /** Commits reachable from any ref, each walked once. */
  commitsWalked: number;
  /** Commits on HEAD's first-parent line (walked a second time, from the cache). */
  headLineCommits: number;
  /** Blobs read and scanned. */
  blobsScanned: number;
  /** (blob, path) pairs met again and answered from the cache instead of a scan. */
  blobsCached: number;
  /** Notices of scanned or skipped blobs, by reason ('too-large', 'binary', 'parse-error' …). */
  notices: Record<string, number>;
  elapsedMs: number;
}

export interface HistoryResult {
  /** The commit HEAD points to; absent in a repository without commits. */
  head?: string;
  /** Every distinct finding (by fingerprint) of every commit, sorted by path, line, rule. */
  entries: HistoryEntry[];
  stats: HistoryStats;
}
