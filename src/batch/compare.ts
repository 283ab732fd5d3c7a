// --since-report: each finding is `new` or `unchanged` against an earlier batch (same
// repository id, same fingerprint), and the earlier findings that are gone are listed as fixed.
import type { BatchFinding, BatchSummary, RepositorySummary } from './summary.js';

/** Sets statuses and `fixed` in place. A failed repository is not compared: nothing is known. */
export function compareWith(repositories: RepositorySummary[], earlier: BatchSummary): void {
  const before = new Map(earlier.repositories.map((r) => [r.id, r]));
  for (const repo of repositories) {
    if (repo.status === 'failed') continue;
    const old = before.get(repo.id);
    // Absent or failed before: every finding is new, none is fixed.
    const oldFindings = old && old.status !== 'failed' ? old.findings : [];
    const oldPrints = new Set(oldFindings.map((f) => f.fingerprint));
    const nowPrints = new Set(repo.findings.map((f) => f.fingerprint));
    for (const f of repo.findings) f.status = oldPrints.has(f.fingerprint) ? 'unchanged' : 'new';
    repo.fixed = oldFindings.filter((f) => !nowPrints.has(f.fingerprint)).map(({ status: _status, ...rest }): BatchFinding => rest);
  }
}

/** A repository carried over from an earlier run, without that run's comparison. */
export function withoutComparison(repo: RepositorySummary): RepositorySummary {
  return { ...repo, findings: repo.findings.map(({ status: _status, ...rest }) => rest), fixed: [] };
}
