// Reporting about suppressions themselves: unused ones as findings, and the audit list of
// --list-suppressions.
import { assignFingerprints, compareFindings } from '../engine.js';
import { sanitizeForTerminal } from '../formatters/sanitize.js';
import type { Finding, Severity, SuppressionRecord } from '../types.js';

/**
 * unused-suppression findings for the records that matched nothing. A record that names only
 * rules that did not run (--rule, --disable, `off` in the config) is not judged.
 */
export function unusedSuppressionFindings(records: readonly SuppressionRecord[], ranRuleIds: ReadonlySet<string>, severity: Severity): Finding[] {
  const out: Finding[] = [];
  for (const r of records) {
    if (r.matched > 0) continue;
    if (r.rules.length > 0 && !r.rules.some((id) => ranRuleIds.has(id))) continue;
    const what = r.kind === 'inline' ? 'This suppression' : `The exception at line ${r.line} of the configuration`;
    const rules = r.rules.length > 0 ? ` for ${r.rules.join(', ')}` : '';
    const column = r.column ?? 1;
    out.push({
      ruleId: 'unused-suppression',
      severity,
      message: `${what}${rules} matched no finding; remove it or correct it`,
      path: r.path,
      line: r.line,
      column,
      endLine: r.line,
      endColumn: column + 1,
      snippet: '',
      evidence: `${r.kind} ${r.rules.join(',')} ${r.reason}`,
      fingerprint: '',
    });
  }
  out.sort(compareFindings);
  assignFingerprints(out);
  return out;
}

function recordJson(r: SuppressionRecord): Record<string, unknown> {
  return { kind: r.kind, path: r.path, line: r.line, column: r.column ?? 1, rules: r.rules, reason: r.reason, matched: r.matched };
}

/** The records as JSON: one object per suppression, in scan order (path, line). */
export function suppressionsJson(records: readonly SuppressionRecord[]): Record<string, unknown>[] {
  return records.map(recordJson);
}

/** --list-suppressions: every suppression with its reason and how many findings it hid. */
export function formatSuppressionList(records: readonly SuppressionRecord[], format: 'text' | 'json'): string {
  if (format === 'json') {
    const matched = records.reduce((n, r) => n + r.matched, 0);
    return `${JSON.stringify({ schemaVersion: 1, suppressions: suppressionsJson(records), stats: { suppressions: records.length, matched } }, null, 2)}\n`;
  }
  if (records.length === 0) return 'No suppressions.\n';
  const lines = records.map((r) => {
    const where = sanitizeForTerminal(`${r.path}:${r.line}`);
    const rules = r.rules.length > 0 ? r.rules.join(', ') : 'all rules';
    const matched = `${r.matched} ${r.matched === 1 ? 'finding' : 'findings'}`;
    return `${where}  ${r.kind}  ${sanitizeForTerminal(rules)}  (${matched})\n    ${sanitizeForTerminal(r.reason)}`;
  });
  const inline = records.filter((r) => r.kind === 'inline').length;
  const count = (n: number, word: string): string => `${n} ${n === 1 ? word : `${word}s`}`;
  return `${lines.join('\n')}\n\n${count(records.length, 'suppression')} (${inline} inline, ${count(records.length - inline, 'exception')})\n`;
}
