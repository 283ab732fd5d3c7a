// One scan: walk the paths, read and classify each file, parse it, run the rules, and collect
// findings and notices. A bad file costs only itself: every failure becomes a notice.
import { classify } from './classify.js';
import { CONFIG_FILE_NAMES } from './config-files.js';
import { compareFindings, lintDocument, runPrefilter, type ActiveRule } from './engine.js';
import { parseDocument } from './parse.js';
import type { Prefilter } from './prefilter.js';
import { decode, readFileBytes, sniffBytes } from './read-file.js';
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

export interface FileOptions {
  maxFileSize: number;
  rules: ActiveRule[];
  /** Run-wide prefilter over raw bytes (see engine.runPrefilter); undefined parses every file. */
  prefilter?: Prefilter;
}

export interface FileResult {
  findings: Finding[];
  notices: Notice[];
  scanned: boolean;
}

const nothing = (scanned: boolean, notices: Notice[] = []): FileResult => ({ findings: [], notices, scanned });

/** Scan one file; returns its findings and notices, never throws for file-level problems. */
export async function scanFile(path: string, absPath: string, options: FileOptions): Promise<FileResult> {
  const name = path.slice(path.lastIndexOf('/') + 1);
  // ethnolint's own configuration names rule ids ("ethnicity-label"); it is not scanned content.
  if ((CONFIG_FILE_NAMES as readonly string[]).includes(name)) return nothing(false);
  let kind = classify(path);
  // Unknown extensions are not ours to read; an extensionless file may be a script with a shebang.
  if (!kind && /\.[^/]*$/.test(name)) return nothing(false);
  const raw = readFileBytes(absPath, options.maxFileSize);
  if (raw.status === 'too-large') {
    return nothing(false, [{ path, level: 'warning', reason: 'too-large', message: `Skipped: ${describeSize(raw.size)} is over the size limit of ${describeSize(options.maxFileSize)} (--max-file-size).` }]);
  }
  if (raw.status === 'unreadable') {
    return nothing(false, [{ path, level: 'warning', reason: 'unreadable', message: `Skipped: cannot read the file: ${raw.message}` }]);
  }
  const sniff = sniffBytes(raw.buffer);
  if (sniff === 'binary') {
    return nothing(false, kind ? [{ path, level: 'note', reason: 'binary', message: 'Skipped: binary file (NUL bytes in the first 8 KiB).' }] : []);
  }
  // Most files end here: one read and one pass of the prefilter over the raw bytes.
  if (kind && sniff === 'utf-8' && options.prefilter && !options.prefilter.test(raw.buffer.toString('latin1'))) {
    return nothing(true);
  }
  const read = decode(raw.buffer);
  if (read.status !== 'ok') return nothing(false);
  // The head decides what the name cannot: shebangs, pbtxt label maps named *.txt.
  kind = classify(path, read.text.slice(0, 256)) ?? kind;
  if (!kind) return nothing(false);
  const notices: Notice[] = [];
  if (read.replaced) notices.push({ path, level: 'note', reason: 'decode', message: `Invalid ${read.encoding} byte sequences were replaced with U+FFFD; the rest of the file was scanned.` });
  const doc = await parseDocument(path, kind.kind, kind.language, read.text);
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
  const fileOptions: FileOptions = { maxFileSize: options.maxFileSize, rules: options.rules, prefilter: runPrefilter(options.rules) };
  for await (const entry of walk(options)) {
    if (entry.type === 'skip') {
      notices.push({ path: entry.path, level: 'note', reason: entry.reason, message: entry.message });
      stats.filesSkipped++;
      continue;
    }
    const result = await scanFile(entry.path, entry.absPath, fileOptions);
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
