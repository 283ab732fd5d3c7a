// GitLab Code Quality report: the JSON array GitLab reads from `artifacts:reports:codequality`
// and shows in the merge request widget and diff. Each finding is one object with the fields
// GitLab documents as required (description, check_name, fingerprint, severity, location.path,
// location.lines.begin) plus location.lines.end:
//
//   [{ "description": "…", "check_name": "ethnicity-label", "fingerprint": "a1b2…",
//      "severity": "critical", "location": { "path": "data/labels.py", "lines": { "begin": 3, "end": 3 } } }]
//
// Severities: error → critical, warning → major, note → info. The fingerprint is the finding's
// own (stable across runs and line moves), so GitLab tracks a finding as unchanged between the
// target branch and the merge request. GitLab keeps only one issue per fingerprint, so a
// fingerprint repeated within one report (it should not happen) gets a `:2`, `:3` … suffix.

import type { Finding, ScanResult, Severity } from '../types.js';

export const GITLAB_SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical' | 'blocker'> = {
  error: 'critical',
  warning: 'major',
  note: 'info',
};

function issue(f: Finding, fingerprint: string): Record<string, unknown> {
  const begin = Math.max(f.line, 1);
  return {
    description: f.message,
    check_name: f.ruleId,
    fingerprint,
    severity: GITLAB_SEVERITY[f.severity],
    location: { path: f.path, lines: { begin, end: Math.max(f.endLine, begin) } },
  };
}

export function formatGitlab(result: ScanResult): string {
  const seen = new Map<string, number>();
  const issues = result.findings.map((f) => {
    const count = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, count);
    return issue(f, count === 1 ? f.fingerprint : `${f.fingerprint}:${count}`);
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
