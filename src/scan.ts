// One scan: walk the paths, read and classify each file, parse it, run the rules, and collect
// findings and notices. A bad file costs only itself: every failure becomes a notice.
import { classify, type Classification } from './classify.js';
import { CONFIG_FILE_NAMES, DEFAULT_BASELINE_NAME } from './config-files.js';
import { compareFindings, lintDocument, runPrefilter, runTextPrefilter, type ActiveRule } from './engine.js';
import { breather } from './breather.js';
import { withoutBinaryPayloads } from './notebook-payloads.js';
import { parseFile } from './parse.js';
import { computeLineStarts, lineText } from './positions.js';
import type { Prefilter } from './prefilter.js';
import { decode, readFileBytes, sniffBytes } from './read-file.js';
import { DEFAULT_DIAGNOSTIC_SEVERITIES, type DiagnosticSeverities } from './diagnostics.js';
import { applySuppressions, type SuppressionSettings } from './suppress/apply.js';
import { mayHoldDirective, parseDirectives } from './suppress/directive.js';
import type { ExceptionSpec } from './suppress/exceptions.js';
import type { FileKind, Finding, Notice, ScanStats, SuppressedFinding, SuppressionRecord } from './types.js';
import { isAscii, isUtf8 } from 'node:buffer';
import { availableParallelism } from 'node:os';
import { walk } from './walker.js';
import type { WorkerPool } from './worker-pool.js';

/** How suppressions apply; shared by ScanOptions and FileOptions, plain data (it crosses to workers). */
export interface SuppressionOptions {
  /** Honour inline `ethnolint-disable…` directives; default true. */
  inlineSuppressions?: boolean;
  /** File-level exceptions from the configuration, paths relative to the working directory. */
  exceptions?: readonly ExceptionSpec[];
  /** The rule ids a directive may name (every known rule, not only those running); undefined accepts any id. */
  knownRuleIds?: readonly string[];
  /** Severities of the engine's suppression diagnostics; default: their default severities. */
  diagnosticSeverities?: DiagnosticSeverities;
}

export interface ScanOptions extends SuppressionOptions {
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
  /** cwd-relative paths never to scan: ethnolint's own files named on the command line (baselines). */
  skipPaths?: ReadonlySet<string>;
}

export interface ScanOutput {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Inline directives of the scanned files and every configured exception, with their match counts. */
  suppressions: SuppressionRecord[];
  notices: Notice[];
  stats: ScanStats;
}

export interface FileOptions extends SuppressionOptions {
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
export function fileOptions(maxFileSize: number, rules: ActiveRule[], suppression: SuppressionOptions = {}): FileOptions {
  return { ...suppression, maxFileSize, rules, prefilter: runPrefilter(rules), textPrefilter: runTextPrefilter(rules) };
}

/** Just the suppression fields of scan options (they are copied into FileOptions and sent to workers). */
export function suppressionOptionsOf(options: SuppressionOptions): SuppressionOptions {
  return {
    inlineSuppressions: options.inlineSuppressions,
    exceptions: options.exceptions,
    knownRuleIds: options.knownRuleIds,
    diagnosticSeverities: options.diagnosticSeverities,
  };
}

/** The settings suppress/apply.ts needs, from file options. */
export function suppressionSettings(options: SuppressionOptions): SuppressionSettings {
  return {
    inline: options.inlineSuppressions !== false,
    knownRuleIds: options.knownRuleIds,
    missingReasonSeverity: (options.diagnosticSeverities ?? DEFAULT_DIAGNOSTIC_SEVERITIES)['suppression-without-reason'],
    exceptions: options.exceptions ?? [],
  };
}

export interface FileResult {
  /** Findings to report, the engine's suppression diagnostics among them. */
  findings: Finding[];
  /** Findings an inline directive or a config exception suppressed. */
  suppressed: SuppressedFinding[];
  /** The file's inline directives, and the exceptions that matched in it. */
  suppressions: SuppressionRecord[];
  notices: Notice[];
  scanned: boolean;
}

const nothing = (scanned: boolean, notices: Notice[] = []): FileResult => ({ findings: [], suppressed: [], suppressions: [], notices, scanned });

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
  // ethnolint's own configuration and baseline name rule ids and matched text; they are not scanned content.
  if ((CONFIG_FILE_NAMES as readonly string[]).includes(name) || name === DEFAULT_BASELINE_NAME) return 'skip';
  const kind = classify(path);
  // Unknown extensions are not ours to read; an extensionless file may be a script with a shebang.
  return !kind && /\.[^/]*$/.test(name) ? 'skip' : kind;
}

/**
 * JavaScript past this size is a bundle or generated code; a structural read of it cost
 * seconds and hundreds of MB (a 3.6 MB bundle: 3.8 s, 560 MB), the streaming pass a bounded few.
 */
const JS_LARGE_FILE_BYTES = 1024 * 1024;

function largeFileLimit(options: FileOptions, kind?: ReturnType<typeof classify>): number {
  const limit = Math.min(options.maxFileSize, options.largeFileBytes ?? LARGE_FILE_BYTES);
  return kind?.kind === 'javascript' ? Math.min(limit, JS_LARGE_FILE_BYTES) : limit;
}

/** Scan one file; returns its findings and notices, never throws. */
export function scanFile(path: string, absPath: string, options: FileOptions): Promise<FileResult> {
  return guarded(path, async () => {
    const read = readScreened(path, absPath, options);
    if ('result' in read) return read.result;
    if ('largeFileBytes' in read) {
      const pass = { rules: options.rules, textPrefilter: options.textPrefilter, timeBudgetMs: options.timeBudgetMs ?? TIME_BUDGET_MS, maxFileSize: options.maxFileSize, largeFileBytes: read.largeFileBytes, suppression: suppressionSettings(options) };
      // The streaming pass and its tokenizer load only when a file is this large.
      const { scanLargeFile } = await import('./large-file.js');
      return scanLargeFile(path, absPath, read.kind, pass);
    }
    // The bytes sit in the shared scratch buffer: keep a copy of its own before anything can
    // await (and read another file into it).
    return scanBytes(path, Buffer.from(read.bytes), read.kind, options, read.screen);
  });
}

/**
 * Files read for the prefilter alone go into this buffer, not a new one each: most files end
 * after one read and one pass, and allocating (and collecting) a buffer per file costs time and
 * memory. It holds one file at a time; see readScreened.
 */
const scratch = Buffer.allocUnsafe(1024 * 1024);

/**
 * The synchronous start of a file's scan: its kind by name, one read into the scratch buffer and
 * the prefilter. Settles the file (not ours, unreadable, binary, no trigger) or says what is
 * left: the streaming pass, or a parse of the bytes (a view of the scratch buffer, valid until
 * the next read).
 */
function readScreened(
  path: string,
  absPath: string,
  options: FileOptions,
): { result: FileResult } | { kind: Classification | undefined; largeFileBytes: number } | { kind: Classification | undefined; bytes: Buffer; screen: Screen } {
  const kind = kindByName(path);
  if (kind === 'skip') return { result: nothing(false) };
  const largeFileBytes = largeFileLimit(options, kind);
  const raw = readFileBytes(absPath, largeFileBytes, scratch);
  if (raw.status === 'too-large') return { kind, largeFileBytes };
  if (raw.status === 'unreadable') return { result: unreadable(path, raw.message) };
  const screen = screenBytes(path, raw.buffer, kind, options);
  return 'result' in screen ? screen : { kind, bytes: raw.buffer, screen };
}

const unreadable = (path: string, message: string): FileResult =>
  nothing(false, [{ path, level: 'warning', reason: 'unreadable', message: `Skipped: cannot read the file: ${message}` }]);

const binary = (path: string, kind: ReturnType<typeof classify>): FileResult =>
  nothing(false, kind ? [{ path, level: 'note', reason: 'binary', message: 'Skipped: binary file (NUL bytes in the first 8 KiB).' }] : []);

/**
 * Whether the prefilter lets these bytes through: a trigger word or, when directives are
 * honoured, a suppression directive (so that every directive is listed by --list-suppressions
 * and an unused one can be reported).
 */
function passesPrefilter(latin1: string, path: string, options: FileOptions, ascii?: boolean): boolean {
  return options.prefilter?.test(latin1, path, ascii) !== false || (options.inlineSuppressions !== false && mayHoldDirective(latin1));
}

/**
 * The result of a file settled from its bytes alone (not ours, unreadable, binary, no trigger),
 * or undefined when it needs a parse or the large-file pass. Never throws.
 */
function screenFile(path: string, absPath: string, options: FileOptions): FileResult | undefined {
  try {
    const read = readScreened(path, absPath, options);
    return 'result' in read ? read.result : undefined;
  } catch {
    return undefined; // the full scan reports it
  }
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

/** What the raw bytes settle: the file's result when it needs no parse (binary, or UTF-8 without a trigger). */
type Screen = { result: FileResult } | { byteHit: boolean | undefined };

function screenBytes(path: string, buffer: Buffer, kind: ReturnType<typeof classify>, options: FileOptions): Screen {
  const sniff = sniffBytes(buffer);
  if (sniff === 'binary') return { result: binary(path, kind) };
  // Most files end here: one read and one pass of the prefilter over the raw bytes. Bytes that
  // are not UTF-8 may be GB18030, whose text the byte prefilter cannot see.
  const byteHit = kind && sniff === 'utf-8' && options.prefilter ? passesPrefilter(prefilterText(buffer, kind.kind), path, options, isAscii(buffer)) : undefined;
  if (byteHit === false && isUtf8(buffer)) return { result: nothing(true) };
  return { byteHit };
}

/** The bytes as Latin-1 text for the prefilter; a notebook without its base64 image outputs. */
function prefilterText(buffer: Buffer, kind: FileKind): string {
  const latin1 = buffer.toString('latin1');
  return kind === 'notebook' ? withoutBinaryPayloads(latin1) : latin1;
}

async function scanBytes(path: string, buffer: Buffer, kindByName: ReturnType<typeof classify>, options: FileOptions, screen = screenBytes(path, buffer, kindByName, options)): Promise<FileResult> {
  if ('result' in screen) return screen.result;
  const { byteHit } = screen;
  const budget = options.timeBudgetMs ?? TIME_BUDGET_MS;
  let kind = kindByName;
  const inline = options.inlineSuppressions !== false;
  const read = decode(buffer);
  if (read.status !== 'ok') return nothing(false);
  // The head decides what the name cannot: shebangs, pbtxt label maps named *.txt.
  kind = classify(path, read.text.slice(0, 256)) ?? kind;
  if (!kind) return nothing(false);
  // A miss over the bytes holds for UTF-8 with replacements too (an invalid byte is no letter).
  const hit = byteHit !== undefined && read.encoding === 'utf-8' ? byteHit : (options.textPrefilter?.test(read.text, path) ?? true);
  if (!hit && !(inline && mayHoldDirective(read.text))) return nothing(true);
  const notices: Notice[] = [];
  if (read.replaced) notices.push({ path, level: 'note', reason: 'decode', message: `Invalid ${read.encoding} byte sequences were replaced with U+FFFD; the rest of the file was scanned.` });
  const started = performance.now();
  const { doc, directiveComments } = await parseFile(path, kind.kind, kind.language, read.text);
  if (doc.parseError) {
    notices.push({ path, level: 'warning', reason: 'parse-error', message: `Could not parse as ${kind.language}: ${doc.parseError}. Scanned as plain text instead.` });
  }
  const out = lintDocument(doc, options.rules, { deadline: started + budget });
  const settings = suppressionSettings(options);
  const directiveCount = settings.inline ? directiveComments.length : 0;
  if (directiveCount === 0 && settings.exceptions.length === 0) {
    return { findings: out.findings, suppressed: [], suppressions: [], notices: [...notices, ...out.notices], scanned: true };
  }
  const text = read.text;
  const lineStarts = computeLineStarts(text);
  const offset = (line: number, column: number): number => (lineStarts[line - 1] ?? text.length) + column - 1;
  const outcome = applySuppressions(
    {
      path,
      findings: out.findings,
      directives: directiveCount > 0 ? parseDirectives(directiveComments, lineStarts) : [],
      regionOf: (f) => text.slice(offset(f.line, f.column), offset(f.endLine, f.endColumn)),
      lineOf: (line) => lineText(text, lineStarts, line),
    },
    settings,
  );
  return { findings: outcome.findings, suppressed: outcome.suppressed, suppressions: outcome.suppressions, notices: [...notices, ...out.notices, ...outcome.notices], scanned: true };
}

/** Accumulates per-file results; the order they arrive in does not matter (output is sorted). */
export class Collector {
  readonly findings: Finding[] = [];
  readonly suppressed: SuppressedFinding[] = [];
  readonly notices: Notice[] = [];
  readonly stats: ScanStats = { filesScanned: 0, filesSkipped: 0, filesWithFindings: 0 };
  private readonly inline: SuppressionRecord[] = [];
  /** Every configured exception, matched counts summed over the files. */
  private readonly exceptions = new Map<string, SuppressionRecord>();

  constructor(exceptions: readonly ExceptionSpec[] = []) {
    for (const e of exceptions) {
      this.exceptions.set(`${e.source}\0${e.line}`, { kind: 'exception', path: e.source, line: e.line, column: e.column, rules: [...e.rules], reason: e.reason, matched: 0 });
    }
  }

  skip(entry: { path: string; reason: string; message: string }): void {
    this.notices.push({ path: entry.path, level: 'note', reason: entry.reason, message: entry.message });
    this.stats.filesSkipped++;
  }

  add(result: FileResult): void {
    if (result.scanned) this.stats.filesScanned++;
    else if (result.notices.length > 0) this.stats.filesSkipped++;
    if (result.findings.length > 0) this.stats.filesWithFindings++;
    this.findings.push(...result.findings);
    this.suppressed.push(...result.suppressed);
    this.notices.push(...result.notices);
    for (const record of result.suppressions) {
      const known = record.kind === 'exception' ? this.exceptions.get(`${record.path}\0${record.line}`) : undefined;
      if (known) known.matched += record.matched;
      else if (record.kind === 'exception') this.exceptions.set(`${record.path}\0${record.line}`, { ...record });
      else this.inline.push(record);
    }
  }

  output(): ScanOutput {
    this.findings.sort(compareFindings);
    this.notices.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
    this.suppressed.sort(compareFindings);
    const suppressions = [...this.inline, ...this.exceptions.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
    return { findings: this.findings, suppressed: this.suppressed, suppressions, notices: this.notices, stats: this.stats };
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

/**
 * Files below which a scan stays in-process: a worker costs its start-up (60–90 ms) and a cold
 * parser and rules, more than this thread reading and prefiltering this many files takes.
 */
export const POOL_AFTER_FILES = 1500;

/**
 * JavaScript and TypeScript files all go to one worker, so that only one thread loads
 * typescript-estree (0.4–0.7 s and ~60 MB each); other files go to a worker with room.
 */
function laneOf(path: string): 'javascript' | undefined {
  return classify(path)?.kind === 'javascript' ? 'javascript' : undefined;
}

/**
 * With `jobs` above 1 this thread walks and scans, and `jobs - 1` workers beside it take files
 * while they have room: the main thread is one of the scanners, so two jobs cost one worker's
 * start-up and memory, not two. Small trees never start the workers.
 */
export async function scan(options: ScanOptions): Promise<ScanOutput> {
  const collector = new Collector(options.exceptions);
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const { shard } = options;
  let pool: WorkerPool | undefined;
  const suppression = suppressionOptionsOf(options);
  let local: FileOptions | undefined;
  const inProcess = (): FileOptions => (local ??= fileOptions(options.maxFileSize, options.rules, suppression));
  // Yields to the event loop now and then, so that Ctrl-C is handled during an in-process scan,
  // and, once workers run, often enough that their replies are taken and their queues refilled.
  let breathe = breather();
  let files = 0;
  for await (const entry of walk(options)) {
    if (shard && shardOf(entry.path, shard.count) !== shard.index) continue;
    if (options.skipPaths?.has(entry.path)) continue;
    if (entry.type === 'skip') {
      collector.skip(entry);
      continue;
    }
    if (jobs > 1 && !pool && ++files > POOL_AFTER_FILES) {
      pool = new (await import('./worker-pool.js')).WorkerPool(jobs - 1, options, collector);
      breathe = breather(POOL_BREATH_MS);
    }
    const lane = pool ? laneOf(entry.path) : undefined;
    // A lane's file is screened here and goes to its worker only when it needs a parse, so
    // that a tree of mostly JavaScript does not wait on that one worker to read every file.
    const settled = lane !== undefined ? screenFile(entry.path, entry.absPath, inProcess()) : undefined;
    if (settled) collector.add(settled);
    else if (!pool?.offer([entry.path, entry.absPath], lane)) collector.add(await scanFile(entry.path, entry.absPath, inProcess()));
    await breathe();
  }
  await pool?.close();
  return collector.output();
}

/** How often the main thread turns the event loop while workers wait on it. */
const POOL_BREATH_MS = 2;
