// Baseline files: the findings a project has accepted for now, by fingerprint, so that a scan
// reports and fails only on new ones. The file is made to live in git: no timestamps, no line
// numbers, entries sorted and one per line, so that two branches that each add findings merge
// cleanly and a reviewer can read what was accepted.

import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './errors.js';
import type { BaselineSummary, Finding } from './types.js';
import { writeFileAtomic } from './write-atomic.js';

export const BASELINE_VERSION = 1;
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  evidence: string;
}

export interface Baseline {
  entries: BaselineEntry[];
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compareStrings(a.path, b.path) || compareStrings(a.rule, b.rule) || compareStrings(a.evidence, b.evidence) || compareStrings(a.fingerprint, b.fingerprint);
}

/** The baseline file's text for `findings`: sorted, one entry per line, deterministic. */
export function formatBaseline(findings: readonly Finding[]): string {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const f of findings) byFingerprint.set(f.fingerprint, { fingerprint: f.fingerprint, rule: f.ruleId, path: f.path, evidence: f.evidence });
  const entries = [...byFingerprint.values()].sort(compareEntries);
  const lines = entries.map((e, i) => `    ${JSON.stringify(e)}${i < entries.length - 1 ? ',' : ''}`);
  const list = lines.length === 0 ? '[]' : `[\n${lines.join('\n')}\n  ]`;
  return `{\n  "version": ${BASELINE_VERSION},\n  "tool": "ethnolint",\n  "findings": ${list}\n}\n`;
}

export function writeBaseline(file: string, shown: string, findings: readonly Finding[]): void {
  try {
    writeFileAtomic(file, formatBaseline(findings));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw new UsageError(`--write-baseline: cannot write ${shown}: ${why}`);
  }
}

function isEntry(value: unknown): value is BaselineEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.fingerprint === 'string' && e.fingerprint !== '' && ['rule', 'path', 'evidence'].every((k) => e[k] === undefined || typeof e[k] === 'string');
}

/** Reads and checks a baseline file; any problem is a one-line usage error naming `shown`. */
export function readBaseline(file: string, shown: string): Baseline {
  const fail = (detail: string): never => {
    throw new UsageError(`--baseline ${shown}: ${detail}`);
  };
  let text: string;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) fail('not a file');
    if (stats.size > MAX_BASELINE_BYTES) fail(`larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MiB`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file (create one with --write-baseline)' : `cannot read: ${code ?? String(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('not an ethnolint baseline (expected a JSON object)');
  const doc = data as Record<string, unknown>;
  if (doc.version !== BASELINE_VERSION) return fail(`unsupported baseline version ${JSON.stringify(doc.version)} (expected ${BASELINE_VERSION})`);
  if (!Array.isArray(doc.findings)) return fail('"findings" must be a list');
  const bad = doc.findings.findIndex((e) => !isEntry(e));
  if (bad >= 0) return fail(`findings[${bad}] must be an object with a string "fingerprint"`);
  return { entries: doc.findings as BaselineEntry[] };
}

export interface BaselineOutcome {
  /** Findings not in the baseline: the ones to report. */
  fresh: Finding[];
  summary: BaselineSummary;
}

/**
 * Splits findings into new ones and those the baseline accepts. An entry is stale when it is in
 * scope (its rule ran and its file was among those scanned) and no finding matched it.
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  file: string,
  inScope: (entry: BaselineEntry) => boolean,
  /** Fingerprints found, also outside the reported lines (--diff); default: those of `findings`. */
  found: ReadonlySet<string> = new Set(findings.map((f) => f.fingerprint)),
): BaselineOutcome {
  const accepted = new Set(baseline.entries.map((e) => e.fingerprint));
  const fresh = findings.filter((f) => !accepted.has(f.fingerprint));
  const staleFingerprints = new Set(baseline.entries.filter((e) => !found.has(e.fingerprint) && inScope(e)).map((e) => e.fingerprint));
  return {
    fresh,
    summary: { file, matched: findings.length - fresh.length, stale: staleFingerprints.size, new: fresh.length },
  };
}
