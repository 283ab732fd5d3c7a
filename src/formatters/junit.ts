// JUnit XML for CI servers that show test reports: Jenkins (JUnit plugin), GitLab
// (`artifacts:reports:junit`), Azure DevOps (PublishTestResults, JUnit format) and others.
//
// Layout: one <testsuite> per scanned file with findings (name = the file's path), holding one
// <testcase> per finding (classname = the path, name = `rule-id line:column`) with a <failure>
// whose message is the finding's message, type its severity, and body the location, rule and
// source line. Grouping by file is how these servers are most readable: each suite is a file
// to open, each failed test a place in it, and the `file` and `line` attributes let GitLab link
// to the source. A first suite named "ethnolint" always holds one passing testcase for the scan
// itself (an <error> instead when the scan failed), so a clean run still shows that the check
// ran; scan notices go to its <system-err>.
//
// Scanned content is hostile: every string is escaped (& < > " '), line breaks and tabs inside
// attributes are written as character references so parsers keep them, and characters that
// XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE, U+FFFF) become visible escapes
// such as `\x1b` or `\ud800`. No timestamps, no durations other than 0, no host names: the same
// result gives byte-identical output.

import type { Finding, Notice, ScanResult } from '../types.js';

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** True when the XML 1.0 Char production allows code point `cp`. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Escapes `s` for XML text (or, with `attribute`, for a double- or single-quoted attribute).
 * Iterates by code point, so a valid surrogate pair stays one character and a lone surrogate
 * is caught.
 */
export function escapeXml(s: string, attribute = false): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (!isXmlChar(cp)) out += cp <= 0xff ? `\\x${hex(cp, 2)}` : `\\u${hex(cp, 4)}`;
    else if (ENTITY[ch] !== undefined) out += ENTITY[ch];
    // A literal CR is turned into LF by every parser, and in attributes tabs and line breaks
    // become spaces (attribute-value normalisation); character references survive both.
    else if (cp === 0xd || (attribute && (cp === 0x9 || cp === 0xa))) out += `&#${cp};`;
    else out += ch;
  }
  return out;
}

function attrs(pairs: ReadonlyArray<readonly [string, string | number]>): string {
  return pairs.map(([key, value]) => ` ${key}="${escapeXml(String(value), true)}"`).join('');
}

function failureBody(f: Finding): string {
  const lines = [`${f.path}:${f.line}:${f.column}: ${f.severity}: ${f.message} (${f.ruleId})`];
  if (f.snippet.length > 0) lines.push('', f.snippet);
  return lines.join('\n');
}

function findingCase(f: Finding): string {
  const open = `    <testcase${attrs([
    ['name', `${f.ruleId} ${f.line}:${f.column}`],
    ['classname', f.path],
    ['file', f.path],
    ['line', f.line],
    ['time', 0],
  ])}>`;
  const failure = `      <failure${attrs([['message', f.message], ['type', f.severity]])}>${escapeXml(failureBody(f))}</failure>`;
  return [open, failure, '    </testcase>'].join('\n');
}

function fileSuite(path: string, findings: readonly Finding[]): string {
  const open = `  <testsuite${attrs([
    ['name', path],
    ['tests', findings.length],
    ['failures', findings.length],
    ['errors', 0],
    ['skipped', 0],
    ['time', 0],
  ])}>`;
  return [open, ...findings.map(findingCase), '  </testsuite>'].join('\n');
}

function noticeLine(n: Notice): string {
  return `${n.level}: ${n.path.length > 0 ? `${n.path}: ` : ''}${n.message} (${n.reason})`;
}

/** The suite that shows the scan ran: one passing testcase, or an error when it failed. */
function scanSuite(result: ScanResult): string {
  const { filesScanned, filesSkipped } = result.stats;
  const fatal = result.notices.filter((n) => n.level === 'error' && n.reason === 'fatal');
  const summary = `${filesScanned} ${filesScanned === 1 ? 'file' : 'files'} scanned, ${filesSkipped} skipped, ${result.findings.length} ${result.findings.length === 1 ? 'finding' : 'findings'}`;
  const lines = [
    `  <testsuite${attrs([['name', 'ethnolint'], ['tests', 1], ['failures', 0], ['errors', fatal.length > 0 ? 1 : 0], ['skipped', 0], ['time', 0]])}>`,
  ];
  const testcase = `    <testcase${attrs([['name', 'scan'], ['classname', 'ethnolint'], ['time', 0]])}`;
  if (fatal.length > 0) {
    lines.push(`${testcase}>`);
    lines.push(`      <error${attrs([['message', (fatal[0] as Notice).message], ['type', 'fatal']])}>${escapeXml(fatal.map(noticeLine).join('\n'))}</error>`);
    lines.push('    </testcase>');
  } else {
    lines.push(`${testcase}/>`);
  }
  lines.push(`    <system-out>${escapeXml(`${result.tool.name} ${result.tool.version}: ${summary}`)}</system-out>`);
  if (result.notices.length > 0) lines.push(`    <system-err>${escapeXml(result.notices.map(noticeLine).join('\n'))}</system-err>`);
  lines.push('  </testsuite>');
  return lines.join('\n');
}

export function formatJunit(result: ScanResult): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const group = byFile.get(f.path);
    if (group) group.push(f);
    else byFile.set(f.path, [f]);
  }
  const fatal = result.notices.some((n) => n.level === 'error' && n.reason === 'fatal') ? 1 : 0;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs([['name', 'ethnolint'], ['tests', result.findings.length + 1], ['failures', result.findings.length], ['errors', fatal], ['time', 0]])}>`,
    scanSuite(result),
    ...[...byFile].map(([path, findings]) => fileSuite(path, findings)),
    '</testsuites>',
  ];
  return out.join('\n') + '\n';
}
