// JSON / JSONC parser with exact offsets. Written by hand, iteratively (an explicit stack
// instead of recursion), because scanned files are untrusted: 100,000 levels of nesting must
// not overflow the call stack and 50 MB of minified JSON must parse in linear time.
// Tolerates what JSONC allows (comments, trailing commas) plus NaN/Infinity, which Python's
// json.dump writes.

import type { DataEntry, DataNode, ParseResult, Token } from '../types.js';
import { extractData, mergeTokens } from './data-extract.js';

export interface JsonDocument {
  tree: DataNode;
  comments: Token[];
}

/** Parses JSON(C) into a DataNode tree; throws an Error naming line:column on a syntax error. */
export function parseJsonTree(text: string): DataNode {
  return parseJsonDocument(text).tree;
}

export function parseJson(text: string): ParseResult {
  const { tree, comments } = parseJsonDocument(text);
  const data = extractData([tree], text);
  return {
    tokens: mergeTokens(data.tokens, comments),
    collections: data.collections,
    pairs: data.pairs,
    calls: [],
    tree,
  };
}

/** 1-based line:column of `offset`, for error messages only. */
export function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}

const INTERN_MAX = 32;
const INTERN_ENTRIES = 50_000;

const enum Mode {
  Value, // a value is expected (or a closing ']' when closeAllowed)
  Key, // a property name is expected (or '}' when closeAllowed)
  After, // a value just ended: ',' or a closing bracket is expected
}

export function parseJsonDocument(text: string): JsonDocument {
  const n = text.length;
  const comments: Token[] = [];
  const stack: DataNode[] = [];
  // The key awaiting its value: always the next value read, so one slot is enough.
  let key = '';
  let keyStart = 0;
  let keyEnd = 0;
  let root: DataNode | undefined;
  let pos = 0;
  // Keys, numbers and short strings repeat across records; one copy each saves memory.
  const interned = new Map<string, string>();
  const intern = (s: string): string => {
    if (s.length > INTERN_MAX) return s;
    const known = interned.get(s);
    if (known !== undefined) return known;
    if (interned.size < INTERN_ENTRIES) interned.set(s, s);
    return s;
  };
  let mode = Mode.Value;
  let closeAllowed = false;

  function fail(message: string, at = pos): never {
    throw new Error(`JSON syntax error at ${lineColumn(text, at)}: ${message}`);
  }

  const skip = (): void => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else if (c === 47 /* / */ && text.charCodeAt(pos + 1) === 47) {
        let e = pos + 2;
        while (e < n && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
        comments.push({ type: 'comment', value: text.slice(pos, e), start: pos, end: e });
        pos = e;
      } else if (c === 47 && text.charCodeAt(pos + 1) === 42 /* * */) {
        const close = text.indexOf('*/', pos + 2);
        if (close < 0) fail('unterminated comment');
        comments.push({ type: 'comment', value: text.slice(pos, close + 2), start: pos, end: close + 2 });
        pos = close + 2;
      } else break;
    }
  };

  // Reads the string whose opening quote is at `pos`; leaves pos after the closing quote.
  const readString = (): string => {
    const open = pos;
    let escaped = false;
    for (pos++; ; pos++) {
      if (pos >= n) fail('unterminated string', open);
      const c = text.charCodeAt(pos);
      if (c === 34 /* " */) break;
      if (c === 10 || c === 13) fail('unterminated string', open);
      if (c === 92 /* \ */) {
        escaped = true;
        pos++;
      }
    }
    pos++;
    if (!escaped) return pos - open <= INTERN_MAX + 2 ? intern(text.slice(open + 1, pos - 1)) : text.slice(open + 1, pos - 1);
    const decoded = decodeContent(text, open + 1, pos - 1);
    if (typeof decoded === 'number') fail('invalid escape sequence', decoded);
    return decoded;
  };

  // Children of the open containers, innermost last. A container takes an exact-size copy of
  // its own when it closes: arrays grown by push keep a lot of slack, which adds up to
  // hundreds of MB on large files.
  const children: (DataNode | DataEntry)[] = [];
  const firstChild: number[] = [];
  const attach = (node: DataNode): void => {
    const top = stack[stack.length - 1];
    if (!top) root = node;
    else children.push(top.type === 'array' ? node : { key, keyStart, keyEnd, value: node });
  };

  const close = (): void => {
    const node = stack.pop() as DataNode;
    const from = firstChild.pop() as number;
    const own = children.slice(from);
    children.length = from;
    if (node.type === 'array') node.items = own as DataNode[];
    else node.entries = own as DataEntry[];
    node.end = ++pos;
    mode = Mode.After;
  };

  for (;;) {
    skip();
    if (mode === Mode.After) {
      const top = stack[stack.length - 1];
      if (!top) {
        if (pos < n) fail('unexpected content after the JSON value');
        break;
      }
      const c = text.charCodeAt(pos);
      if (c === 44 /* , */) {
        pos++;
        mode = top.type === 'object' ? Mode.Key : Mode.Value;
        closeAllowed = true; // JSONC trailing comma
      } else if ((c === 125 && top.type === 'object') || (c === 93 && top.type === 'array')) close();
      else fail(pos >= n ? 'unexpected end of input' : top.type === 'object' ? "expected ',' or '}'" : "expected ',' or ']'");
      continue;
    }
    if (pos >= n) fail('unexpected end of input');
    const c = text.charCodeAt(pos);
    if (mode === Mode.Key) {
      if (c === 125 /* } */ && closeAllowed) {
        close();
        continue;
      }
      if (c !== 34) fail('expected a property name in double quotes');
      keyStart = pos;
      key = readString();
      keyEnd = pos;
      skip();
      if (text.charCodeAt(pos) !== 58 /* : */) fail("expected ':' after a property name");
      pos++;
      mode = Mode.Value;
      closeAllowed = false;
      continue;
    }
    // Mode.Value
    if (c === 93 /* ] */ && closeAllowed && stack[stack.length - 1]?.type === 'array') {
      close();
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const node: DataNode =
        c === 123 ? { type: 'object', entries: [], start: pos, end: pos } : { type: 'array', items: [], start: pos, end: pos };
      attach(node);
      stack.push(node);
      firstChild.push(children.length);
      pos++;
      mode = c === 123 ? Mode.Key : Mode.Value;
      closeAllowed = true;
      continue;
    }
    const start = pos;
    let node: DataNode;
    if (c === 34) {
      const value = readString();
      node = { type: 'string', value, start, end: pos };
    } else {
      const word = readWord(text, pos);
      if (word === 'true' || word === 'false') node = { type: 'boolean', value: intern(word), start, end: pos + word.length };
      else if (word === 'null') node = { type: 'null', value: 'null', start, end: pos + word.length };
      else if (isJsonNumber(word)) node = { type: 'number', value: intern(word), start, end: pos + word.length };
      else fail(word ? `unexpected '${word.slice(0, 20)}'` : `unexpected character '${text[pos]}'`);
      pos += word.length;
    }
    attach(node);
    mode = Mode.After;
  }
  return { tree: root as DataNode, comments };
}

/** The run of number/identifier characters at `pos` (a number, true/false/null, NaN, Infinity). */
function readWord(text: string, pos: number): string {
  let e = pos;
  for (;;) {
    const c = text.charCodeAt(e);
    const ok =
      (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 45 || c === 46;
    if (!ok) break;
    e++;
  }
  return text.slice(pos, e);
}

const NUMBER = /^-?(?:(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|Infinity)$|^NaN$/;

function isJsonNumber(word: string): boolean {
  return NUMBER.test(word);
}

/** Decoded char code of the escape whose backslash is at `pos`, or -1 when invalid. */
function escapeCode(text: string, pos: number): number {
  const e = text.charCodeAt(pos + 1);
  switch (e) {
    case 34: case 92: case 47: return e; // " \ /
    case 98: return 8; // b
    case 102: return 12; // f
    case 110: return 10; // n
    case 114: return 13; // r
    case 116: return 9; // t
    case 117: { // u
      const hex = text.slice(pos + 2, pos + 6);
      return /^[0-9a-fA-F]{4}$/.test(hex) ? parseInt(hex, 16) : -1;
    }
    default: return -1;
  }
}

/**
 * Decodes raw string contents text[from, to) into a UTF-16 buffer (linear, no string
 * concatenation), recording in `offsets` the raw start of each decoded unit. Returns the
 * offset of the first invalid escape instead when `offsets` is not given (strict mode);
 * with offsets, an invalid escape is kept verbatim.
 */
function decodeContent(text: string, from: number, to: number, offsets?: number[]): string | number {
  const buf = new Uint16Array(to - from);
  let len = 0;
  for (let pos = from; pos < to; ) {
    const c = text.charCodeAt(pos);
    const code = c === 92 ? escapeCode(text, pos) : c;
    if (code < 0 && !offsets) return pos;
    offsets?.push(pos);
    buf[len++] = code < 0 ? c : code;
    pos += code < 0 || c !== 92 ? 1 : text.charCodeAt(pos + 1) === 117 ? 6 : 2;
  }
  let value = '';
  // apply() takes the typed array as it is (spreading would go through its iterator).
  const chunk = (i: number): number[] => buf.subarray(i, Math.min(len, i + 8192)) as unknown as number[];
  for (let i = 0; i < len; i += 8192) value += String.fromCharCode.apply(null, chunk(i));
  return value;
}

/**
 * Decodes the JSON string token text[start, end) (quotes included) and maps each decoded
 * UTF-16 unit back to the raw offset where it starts; offsets[value.length] is the offset of
 * the closing quote, so the raw end of char i is offsets[i + 1]. Assumes a string that
 * parseJsonTree accepted; an invalid escape is kept verbatim.
 */
export function decodeJsonString(text: string, start: number, end: number): { value: string; offsets: number[] } {
  const offsets: number[] = [];
  const value = decodeContent(text, start + 1, end - 1, offsets) as string;
  offsets.push(end - 1);
  return { value, offsets };
}
