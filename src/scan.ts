// One scan: walk the paths, read and classify each file, parse it, run the rules, and collect
// findings and notices. A bad file costs only itself: every failure becomes a notice.
import { classify } from './classify.js';
import { CONFIG_FILE_NAMES } from './config-files.js';
import { compareFindings, lintDocument, runPrefilter, type ActiveRule } from './engine.js';
import { parseDocument } from './parse.js';
import type { Prefilter } from './prefilter.js';
import { decode, readFileBytes, sniffBytes } from './read-file.js';
import type { Finding, Notice, ScanStats } from './types.js';
import { availableParallelism } from 'node:os';
import { walk } from './walker.js';
import { BATCH_FILES, WorkerPool } from './worker-pool.js';

export interface ScanOptions {
  /** Worker threads; 1 scans in-process. Default: os.availableParallelism(). */
  jobs?: number;
  /** Scan only the files whose stable path hash falls in shard `index` (0-based) of `count`. */
  shard?: { index: number; count: number };
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

/** Accumulates per-file results; the order they arrive in does not matter (output is sorted). */
class Collector {
  readonly findings: Finding[] = [];
  readonly notices: Notice[] = [];
  readonly stats: ScanStats = { filesScanned: 0, filesSkipped: 0, filesWithFindings: 0 };

  skip(entry: { path: string; reason: string; message: string }): void {
    this.notices.push({ path: entry.path, level: 'note', reason: entry.reason, message: entry.message });
    this.stats.filesSkipped++;
  }

  add(result: FileResult): void {
    if (result.scanned) this.stats.filesScanned++;
    else if (result.notices.length > 0) this.stats.filesSkipped++;
    if (result.findings.length > 0) this.stats.filesWithFindings++;
    this.findings.push(...result.findings);
    this.notices.push(...result.notices);
  }

  output(): ScanOutput {
    this.findings.sort(compareFindings);
    this.notices.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
    return { findings: this.findings, notices: this.notices, stats: this.stats };
  }
}

/** FNV-1a over the path: a stable hash, so a shard holds the same files on every machine. */
export function shardOf(path: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

/** Below this many files a scan runs in-process: starting workers would cost more than it saves. */
const IN_PROCESS_FILES = 400;

export async function scan(options: ScanOptions): Promise<ScanOutput> {
  const collector = new Collector();
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const { shard } = options;
  const files: [string, string][] = [];
  let pool: WorkerPool | undefined;
  const inProcess = (): FileOptions => ({ maxFileSize: options.maxFileSize, rules: options.rules, prefilter: runPrefilter(options.rules) });
  let local: FileOptions | undefined;
  for await (const entry of walk(options)) {
    if (shard && shardOf(entry.path, shard.count) !== shard.index) continue;
    if (entry.type === 'skip') {
      collector.skip(entry);
      continue;
    }
    if (jobs === 1) {
      local ??= inProcess();
      collector.add(await scanFile(entry.path, entry.absPath, local));
      continue;
    }
    files.push([entry.path, entry.absPath]);
    if (!pool && files.length >= IN_PROCESS_FILES) pool = new WorkerPool(jobs, options, collector);
    if (pool && files.length >= BATCH_FILES) await pool.submit(files.splice(0));
  }
  if (pool) {
    await pool.submit(files.splice(0));
    await pool.close();
  } else {
    local ??= inProcess();
    for (const [path, absPath] of files) collector.add(await scanFile(path, absPath, local));
  }
  return collector.output();
}
