// One scan: walk the paths, read and classify each file, parse it, run the rules, and collect
// findings and notices. A bad file costs only itself: every failure becomes a notice.
import { classify } from './classify.js';
import { CONFIG_FILE_NAMES } from './config-files.js';
import { compareFindings, lintDocument, runPrefilter, runTextPrefilter, type ActiveRule } from './engine.js';
import { breather, scanLargeFile } from './large-file.js';
import { parseDocument } from './parse.js';
import type { Prefilter } from './prefilter.js';
import { decode, readFileBytes, sniffBytes } from './read-file.js';
import type { Finding, Notice, ScanStats } from './types.js';
import { isUtf8 } from 'node:buffer';
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

export interface FileOptions {
  maxFileSize: number;
  rules: ActiveRule[];
  /** Run-wide prefilter over raw bytes (see engine.runPrefilter); undefined parses every file. */
  prefilter?: Prefilter;
  /** The same over decoded text, for files that are not UTF-8 and for the streaming text pass. */
  textPrefilter?: Prefilter;
  /** Files over this many bytes get the streaming text pass instead of a structural parse. */
  largeFileBytes?: number;
  /** Parse and rules of one file (or one window of a large file) stop after this; default 10 s. */
  timeBudgetMs?: number;
}

/** Past this size a structural parse (a tree of a minified 50 MB JSON line) costs too much memory. */
export const LARGE_FILE_BYTES = 5 * 1024 * 1024;
const TIME_BUDGET_MS = 10_000;

/** Options for scanFile, with the prefilters compiled once for the run. */
export function fileOptions(maxFileSize: number, rules: ActiveRule[]): FileOptions {
  return { maxFileSize, rules, prefilter: runPrefilter(rules), textPrefilter: runTextPrefilter(rules) };
}

export interface FileResult {
  findings: Finding[];
  notices: Notice[];
  scanned: boolean;
}

const nothing = (scanned: boolean, notices: Notice[] = []): FileResult => ({ findings: [], notices, scanned });

/**
 * Node lists names as UTF-8 strings: bytes that are not UTF-8 become U+FFFD, and the name so
 * decoded no longer opens the file. Say so rather than "no such file".
 */
function unreadableReason(path: string, message: string): string {
  return path.includes('\ufffd') && message.startsWith('no such file') ? 'the file name is not valid UTF-8, so it cannot be opened by name' : message;
}

/** Any failure that escapes a file's scan becomes that file's notice: the last net. */
async function guarded(path: string, work: () => Promise<FileResult>): Promise<FileResult> {
  try {
    return await work();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return nothing(false, [{ path, level: 'error', reason: 'internal-error', message: `Skipped: scanning the file failed: ${detail}` }]);
  }
}

/** The kind a file's name gives, or 'skip' for names that are not ours to read. */
export function kindByName(path: string): ReturnType<typeof classify> | 'skip' {
  const name = path.slice(path.lastIndexOf('/') + 1);
  // ethnolint's own configuration names rule ids ("ethnicity-label"); it is not scanned content.
  if ((CONFIG_FILE_NAMES as readonly string[]).includes(name)) return 'skip';
  const kind = classify(path);
  // Unknown extensions are not ours to read; an extensionless file may be a script with a shebang.
  return !kind && /\.[^/]*$/.test(name) ? 'skip' : kind;
}

function largeFileLimit(options: FileOptions): number {
  return Math.min(options.maxFileSize, options.largeFileBytes ?? LARGE_FILE_BYTES);
}

/** Scan one file; returns its findings and notices, never throws. */
export function scanFile(path: string, absPath: string, options: FileOptions): Promise<FileResult> {
  return guarded(path, async () => {
    const kind = kindByName(path);
    if (kind === 'skip') return nothing(false);
    const largeFileBytes = largeFileLimit(options);
    const raw = readFileBytes(absPath, largeFileBytes);
    if (raw.status === 'too-large') {
      const pass = { rules: options.rules, textPrefilter: options.textPrefilter, timeBudgetMs: options.timeBudgetMs ?? TIME_BUDGET_MS, maxFileSize: options.maxFileSize, largeFileBytes };
      return scanLargeFile(path, absPath, kind, pass);
    }
    if (raw.status === 'unreadable') {
      return nothing(false, [{ path, level: 'warning', reason: 'unreadable', message: `Skipped: cannot read the file: ${unreadableReason(path, raw.message)}` }]);
    }
    return scanBytes(path, raw.buffer, kind, options);
  });
}

/**
 * Scan content already in memory (a blob from git's index or history) as the file at `path`;
 * never throws. Content over the structural-parse limit is skipped with a notice, because the
 * streaming pass reads from disk.
 */
export function scanBuffer(path: string, buffer: Buffer, options: FileOptions): Promise<FileResult> {
  return guarded(path, async () => {
    const kind = kindByName(path);
    if (kind === 'skip') return nothing(false);
    const limit = largeFileLimit(options);
    if (buffer.length > limit) {
      return nothing(false, [{ path, level: 'note', reason: 'too-large', message: `Skipped: ${buffer.length} bytes is over the ${limit}-byte limit for content read from git.` }]);
    }
    return scanBytes(path, buffer, kind, options);
  });
}

async function scanBytes(path: string, buffer: Buffer, kindByName: ReturnType<typeof classify>, options: FileOptions): Promise<FileResult> {
  const budget = options.timeBudgetMs ?? TIME_BUDGET_MS;
  let kind = kindByName;
  const sniff = sniffBytes(buffer);
  if (sniff === 'binary') {
    return nothing(false, kind ? [{ path, level: 'note', reason: 'binary', message: 'Skipped: binary file (NUL bytes in the first 8 KiB).' }] : []);
  }
  // Most files end here: one read and one pass of the prefilter over the raw bytes. Bytes that
  // are not UTF-8 may be GB18030, whose text the byte prefilter cannot see.
  const byteHit = kind && sniff === 'utf-8' ? options.prefilter?.test(buffer.toString('latin1')) : undefined;
  if (byteHit === false && isUtf8(buffer)) return nothing(true);
  const read = decode(buffer);
  if (read.status !== 'ok') return nothing(false);
  // The head decides what the name cannot: shebangs, pbtxt label maps named *.txt.
  kind = classify(path, read.text.slice(0, 256)) ?? kind;
  if (!kind) return nothing(false);
  // A miss over the bytes holds for UTF-8 with replacements too (an invalid byte is no letter).
  const hit = byteHit !== undefined && read.encoding === 'utf-8' ? byteHit : (options.textPrefilter?.test(read.text) ?? true);
  if (!hit) return nothing(true);
  const notices: Notice[] = [];
  if (read.replaced) notices.push({ path, level: 'note', reason: 'decode', message: `Invalid ${read.encoding} byte sequences were replaced with U+FFFD; the rest of the file was scanned.` });
  const started = performance.now();
  const doc = await parseDocument(path, kind.kind, kind.language, read.text);
  if (doc.parseError) {
    notices.push({ path, level: 'warning', reason: 'parse-error', message: `Could not parse as ${kind.language}: ${doc.parseError}. Scanned as plain text instead.` });
  }
  const out = lintDocument(doc, options.rules, { deadline: started + budget });
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
  const inProcess = (): FileOptions => fileOptions(options.maxFileSize, options.rules);
  let local: FileOptions | undefined;
  // Yields to the event loop now and then, so that Ctrl-C is handled during an in-process scan.
  const breathe = breather();
  for await (const entry of walk(options)) {
    if (shard && shardOf(entry.path, shard.count) !== shard.index) continue;
    if (entry.type === 'skip') {
      collector.skip(entry);
      continue;
    }
    if (jobs === 1) {
      local ??= inProcess();
      collector.add(await scanFile(entry.path, entry.absPath, local));
      await breathe();
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
    for (const [path, absPath] of files) {
      collector.add(await scanFile(path, absPath, local));
      await breathe();
    }
  }
  return collector.output();
}
