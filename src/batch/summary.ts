// The shape of a batch scan's summary.json: written by `ethnolint batch`, merged by
// `ethnolint merge`, compared by --since-report and rendered by report.html. Versioned, because
// audits keep these files and compare runs months apart.
import type { Finding, Notice, Severity, SuppressionRecord } from '../types.js';

export const SUMMARY_SCHEMA_VERSION = 1;

export interface Counts {
  total: number;
  bySeverity: Record<Severity, number>;
  /** Rule id → number of findings, only rules with at least one. */
  byRule: Record<string, number>;
}

/** Compared with an earlier batch (--since-report): by fingerprint. */
export type FindingStatus = 'new' | 'unchanged';

export interface BatchFinding extends Finding {
  status?: FindingStatus;
  /** Link to the rule's documentation. */
  helpUri: string;
}

export interface CommitRef {
  commit: string;
  /** ISO 8601 author date. */
  date: string;
  author: string;
}

/** One distinct finding (by fingerprint) across a repository's history. */
export interface HistoryEntry {
  fingerprint: string;
  ruleId: string;
  severity: Severity;
  path: string;
  message: string;
  evidence: string;
  introduced: CommitRef;
  /** Where it disappeared from HEAD's history; absent while it is still present at HEAD. */
  removed?: CommitRef;
  presentAtHead: boolean;
  /** 1-based line of the finding in the first version of the file it was found in. */
  line?: number;
  /**
   * For a finding never on HEAD's first-parent line: the refs whose tip still holds it (empty
   * when every branch that had it dropped it). Absent when not computed (too many refs).
   */
  refs?: string[];
}

export interface RepositorySummary {
  /** Unique, file-system-safe name within the batch; the SARIF file is `sarif/<id>.sarif`. */
  id: string;
  /** Display name (folder or archive name). */
  name: string;
  /** The input it came from, as given. */
  source: string;
  sourceKind: 'folder' | 'list' | 'archive';
  status: 'scanned' | 'cached' | 'failed';
  error?: string;
  head?: string;
  branch?: string;
  scanMs: number;
  filesScanned: number;
  counts: Counts;
  findings: BatchFinding[];
  /** Findings of the earlier batch (--since-report) that are gone now. */
  fixed: BatchFinding[];
  notices: Notice[];
  suppressions: SuppressionRecord[];
  history?: HistoryEntry[];
  /** Relative to the out dir; absent when the repository failed. */
  sarifFile?: string;
}

export interface BatchSummary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  tool: { name: string; version: string; informationUri: string };
  /** ISO 8601 time the batch finished. */
  generatedAt: string;
  /** Hash of tool version + effective configuration, for --resume. */
  configHash: string;
  shard?: { index: number; count: number };
  /** Set by `ethnolint merge`: the out dirs combined. */
  mergedFrom?: string[];
  totals: {
    repositories: number;
    scanned: number;
    cached: number;
    failed: number;
    /** Repositories with at least one finding. */
    withFindings: number;
    findings: Counts;
    /** Present when compared with an earlier batch. */
    comparison?: { new: number; unchanged: number; fixed: number; since: string };
  };
  repositories: RepositorySummary[];
}
