// String-literal helpers shared by the JavaScript, generic and Markdown parsers: decoding
// escapes while remembering where each decoded character came from (so members of a
// comma-separated string get exact source ranges), and splitting "age,gender,race".

import type { Member } from '../types.js';

/** How a literal's body escapes characters. */
export type EscapeMode =
  | 'backslash' // C, JS, Python, Java … : \n \t \xHH \uHHHH \u{H} \NNN
  | 'none' // raw: Go backticks, Rust r"", shell '…'
  | 'double' // a doubled delimiter stands for one: SQL '', C# @"", MATLAB ''
  | 'backtick'; // PowerShell: `n `t ``

export interface Decoded {
  value: string;
  /** offsets[i] = source offset of decoded char i; offsets[value.length] = end of the body. */
  offsets?: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', e: '\x1b', '0': '\0',
};

function hexRun(text: string, at: number, max: number, to: number): number {
  let n = 0;
  while (n < max && at + n < to && /[0-9a-fA-F]/.test(text[at + n] as string)) n++;
  return n;
}

/** Length and decoded text of the backslash escape at `at` (text[at] === '\\'). */
function backslashEscape(text: string, at: number, to: number): [number, string] {
  const c = text[at + 1];
  if (c === undefined || at + 1 >= to) return [1, '\\'];
  if (c === '\r') return [text[at + 2] === '\n' ? 3 : 2, '']; // line continuation
  if (c === '\n' || c === '\u2028' || c === '\u2029') return [2, ''];
  if (c === 'x') {
    const n = hexRun(text, at + 2, 2, to);
    return n === 2 ? [4, String.fromCharCode(parseInt(text.slice(at + 2, at + 4), 16))] : [2, 'x'];
  }
  if (c === 'u' || c === 'U') {
    if (text[at + 2] === '{') {
      const close = text.slice(at + 3, Math.min(to, at + 12)).indexOf('}') + at + 3;
      const code = close > at + 3 ? parseInt(text.slice(at + 3, close), 16) : NaN;
      if (Number.isFinite(code) && code <= 0x10ffff) return [close - at + 1, String.fromCodePoint(code)];
      return [2, c];
    }
    const want = c === 'u' ? 4 : 8;
    const n = hexRun(text, at + 2, want, to);
    const code = parseInt(text.slice(at + 2, at + 2 + n), 16);
    if (n === want && code <= 0x10ffff) return [2 + n, String.fromCodePoint(code)];
    return [2, c];
  }
  if (c >= '0' && c <= '7') {
    let n = 1;
    while (n < 3 && at + 1 + n < to && /[0-7]/.test(text[at + 1 + n] as string)) n++;
    return [1 + n, String.fromCharCode(parseInt(text.slice(at + 1, at + 1 + n), 8))];
  }
  return [2, SIMPLE_ESCAPES[c] ?? c];
}

const BACKTICK_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };

/**
 * Decodes text[from, to) (a literal's body, without delimiters). `quote` is the delimiter,
 * needed by 'double' mode. With `withOffsets`, also maps each decoded char to its source.
 */
export function decodeBody(
  text: string, from: number, to: number, mode: EscapeMode, quote = '"', withOffsets = false,
): Decoded {
  const marker = mode === 'backslash' ? '\\' : mode === 'backtick' ? '`' : mode === 'double' ? quote : '';
  if (marker === '' || !hasChar(text, marker.charCodeAt(0), from, to)) {
    const value = text.slice(from, to);
    return withOffsets ? { value, offsets: identityOffsets(from, value.length) } : { value };
  }
  let value = '';
  const offsets: number[] | undefined = withOffsets ? [] : undefined;
  let i = from;
  while (i < to) {
    const c = text[i] as string;
    let len = 1;
    let out = c;
    if (mode === 'backslash' && c === '\\') [len, out] = backslashEscape(text, i, to);
    else if (mode === 'backtick' && c === '`' && i + 1 < to) {
      const n = text[i + 1] as string;
      len = 2;
      out = BACKTICK_ESCAPES[n] ?? n;
    } else if (mode === 'double' && c === quote && text[i + 1] === quote) len = 2;
    if (offsets) for (let k = 0; k < out.length; k++) offsets.push(i);
    value += out;
    i += len;
  }
  offsets?.push(to);
  return offsets ? { value, offsets } : { value };
}

/** Bounded search: `indexOf` would scan past `to`, making many short literals quadratic. */
function hasChar(text: string, code: number, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

function identityOffsets(from: number, length: number): number[] {
  const offsets = new Array<number>(length + 1);
  for (let k = 0; k <= length; k++) offsets[k] = from + k;
  return offsets;
}

const MAX_CSV_PART = 40;

/** Whether a decoded string looks like "age,gender,race": ≥2 non-empty parts of ≤40 chars, one line. */
export function isCsvString(value: string): boolean {
  if (value.indexOf(',') < 0 || value.length > 4000 || /[\r\n]/.test(value)) return false;
  let parts = 0;
  for (const part of value.split(',')) {
    const trimmed = part.trim();
    if (trimmed.length > MAX_CSV_PART) return false;
    if (trimmed.length > 0) parts++;
  }
  return parts >= 2;
}

/**
 * The parts of a comma-separated string as members, each with its source range. `offsets`
 * maps decoded chars to source offsets (see decodeBody); `ends`, when given, maps each char to
 * the source offset just after it (needed when chars come from several literals, as in a
 * shell word). Undefined if not a csv string.
 */
export function csvMembers(value: string, offsets: readonly number[], ends?: readonly number[]): Member[] | undefined {
  if (!isCsvString(value)) return undefined;
  const members: Member[] = [];
  let partStart = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value[i] !== ',') continue;
    let a = partStart;
    let b = i;
    while (a < b && /\s/.test(value[a] as string)) a++;
    while (b > a && /\s/.test(value[b - 1] as string)) b--;
    const end = ends ? (ends[b - 1] as number) : (offsets[b] as number);
    if (b > a) members.push({ value: value.slice(a, b), start: offsets[a] as number, end });
    partStart = i + 1;
  }
  return members;
}
