// One repository's panel in the HTML report: facts, the failure if any, findings (with their
// snippets), fixed findings, suppressions, notices and history. A collapsed <details>, so a
// batch of hundreds of repositories opens fast; long lists are capped with a note that says
// where the rest is (the repository's SARIF file).
import type { Notice, SuppressionRecord } from '../types.js';
import type { BatchFinding, HistoryEntry, RepositorySummary } from './summary.js';
import { formatCount, formatDuration, formatTime, plural, safeRelativePath, safeUrl, shortCommit, text } from './html.js';
import { SEVERITIES } from './report-charts.js';

export interface ReportLimits {
  /** Findings listed per repository (and fixed findings, separately). */
  findingsPerRepository: number;
  /** Of those, how many show their code snippet. */
  snippetsPerRepository: number;
  /** A snippet longer than this many characters is cut. */
  snippetChars: number;
  /** Suppressions, notices and history entries listed per repository, each. */
  rowsPerList: number;
}

export const DEFAULT_LIMITS: ReportLimits = {
  findingsPerRepository: 500,
  snippetsPerRepository: 50,
  snippetChars: 2000,
  rowsPerList: 200,
};

/** The anchor of a repository's panel; by position, so no repository name reaches an id. */
export const panelId = (index: number): string => `repo-${index}`;

/** A badge whose class is one of `known` (else "other"); its text is escaped in any case. */
function badge(value: string, known: readonly string[]): string {
  return `<span class="badge ${known.includes(value) ? value : 'other'}">${text(String(value))}</span>`;
}

export const statusBadge = (status: RepositorySummary['status']): string => badge(status, ['scanned', 'cached', 'failed']);
export const severityBadge = (severity: string): string => badge(severity, SEVERITIES);
const markBadge = (mark: string): string => badge(mark, ['new', 'unchanged', 'fixed']);

function capNote(shown: number, total: number, repo: RepositorySummary, one: string, many?: string): string {
  if (total <= shown) return '';
  const sarif = safeRelativePath(repo.sarifFile);
  const where = sarif ? ` All of them are in <a href="${sarif}">${text(repo.sarifFile as string)}</a>.` : '';
  return `<p class="note-cap">Showing the first ${formatCount(shown)} of ${plural(total, one, many)}.${where}</p>`;
}

function ruleLink(finding: BatchFinding): string {
  const href = safeUrl(finding.helpUri);
  const id = text(finding.ruleId);
  return href ? `<a class="rule" href="${text(href)}" rel="noreferrer noopener" target="_blank">${id}</a>` : `<span class="rule">${id}</span>`;
}

function snippet(source: string, maxChars: number): string {
  const cut = source.length > maxChars;
  // Cut between code points, never inside a surrogate pair.
  const shown = cut ? Array.from(source.slice(0, maxChars + 1)).slice(0, -1).join('') : source;
  return `<pre class="snippet"><code>${text(shown)}</code></pre>${cut ? `<p class="note-cap">Snippet cut at ${formatCount(maxChars)} characters.</p>` : ''}`;
}

function findingItem(finding: BatchFinding, withSnippet: boolean, limits: ReportLimits, mark?: 'fixed'): string {
  const status = mark ?? finding.status;
  return (
    `<li class="finding ${SEVERITIES.includes(finding.severity) ? finding.severity : 'other'}">` +
    `<div class="finding-head">${severityBadge(finding.severity)}${ruleLink(finding)}` +
    `<code class="loc">${text(`${finding.path}:${finding.line}:${finding.column}`)}</code>` +
    (status ? markBadge(status) : '') +
    `</div><p class="message">${text(finding.message)}</p>` +
    (withSnippet && finding.snippet !== '' ? snippet(finding.snippet, limits.snippetChars) : '') +
    `</li>`
  );
}

function findingList(findings: BatchFinding[], limits: ReportLimits, repo: RepositorySummary, mark?: 'fixed'): string {
  const shown = findings.slice(0, limits.findingsPerRepository);
  const items = shown.map((f, i) => findingItem(f, i < limits.snippetsPerRepository, limits, mark)).join('');
  const snippetNote =
    shown.length > limits.snippetsPerRepository
      ? `<p class="note-cap">Code snippets are shown for the first ${formatCount(limits.snippetsPerRepository)} findings.</p>`
      : '';
  return `<ol class="findings">${items}</ol>${snippetNote}${capNote(shown.length, findings.length, repo, 'finding')}`;
}

function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th scope="col">${h}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<div class="table-wrap"><table class="plain"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function suppressionRows(list: SuppressionRecord[]): string[][] {
  return list.map((s) => [
    text(s.kind === 'inline' ? 'inline directive' : 'configuration exception'),
    `<code>${text(`${s.path}:${s.line}`)}</code>`,
    s.rules.length > 0 ? s.rules.map((r) => `<code>${text(r)}</code>`).join(', ') : '<span class="muted">all rules</span>',
    s.reason.trim() !== '' ? text(s.reason) : '<span class="muted">no reason given</span>',
    formatCount(s.matched),
  ]);
}

function commitCell(ref: { commit: string; date: string; author: string }): string {
  return `<code title="${text(ref.commit)}">${text(shortCommit(ref.commit))}</code> ${text(formatTime(ref.date))}<br><span class="muted">${text(ref.author)}</span>`;
}

function historyRows(list: HistoryEntry[]): string[][] {
  return list.map((h) => [
    severityBadge(h.severity),
    `<code>${text(h.ruleId)}</code>`,
    `<code>${text(h.path)}</code><br><span class="muted">${text(h.evidence)}</span>`,
    commitCell(h.introduced),
    h.removed ? commitCell(h.removed) : h.presentAtHead ? 'still present at HEAD' : '<span class="muted">removed (commit unknown)</span>',
  ]);
}

function noticeList(list: Notice[]): string {
  return `<ul class="notices">${list.map((n) => `<li>${severityBadge(n.level)} <code>${text(n.path)}</code>: ${text(n.message)}</li>`).join('')}</ul>`;
}

function facts(repo: RepositorySummary): string {
  const sarif = safeRelativePath(repo.sarifFile);
  const rows: [string, string][] = [
    ['Source', `<code>${text(repo.source)}</code> <span class="muted">(${text(repo.sourceKind)})</span>`],
    ...(repo.branch ? [['Branch', `<code>${text(repo.branch)}</code>`] as [string, string]] : []),
    ...(repo.head ? [['HEAD', `<code>${text(repo.head)}</code>`] as [string, string]] : []),
    ['Files scanned', formatCount(repo.filesScanned)],
    ['Scan time', formatDuration(repo.scanMs)],
    ...(sarif ? [['SARIF', `<a href="${sarif}">${text(repo.sarifFile as string)}</a>`] as [string, string]] : []),
  ];
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function countBadges(repo: RepositorySummary): string {
  if (repo.status === 'failed') return '';
  if (repo.counts.total === 0) return '<span class="badge scanned">clean</span>';
  return SEVERITIES.filter((s) => (repo.counts.bySeverity[s] ?? 0) > 0)
    .map((s) => `<span class="badge ${s}">${plural(repo.counts.bySeverity[s], s)}</span>`)
    .join('');
}

/** A capped list under a heading, or nothing when the list is empty. */
function capped<T>(title: string, list: T[], limit: number, what: [string, string], repo: RepositorySummary, render: (shown: T[]) => string): string {
  if (list.length === 0) return '';
  const shown = list.slice(0, limit);
  return `<h3>${title} <span class="muted">(${formatCount(list.length)})</span></h3>${render(shown)}${capNote(shown.length, list.length, repo, ...what)}`;
}

export function renderRepositoryPanel(repo: RepositorySummary, index: number, limits: ReportLimits): string {
  const limit = limits.rowsPerList;
  const body = [
    facts(repo),
    repo.error ? `<div class="failure" role="alert"><strong>Scan failed:</strong> ${text(repo.error)}</div>` : '',
    repo.findings.length > 0
      ? `<h3>Findings <span class="muted">(${formatCount(repo.findings.length)})</span></h3>${findingList(repo.findings, limits, repo)}`
      : repo.status === 'failed'
        ? ''
        : '<p class="muted">No findings.</p>',
    repo.fixed.length > 0
      ? `<h3>Fixed since the earlier batch <span class="muted">(${formatCount(repo.fixed.length)})</span></h3>${findingList(repo.fixed, limits, repo, 'fixed')}`
      : '',
    capped('Suppressions', repo.suppressions, limit, ['suppression', 'suppressions'], repo, (shown) => table(['Kind', 'Where', 'Rules', 'Reason', 'Matched'], suppressionRows(shown))),
    capped('Notices', repo.notices, limit, ['notice', 'notices'], repo, noticeList),
    capped('History', repo.history ?? [], limit, ['history entry', 'history entries'], repo, (shown) => table(['Severity', 'Rule', 'Path and evidence', 'Introduced', 'Removed'], historyRows(shown))),
  ].join('');
  return (
    `<details class="repo" id="${panelId(index)}"><summary><span class="name">${text(repo.name)}</span>${statusBadge(repo.status)}` +
    `<span class="counts">${countBadges(repo)}</span></summary><div class="repo-body">${body}</div></details>`
  );
}
