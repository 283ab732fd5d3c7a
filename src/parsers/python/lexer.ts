// The Python tokenizer: one forward loop over the text with an explicit stack of f-string
// modes (literal text, replacement-field expression, format spec), so nesting depth never
// touches the JS call stack. It never throws; malformed input is tokenized best-effort.

import type { Token } from '../../types.js';
import { decodeEscape, decodeRange } from './escapes.js';

/** Extra facts about a string token, for the structural pass and csv-string offsets. */
export interface StringInfo {
  contentStart: number;
  contentEnd: number;
  raw: boolean;
  bytes: boolean;
  /** f-string or t-string: value has a space per replacement field, offsets are approximate. */
  formatted: boolean;
}

export interface Lexed {
  tokens: Token[];
  /** Per token: indentation width when it starts a logical line, NOT_LINE_START, or IN_FIELD. */
  layout: number[];
  /** Per token: string details for string tokens, undefined otherwise. */
  strings: (StringInfo | undefined)[];
}

export const NOT_LINE_START = -1;
/** The token sits inside an f-string replacement field. */
export const IN_FIELD = -2;

export const KEYWORDS: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const OPERATORS3: ReadonlySet<string> = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPERATORS2: ReadonlySet<string> = new Set([
  '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '->', ':=', '+=', '-=', '*=', '/=', '%=', '&=',
  '|=', '^=', '@=', '<>',
]);

const NO_PREFIX = { raw: false, bytes: false, formatted: false };
/** Characters that are always a one-character token: no lookahead needed. */
const SINGLE = new Set(['(', ')', '[', ']', '{', '}', ',', ';', '~']);
const SECOND = new Set(['*', '/', '<', '>', '=', '.']);

// Python identifiers are XID_Start XID_Continue*; sticky so matching never copies the text.
const IDENTIFIER = /[\p{XID_Start}_][\p{XID_Continue}]*/uy;
const SPACE = /\s/u;

/** An open f-string: its token, its quote and how its literal parts decode. */
interface FString {
  kind: 'literal';
  token: Token;
  index: number;
  quote: number;
  triple: boolean;
  raw: boolean;
  parts: string[];
}

/** Inside `{...}` of an f-string: ordinary tokens until the matching `}`, `:` or `!`. */
interface Field {
  kind: 'field';
  owner: FString;
  depth: number;
}

/** Inside the format spec after `:`; literal until `}`, with nested `{...}` fields. */
interface Spec {
  kind: 'spec';
  owner: FString;
}

type Mode = FString | Field | Spec;

function isNewline(c: number): boolean {
  return c === 10 || c === 13;
}

function isQuote(c: number): boolean {
  return c === 34 || c === 39;
}

function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Parsed string prefix (r, b, u, f, t and their legal pairs), or undefined. */
function prefixFlags(prefix: string): { raw: boolean; bytes: boolean; formatted: boolean } | undefined {
  const p = prefix.toLowerCase();
  if (p.length === 0 || p.length > 2) return undefined;
  const valid = ['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt', 'ur'];
  if (!valid.includes(p)) return undefined;
  return { raw: p.includes('r'), bytes: p.includes('b'), formatted: p.includes('f') || p.includes('t') };
}

/** Width of leading whitespace, with tabs to multiples of 8 and form feed resetting, as CPython. */
function indentWidth(text: string, from: number, to: number): number {
  let col = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 9) col = (Math.floor(col / 8) + 1) * 8;
    else if (c === 12) col = 0;
    else col++;
  }
  return col;
}

class Lexer {
  readonly tokens: Token[] = [];
  readonly layout: number[] = [];
  readonly strings: (StringInfo | undefined)[] = [];
  private pos = 0;
  private readonly modes: Mode[] = [];
  /** Bracket depth outside f-strings; logical lines only end at depth 0. */
  private depth = 0;
  private atLineStart = true;
  private lineBegin = 0;

  constructor(private readonly text: string) {}

  run(): void {
    const n = this.text.length;
    while (this.pos < n) {
      const mode = this.modes[this.modes.length - 1];
      if (mode === undefined) this.scanCode(undefined);
      else if (mode.kind === 'literal') this.scanFStringText(mode);
      else if (mode.kind === 'spec') this.scanSpec(mode);
      else this.scanCode(mode);
    }
    // Anything still open is unterminated and ends at EOF.
    while (this.modes.length > 0) {
      const mode = this.modes[this.modes.length - 1] as Mode;
      this.finishFString(mode.kind === 'literal' ? mode : mode.owner, n, n);
    }
  }

  private emit(type: Token['type'], value: string, start: number, end: number, info?: StringInfo): number {
    const index = this.tokens.length;
    this.tokens.push({ type, value, start, end });
    this.strings.push(info);
    let layout = NOT_LINE_START;
    if (this.modes.length > 0) layout = IN_FIELD;
    else if (this.atLineStart && type !== 'comment') {
      layout = indentWidth(this.text, this.lineBegin, start);
      this.atLineStart = false;
    }
    this.layout.push(layout);
    return index;
  }

  /** One token (or skipped character) of ordinary code, at top level or inside a field. */
  private scanCode(field: Field | undefined): void {
    const text = this.text;
    let start = this.pos;
    let c = text.charCodeAt(start);
    while (c === 32 || c === 9 || c === 12) c = text.charCodeAt(++start);
    this.pos = start;
    if (start >= text.length) return;
    if (isNewline(c)) return this.newline(field);
    if (c === 92 && isNewline(text.charCodeAt(start + 1))) {
      // Explicit line joining: the next physical line continues this logical line.
      this.pos += text.charCodeAt(start + 1) === 13 && text.charCodeAt(start + 2) === 10 ? 3 : 2;
      return;
    }
    if (c === 35 && (field === undefined || field.owner.triple)) return this.comment();
    if (field !== undefined && field.depth === 0 && this.fieldDelimiter(field, c)) return;
    if (isQuote(c)) return this.string(start, start);
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(start + 1)))) return this.number();
    // Only letters, '_' and non-ASCII can start an identifier: skip the regex for the rest.
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128) {
      if (this.word(start)) return;
    }
    this.operator(field);
  }

  private newline(field: Field | undefined): void {
    if (field !== undefined && !field.owner.triple) {
      // A single-line f-string cannot run past the end of the line.
      this.finishFString(field.owner, this.pos, this.pos);
      return;
    }
    const c = this.text.charCodeAt(this.pos);
    this.pos += c === 13 && this.text.charCodeAt(this.pos + 1) === 10 ? 2 : 1;
    if (field === undefined && this.depth === 0) {
      this.atLineStart = true;
      this.lineBegin = this.pos;
    }
  }

  private comment(): void {
    const text = this.text;
    const start = this.pos;
    let end = start;
    while (end < text.length && !isNewline(text.charCodeAt(end))) end++;
    this.emit('comment', text.slice(start, end), start, end);
    this.pos = end;
  }

  /** Handles `}`, `:`, `!conv` and the `=` of `{x=}` at the top of a replacement field. */
  private fieldDelimiter(field: Field, c: number): boolean {
    const text = this.text;
    if (c === 125) {
      this.modes.pop();
      this.pos++;
      return true;
    }
    if (c === 58 && text.charCodeAt(this.pos + 1) !== 61) {
      this.modes.pop();
      this.modes.push({ kind: 'spec', owner: field.owner });
      this.pos++;
      return true;
    }
    if (c === 33 && text.charCodeAt(this.pos + 1) !== 61) {
      let end = this.pos + 1;
      while (end < text.length && /[A-Za-z]/.test(text[end] as string)) end++;
      this.pos = end;
      return true;
    }
    if (c === 61 && text.charCodeAt(this.pos + 1) !== 61) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Identifier, keyword or a string prefix; false if no identifier starts here. */
  private word(start: number): boolean {
    const text = this.text;
    let end = start;
    for (let c = text.charCodeAt(end); isAsciiWord(c); c = text.charCodeAt(++end));
    if (end === start || text.charCodeAt(end) >= 128) {
      // Non-ASCII: let the Unicode-aware pattern decide (XID_Start/XID_Continue).
      IDENTIFIER.lastIndex = start;
      if (!IDENTIFIER.test(text)) return false;
      end = IDENTIFIER.lastIndex;
    } else if (isDigit(text.charCodeAt(start))) return false;
    const value = text.slice(start, end);
    if (end - start <= 2 && isQuote(text.charCodeAt(end)) && prefixFlags(value) !== undefined) {
      this.string(start, end);
      return true;
    }
    this.emit(KEYWORDS.has(value) ? 'keyword' : 'identifier', value, start, end);
    this.pos = end;
    return true;
  }

  private number(): void {
    const text = this.text;
    const start = this.pos;
    let end = start;
    const isWordChar = (k: number): boolean => {
      const ch = text.charCodeAt(k);
      return isDigit(ch) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 95 || ch === 46;
    };
    while (end < text.length) {
      const ch = text.charCodeAt(end);
      // An exponent sign belongs to the number: 1e-5, 2.5E+3 (but not 0x1e+1).
      if ((ch === 43 || ch === 45) && /[eE]/.test(text[end - 1] as string) && !/^0[xX]/.test(text.slice(start, start + 2))) {
        end++;
        continue;
      }
      if (!isWordChar(end)) break;
      end++;
    }
    this.emit('number', text.slice(start, end), start, end);
    this.pos = end;
  }

  private operator(field: Field | undefined): void {
    const text = this.text;
    const start = this.pos;
    let value = text[start] as string;
    // Every multi-character operator has one of these second characters.
    if (SINGLE.has(value) || !SECOND.has(text[start + 1] ?? '')) {
      const cp = text.codePointAt(start) as number;
      if (cp > 0xffff) value = String.fromCodePoint(cp);
      if (cp < 32 || cp === 0x7f || cp === 0xfeff || (cp > 127 && SPACE.test(value))) {
        this.pos += value.length;
        return;
      }
      return this.punct(value, start, field);
    }
    value = text.slice(start, start + 3);
    if (!OPERATORS3.has(value)) {
      value = text.slice(start, start + 2);
      if (!OPERATORS2.has(value)) {
        const cp = text.codePointAt(start) as number;
        value = String.fromCodePoint(cp);
        if (cp < 32 || cp === 0x7f || SPACE.test(value) || cp === 0xfeff) {
          this.pos += value.length;
          return;
        }
      }
    }
    this.punct(value, start, field);
  }

  private punct(value: string, start: number, field: Field | undefined): void {
    this.emit('punct', value, start, start + value.length);
    this.pos = start + value.length;
    if (value.length !== 1) return;
    const opens = value === '(' || value === '[' || value === '{';
    const closes = value === ')' || value === ']' || value === '}';
    if (field !== undefined) {
      if (opens) field.depth++;
      else if (closes && field.depth > 0) field.depth--;
    } else if (opens) this.depth++;
    else if (closes && this.depth > 0) this.depth--;
  }

  /** A string literal starting at `start` (prefix) whose first quote is at `quoteAt`. */
  private string(start: number, quoteAt: number): void {
    const text = this.text;
    const flags = (quoteAt > start ? prefixFlags(text.slice(start, quoteAt)) : undefined) ?? NO_PREFIX;
    const quote = text.charCodeAt(quoteAt);
    const triple = text.charCodeAt(quoteAt + 1) === quote && text.charCodeAt(quoteAt + 2) === quote;
    const contentStart = quoteAt + (triple ? 3 : 1);
    if (flags.formatted) {
      const info: StringInfo = { contentStart, contentEnd: contentStart, raw: flags.raw, bytes: flags.bytes, formatted: true };
      const index = this.emit('string', '', start, contentStart, info);
      const token = this.tokens[index] as Token;
      this.modes.push({ kind: 'literal', token, index, quote, triple, raw: flags.raw, parts: [] });
      this.pos = contentStart;
      return;
    }
    const [contentEnd, end] = this.findStringEnd(contentStart, quote, triple);
    const value = decodeRange(text, contentStart, contentEnd, flags.raw, flags.bytes);
    this.emit('string', value, start, end, { contentStart, contentEnd, raw: flags.raw, bytes: flags.bytes, formatted: false });
    this.pos = end;
  }

  /** [contentEnd, end] of a plain string; unterminated ones stop at end of line or EOF. */
  private findStringEnd(from: number, quote: number, triple: boolean): [number, number] {
    const text = this.text;
    const n = text.length;
    let i = from;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) {
        i += text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10 ? 3 : 2;
        continue;
      }
      if (c === quote) {
        if (!triple) return [i, i + 1];
        if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return [i, i + 3];
      } else if (!triple && isNewline(c)) return [i, i];
      i++;
    }
    return [n, n];
  }

  /** Literal text of an f-string, up to its closing quote or the next replacement field. */
  private scanFStringText(fs: FString): void {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    let run = i;
    const flush = (to: number): void => {
      if (to > run) fs.parts.push(text.slice(run, to));
    };
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === fs.quote && (!fs.triple || (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c))) {
        flush(i);
        this.finishFString(fs, i, i + (fs.triple ? 3 : 1));
        return;
      }
      if (!fs.triple && isNewline(c)) {
        flush(i);
        this.finishFString(fs, i, i);
        return;
      }
      if (c === 123 || c === 125) {
        flush(i);
        const doubled = text.charCodeAt(i + 1) === c;
        if (c === 123 && !doubled) {
          // A replacement field: the value gets one space, the expression gets tokens.
          fs.parts.push(' ');
          this.modes.push({ kind: 'field', owner: fs, depth: 0 });
          this.pos = i + 1;
          return;
        }
        fs.parts.push(c === 123 ? '{' : '}');
        i += doubled ? 2 : 1;
        run = i;
        continue;
      }
      if (c === 92 && i + 1 < n) {
        flush(i);
        const next = text.charCodeAt(i + 1);
        if (fs.raw) {
          // Raw: the backslash stays; it only protects a quote or another backslash.
          const keep = next === fs.quote || next === 92 ? 2 : 1;
          fs.parts.push(text.slice(i, i + keep));
          i += keep;
        } else {
          const [decoded, after] = decodeEscape(text, i, n, false);
          fs.parts.push(decoded);
          i = after;
        }
        run = i;
        continue;
      }
      i++;
    }
    flush(n);
    this.finishFString(fs, n, n);
  }

  /** Format spec text after `:` in a field: skipped up to `}`, nested fields get tokens. */
  private scanSpec(spec: Spec): void {
    const text = this.text;
    const fs = spec.owner;
    let i = this.pos;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 125) {
        this.modes.pop();
        this.pos = i + 1;
        return;
      }
      if (c === 123) {
        this.modes.push({ kind: 'field', owner: fs, depth: 0 });
        this.pos = i + 1;
        return;
      }
      if ((!fs.triple && isNewline(c)) || (c === fs.quote && !fs.triple)) {
        this.finishFString(fs, i, c === fs.quote ? i + 1 : i);
        return;
      }
      i++;
    }
    this.finishFString(fs, text.length, text.length);
  }

  /** Closes `fs` (and any modes opened inside it) with content ending at `contentEnd`. */
  private finishFString(fs: FString, contentEnd: number, end: number): void {
    while (this.modes.length > 0) {
      const top = this.modes.pop() as Mode;
      if (top === fs) break;
    }
    fs.token.value = fs.parts.join('');
    fs.token.end = end;
    const info = this.strings[fs.index];
    if (info) info.contentEnd = contentEnd;
    this.pos = end;
  }
}

export function lexPython(text: string): Lexed {
  const lexer = new Lexer(text);
  lexer.run();
  return { tokens: lexer.tokens, layout: lexer.layout, strings: lexer.strings };
}
