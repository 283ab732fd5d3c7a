// Counting: per repository and over a whole batch. Used by `batch` and again by `merge`, which
// recomputes every total from the repositories it combines.
import type { Finding, Severity } from '../types.js';
import type { BatchSummary, Counts, RepositorySummary } from './summary.js';

export function countFindings(findings: readonly Pick<Finding, 'severity' | 'ruleId'>[]): Counts {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  const byRule: Record<string, number> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  }
  // Keys sorted, so the same findings give byte-identical JSON.
  const sortedByRule = Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { total: findings.length, bySeverity, byRule: sortedByRule };
}

export function compareIds(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Totals over repositories; the comparison is recomputed from finding statuses when `since` is set. */
export function computeTotals(repositories: readonly RepositorySummary[], since?: string): BatchSummary['totals'] {
  const totals: BatchSummary['totals'] = {
    repositories: repositories.length,
    scanned: repositories.filter((r) => r.status === 'scanned').length,
    cached: repositories.filter((r) => r.status === 'cached').length,
    failed: repositories.filter((r) => r.status === 'failed').length,
    withFindings: repositories.filter((r) => r.findings.length > 0).length,
    findings: countFindings(repositories.flatMap((r) => r.findings)),
  };
  if (since !== undefined) {
    const all = repositories.flatMap((r) => r.findings);
    totals.comparison = {
      new: all.filter((f) => f.status === 'new').length,
      unchanged: all.filter((f) => f.status === 'unchanged').length,
      fixed: repositories.reduce((n, r) => n + r.fixed.length, 0),
      since,
    };
  }
  return totals;
}
