// GitHub Actions workflow commands: one `::error` / `::warning` / `::notice` line per finding,
// which the runner turns into an annotation on the pull request and the job summary.
//
//   ::error file=data/labels.py,line=3,col=9,endLine=3,endColumn=36,title=ethnolint(ethnicity-label)::Label set …
//
// Escaping follows the runner's rules (as implemented by @actions/core): in the message (the
// command's data) '%', CR and LF become %25, %0D and %0A; in properties ':' and ',' also become
// %3A and %2C. Nothing else is needed for the runner to parse a line back exactly, so a path or
// message from a scanned file can never end the command early or start a new one. Other control
// characters (ANSI escapes, bidi overrides) are shown as visible escapes, as in the text report,
// because the job log renders them.
//
// Columns are passed through as ethnolint counts them (1-based, endColumn exclusive), and only
// for single-line findings: GitHub accepts col/endColumn only when line and endLine are equal.
// Findings come first, then scan notices of level warning or error (notes such as binary skips
// are left out): GitHub shows a limited number of annotations of each kind per step, so findings
// take the slots.

import type { Finding, Notice, ScanResult, Severity } from '../types.js';
import { escapeCodePoint } from './sanitize.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};

/** Controls the job log would interpret, except CR and LF, which the data escape encodes. */
function neutralise(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    out += cp === 0x0a || cp === 0x0d || cp === 0x09 ? ch : (escapeCodePoint(cp) ?? ch);
  }
  return out;
}

/** Escapes a workflow command's data (the message after `::`). */
export function escapeData(s: string): string {
  return neutralise(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: ReadonlyArray<readonly [string, string | number]>, message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

function findingCommand(f: Finding): string {
  const properties: Array<readonly [string, string | number]> = [['file', f.path], ['line', f.line]];
  const singleLine = f.endLine === f.line;
  if (singleLine) properties.push(['col', f.column]);
  properties.push(['endLine', Math.max(f.endLine, f.line)]);
  if (singleLine) properties.push(['endColumn', Math.max(f.endColumn, f.column)]);
  properties.push(['title', `ethnolint(${f.ruleId})`]);
  return command(COMMAND[f.severity], properties, f.message);
}

function noticeCommand(n: Notice): string {
  const properties: Array<readonly [string, string]> = n.path.length > 0 ? [['file', n.path]] : [];
  properties.push(['title', `ethnolint: ${n.reason}`]);
  return command(COMMAND[n.level], properties, n.message);
}

export function formatGithub(result: ScanResult): string {
  const lines = result.findings.map(findingCommand);
  for (const n of result.notices) {
    if (n.level !== 'note') lines.push(noticeCommand(n));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
