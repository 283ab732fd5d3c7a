// report.html of a batch scan: one self-contained page (inline CSS, inline SVG charts, one small
// inline script) that works from file:// offline. Its Content-Security-Policy forbids every
// network load and every script but its own (by hash), so even a mistake in escaping could not
// run or fetch anything. A pure function: the same summary always gives the same bytes.
import { createHash } from 'node:crypto';
import type { BatchSummary, RepositorySummary } from './summary.js';
import { formatCount, formatDuration, formatTime, jsonForScript, plural, safeUrl, shortCommit, text, truncate } from './html.js';
import { renderBarChart, repositoryRows, ruleRows, SEVERITIES, topWithOthers } from './report-charts.js';
import { DEFAULT_LIMITS, panelId, renderRepositoryPanel, statusBadge, type ReportLimits } from './report-repository.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_CSS } from './report-style.js';

export { DEFAULT_LIMITS, type ReportLimits } from './report-repository.js';

/** A failure message longer than this is cut in the table (the panel shows all of it). */
const ERROR_CHARS = 160;

/** Bars per chart before the rest are summed into "others". */
const CHART_TOP = 10;

const SCRIPT_HASH = `sha256-${createHash('sha256').update(REPORT_SCRIPT).digest('base64')}`;

/** No network, no plugins, no forms; only the page's own inline style and its one script. */
export const REPORT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src '${SCRIPT_HASH}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const SEVERITY_TITLES = { error: 'Errors', warning: 'Warnings', note: 'Notes' } as const;

function masthead(summary: BatchSummary): string {
  const toolUrl = safeUrl(summary.tool.informationUri);
  const tool = toolUrl ? `<a href="${text(toolUrl)}" rel="noreferrer noopener">${text(summary.tool.name)}</a>` : text(summary.tool.name);
  const facts = [
    `Generated <strong><time datetime="${text(summary.generatedAt)}">${text(formatTime(summary.generatedAt))}</time></strong>`,
    `${tool} <strong>${text(summary.tool.version)}</strong>`,
    summary.shard ? `Shard <strong>${formatCount(Number(summary.shard.index) + 1)} of ${formatCount(Number(summary.shard.count))}</strong>` : '',
    summary.mergedFrom && summary.mergedFrom.length > 0 ? `Merged from <strong>${plural(summary.mergedFrom.length, 'batch', 'batches')}</strong>` : '',
  ].filter((f) => f !== '');
  return (
    `<header class="masthead"><div class="page"><div><h1><span class="tool">${text(summary.tool.name)}</span> batch report</h1>` +
    `<ul class="meta">${facts.map((f) => `<li>${f}</li>`).join('')}</ul></div>` +
    `<nav aria-label="Sections"><ul class="toc"><li><a href="#overview">Overview</a></li><li><a href="#charts">Charts</a></li><li><a href="#repositories">Repositories</a></li><li><a href="#details">Findings</a></li></ul></nav>` +
    `</div></header>`
  );
}

function card(label: string, value: number, detail: string, cls = '', id = ''): string {
  return (
    `<div class="card ${cls}"${id ? ` id="${id}"` : ''}><div class="label">${label}</div>` +
    `<div class="value" data-value="${Number(value)}">${formatCount(value)}</div><div class="detail">${detail}</div></div>`
  );
}

function overview(summary: BatchSummary): string {
  const { totals } = summary;
  const rules = Object.values(totals.findings.byRule).filter((n) => n > 0).length;
  const cards = [
    card('Repositories', totals.repositories, `<span>${formatCount(totals.scanned)} scanned,</span> <span>${formatCount(totals.cached)} cached,</span> <span>${formatCount(totals.failed)} failed</span>`, '', 'total-repositories'),
    card('With findings', totals.withFindings, `of ${plural(totals.repositories, 'repository', 'repositories')}`, '', 'total-with-findings'),
    card('Findings', totals.findings.total, `from ${plural(rules, 'rule')}`, '', 'total-findings'),
    ...SEVERITIES.map((s) => card(SEVERITY_TITLES[s], totals.findings.bySeverity[s] ?? 0, `severity ${s}`, `sev-${s}`, `total-${s}`)),
  ].join('');
  const c = totals.comparison;
  const comparison = c
    ? `<div class="comparison" id="comparison"><span class="title">Compared with an earlier batch</span>` +
      `<span class="new"><span class="num" data-value="${Number(c.new)}">${formatCount(c.new)}</span>new</span>` +
      `<span class="unchanged"><span class="num" data-value="${Number(c.unchanged)}">${formatCount(c.unchanged)}</span>unchanged</span>` +
      `<span class="fixed"><span class="num" data-value="${Number(c.fixed)}">${formatCount(c.fixed)}</span>fixed</span>` +
      `<span class="since">since ${text(formatTime(c.since))}</span></div>`
    : '';
  return `<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2><div class="cards">${cards}</div>${comparison}</section>`;
}

function charts(summary: BatchSummary): string {
  const legend = `<ul class="legend" aria-hidden="true">${SEVERITIES.map((s) => `<li class="${s}">${s}</li>`).join('')}</ul>`;
  const byRule = topWithOthers(ruleRows(summary), CHART_TOP, (n) => `others (${n} rules)`);
  const byRepo = topWithOthers(repositoryRows(summary), CHART_TOP, (n) => `others (${n} repositories)`);
  const ruleChart = renderBarChart('chart-rules', 'Findings by rule', `Number of findings per rule across all repositories, by severity; ${byRule.length} bars.`, byRule);
  const repoChart = renderBarChart('chart-repositories', 'Findings by repository', `Number of findings per repository, largest first, by severity; ${byRepo.length} bars.`, byRepo);
  return (
    `<section id="charts" aria-labelledby="charts-h"><h2 id="charts-h">Findings at a glance</h2><div class="charts">` +
    `<figure class="chart-card"><h3>Findings by rule</h3>${legend}${ruleChart}</figure>` +
    `<figure class="chart-card"><h3>Findings by repository${byRepo.length > CHART_TOP ? ` (top ${CHART_TOP})` : ''}</h3>${legend}${repoChart}</figure>` +
    `</div></section>`
  );
}

/** What the script sorts and filters by, one entry per table row (by position). */
function rowData(repo: RepositorySummary): Record<string, string | number | null> {
  const failed = repo.status === 'failed';
  const count = (n: number | undefined): number | null => (failed ? null : (n ?? 0));
  return {
    name: repo.name,
    source: repo.source,
    branch: repo.branch ?? '',
    status: repo.status,
    head: repo.head ?? '',
    error: count(repo.counts.bySeverity.error),
    warning: count(repo.counts.bySeverity.warning),
    note: count(repo.counts.bySeverity.note),
    total: count(repo.counts.total),
    new: count(repo.findings.filter((f) => f.status === 'new').length),
    scanMs: repo.scanMs,
    failure: repo.error ?? '',
  };
}

function countCell(value: number | null): string {
  if (value === null) return '<td class="num zero">–</td>';
  return `<td class="num${value === 0 ? ' zero' : ''}">${formatCount(value)}</td>`;
}

function repositoryTable(summary: BatchSummary, withNew: boolean): string {
  const columns: [key: string, label: string, type: 'text' | 'number'][] = [
    ['name', 'Repository', 'text'],
    ['status', 'Status', 'text'],
    ['head', 'HEAD', 'text'],
    ['error', 'Errors', 'number'],
    ['warning', 'Warnings', 'number'],
    ['note', 'Notes', 'number'],
    ['total', 'Total', 'number'],
    ...(withNew ? [['new', 'New', 'number'] as [string, string, 'number']] : []),
    ['scanMs', 'Scan time', 'number'],
    ['failure', 'Error', 'text'],
  ];
  const head = columns
    .map(([key, label, type]) => `<th scope="col" data-key="${key}" data-type="${type}" aria-sort="none"${type === 'number' ? ' class="num"' : ''}><button type="button">${label}</button></th>`)
    .join('');
  const rows = summary.repositories
    .map((repo, i) => {
      const data = rowData(repo);
      const source = repo.source !== repo.name ? `<span class="muted mono source" title="${text(repo.source)}">${text(repo.source)}</span>` : '';
      return (
        `<tr data-index="${i}"><td><a href="#${panelId(i)}">${text(repo.name)}</a>${source}</td><td>${statusBadge(repo.status)}</td>` +
        `<td>${repo.head ? `<code title="${text(repo.head)}">${text(shortCommit(repo.head))}</code>` : '<span class="muted">–</span>'}</td>` +
        (['error', 'warning', 'note', 'total', ...(withNew ? ['new'] : [])] as const).map((k) => countCell(data[k] as number | null)).join('') +
        `<td class="num">${formatDuration(repo.scanMs)}</td>` +
        `<td class="err"${repo.error ? ` title="${text(repo.error)}"` : ''}>${repo.error ? text(truncate(repo.error, ERROR_CHARS)) : ''}</td></tr>`
      );
    })
    .join('');
  const controls =
    `<div class="controls" id="repo-controls" hidden>` +
    `<input type="search" id="repo-filter" placeholder="Filter by name, source, commit or error" aria-label="Filter repositories">` +
    `<select id="severity-filter" aria-label="Filter by findings"><option value="all">Any findings or none</option><option value="any">With findings</option>` +
    `<option value="error">With errors</option><option value="warning">With warnings</option><option value="note">With notes</option>` +
    (withNew ? '<option value="new">With new findings</option>' : '') +
    `<option value="none">Clean</option></select>` +
    `<select id="status-filter" aria-label="Filter by status"><option value="all">All statuses</option><option value="scanned">Scanned</option><option value="cached">Cached</option><option value="failed">Failed</option></select>` +
    `<span class="shown" id="repo-shown" aria-live="polite">${plural(summary.repositories.length, 'repository', 'repositories')}</span></div>`;
  return (
    `<section id="repositories" aria-labelledby="repositories-h"><h2 id="repositories-h">Repositories</h2>${controls}` +
    `<div class="table-wrap"><table id="repo-table"><thead><tr>${head}</tr></thead><tbody id="repo-rows">${rows}</tbody></table>` +
    `<p class="empty-row" id="repo-none" hidden>No repository matches the filter.</p></div></section>`
  );
}

function panels(summary: BatchSummary, limits: ReportLimits): string {
  const list = summary.repositories.map((repo, i) => renderRepositoryPanel(repo, i, limits)).join('');
  const buttons =
    summary.repositories.length > 0
      ? `<div class="controls expand" id="panel-controls" hidden><button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button></div>`
      : '';
  return `<section id="details" aria-labelledby="details-h"><h2 id="details-h">Findings by repository</h2>${buttons}${list || '<p class="muted">No repositories in this batch.</p>'}</section>`;
}

function footer(summary: BatchSummary): string {
  return (
    `<footer>Written by ${text(summary.tool.name)} ${text(summary.tool.version)} from summary.json (schema version ${formatCount(summary.schemaVersion)}). ` +
    `Configuration hash <code>${text(summary.configHash)}</code>. ` +
    `Snippets, paths and messages are quoted from the scanned repositories as they are.</footer>`
  );
}

export function renderReport(summary: BatchSummary, limits: Partial<ReportLimits> = {}): string {
  const effective: ReportLimits = { ...DEFAULT_LIMITS, ...limits };
  const withNew = summary.totals.comparison !== undefined;
  const title = `${summary.tool.name} batch report — ${plural(summary.totals.repositories, 'repository', 'repositories')}, ${plural(summary.totals.findings.total, 'finding')}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${text(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    masthead(summary),
    '<main class="page">',
    overview(summary),
    charts(summary),
    repositoryTable(summary, withNew),
    panels(summary, effective),
    footer(summary),
    '</main>',
    `<script type="application/json" id="report-data">${jsonForScript({ repositories: summary.repositories.map(rowData) })}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
