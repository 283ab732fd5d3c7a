// Human-readable output for terminals. Findings are grouped by file, each with its source line
// and a `^^^` underline under the match; notices follow in a short section; a summary line
// closes the report. Everything that comes from scanned files (paths, messages, snippets) goes
// through sanitizeForTerminal, so a file cannot inject escape sequences or bidi controls.

import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, Notice, ScanResult, Severity } from '../types.js';
import { codePointWidth, displayWidth, escapeCodePoint, sanitizeForTerminal } from './sanitize.js';
import { SKIP_REASONS } from './json.js';

export interface TextOptions {
  /** Emit ANSI colours. The CLI decides (TTY, NO_COLOR, --no-color); the formatter never auto-detects. */
  color: boolean;
}

/** Longest source line shown, in terminal columns; longer lines are windowed around the match. */
export const MAX_SOURCE_WIDTH = 200;
/** Messages longer than this are not padded to align the rule-id column. */
const MAX_MESSAGE_PAD = 80;
/** At most this many skipped files are listed; the rest are counted. */
const MAX_SKIPPED_LISTED = 10;
const TAB_WIDTH = 4;
const SOURCE_INDENT = '    ';

function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

function padEndWidth(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

interface Cell {
  start: number; // UTF-16 offset in the line
  text: string;
  width: number;
}

export interface SourceFrame {
  /** The line as displayed: tabs expanded, controls escaped, possibly windowed with '…'. */
  line: string;
  /** Terminal column (0-based) where the underline starts, and its width (≥ 1). */
  underlineStart: number;
  underlineWidth: number;
}

/**
 * Lays out the first line of a finding's snippet for display, and where the underline goes.
 * Exported for tests.
 */
export function sourceFrame(finding: Finding, maxWidth = MAX_SOURCE_WIDTH): SourceFrame | undefined {
  const first = finding.snippet.split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (finding.snippet.length === 0) return undefined;

  const cells: Cell[] = [];
  let col = 0;
  for (let i = 0; i < first.length; ) {
    const cp = first.codePointAt(i) as number;
    const size = cp > 0xffff ? 2 : 1;
    let text: string;
    let width: number;
    if (cp === 9) {
      width = TAB_WIDTH - (col % TAB_WIDTH);
      text = ' '.repeat(width);
    } else {
      const escaped = escapeCodePoint(cp);
      text = escaped ?? first.slice(i, i + size);
      width = escaped !== undefined ? escaped.length : codePointWidth(cp);
    }
    cells.push({ start: i, text, width });
    col += width;
    i += size;
  }

  // Prefix widths: prefix[k] is the display column where cell k starts.
  const prefix: number[] = [0];
  for (const cell of cells) prefix.push((prefix[prefix.length - 1] as number) + cell.width);
  const total = prefix[cells.length] as number;

  const matchStart = Math.min(Math.max(finding.column - 1, 0), first.length);
  const matchEnd =
    finding.endLine > finding.line ? first.length : Math.min(Math.max(finding.endColumn - 1, matchStart), first.length);
  // First cell at or after matchStart, and the first cell at or after matchEnd.
  let firstCell = cells.findIndex((c) => c.start >= matchStart);
  if (firstCell < 0) firstCell = cells.length;
  let endCell = cells.findIndex((c) => c.start >= matchEnd);
  if (endCell < 0) endCell = cells.length;
  const uStart = prefix[firstCell] as number;
  const uWidth = Math.max((prefix[endCell] as number) - uStart, 1);

  if (total <= maxWidth) {
    return { line: cells.map((c) => c.text).join(''), underlineStart: uStart, underlineWidth: uWidth };
  }

  // Window of `room` columns around the match, leaving space for an ellipsis on each side.
  const room = Math.max(maxWidth - 2, 1);
  let from = uWidth >= room ? uStart : uStart - Math.floor((room - uWidth) / 2);
  from = Math.max(0, Math.min(from, total - room));
  let a = 0;
  while (a < cells.length && (prefix[a] as number) < from) a++;
  let b = a;
  while (b < cells.length && (prefix[b + 1] as number) - (prefix[a] as number) <= room) b++;
  const left = a > 0 ? '…' : '';
  const right = b < cells.length ? '…' : '';
  const line = left + cells.slice(a, b).map((c) => c.text).join('') + right;
  const shownStart = Math.max(uStart - (prefix[a] as number), 0) + left.length;
  const visibleEnd = (prefix[b] as number) - (prefix[a] as number) + left.length;
  const underlineWidth = Math.max(Math.min(shownStart + uWidth, visibleEnd) - shownStart, 1);
  return { line, underlineStart: Math.min(shownStart, visibleEnd), underlineWidth };
}

interface Palette {
  path(s: string): string;
  position(s: string): string;
  severity(severity: Severity, s: string): string;
  ruleId(s: string): string;
  source(s: string): string;
  underline(severity: Severity, s: string): string;
  heading(s: string): string;
  dim(s: string): string;
  summary(errors: number, warnings: number, s: string): string;
}

function palette(chalk: ChalkInstance): Palette {
  const bySeverity = (severity: Severity, s: string): string =>
    severity === 'error' ? chalk.red(s) : severity === 'warning' ? chalk.yellow(s) : chalk.cyan(s);
  return {
    path: (s) => chalk.underline(s),
    position: (s) => chalk.dim(s),
    severity: bySeverity,
    ruleId: (s) => chalk.dim(s),
    source: (s) => s,
    underline: (severity, s) => bySeverity(severity, s),
    heading: (s) => chalk.bold(s),
    dim: (s) => chalk.dim(s),
    summary: (errors, warnings, s) =>
      errors > 0 ? chalk.bold.red(s) : warnings > 0 ? chalk.bold.yellow(s) : chalk.bold(s),
  };
}

function formatNotices(notices: readonly Notice[], p: Palette): string[] {
  if (notices.length === 0) return [];
  const others = notices.filter((n) => !SKIP_REASONS.has(n.reason));
  const skipped = notices.filter((n) => SKIP_REASONS.has(n.reason));
  const listed = [...others, ...skipped.slice(0, MAX_SKIPPED_LISTED)];
  const levelWidth = Math.max(...listed.map((n) => n.level.length));
  const lines = [p.heading('Notices:')];
  for (const n of listed) {
    const level = p.severity(n.level, padEndWidth(n.level, levelWidth));
    const path = n.path.length > 0 ? `${sanitizeForTerminal(n.path)}: ` : '';
    lines.push(`  ${level}  ${path}${sanitizeForTerminal(n.message)}  ${p.dim(sanitizeForTerminal(n.reason))}`);
  }
  const more = skipped.length - MAX_SKIPPED_LISTED;
  if (more > 0) lines.push(p.dim(`  … and ${plural(more, 'more skipped file')}`));
  return lines;
}

export function formatText(result: ScanResult, options: TextOptions): string {
  const p = palette(new Chalk({ level: options.color ? 1 : 0 }));
  const out: string[] = [];

  const groups = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const group = groups.get(f.path);
    if (group) group.push(f);
    else groups.set(f.path, [f]);
  }

  const counts = { error: 0, warning: 0, note: 0 };
  for (const [path, findings] of groups) {
    out.push(p.path(sanitizeForTerminal(path)));
    const positions = findings.map((f) => `${f.line}:${f.column}`);
    const messages = findings.map((f) => sanitizeForTerminal(f.message));
    const posWidth = Math.max(...positions.map((s) => s.length));
    const sevWidth = Math.max(...findings.map((f) => f.severity.length));
    const msgWidth = Math.min(Math.max(...messages.map(displayWidth)), MAX_MESSAGE_PAD);
    findings.forEach((f, i) => {
      counts[f.severity]++;
      const pos = p.position(padEndWidth(positions[i] as string, posWidth));
      const sev = p.severity(f.severity, padEndWidth(f.severity, sevWidth));
      const msg = padEndWidth(messages[i] as string, msgWidth);
      out.push(`  ${pos}  ${sev}  ${msg}  ${p.ruleId(sanitizeForTerminal(f.ruleId))}`);
      const frame = sourceFrame(f);
      if (frame) {
        out.push(SOURCE_INDENT + p.source(frame.line));
        out.push(
          SOURCE_INDENT + ' '.repeat(frame.underlineStart) + p.underline(f.severity, '^'.repeat(frame.underlineWidth)),
        );
      }
    });
    out.push('');
  }

  const notices = formatNotices(result.notices, p);
  if (notices.length > 0) out.push(...notices, '');

  const { filesScanned, filesSkipped } = result.stats;
  // Suppressed findings are not shown, only counted: --list-suppressions lists the reasons.
  const suppressed = result.suppressed?.length ?? 0;
  const scanned = `${plural(filesScanned, 'file')} scanned, ${filesSkipped} skipped${suppressed > 0 ? `, ${plural(suppressed, 'finding')} suppressed` : ''}`;
  if (result.findings.length === 0) {
    out.push(p.summary(0, 0, `No problems found · ${scanned}`));
  } else {
    const summary =
      `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.note, 'note')}` +
      ` in ${plural(groups.size, 'file')} · ${scanned}`;
    out.push(p.summary(counts.error, counts.warning, summary));
  }
  return out.join('\n') + '\n';
}
