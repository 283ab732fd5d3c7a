// Runs rules over one document and turns their reports into findings. Knows nothing about any
// particular rule: it routes by the kinds a rule declares, validates each report, and contains
// a rule's failure to the file it failed on.
import { sha256Hex } from './lazy-crypto.js';
import { computeLineStarts, positionAt } from './positions.js';
import { compilePrefilter, type Prefilter } from './prefilter.js';
import type { Document, Finding, Notice, Report, Rule, Severity } from './types.js';

export interface ActiveRule {
  rule: Rule;
  severity: Severity;
}

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'note', note: 'note' };

export interface LintOutput {
  findings: Finding[];
  notices: Notice[];
}

/** Every active rule's triggers in one prefilter, each trigger tagged with its rule. */
interface RuleSelector {
  prefilter: Prefilter;
  ruleOfTrigger: Rule[];
}

const selectors = new WeakMap<readonly ActiveRule[], RuleSelector>();

/** The text prefilter of every active rule's triggers, each tagged with its rule; compiled once per list. */
function selectorOf(rules: readonly ActiveRule[]): RuleSelector {
  let selector = selectors.get(rules);
  if (!selector) {
    const tagged = rules.flatMap(({ rule }) => (rule.triggers ?? []).map((t) => [rule, t] as const));
    selector = { prefilter: compilePrefilter(tagged.map(([, t]) => t)), ruleOfTrigger: tagged.map(([r]) => r) };
    selectors.set(rules, selector);
  }
  return selector;
}

/**
 * The rules whose triggers hold in the document (and the rules without triggers): one pass over
 * the text for all rules, instead of one per rule.
 */
export function rulesThatMayMatch(rules: readonly ActiveRule[], text: string, path: string): Set<Rule> {
  const selector = selectorOf(rules);
  const out = new Set<Rule>(rules.filter(({ rule }) => !rule.triggers).map(({ rule }) => rule));
  for (const t of selector.prefilter.holding(text, path)) out.add(selector.ruleOfTrigger[t] as Rule);
  return out;
}

/**
 * One prefilter for a whole run over raw bytes: the union of the active rules' triggers, or
 * undefined when a rule has none (then every file must be parsed).
 */
export function runPrefilter(rules: readonly ActiveRule[]): Prefilter | undefined {
  if (rules.some(({ rule }) => !rule.triggers)) return undefined;
  return compilePrefilter(rules.flatMap(({ rule }) => rule.triggers ?? []), { utf8Bytes: true });
}

/**
 * The same run-wide prefilter over decoded text, for files that are not UTF-8 (GB18030, UTF-16)
 * and text chunks: the rule selector's, compiled on first use.
 */
export function runTextPrefilter(rules: readonly ActiveRule[]): Prefilter | undefined {
  if (rules.some(({ rule }) => !rule.triggers)) return undefined;
  let compiled: Prefilter | undefined;
  const prefilter = (): Prefilter => (compiled ??= selectorOf(rules).prefilter);
  return {
    test: (text, path, ascii) => prefilter().test(text, path, ascii),
    holding: (text, path) => prefilter().holding(text, path),
    locate: (text, path) => prefilter().locate(text, path),
    get words() {
      return prefilter().words;
    },
    get substrings() {
      return prefilter().substrings;
    },
  };
}

export interface LintLimits {
  /** performance.now() value after which no further rule starts on this document. */
  deadline?: number;
}

function snippetOf(text: string, lineStarts: number[], startLine: number, endLine: number): string {
  const from = lineStarts[startLine - 1] ?? 0;
  const to = lineStarts[endLine] ?? text.length;
  return text.slice(from, to).replace(/\r?\n$|\r$/, '');
}

function toFinding(doc: Document, lineStarts: number[], ruleId: string, severity: Severity, report: Report): Finding {
  const start = positionAt(lineStarts, report.start);
  const end = positionAt(lineStarts, report.end);
  return {
    ruleId,
    severity: report.downgrade ? LOWER[severity] : severity,
    message: report.message,
    path: doc.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    snippet: snippetOf(doc.text, lineStarts, start.line, end.line),
    evidence: report.evidence,
    fingerprint: '', // set by assignFingerprints once the file's findings are sorted
  };
}

function validate(doc: Document, report: Report): string | undefined {
  const { start, end } = report;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > doc.text.length) {
    return `reported an invalid range ${start}..${end} (file length ${doc.text.length})`;
  }
  if (typeof report.message !== 'string' || report.message.length === 0) return 'reported an empty message';
  return undefined;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/**
 * Fingerprints that survive edits above a finding: rule, path, normalised evidence and the
 * occurrence index of that evidence in the file, never the line number.
 */
export function assignFingerprints(sortedFindings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const f of sortedFindings) {
    const base = `${f.ruleId}\0${f.path}\0${f.evidence.trim().toLowerCase().replace(/\s+/g, ' ')}`;
    const index = seen.get(base) ?? 0;
    seen.set(base, index + 1);
    f.fingerprint = sha256Hex(`${base}\0${index}`).slice(0, 32);
  }
}

export function lintDocument(doc: Document, rules: readonly ActiveRule[], limits: LintLimits = {}): LintOutput {
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  let lineStarts: number[] | undefined;
  const ofKind = rules.filter(({ rule }) => rule.kinds.includes(doc.kind));
  const holding = ofKind.length > 0 ? rulesThatMayMatch(rules, doc.text, doc.path) : undefined;
  const applicable = ofKind.filter(({ rule }) => holding?.has(rule));
  for (const [index, { rule, severity }] of applicable.entries()) {
    // JS cannot preempt a rule, so the time budget is checked between rules: none starts late.
    if (limits.deadline !== undefined && performance.now() > limits.deadline) {
      const skipped = applicable.slice(index).map((a) => a.rule.id).join(', ');
      notices.push({ path: doc.path, level: 'warning', reason: 'timeout', message: `The per-file time budget ran out; rules not run on this file: ${skipped}.` });
      break;
    }
    const reports: Report[] = [];
    try {
      rule.check(doc, { report: (r) => reports.push(r) });
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      notices.push({ path: doc.path, level: 'error', reason: 'rule-error', message: `Rule ${rule.id} failed on this file: ${detail}` });
      continue;
    }
    for (const report of reports) {
      const problem = validate(doc, report);
      if (problem) {
        notices.push({ path: doc.path, level: 'error', reason: 'rule-error', message: `Rule ${rule.id} ${problem}` });
        continue;
      }
      lineStarts ??= computeLineStarts(doc.text);
      findings.push(toFinding(doc, lineStarts, rule.id, severity, report));
    }
  }
  findings.sort(compareFindings);
  const unique = findings.filter((f, i) => i === 0 || compareFindings(f, findings[i - 1] as Finding) !== 0);
  assignFingerprints(unique);
  return { findings: unique, notices };
}
