// The reports of `ethnolint history`: a text listing for people and a versioned JSON document
// for tools. Everything that comes from the repository (paths, messages, evidence, author
// names) is sanitised before it reaches a terminal.
import type { CommitRef, HistoryEntry } from '../batch/summary.js';
import { sanitizeForTerminal } from '../formatters/sanitize.js';
import { TOOL } from '../package-info.js';
import type { Severity } from '../types.js';
import type { HistoryResult } from './types.js';

/**
 * `ethnolint history -f json`, schema version 1: one object, 2-space indented, keys in this
 * order, nothing that changes between runs of the same history (no times, no absolute paths).
 * Fields are only ever added within a version.
 *
 *   {
 *     "schemaVersion": 1,
 *     "kind": "history",
 *     "tool": { "name": "ethnolint", "version": "0.1.0" },
 *     "head": "<commit id>",                     // absent in a repository without commits
 *     "findings": [{
 *       "fingerprint": "…", "ruleId": "…", "severity": "error", "path": "src/a.py", "line": 3,
 *       "message": "…", "evidence": "…",
 *       "presentAtHead": false,
 *       "introduced": { "commit": "<id>", "date": "<ISO 8601 author date>", "author": "…" },
 *       "removed": { "commit": …, "date": …, "author": … },  // only when it left HEAD's line
 *       "refs": ["refs/heads/experiment"]         // never on HEAD's line: refs whose tip holds it
 *     }],                                         // sorted by path, line, rule, fingerprint
 *     "stats": { "commitsWalked": 0, "headLineCommits": 0, "blobsScanned": 0, "blobsCached": 0,
 *                "notices": { "<reason>": 0 },
 *                "findings": 0, "presentAtHead": 0, "removed": 0, "historyOnly": 0 }
 *   }
 */
export const HISTORY_SCHEMA_VERSION = 1;

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

/** The exit-code rule: only findings still in HEAD's tree can fail a build; the rest is history. */
export function historyFails(entries: readonly HistoryEntry[], failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return entries.some((e) => e.presentAtHead && RANK[e.severity] >= RANK[failOn]);
}

export type EntryStatus = 'present' | 'removed' | 'history-only';

export function entryStatus(entry: HistoryEntry): EntryStatus {
  return entry.presentAtHead ? 'present' : entry.removed ? 'removed' : 'history-only';
}

function counts(entries: readonly HistoryEntry[]): Record<'findings' | 'presentAtHead' | 'removed' | 'historyOnly', number> {
  const by = (status: EntryStatus): number => entries.filter((e) => entryStatus(e) === status).length;
  return { findings: entries.length, presentAtHead: by('present'), removed: by('removed'), historyOnly: by('history-only') };
}

const commitJson = (c: CommitRef): CommitRef => ({ commit: c.commit, date: c.date, author: c.author });

export function formatHistoryJson(result: HistoryResult, entries: readonly HistoryEntry[] = result.entries): string {
  const { commitsWalked, headLineCommits, blobsScanned, blobsCached, notices } = result.stats;
  const doc = {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    kind: 'history',
    tool: { name: TOOL.name, version: TOOL.version },
    ...(result.head ? { head: result.head } : {}),
    findings: entries.map((e) => ({
      fingerprint: e.fingerprint,
      ruleId: e.ruleId,
      severity: e.severity,
      path: e.path,
      ...(e.line !== undefined ? { line: e.line } : {}),
      message: e.message,
      evidence: e.evidence,
      presentAtHead: e.presentAtHead,
      introduced: commitJson(e.introduced),
      ...(e.removed ? { removed: commitJson(e.removed) } : {}),
      ...(e.refs ? { refs: e.refs } : {}),
    })),
    stats: { commitsWalked, headLineCommits, blobsScanned, blobsCached, notices: sortedRecord(notices), ...counts(entries) },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function sortedRecord(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const SHORT_SHA = 8;

function commitLine(label: string, c: CommitRef): string {
  return `  ${label.padEnd(10)} ${c.commit.slice(0, SHORT_SHA)} ${sanitizeForTerminal(c.date)} ${sanitizeForTerminal(c.author)}`;
}

const STATUS_LINE: Record<Exclude<EntryStatus, 'removed'>, string> = {
  present: '  present at HEAD',
  'history-only': "  history only: never on HEAD's first-parent line",
};

const MAX_REFS_LISTED = 5;

function refsLine(refs: readonly string[]): string {
  if (refs.length === 0) return 'no ref holds it any more';
  const listed = refs.slice(0, MAX_REFS_LISTED).map(sanitizeForTerminal).join(', ');
  return `still on ${listed}${refs.length > MAX_REFS_LISTED ? ` and ${refs.length - MAX_REFS_LISTED} more` : ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatHistoryText(result: HistoryResult, entries: readonly HistoryEntry[] = result.entries): string {
  const blocks = entries.map((e) => {
    const status = entryStatus(e);
    const where = `${sanitizeForTerminal(e.path)}${e.line !== undefined ? `:${e.line}` : ''}`;
    return [
      `${where}  ${e.severity}  ${e.ruleId}`,
      `  ${sanitizeForTerminal(e.message)}`,
      `  evidence: ${sanitizeForTerminal(e.evidence)}`,
      commitLine('introduced', e.introduced),
      status === 'removed' && e.removed ? commitLine('removed', e.removed) : STATUS_LINE[status === 'removed' ? 'history-only' : status],
      ...(e.refs ? [`  ${refsLine(e.refs)}`] : []),
    ].join('\n');
  });
  const c = counts(entries);
  const s = result.stats;
  const summary =
    `${plural(c.findings, 'finding')} in the history (${c.presentAtHead} present at HEAD, ${c.removed} removed, ${c.historyOnly} never on HEAD's line)` +
    ` · ${plural(s.commitsWalked, 'commit')}, ${plural(s.blobsScanned, 'blob')} scanned, ${s.blobsCached} from cache`;
  return `${blocks.map((b) => `${b}\n\n`).join('')}${summary}\n`;
}
