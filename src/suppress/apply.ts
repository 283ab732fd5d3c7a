// Applies a file's inline directives and the configuration's exceptions to its findings. Knows
// no rule: rule ids are opaque strings, checked only against the list the caller passes.
import { assignFingerprints, compareFindings } from '../engine.js';
import type { Finding, Notice, Severity, SuppressedFinding, SuppressionRecord } from '../types.js';
import type { Directive } from './directive.js';
import { compileExceptions, findException, type ExceptionSpec } from './exceptions.js';

export interface SuppressionSettings {
  /** Honour inline directives; false reads findings as if no directive existed. */
  inline: boolean;
  /** The rule ids a directive may name; undefined accepts any id. */
  knownRuleIds?: readonly string[];
  /** Severity of suppression-without-reason findings; 'off' does not report them. */
  missingReasonSeverity: Severity | 'off';
  exceptions: readonly ExceptionSpec[];
}

export interface SuppressionInput {
  path: string;
  findings: readonly Finding[];
  directives: readonly Directive[];
  /** The source text of a finding's range (for exceptions with text or pattern). */
  regionOf: (finding: Finding) => string;
  /** The source line, for the snippet of a diagnostic; '' when unknown. */
  lineOf: (line: number) => string;
}

export interface SuppressionOutcome {
  /** Findings left, with suppression-without-reason diagnostics among them, sorted. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Every inline directive of the file, and the exceptions that matched here. */
  suppressions: SuppressionRecord[];
  notices: Notice[];
}

/** A range of lines where a directive hides some rules. */
interface Scope {
  from: number;
  to: number;
  /** The rules hidden; undefined means all but `except`. */
  rules?: ReadonlySet<string>;
  except: ReadonlySet<string>;
  record: SuppressionRecord;
}

const covers = (scope: Scope, finding: Finding): boolean =>
  finding.line >= scope.from && finding.line <= scope.to && (scope.rules ? scope.rules.has(finding.ruleId) : !scope.except.has(finding.ruleId));

function diagnostic(input: SuppressionInput, d: Directive, severity: Severity): Finding {
  const keyword = `ethnolint-${d.kind}`;
  const snippet = input.lineOf(d.line);
  return {
    ruleId: 'suppression-without-reason',
    severity,
    message: `${keyword} gives no reason (add "-- why this is acceptable"), so it suppresses nothing`,
    path: input.path,
    line: d.line,
    column: d.column,
    endLine: d.line,
    endColumn: d.column + keyword.length,
    snippet,
    evidence: `${keyword} ${d.rules.join(',')}`.trim(),
    fingerprint: '',
  };
}

interface Resolved {
  specific: Scope[];
  blocks: Scope[];
  records: SuppressionRecord[];
  diagnostics: Finding[];
  notices: Notice[];
}

/** Turns directives, in document order, into line scopes. */
function resolveDirectives(input: SuppressionInput, settings: SuppressionSettings): Resolved {
  const out: Resolved = { specific: [], blocks: [], records: [], diagnostics: [], notices: [] };
  const known = settings.knownRuleIds ? new Set(settings.knownRuleIds) : undefined;
  for (const d of input.directives) {
    const unknown = known ? d.rules.filter((id) => !known.has(id)) : [];
    for (const id of unknown) {
      out.notices.push({ path: input.path, level: 'warning', reason: 'unknown-rule-id', message: `Line ${d.line}: ethnolint-${d.kind} names an unknown rule id "${id}" (see --list-rules); nothing is suppressed for it.` });
    }
    const rules = d.rules.filter((id) => !unknown.includes(id));
    // Only unknown ids named: suppress nothing rather than everything.
    if (d.rules.length > 0 && rules.length === 0) continue;
    if (d.kind === 'enable') {
      for (const block of out.blocks.filter((b) => b.to === Infinity)) {
        block.to = d.line;
        if (rules.length === 0) continue;
        const left = block.rules ? [...block.rules].filter((id) => !rules.includes(id)) : undefined;
        if (left?.length === 0) continue;
        out.blocks.push({ ...block, from: d.line + 1, to: Infinity, rules: left ? new Set(left) : undefined, except: new Set([...block.except, ...rules]) });
      }
      continue;
    }
    if (d.reason === undefined) {
      if (settings.missingReasonSeverity !== 'off') out.diagnostics.push(diagnostic(input, d, settings.missingReasonSeverity));
      continue;
    }
    const record: SuppressionRecord = { kind: 'inline', path: input.path, line: d.line, column: d.column, rules, reason: d.reason, matched: 0 };
    out.records.push(record);
    const scope = { rules: rules.length > 0 ? new Set(rules) : undefined, except: new Set<string>(), record };
    if (d.kind === 'disable') out.blocks.push({ ...scope, from: d.line, to: Infinity });
    else if (d.kind === 'disable-line') out.specific.push({ ...scope, from: d.line, to: d.line });
    else out.specific.push({ ...scope, from: d.endLine + 1, to: d.endLine + 1 });
  }
  return out;
}

export function applySuppressions(input: SuppressionInput, settings: SuppressionSettings): SuppressionOutcome {
  const resolved: Resolved = settings.inline ? resolveDirectives(input, settings) : { specific: [], blocks: [], records: [], diagnostics: [], notices: [] };
  const scopes = [...resolved.specific, ...resolved.blocks];
  const exceptions = compileExceptions(settings.exceptions);
  const exceptionRecords = new Map<number, SuppressionRecord>();
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of input.findings) {
    const scope = scopes.find((s) => covers(s, finding));
    if (scope) {
      scope.record.matched++;
      suppressed.push({ ...finding, suppressedBy: { kind: 'inline', path: scope.record.path, line: scope.record.line, reason: scope.record.reason } });
      continue;
    }
    const index = exceptions.length > 0 ? findException(exceptions, finding, input.regionOf(finding)) : -1;
    if (index < 0) {
      findings.push(finding);
      continue;
    }
    const spec = (exceptions[index] as (typeof exceptions)[number]).spec;
    let record = exceptionRecords.get(index);
    if (!record) {
      record = { kind: 'exception', path: spec.source, line: spec.line, column: spec.column, rules: [...spec.rules], reason: spec.reason, matched: 0 };
      exceptionRecords.set(index, record);
    }
    record.matched++;
    suppressed.push({ ...finding, suppressedBy: { kind: 'exception', path: spec.source, line: spec.line, reason: spec.reason } });
  }
  resolved.diagnostics.sort(compareFindings);
  assignFingerprints(resolved.diagnostics);
  return {
    findings: [...findings, ...resolved.diagnostics].sort(compareFindings),
    suppressed,
    suppressions: [...resolved.records, ...exceptionRecords.values()],
    notices: resolved.notices,
  };
}
