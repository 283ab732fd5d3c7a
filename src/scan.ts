// One scan: walk the paths, read and classify each file, parse it, run the rules, and collect
// findings and notices. A bad file costs only itself: every failure becomes a notice.
import { classify } from './classify.js';
import { CONFIG_FILE_NAMES } from './config.js';
import { compareFindings, lintDocument, type ActiveRule } from './engine.js';
import { parseDocument } from './parse.js';
import { readSourceFile } from './read-file.js';
import type { Finding, Notice, ScanStats } from './types.js';
import { walk } from './walker.js';

export interface ScanOptions {
  cwd: string;
  paths: string[];
  gitignore: boolean;
  include: string[];
  exclude: string[];
  followSymlinks: boolean;
  maxFileSize: number;
  rules: ActiveRule[];
}

export interface ScanOutput {
  findings: Finding[];
  notices: Notice[];
  stats: ScanStats;
}

const MIB = 1024 * 1024;

function describeSize(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** Scan one file; returns its findings and notices, never throws for file-level problems. */
export function scanFile(path: string, absPath: string, options: Pick<ScanOptions, 'maxFileSize' | 'rules'>): { findings: Finding[]; notices: Notice[]; scanned: boolean } {
  const notices: Notice[] = [];
  // ethnolint's own configuration names rule ids ("ethnicity-label"); it is not scanned content.
  if ((CONFIG_FILE_NAMES as readonly string[]).includes(path.slice(path.lastIndexOf("/") + 1))) return { findings: [], notices, scanned: false };
  let kind = classify(path);
  // Unknown extensions are not ours to read; an extensionless file may be a script with a shebang.
  const extensionless = !/\.[^/]*$/.test(path.slice(path.lastIndexOf('/') + 1));
  if (!kind && !extensionless) return { findings: [], notices, scanned: false };
  const read = readSourceFile(absPath, options.maxFileSize);
  switch (read.status) {
    case 'too-large':
      notices.push({ path, level: 'warning', reason: 'too-large', message: `Skipped: ${describeSize(read.size)} is over the size limit of ${describeSize(options.maxFileSize)} (--max-file-size).` });
      return { findings: [], notices, scanned: false };
    case 'binary':
      return kind ? { findings: [], notices: [{ path, level: 'note', reason: 'binary', message: 'Skipped: binary file (NUL bytes in the first 8 KiB).' }], scanned: false } : { findings: [], notices, scanned: false };
    case 'unreadable':
      notices.push({ path, level: 'warning', reason: 'unreadable', message: `Skipped: cannot read the file: ${read.message}` });
      return { findings: [], notices, scanned: false };
  }
  // The head decides what the name cannot: shebangs, pbtxt label maps named *.txt.
  kind = classify(path, read.text.slice(0, 256)) ?? kind;
  if (!kind) return { findings: [], notices, scanned: false };
  if (read.replaced) notices.push({ path, level: 'note', reason: 'decode', message: `Invalid ${read.encoding} byte sequences were replaced with U+FFFD; the rest of the file was scanned.` });
  const doc = parseDocument(path, kind.kind, kind.language, read.text);
  if (doc.parseError) {
    notices.push({ path, level: 'warning', reason: 'parse-error', message: `Could not parse as ${kind.language}: ${doc.parseError}. Scanned as plain text instead.` });
  }
  const out = lintDocument(doc, options.rules);
  return { findings: out.findings, notices: [...notices, ...out.notices], scanned: true };
}

export async function scan(options: ScanOptions): Promise<ScanOutput> {
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const stats: ScanStats = { filesScanned: 0, filesSkipped: 0, filesWithFindings: 0 };
  for await (const entry of walk(options)) {
    if (entry.type === 'skip') {
      notices.push({ path: entry.path, level: 'note', reason: entry.reason, message: entry.message });
      stats.filesSkipped++;
      continue;
    }
    const result = scanFile(entry.path, entry.absPath, options);
    if (result.scanned) stats.filesScanned++;
    else if (result.notices.length > 0) stats.filesSkipped++;
    if (result.findings.length > 0) stats.filesWithFindings++;
    findings.push(...result.findings);
    notices.push(...result.notices);
  }
  findings.sort(compareFindings);
  notices.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  return { findings, notices, stats };
}
