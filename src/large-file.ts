// The streaming text pass for files too large to parse structurally: the file is read and
// decoded in 1 MiB chunks and never held whole. Windows of about a chunk, overlapping so that a
// term split across two chunks is seen whole, go through the run prefilter. In a window with a
// hit, the text around each place a trigger's word occurs (32 K characters either side, merged)
// is tokenized on its own (the generic tokenizer, as for a file that fails to parse) and linted,
// and its findings are moved to their real line and column in the file. A bundle of minified
// JavaScript with a word or two in it thus costs a few small parses, not megabytes of tokens.
import { closeSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { breather } from './breather.js';
import { classify, type Classification } from './classify.js';
import { stripDirectives } from './directives.js';
import { assignFingerprints, compareFindings, lintDocument, type ActiveRule } from './engine.js';
import { fallbackLanguage } from './parse.js';
import { parseGeneric } from './parsers/generic.js';
import { parseLabels } from './parsers/labels.js';
import type { Prefilter } from './prefilter.js';
import { computeLineStarts } from './positions.js';
import { decodeGb18030, openRegularFile, type TextEncoding } from './read-file.js';
import { applySuppressions, type SuppressionSettings } from './suppress/apply.js';
import { mayHoldDirective, parseDirectives, type Directive } from './suppress/directive.js';
import type { Finding, Notice, SuppressedFinding, SuppressionRecord } from './types.js';

export const CHUNK_BYTES = 1024 * 1024;
/** Windows are at least this long (in UTF-16 code units), and one chunk longer at most. */
const WINDOW_CHARS = 1024 * 1024;
/** Every window repeats this much of the previous one: longer than any term or short label set. */
const OVERLAP_CHARS = 4096;
/** A window starts at a line start when one is this close before the overlap, for whole snippets. */
const LINE_BACKUP_CHARS = 64 * 1024;
/** Around each place a trigger's word occurs, this much text either side is linted. */
const REGION_RADIUS = 32 * 1024;
/** Longer snippets are dropped: a minified line is not worth megabytes of report. */
const MAX_SNIPPET_CHARS = 16 * 1024;
const BINARY_SNIFF_BYTES = 8192;
const MIB = 1024 * 1024;

export function describeSize(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** Window sizes in UTF-16 code units; tests shrink them to cross many window boundaries. */
export interface Windowing {
  window: number;
  overlap: number;
  lineBackup: number;
  /** Text linted either side of a trigger's word; the default is REGION_RADIUS. */
  radius?: number;
}

const WINDOWING: Windowing = { window: WINDOW_CHARS, overlap: OVERLAP_CHARS, lineBackup: LINE_BACKUP_CHARS, radius: REGION_RADIUS };

/**
 * The spans of `text` worth linting: `radius` either side of each offset (widened to whole lines
 * when a line break is within another `radius`), merged where they touch. Spans that would
 * cover half of the text give way to the whole text, which then costs one parse, not many.
 */
export function regionsOf(text: string, offsets: readonly number[], radius: number): [number, number][] {
  const spans: [number, number][] = [];
  let covered = 0;
  for (const at of offsets) {
    let start = Math.max(0, at - radius);
    const lineStart = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
    if (lineStart > 0 && start - lineStart <= radius) start = lineStart;
    else if (start - lineStart <= radius) start = 0;
    let end = Math.min(text.length, at + radius);
    const lineEnd = text.indexOf('\n', end);
    end = lineEnd < 0 ? (text.length - end <= radius ? text.length : end) : lineEnd - end <= radius ? lineEnd + 1 : end;
    // Not between the halves of a surrogate pair.
    if (start > 0 && (text.charCodeAt(start) & 0xfc00) === 0xdc00) start--;
    if (end < text.length && (text.charCodeAt(end) & 0xfc00) === 0xdc00) end++;
    const last = spans.at(-1);
    if (last && start <= last[1]) {
      covered += Math.max(0, end - last[1]);
      last[1] = Math.max(last[1], end);
    } else {
      spans.push([start, end]);
      covered += end - start;
    }
  }
  return covered * 2 >= text.length ? [[0, text.length]] : spans;
}

export interface PassOptions {
  rules: readonly ActiveRule[];
  windowing?: Windowing;
  /** Run-wide prefilter over decoded text; undefined lints every window. */
  textPrefilter?: Prefilter;
  /** Time budget for each window's parse and rules, in milliseconds. */
  timeBudgetMs: number;
  /** Inline directives and config exceptions; none apply when undefined. */
  suppression?: SuppressionSettings;
}

export interface PassOutput {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  suppressions: SuppressionRecord[];
  notices: Notice[];
}

interface Position {
  line: number; // 1-based
  column: number; // 0-based
}

/** Moves `pos` over text[from, to), with the line breaks of positions.ts (\n, \r\n, lone \r). */
function advance(text: string, from: number, to: number, pos: Position): Position {
  let { line, column } = pos;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      column = 0;
    } else if (c !== 13) column++;
  }
  return { line, column };
}

/** Where the window after `buf` starts: an overlap before its end, at a line start if one is near. */
function nextWindowStart(buf: string, { overlap, lineBackup }: Windowing): number {
  // At least 1: every window must move the pass forward.
  let next = Math.max(1, buf.length - overlap);
  const newline = buf.lastIndexOf('\n', next - 1);
  if (newline >= 0 && next - (newline + 1) <= lineBackup) next = newline + 1;
  // Not between the halves of a CRLF or of a surrogate pair.
  if (next > 1 && buf.charCodeAt(next - 1) === 13 && buf.charCodeAt(next) === 10) next--;
  const unit = buf.charCodeAt(next);
  if (next > 1 && unit >= 0xdc00 && unit <= 0xdfff) next--;
  return next;
}

/**
 * A finding at (line, column) of a window that starts at `origin` of the file, moved there.
 * `lastLine` is the window's last line, which may go on in the next window.
 */
function toFile(f: Finding, origin: Position, lastLine: number): Finding {
  const line = (l: number): number => origin.line + l - 1;
  const column = (l: number, c: number): number => (l === 1 ? c + origin.column : c);
  // A snippet cut at the window's edges would misplace the underline; a huge one is not shown.
  const cut = (f.line === 1 && origin.column > 0) || f.endLine >= lastLine;
  return {
    ...f,
    line: line(f.line),
    column: column(f.line, f.column),
    endLine: line(f.endLine),
    endColumn: column(f.endLine, f.endColumn),
    snippet: cut || f.snippet.length > MAX_SNIPPET_CHARS ? '' : f.snippet,
  };
}

function before(f: { line: number; column: number }, limit: Position): boolean {
  return f.line < limit.line || (f.line === limit.line && f.column - 1 < limit.column);
}

/** A directive at (line, column) of a window that starts at `origin` of the file, moved there. */
function directiveToFile(d: Directive, origin: Position): Directive {
  return { ...d, line: origin.line + d.line - 1, column: d.line === 1 ? d.column + origin.column : d.column, endLine: origin.line + d.endLine - 1 };
}

/**
 * Lints `pieces` (the decoded file, in order) window by window; findings carry the file's own
 * lines and columns. Each finding is kept by the one window that owns its start: the part
 * before the next window's start, or the whole of the last window.
 */
export async function textPass(path: string, kind: Classification, pieces: Iterable<string>, options: PassOptions): Promise<PassOutput> {
  const findings: Finding[] = [];
  const notices = new Map<string, Notice>();
  const language = fallbackLanguage(kind.kind, kind.language);
  const windowing = options.windowing ?? WINDOWING;
  let buf = '';
  let origin: Position = { line: 1, column: 0 };
  const suppression = options.suppression;
  const inline = suppression?.inline === true;
  const exceptions = (suppression?.exceptions.length ?? 0) > 0;
  const directives: Directive[] = [];
  /** Source text of each kept finding's range, for exceptions with text or pattern. */
  const regions = new Map<Finding, string>();

  /** The current window's line starts, for exceptions' source text: computed once a window, on first need. */
  let windowLineStarts: number[] | undefined;

  /**
   * Lints buf[start, end) of the current window. `limit` is where the next window starts (its
   * own position in the window), `lastLine` the window's last line; findings come out in the file's
   * lines and columns, each kept only by the window that owns its start.
   */
  const lintSpan = (start: number, end: number, spanOrigin: Position, limit: Position, lastLine: number, final: boolean, deadline: number): void => {
    const text = start === 0 && end === buf.length ? buf : buf.slice(start, end);
    // A span cut inside a line gives its edges' findings no snippet, as a window's edges do.
    const spanLastLine = end === buf.length || buf.charCodeAt(end - 1) === 10 ? Infinity : advance(text, 0, text.length, { line: 1, column: 0 }).line;
    // Labels stay line-based; everything else gets the fallback tokenizer, as after a parse error.
    const result = kind.kind === 'labels' ? parseLabels(text) : parseGeneric(text, language);
    const out = lintDocument({ ...stripDirectives(result), path, kind: kind.kind, language: kind.language, text }, options.rules, { deadline });
    const comments = inline ? result.tokens.filter((t) => t.type === 'comment' && mayHoldDirective(t.value)) : [];
    for (const d of comments.length > 0 ? parseDirectives(comments, computeLineStarts(text)) : []) {
      const inWindow = directiveToFile(d, spanOrigin);
      if (final || before(inWindow, limit)) directives.push(directiveToFile(inWindow, origin));
    }
    const offset = (line: number, column: number): number => {
      windowLineStarts ??= computeLineStarts(buf);
      return (windowLineStarts[line - 1] ?? buf.length) + column - 1;
    };
    for (const f of out.findings) {
      const inWindow = toFile(f, spanOrigin, spanLastLine);
      if (!final && !before(inWindow, limit)) continue;
      const moved = toFile(inWindow, origin, lastLine);
      findings.push(moved);
      if (exceptions) regions.set(moved, buf.slice(offset(inWindow.line, inWindow.column), offset(inWindow.endLine, inWindow.endColumn)));
    }
    for (const n of out.notices) notices.set(`${n.reason}\0${n.message}`, n);
  };

  const lintWindow = (final: boolean): void => {
    const next = final ? buf.length : nextWindowStart(buf, windowing);
    const limit = advance(buf, 0, next, { line: 1, column: 0 });
    windowLineStarts = undefined;
    const located = options.textPrefilter?.locate(buf, path);
    const withDirectives = inline && mayHoldDirective(buf);
    if (!options.textPrefilter || located || withDirectives) {
      const deadline = performance.now() + options.timeBudgetMs;
      const lastLine = final ? Infinity : advance(buf, next, buf.length, limit).line;
      // Directives and words spelled with code escapes have no place to lint around: the whole window.
      const whole = !located || located.escaped || withDirectives;
      let at = 0;
      let position: Position = { line: 1, column: 0 };
      for (const [start, end] of whole ? [[0, buf.length] as [number, number]] : regionsOf(buf, located.offsets, windowing.radius ?? REGION_RADIUS)) {
        position = advance(buf, at, start, position);
        at = start;
        lintSpan(start, end, position, limit, lastLine, final, deadline);
      }
    }
    origin = limit.line === 1 ? { line: origin.line, column: origin.column + limit.column } : { line: origin.line + limit.line - 1, column: limit.column };
    buf = buf.slice(next);
  };

  const breathe = breather();
  for (const piece of pieces) {
    buf += piece;
    while (buf.length >= windowing.window) lintWindow(false);
    await breathe();
  }
  lintWindow(true);
  findings.sort(compareFindings);
  // Fingerprint occurrence indices count over the whole file, not per window.
  assignFingerprints(findings);
  if (!suppression || (directives.length === 0 && !exceptions)) return { findings, suppressed: [], suppressions: [], notices: [...notices.values()] };
  // Directives apply over the whole file: a block may open in one window and close in another.
  const outcome = applySuppressions({ path, findings, directives, regionOf: (f) => regions.get(f) ?? '', lineOf: () => '' }, suppression);
  return { findings: outcome.findings, suppressed: outcome.suppressed, suppressions: outcome.suppressions, notices: [...notices.values(), ...outcome.notices] };
}

/** The encoding of a file from its first chunk (the whole file when `complete`), or 'binary'; as decode() decides. */
function detectEncoding(first: Uint8Array, complete: boolean): TextEncoding | 'binary' {
  if (first[0] === 0xff && first[1] === 0xfe && !(first[2] === 0 && first[3] === 0)) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  if (first.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return 'binary';
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return 'utf-8';
  try {
    // Streaming: a character cut at the chunk's end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(first, { stream: !complete });
    return 'utf-8';
  } catch {
    return decodeGb18030(first, !complete) !== undefined ? 'gb18030' : 'utf-8';
  }
}

/**
 * A streaming decoder that replaces invalid sequences with U+FFFD, as decode() does, and tells
 * whether it had to: a strict twin decodes the same bytes until its first error. A BOM of the
 * encoding is dropped, as decode() does.
 */
class ChunkDecoder {
  replaced = false;
  private readonly lenient: TextDecoder;
  private strict: TextDecoder | undefined;

  constructor(encoding: TextEncoding) {
    this.lenient = new TextDecoder(encoding);
    this.strict = new TextDecoder(encoding, { fatal: true });
  }

  decode(bytes: Uint8Array, final: boolean): string {
    try {
      this.strict?.decode(bytes, { stream: !final });
    } catch {
      this.replaced = true;
      this.strict = undefined;
    }
    return this.lenient.decode(bytes, { stream: !final });
  }
}

/** Reads and decodes the rest of the open file chunk by chunk, after its first chunk. */
function* decodedChunks(fd: number, first: Buffer, decoder: ChunkDecoder): Generator<string> {
  yield decoder.decode(first, false);
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (;;) {
    const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    if (n === 0) break;
    yield decoder.decode(buffer.subarray(0, n), false);
  }
  yield decoder.decode(new Uint8Array(0), true);
}

export interface LargeFileOptions extends PassOptions {
  maxFileSize: number;
  largeFileBytes: number;
}

/**
 * Scans a file over the structural-parse limit with the streaming text pass. `kind` is what
 * the name says; an extensionless file is classified from its head.
 */
export async function scanLargeFile(path: string, absPath: string, kind: Classification | undefined, options: LargeFileOptions): Promise<PassOutput & { scanned: boolean }> {
  const file = openRegularFile(absPath);
  if (file.status !== 'open') return { findings: [], suppressed: [], suppressions: [], notices: [{ path, level: 'warning', reason: 'unreadable', message: `Skipped: cannot read the file: ${file.message}` }], scanned: false };
  try {
    const first = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, file.size));
    const n = readSync(file.fd, first, 0, first.length, null);
    const head = first.subarray(0, n);
    const encoding = detectEncoding(head, n >= file.size);
    if (encoding === 'binary') {
      return { findings: [], suppressed: [], suppressions: [], notices: kind ? [{ path, level: 'note', reason: 'binary', message: 'Skipped: binary file (NUL bytes in the first 8 KiB).' }] : [], scanned: false };
    }
    const decoder = new ChunkDecoder(encoding);
    kind = classify(path, new TextDecoder(encoding).decode(head.subarray(0, 1024)).slice(0, 256)) ?? kind;
    if (!kind) return { findings: [], suppressed: [], suppressions: [], notices: [], scanned: false };
    const tooLarge = file.size > options.maxFileSize;
    const notice: Notice = tooLarge
      ? { path, level: 'warning', reason: 'text-pass-only', message: `${describeSize(file.size)} is over the size limit of ${describeSize(options.maxFileSize)} (--max-file-size): the structural parse was skipped and a streaming text pass was run.` }
      : { path, level: 'note', reason: 'large-file', message: `${describeSize(file.size)} is over ${describeSize(options.largeFileBytes)}: the structural parse was skipped and a streaming text pass was run.` };
    const out = await textPass(path, kind, decodedChunks(file.fd, head, decoder), options);
    const notices = [notice, ...out.notices];
    if (decoder.replaced) notices.push({ path, level: 'note', reason: 'decode', message: `Invalid ${encoding} byte sequences were replaced with U+FFFD; the rest of the file was scanned.` });
    return { ...out, notices, scanned: true };
  } finally {
    closeSync(file.fd);
  }
}
