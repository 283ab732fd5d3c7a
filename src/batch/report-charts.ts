// Horizontal bar charts as inline SVG, drawn here rather than in the browser: the report needs
// no chart library, prints as vectors and reads the same with scripts off. Bars are stacked
// by severity; every row carries a <title> and the chart a <title>/<desc> for screen readers.
import type { Severity } from '../types.js';
import type { BatchSummary } from './summary.js';
import { formatCount, plural, text, truncate } from './html.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

export interface ChartRow {
  label: string;
  /** Findings per severity; `other` counts findings whose severity the summary does not say. */
  counts: Record<Severity | 'other', number>;
}

const WIDTH = 560;
const LABEL_WIDTH = 236;
const VALUE_WIDTH = 56;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
const LABEL_CHARS = 28;

const rowTotal = (row: ChartRow): number => row.counts.error + row.counts.warning + row.counts.note + row.counts.other;

const zero = (): Record<Severity | 'other', number> => ({ error: 0, warning: 0, note: 0, other: 0 });

function describeRow(row: ChartRow): string {
  const parts = SEVERITIES.filter((s) => row.counts[s] > 0).map((s) => plural(row.counts[s], s));
  if (row.counts.other > 0) parts.push(`${formatCount(row.counts.other)} other`);
  return `${row.label}: ${plural(rowTotal(row), 'finding')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** The first `top` rows by total; the rest summed into one "others" row. Rows must be sorted. */
export function topWithOthers(rows: ChartRow[], top: number, othersLabel: (n: number) => string): ChartRow[] {
  if (rows.length <= top + 1) return rows;
  const others = zero();
  for (const row of rows.slice(top)) for (const key of Object.keys(others) as (keyof typeof others)[]) others[key] += row.counts[key];
  return [...rows.slice(0, top), { label: othersLabel(rows.length - top), counts: others }];
}

/** Sorted by total, largest first; ties by label in code-point order (no locale: deterministic). */
export function sortRows(rows: ChartRow[]): ChartRow[] {
  return [...rows].sort((a, b) => rowTotal(b) - rowTotal(a) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export function renderBarChart(id: string, title: string, description: string, rows: ChartRow[]): string {
  if (rows.length === 0) return `<p class="chart-empty">No findings.</p>`;
  const max = Math.max(1, ...rows.map(rowTotal));
  const barArea = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = rows.length * ROW_HEIGHT + 8;
  const body = rows
    .map((row, i) => {
      const y = 4 + i * ROW_HEIGHT;
      const barY = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
      let x = LABEL_WIDTH;
      const segments: string[] = [];
      for (const key of [...SEVERITIES, 'other'] as const) {
        const value = row.counts[key];
        if (value <= 0) continue;
        // At least one pixel, so a single finding next to thousands stays visible.
        const width = Math.max(1, (value / max) * barArea);
        segments.push(`<rect class="bar bar-${key}" x="${x.toFixed(1)}" y="${barY}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" rx="2"/>`);
        x += width;
      }
      const textY = y + ROW_HEIGHT / 2 + 4;
      return (
        `<g class="chart-row"><title>${text(describeRow(row))}</title>` +
        `<text class="chart-label" x="${LABEL_WIDTH - 8}" y="${textY}" text-anchor="end">${text(truncate(row.label, LABEL_CHARS))}</text>` +
        segments.join('') +
        `<text class="chart-value" x="${(x + 6).toFixed(1)}" y="${textY}">${formatCount(rowTotal(row))}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="chart" id="${id}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${text(title)}</title><desc id="${id}-desc">${text(description)}</desc>` +
    `<line class="chart-axis" x1="${LABEL_WIDTH}" y1="0" x2="${LABEL_WIDTH}" y2="${height}"/>` +
    body +
    `</svg>`
  );
}

/** Findings per rule, stacked by the severities the repositories' findings carry. */
export function ruleRows(summary: BatchSummary): ChartRow[] {
  const bySeverity = new Map<string, Record<Severity | 'other', number>>();
  for (const repo of summary.repositories) {
    for (const f of repo.findings) {
      let counts = bySeverity.get(f.ruleId);
      if (!counts) bySeverity.set(f.ruleId, (counts = zero()));
      counts[f.severity] += 1;
    }
  }
  // The totals are authoritative (a merged summary may carry counts without every finding).
  const rows = Object.entries(summary.totals.findings.byRule).map(([rule, total]) => {
    const counts = { ...(bySeverity.get(rule) ?? zero()) };
    counts.other = Math.max(0, total - counts.error - counts.warning - counts.note);
    return { label: rule, counts };
  });
  return sortRows(rows.filter((r) => rowTotal(r) > 0));
}

export function repositoryRows(summary: BatchSummary): ChartRow[] {
  const rows = summary.repositories.map((repo) => {
    const counts = { ...zero(), ...repo.counts.bySeverity, other: 0 };
    counts.other = Math.max(0, repo.counts.total - counts.error - counts.warning - counts.note);
    return { label: repo.name, counts };
  });
  return sortRows(rows.filter((r) => rowTotal(r) > 0));
}
