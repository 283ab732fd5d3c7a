/**
 * ethnolint JSON output, schema version 1
 * =======================================
 *
 * `ethnolint --format json` prints one JSON object, 2-space indented, with a trailing newline.
 * Keys always appear in the order below. The same scan gives byte-identical output: no
 * timestamps, no absolute paths. Within a schema version fields are only ever added; a field
 * is removed or changes meaning only with a new `schemaVersion`.
 *
 *   {
 *     "schemaVersion": 1,
 *     "tool": { "name": "ethnolint", "version": "0.1.0" },
 *     "findings": [
 *       {
 *         "ruleId": "ethnicity-label",       // rule id, see "rules"
 *         "severity": "error",               // "error" | "warning" | "note" (effective, after config)
 *         "message": "…",
 *         "path": "src/labels.py",           // relative to the working directory, '/' separators
 *         "line": 3, "column": 9,            // 1-based; columns count UTF-16 code units
 *         "endLine": 3, "endColumn": 16,     // endColumn is exclusive (the column after the match)
 *         "snippet": "…",                    // the source line(s) the finding spans, verbatim
 *         "evidence": "…",                   // the normalised matched text
 *         "fingerprint": "…"                 // stable across runs and line moves; use for baselines
 *       }
 *     ],                                     // sorted by path, line, column, ruleId
 *     "skipped": [                           // files not scanned
 *       { "path": "img/a.png", "reason": "binary", "message": "…" }
 *     ],                                     // reason: see SKIP_REASONS below
 *     "notices": [                           // everything else worth knowing about a file
 *       { "path": "cfg.json", "level": "warning", "reason": "parse-error", "message": "…" }
 *     ],                                     // level: "error" | "warning" | "note"
 *     "stats": {
 *       "filesScanned": 12, "filesSkipped": 1, "filesWithFindings": 2,
 *       "findings": 3, "errors": 2, "warnings": 1, "notes": 0
 *     },
 *     "rules": [                             // the rules that ran, with their effective severity
 *       { "id": "ethnicity-label", "name": "EthnicityLabel", "severity": "error" }
 *     ],                                     // plus the engine diagnostics that occur
 *                                            // (suppression-without-reason, unused-suppression)
 *     "suppressed": [                        // findings a suppression hid; never fail the build
 *       { …the fields of a finding…,
 *         "suppression": { "kind": "inline", "path": "src/labels.py", "line": 2,
 *                          "reason": "…" } }  // kind: "inline" | "exception"
 *     ],
 *     "suppressions": [                      // every inline directive and config exception
 *       { "kind": "exception", "path": ".ethnolint.yaml", "line": 4, "column": 5,
 *         "rules": ["ethnicity-label"], "reason": "…", "matched": 1 }
 *     ],                                     // rules: [] means every rule
 *     "baseline": {                          // only with --baseline; "findings" then holds new ones only
 *       "file": ".ethnolint-baseline.json", "matched": 5, "stale": 1, "new": 1
 *     }
 *   }
 *
 * "stats" also counts "suppressed" findings.
 *
 * Strings are exactly as found in the scanned files: consumers that print them to a terminal
 * must escape control characters themselves.
 */

import { suppressionsJson } from '../suppress/report.js';
import type { Finding, ScanResult } from '../types.js';

export const JSON_SCHEMA_VERSION = 1;

/** Notice reasons that mean a file was not scanned; these go to "skipped", all others to "notices". */
export const SKIP_REASONS: ReadonlySet<string> = new Set([
  'binary',
  'too-large',
  'unreadable',
  'not-found',
  'symlink',
  'special-file',
  'ignored',
]);

function findingJson(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    snippet: f.snippet,
    evidence: f.evidence,
    fingerprint: f.fingerprint,
  };
}

export function formatJson(result: ScanResult): string {
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const suppressed = result.suppressed ?? [];
  const doc = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: result.tool.name, version: result.tool.version },
    findings: result.findings.map(findingJson),
    skipped: result.notices
      .filter((n) => SKIP_REASONS.has(n.reason))
      .map((n) => ({ path: n.path, reason: n.reason, message: n.message })),
    notices: result.notices
      .filter((n) => !SKIP_REASONS.has(n.reason))
      .map((n) => ({ path: n.path, level: n.level, reason: n.reason, message: n.message })),
    stats: {
      filesScanned: result.stats.filesScanned,
      filesSkipped: result.stats.filesSkipped,
      filesWithFindings: result.stats.filesWithFindings,
      findings: result.findings.length,
      errors: counts.error,
      warnings: counts.warning,
      notes: counts.note,
      suppressed: suppressed.length,
    },
    rules: result.rules.map((r) => ({ id: r.id, name: r.meta.name, severity: r.severity })),
    suppressed: suppressed.map((f) => ({ ...findingJson(f), suppression: { kind: f.suppressedBy.kind, path: f.suppressedBy.path, line: f.suppressedBy.line, reason: f.suppressedBy.reason } })),
    suppressions: suppressionsJson(result.suppressions ?? []),
    ...(result.baseline ? { baseline: { ...result.baseline } } : {}),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
