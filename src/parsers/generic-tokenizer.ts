// A single-pass, linear-time tokenizer driven by a Syntax table (see generic-syntax.ts). It
// never throws: anything it does not recognise becomes a one-character punctuation token.

import type { Token } from '../types.js';
import { decodeBody, type EscapeMode } from './generic-literals.js';
import type { Syntax } from './generic-syntax.js';

const OPERATORS = [
  '<<=', '>>=', '...', '**=', '===', '!==', '<<-', '::', '->', '=>', ':=', '==', '!=', '<=', '>=', '&&', '||', '++', '--',
  '+=', '-=', '*=', '/=', '?.', '??', '<-', '..', '|>', '**', '<<', '>>',
];

/** Operators by first character, longest first, so punctuation costs one map lookup. */
const OPERATORS_BY_CHAR = new Map<string, string[]>();
for (const op of OPERATORS) {
  const list = OPERATORS_BY_CHAR.get(op[0] as string) ?? [];
  list.push(op);
  OPERATORS_BY_CHAR.set(op[0] as string, list.sort((a, b) => b.length - a.length));
}

const KEYWORDS = new Set([
  'if', 'else', 'elif', 'elsif', 'for', 'foreach', 'while', 'do', 'switch', 'case', 'default', 'break', 'continue', 'return',
  'goto', 'try', 'catch', 'finally', 'throw', 'throws', 'new', 'delete', 'class', 'struct', 'enum', 'union', 'interface',
  'namespace', 'package', 'import', 'export', 'using', 'typedef', 'const', 'static', 'public', 'private', 'protected',
  'internal', 'final', 'abstract', 'virtual', 'override', 'void', 'var', 'let', 'val', 'fun', 'func', 'fn', 'def',
  'function', 'lambda', 'true', 'false', 'null', 'nil', 'None', 'True', 'False', 'this', 'self', 'super', 'in', 'is', 'as',
  'not', 'and', 'or', 'then', 'extends', 'implements', 'local', 'unless', 'until', 'fi', 'done',
  'esac', 'trait', 'impl', 'extern', 'volatile', 'inline', 'sizeof', 'typeof', 'instanceof', 'yield', 'await',
  'async', 'defer', 'mut', 'pub', 'readonly',
]);

const SQL_KEYWORDS = new Set([
  'select', 'from', 'where', 'insert', 'into', 'values', 'update', 'set', 'delete', 'create', 'table', 'view', 'index',
  'drop', 'alter', 'add', 'column', 'primary', 'key', 'foreign', 'references', 'not', 'null', 'and', 'or', 'as', 'on',
  'join', 'left', 'right', 'inner', 'outer', 'group', 'by', 'order', 'having', 'limit', 'case', 'when', 'then', 'else',
  'end', 'in', 'is', 'like', 'between', 'distinct', 'union', 'all', 'check', 'constraint', 'default', 'unique', 'type',
  'enum', 'with', 'exists', 'true', 'false', 'asc', 'desc', 'varchar', 'int', 'integer', 'text', 'boolean',
]);

const IDENT_START = /[\p{L}\p{Nl}_]/u;
const IDENT_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u200c\u200d]/u;

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export class Tokenizer {
  readonly tokens: Token[] = [];
  private pos = 0;
  /** Here-document terminators waiting for the end of the current line. */
  private heredocs: Array<{ tag: string; indented: boolean }> = [];

  constructor(private readonly text: string, private readonly syntax: Syntax) {}

  run(): Token[] {
    const { text } = this;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 10 || c === 13) {
        this.pos++;
        if (c === 10 && this.heredocs.length > 0) this.heredocBodies();
      } else if (c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0) this.pos++;
      else this.next(c);
    }
    return this.tokens;
  }

  private push(type: Token['type'], value: string, start: number, end: number): void {
    this.tokens.push({ type, value, start, end });
    this.pos = end;
  }

  private next(c: number): void {
    if (this.comment()) return;
    if (this.stringLiteral(c)) return;
    if (isAsciiIdentStart(c) || (this.syntax.dollarInIdent && c === 36) || (c > 127 && this.identStartAt(this.pos))) {
      this.identifier();
    } else if (isAsciiDigit(c) || (c === 46 && isAsciiDigit(this.text.charCodeAt(this.pos + 1)))) this.number();
    else this.punct();
  }

  private identStartAt(at: number): boolean {
    const cp = this.text.codePointAt(at);
    return cp !== undefined && IDENT_START.test(String.fromCodePoint(cp));
  }

  private identEnd(from: number): number {
    const { text } = this;
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isAsciiIdentStart(c) || isAsciiDigit(c) || (c === 36 && this.syntax.dollarInIdent)) i++;
      else if (c === 45 && this.syntax.dashInIdent && i > from) i++;
      else if (c > 127) {
        const cp = text.codePointAt(i) as number;
        const ch = String.fromCodePoint(cp);
        if (!IDENT_START.test(ch) && !IDENT_PART.test(ch)) break;
        i += ch.length;
      } else break;
    }
    return i;
  }

  // -------------------------------------------------------------------------------------------
  // Comments
  // -------------------------------------------------------------------------------------------

  private comment(): boolean {
    const { text, syntax, pos } = this;
    for (const [open, close] of syntax.blockComments) {
      if (text.startsWith(open, pos)) {
        this.push('comment', '', pos, this.blockCommentEnd(open, close));
        this.finishComment();
        return true;
      }
    }
    if (syntax.luaLong && text.startsWith('--', pos)) {
      const close = this.luaLongEnd(pos + 2);
      if (close !== undefined) {
        this.push('comment', '', pos, close);
        this.finishComment();
        return true;
      }
    }
    for (const open of syntax.lineComments) {
      if (!text.startsWith(open, pos)) continue;
      if (open === '#' && !this.hashIsComment()) continue;
      if (open === '%' && text.charCodeAt(pos - 1) === 92) continue; // LaTeX \%
      this.push('comment', '', pos, this.lineEnd(pos));
      this.finishComment();
      return true;
    }
    return false;
  }

  private finishComment(): void {
    const token = this.tokens[this.tokens.length - 1] as Token;
    token.value = this.text.slice(token.start, token.end);
  }

  private hashIsComment(): boolean {
    const { text, pos, syntax } = this;
    if (syntax.hashAtWordStart) {
      const before = text.charCodeAt(pos - 1);
      return pos === 0 || before === 32 || before === 9 || before === 10 || before === 13 || before === 59 || before === 40
        || before === 124 || before === 38;
    }
    if (syntax.sigils === '$' && text[pos + 1] === '[') return false; // PHP 8 attributes #[...]
    return true;
  }

  private lineEnd(from: number): number {
    const { text } = this;
    let i = from;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) break;
      i++;
    }
    return i;
  }

  private blockCommentEnd(open: string, close: string): number {
    const { text } = this;
    if (!this.syntax.nestedComments) {
      const end = text.indexOf(close, this.pos + open.length);
      return end < 0 ? text.length : end + close.length;
    }
    let depth = 0;
    let i = this.pos;
    while (i < text.length) {
      if (text.startsWith(open, i)) {
        depth++;
        i += open.length;
      } else if (text.startsWith(close, i)) {
        depth--;
        i += close.length;
        if (depth === 0) return i;
      } else i++;
    }
    return text.length;
  }

  // -------------------------------------------------------------------------------------------
  // Strings
  // -------------------------------------------------------------------------------------------

  private stringLiteral(c: number): boolean {
    const { syntax } = this;
    if (c === 34) return this.doubleQuoted();
    if (c === 39) return this.singleQuoted();
    if (c === 96) return this.backtickQuoted();
    if (c === 64 && syntax.csharpStrings) return this.csharpPrefixed();
    if (c === 36 && syntax.csharpStrings) return this.csharpPrefixed();
    if (c === 36 && syntax.ansiC && this.text.charCodeAt(this.pos + 1) === 39) {
      return this.quoted(this.pos, this.pos + 1, "'", 'backslash', true);
    }
    if (c === 47 && syntax.regex) return this.regexLiteral();
    if (c === 91 && syntax.luaLong) {
      const end = this.luaLongEnd(this.pos);
      if (end === undefined) return false;
      const level = this.luaLevel(this.pos);
      this.push('string', this.text.slice(this.pos + level + 2, end - level - 2), this.pos, end);
      return true;
    }
    if (c === 60 && syntax.heredoc) return this.heredocStart();
    return false;
  }

  private doubleQuoted(): boolean {
    const { syntax, pos, text } = this;
    const mode = syntax.doubleQuote;
    if (mode === null) return false;
    if (syntax.triple && text.startsWith('"""', pos)) return this.tripleQuoted(pos, pos, '"""', syntax.triple);
    if (mode === 'ident') return this.quotedIdentifier('"');
    return this.quoted(pos, pos, '"', mode, syntax.multiline);
  }

  private singleQuoted(): boolean {
    const { syntax, pos, text } = this;
    const mode = syntax.singleQuote;
    if (mode === null) return false;
    if (syntax.pythonPrefixes && syntax.triple && text.startsWith("'''", pos)) return this.tripleQuoted(pos, pos, "'''", syntax.triple);
    if (mode === 'char') return this.charLiteral();
    if (mode === 'transpose') {
      const before = text.charCodeAt(pos - 1);
      const isTranspose = isAsciiIdentStart(before) || isAsciiDigit(before) || before === 41 || before === 93 || before === 125
        || before === 46 || before === 39;
      return isTranspose ? false : this.quoted(pos, pos, "'", 'double', false);
    }
    return this.quoted(pos, pos, "'", mode, syntax.multiline);
  }

  private backtickQuoted(): boolean {
    const mode = this.syntax.backtick;
    if (mode === 'none') return false;
    if (mode === 'ident') return this.quotedIdentifier('`');
    if (mode === 'raw') return this.quoted(this.pos, this.pos, '`', 'none', true);
    return this.templateLiteral();
  }

  /**
   * A string from `start` (prefix included) whose opening quote is at `quoteAt`. An unclosed
   * single-line string leaves the quote as punctuation so an apostrophe cannot swallow code.
   */
  private quoted(start: number, quoteAt: number, quote: string, mode: EscapeMode, multiline: boolean): boolean {
    const { text } = this;
    const q = quote.charCodeAt(0);
    let i = quoteAt + 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === q) {
        if (mode === 'double' && text.charCodeAt(i + 1) === q) {
          i += 2;
          continue;
        }
        break;
      }
      if ((c === 10 || c === 13) && !multiline) return false;
      if ((mode === 'backslash' && c === 92) || (mode === 'backtick' && c === 96)) i += 2;
      else i++;
    }
    if (i >= text.length && !multiline) return false;
    const end = Math.min(i + 1, text.length);
    const bodyEnd = Math.min(i, text.length);
    this.push('string', decodeBody(text, quoteAt + 1, bodyEnd, mode, quote).value, start, end);
    return true;
  }

  private tripleQuoted(start: number, quoteAt: number, delimiter: string, mode: EscapeMode): boolean {
    const { text } = this;
    let i = quoteAt + 3;
    while (i < text.length && !text.startsWith(delimiter, i)) i += mode === 'backslash' && text.charCodeAt(i) === 92 ? 2 : 1;
    const bodyEnd = Math.min(i, text.length);
    // """"" closes with the last three quotes of a run.
    let end = Math.min(i + 3, text.length);
    while (end < text.length && text[end] === delimiter[0]) end++;
    const value = decodeBody(text, quoteAt + 3, Math.max(bodyEnd, end - 3), mode, delimiter[0]).value;
    this.push('string', value, start, end);
    return true;
  }

  private charLiteral(): boolean {
    const { text, pos } = this;
    let i = pos + 1;
    if (text.charCodeAt(i) === 92) {
      const close = text.slice(i + 2, pos + 15).indexOf("'") + i + 2;
      if (close < i + 2 || /[\r\n]/.test(text.slice(pos, close))) return false;
      i = close;
    } else {
      const cp = text.codePointAt(i);
      if (cp === undefined || cp === 10 || cp === 13 || cp === 39) return false;
      i += cp > 0xffff ? 2 : 1;
      if (text.charCodeAt(i) !== 39) return false; // Rust lifetime, Scala symbol, C++ digit separator
    }
    this.push('string', decodeBody(text, pos + 1, i, 'backslash').value, pos, i + 1);
    return true;
  }

  private quotedIdentifier(quote: string): boolean {
    const { text, pos } = this;
    const close = text.indexOf(quote, pos + 1);
    if (close < 0 || /[\r\n]/.test(text.slice(pos, close))) return false;
    // The token covers the name inside the quotes, so an identifier's value is its exact slice.
    if (close > pos + 1) this.push('identifier', text.slice(pos + 1, close), pos + 1, close);
    this.pos = close + 1;
    return true;
  }

  /** JS fallback: `…${…}…` with nested braces counted so `}` inside expressions does not close it. */
  private templateLiteral(): boolean {
    const { text, pos } = this;
    let i = pos + 1;
    let depth = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (depth === 0 && c === 96) break;
      else {
        if (c === 36 && text.charCodeAt(i + 1) === 123) {
          depth++;
          i++;
        } else if (c === 125 && depth > 0) depth--;
        i++;
      }
    }
    const end = Math.min(i + 1, text.length);
    this.push('string', decodeBody(text, pos + 1, Math.min(i, text.length), 'backslash').value, pos, end);
    return true;
  }

  private regexLiteral(): boolean {
    const previous = this.lastSignificant();
    const operand = previous && (previous.type === 'identifier' || previous.type === 'number' || previous.type === 'string'
      || (previous.type === 'punct' && /^[)\]}]$/.test(previous.value)));
    if (operand && !(previous.type === 'identifier' && /^(return|typeof|case|in|of|yield|await|delete|void)$/.test(previous.value))) return false;
    const { text, pos } = this;
    if (text[pos + 1] === '/' || text[pos + 1] === '*') return false;
    let i = pos + 1;
    let inClass = false;
    // Bounded so a line full of `(/[` cannot make the scan quadratic.
    const limit = Math.min(text.length, pos + 512);
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) return false;
      if (c === 92) i++;
      else if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) break;
      i++;
    }
    if (i >= limit) return false;
    let end = i + 1;
    while (end < text.length && /[a-z]/i.test(text[end] as string)) end++;
    this.push('string', text.slice(pos, end), pos, end);
    return true;
  }

  private csharpPrefixed(): boolean {
    const { text, pos } = this;
    const m = /^(\$@|@\$|@|\$+)"/.exec(text.slice(pos, pos + 4));
    if (!m) return false;
    const prefix = m[1] as string;
    const quoteAt = pos + prefix.length;
    if (text.startsWith('"""', quoteAt)) return this.tripleQuoted(pos, quoteAt, '"""', 'none');
    return this.quoted(pos, quoteAt, '"', prefix.includes('@') ? 'double' : 'backslash', prefix.includes('@'));
  }

  /** After an identifier: does it prefix a string (r"", b'', u8"", R"(…)", r#"…"#)? */
  private prefixedString(start: number, identEnd: number): boolean {
    const { text, syntax } = this;
    const prefix = text.slice(start, identEnd);
    const quote = text[identEnd];
    if (syntax.cppRaw && /^(u8|u|U|L)?R$/.test(prefix) && quote === '"') return this.cppRawString(start, identEnd);
    if (syntax.rustRaw && /^b?r$/.test(prefix) && (quote === '"' || quote === '#')) return this.rustRawString(start, identEnd);
    if (!syntax.prefixes?.has(syntax.pythonPrefixes ? prefix.toLowerCase() : prefix)) return false;
    if (quote !== '"' && quote !== "'") return false;
    if (quote === "'" && syntax.singleQuote === 'char' && prefix !== 'b') return false;
    const raw = syntax.pythonPrefixes && /r/i.test(prefix);
    const mode: EscapeMode = raw ? 'none' : 'backslash';
    if (syntax.triple && text.startsWith(quote.repeat(3), identEnd)) return this.tripleQuoted(start, identEnd, quote.repeat(3), mode);
    return this.quoted(start, identEnd, quote, mode, syntax.multiline);
  }

  private cppRawString(start: number, quoteAt: number): boolean {
    const { text } = this;
    const open = text.slice(quoteAt, quoteAt + 18).indexOf('(') + quoteAt;
    if (open < quoteAt) return false;
    const delimiter = `)${text.slice(quoteAt + 1, open)}"`;
    const close = text.indexOf(delimiter, open + 1);
    const end = close < 0 ? text.length : close + delimiter.length;
    this.push('string', text.slice(open + 1, close < 0 ? text.length : close), start, end);
    return true;
  }

  private rustRawString(start: number, at: number): boolean {
    const { text } = this;
    let hashes = 0;
    while (text[at + hashes] === '#') hashes++;
    if (text[at + hashes] !== '"') return false;
    const delimiter = `"${'#'.repeat(hashes)}`;
    const close = text.indexOf(delimiter, at + hashes + 1);
    const end = close < 0 ? text.length : close + delimiter.length;
    this.push('string', text.slice(at + hashes + 1, close < 0 ? text.length : close), start, end);
    return true;
  }

  /** Level of a Lua long bracket at `at` (`[==[` → 2), or -1. */
  private luaLevel(at: number): number {
    const { text } = this;
    if (text[at] !== '[') return -1;
    let level = 0;
    while (text[at + 1 + level] === '=') level++;
    return text[at + 1 + level] === '[' ? level : -1;
  }

  private luaLongEnd(at: number): number | undefined {
    const level = this.luaLevel(at);
    if (level < 0) return undefined;
    const close = `]${'='.repeat(level)}]`;
    const end = this.text.indexOf(close, at + level + 2);
    return end < 0 ? this.text.length : end + close.length;
  }

  // -------------------------------------------------------------------------------------------
  // Here-documents: the body is one string token (its content is not tokenized).
  // -------------------------------------------------------------------------------------------

  private heredocStart(): boolean {
    const { text, pos, syntax } = this;
    const kind = syntax.heredoc ?? 'shell';
    const pattern = {
      shell: /^<<(-?)[ \t]*(?:'(\w+)'|"(\w+)"|\\?(\w+))/,
      ruby: /^<<([-~]?)(?:'(\w+)'|"(\w+)"|([A-Z_][A-Z0-9_]*)\b)/,
      php: /^<<<([ \t]*)(?:'(\w+)'|"(\w+)"|(\w+))/,
    }[kind];
    const m = pattern.exec(text.slice(pos, pos + 80));
    if (!m) return false;
    const tag = (m[2] ?? m[3] ?? m[4]) as string;
    this.heredocs.push({ tag, indented: m[1] !== '' || kind === 'php' });
    // Only the operator is consumed here; the tag after it is tokenized normally.
    const opLength = kind === 'php' ? 3 : 2;
    this.push('punct', text.slice(pos, pos + opLength), pos, pos + opLength);
    return true;
  }

  /** At the start of the line after heredoc openers: each body becomes one string token. */
  private heredocBodies(): void {
    const { text } = this;
    const pending = this.heredocs;
    this.heredocs = [];
    pending.forEach(({ tag, indented }, index) => {
      const bodyStart = this.pos;
      let lineStart = bodyStart;
      let bodyEnd = text.length;
      let afterTerminator = text.length;
      while (lineStart < text.length) {
        const lineEnd = this.lineEnd(lineStart);
        const line = text.slice(lineStart, lineEnd);
        const candidate = indented ? line.trim() : line;
        if (candidate.startsWith(tag) && !/\w/.test(candidate.charAt(tag.length)) && (indented || candidate.length === tag.length)) {
          bodyEnd = lineStart;
          afterTerminator = lineEnd;
          break;
        }
        lineStart = lineEnd + (text.startsWith('\r\n', lineEnd) ? 2 : 1);
      }
      if (bodyEnd > bodyStart) this.tokens.push({ type: 'string', value: text.slice(bodyStart, bodyEnd), start: bodyStart, end: bodyEnd });
      // The last terminator line (`EOF`, `EOT;`) is tokenized normally; earlier ones are skipped.
      this.pos = index === pending.length - 1 ? bodyEnd : Math.min(afterTerminator + 1, text.length);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Identifiers, numbers, punctuation
  // -------------------------------------------------------------------------------------------

  private identifier(): void {
    const start = this.pos;
    const end = this.identEnd(start + (this.text.charCodeAt(start) > 0xffff ? 2 : 1));
    const next = this.text[end];
    if ((next === '"' || next === "'" || next === '#') && end - start <= 3 && this.prefixedString(start, end)) return;
    const value = this.text.slice(start, end);
    const keywords = this.syntax.caseInsensitiveKeywords ? SQL_KEYWORDS : KEYWORDS;
    const isKeyword = keywords.has(this.syntax.caseInsensitiveKeywords ? value.toLowerCase() : value);
    this.push(isKeyword ? 'keyword' : 'identifier', value, start, end);
  }

  private number(): void {
    const { text } = this;
    const start = this.pos;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isAsciiDigit(c) || isAsciiIdentStart(c) || c === 39) i++;
      else if (c === 46 && text.charCodeAt(i + 1) !== 46) i++;
      else if ((c === 43 || c === 45) && /[eEpP]/.test(text[i - 1] as string) && !/^0[xX]/.test(text.slice(start, i))) i++;
      else break;
    }
    // A trailing apostrophe is a quote, not a digit separator.
    while (i > start + 1 && text.charCodeAt(i - 1) === 39) i--;
    this.push('number', text.slice(start, i), start, i);
  }

  private punct(): void {
    const { text, pos, syntax } = this;
    const c = text[pos] as string;
    if (syntax.sigils.includes(c)) {
      this.push('punct', c, pos, pos + 1);
      return;
    }
    for (const op of OPERATORS_BY_CHAR.get(c) ?? []) {
      if (!text.startsWith(op, pos)) continue;
      if ((op === '<-' || op === '<<-') && !syntax.arrowAssign) continue;
      this.push('punct', op, pos, pos + op.length);
      return;
    }
    const cp = text.codePointAt(pos) as number;
    const length = cp > 0xffff ? 2 : 1;
    this.push('punct', text.slice(pos, pos + length), pos, pos + length);
  }

  private lastSignificant(): Token | undefined {
    for (let i = this.tokens.length - 1; i >= 0; i--) {
      const token = this.tokens[i] as Token;
      if (token.type !== 'comment') return token;
    }
    return undefined;
  }
}
