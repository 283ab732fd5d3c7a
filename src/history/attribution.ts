// Who introduced a finding and who removed it, as plain state machines fed one commit at a
// time. Memory is per fingerprint (IntroductionLedger) and per live path (HeadLine), never per
// commit, so a walk of any length fits.
import type { CommitRef } from '../batch/summary.js';
import type { Finding, Severity } from '../types.js';
import type { CommitInfo } from './log-stream.js';

/** What a history entry reports about a finding, from the first scan that found it. */
export interface FindingDetails {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  evidence: string;
  line: number;
}

export function commitRef(commit: CommitInfo): CommitRef {
  return { commit: commit.id, date: commit.date, author: commit.author };
}

/**
 * Every fingerprint met anywhere in the history, with the first commit (in the walk's
 * topological order, parents first) whose tree holds it. A commit's tree holds a fingerprint
 * first exactly when the commit adds or changes the blob that carries it relative to its first
 * parent, or brings it in from another parent; both show in the first-parent diff, so feeding
 * each commit's changed blobs is enough.
 */
export class IntroductionLedger {
  private readonly details = new Map<string, FindingDetails>();
  private readonly introduced = new Map<string, CommitRef>();

  /** Records what a scan found; the first scan of a fingerprint gives its details. */
  noteFinding(finding: Finding): void {
    if (this.details.has(finding.fingerprint)) return;
    const { ruleId, severity, message, path, evidence, line } = finding;
    this.details.set(finding.fingerprint, { ruleId, severity, message, path, evidence, line });
  }

  /** The fingerprints a commit's changed blobs carry. */
  see(commit: CommitInfo, fingerprints: readonly string[]): void {
    for (const fp of fingerprints) if (!this.introduced.has(fp)) this.introduced.set(fp, commitRef(commit));
  }

  *entries(): Generator<{ fingerprint: string; details: FindingDetails; introduced: CommitRef }> {
    for (const [fingerprint, introduced] of this.introduced) {
      const details = this.details.get(fingerprint);
      if (details) yield { fingerprint, details, introduced };
    }
  }
}

/**
 * HEAD's first-parent line, walked from the root: the fingerprints live at each path, and for
 * each fingerprint that left the line the commit where it left last. A fingerprint that comes
 * back loses its removal; one that leaves again gets the later commit.
 */
export class HeadLine {
  private readonly live = new Map<string, readonly string[]>();
  private readonly removedAt = new Map<string, CommitRef>();

  /** `path` now carries `fingerprints` (empty when deleted or clean) as of `commit`. */
  change(commit: CommitInfo, path: string, fingerprints: readonly string[]): void {
    const before = this.live.get(path) ?? [];
    if (before.length > 0) {
      const after = new Set(fingerprints);
      for (const fp of before) if (!after.has(fp)) this.removedAt.set(fp, commitRef(commit));
    }
    for (const fp of fingerprints) this.removedAt.delete(fp);
    if (fingerprints.length > 0) this.live.set(path, fingerprints);
    else this.live.delete(path);
  }

  /** Whether the fingerprint at `path` is in HEAD's tree (once the walk has reached HEAD). */
  isLive(path: string, fingerprint: string): boolean {
    return this.live.get(path)?.includes(fingerprint) ?? false;
  }

  /** Where the fingerprint last left HEAD's line; undefined if it is live or never was on it. */
  removed(fingerprint: string): CommitRef | undefined {
    return this.removedAt.get(fingerprint);
  }
}
