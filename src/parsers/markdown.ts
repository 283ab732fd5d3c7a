// Markdown: prose lines become 'text' tokens (raw slices, so `start + i` maps exactly), HTML
// comments become 'comment' tokens, fenced code blocks are parsed by the parser for their
// info-string language and shifted into place, and GFM tables yield one 'column' collection
// per header cell. Linear in the input; no recursion.

import type { Collection, Member, ParseResult, Token } from '../types.js';
import { parseGeneric } from './generic.js';
import { parseJavaScript } from './javascript.js';
import { parseJson } from './json.js';
import { parsePython } from './python.js';
import { remapParseResult } from './remap.js';
import { parseYaml } from './yaml.js';

interface Line {
  start: number;
  /** End of the line's content, before its line break. */
  end: number;
}

interface Output {
  tokens: Token[];
  collections: ParseResult['collections'];
  pairs: ParseResult['pairs'];
  calls: ParseResult['calls'];
}

export function parseMarkdown(text: string): ParseResult {
  const lines = splitLines(text);
  const out: Output = { tokens: [], collections: [], pairs: [], calls: [] };
  const headings: string[] = [];
  let commentStart = -1; // inside an HTML comment that began at this offset
  let i = frontMatter(text, lines, out);
  while (i < lines.length) {
    const line = lines[i] as Line;
    if (commentStart < 0) {
      const fence = openingFence(text, line);
      if (fence) {
        i = fencedBlock(text, lines, i, fence, out);
        continue;
      }
      const tableEnd = table(text, lines, i, headings, out);
      if (tableEnd > i) {
        for (; i < tableEnd; i++) commentStart = proseLine(text, lines[i] as Line, commentStart, out);
        continue;
      }
      heading(text, line, headings);
    }
    commentStart = proseLine(text, line, commentStart, out);
    i++;
  }
  if (commentStart >= 0) out.tokens.push(commentToken(text, commentStart, text.length));
  const byStart = (a: { start: number }, b: { start: number }): number => a.start - b.start;
  return {
    tokens: out.tokens.sort(byStart),
    collections: out.collections.sort(byStart),
    pairs: out.pairs.sort(byStart),
    calls: out.calls.sort(byStart),
  };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    lines.push({ start, end: i });
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

function lineText(text: string, line: Line): string {
  return text.slice(line.start, line.end);
}

// ---------------------------------------------------------------------------------------------
// Prose and HTML comments
// ---------------------------------------------------------------------------------------------

/**
 * Emits the line's prose as 'text' tokens and its `<!-- -->` comments as 'comment' tokens.
 * Returns the start of a comment still open at the end of the line, or -1.
 */
function proseLine(text: string, line: Line, commentStart: number, out: Output): number {
  let pos = line.start;
  let open = commentStart;
  while (pos < line.end) {
    if (open >= 0) {
      // Searched within the line: an unclosed comment must not make every line scan to EOF.
      const found = text.slice(pos, line.end).indexOf('-->');
      if (found < 0) return open;
      const close = pos + found + 3;
      out.tokens.push(commentToken(text, open, close));
      pos = close;
      open = -1;
      continue;
    }
    const next = text.slice(pos, line.end).indexOf('<!--');
    const proseEnd = next < 0 ? line.end : pos + next;
    pushText(text, pos, proseEnd, out);
    if (next < 0) break;
    open = proseEnd;
    pos = proseEnd + 4;
  }
  return open;
}

function pushText(text: string, start: number, end: number, out: Output): void {
  const value = text.slice(start, end);
  if (value.trim() !== '') out.tokens.push({ type: 'text', value, start, end });
  inlineEnumerations(value, start, out);
}

// A name and, in brackets, three or more short items between slashes, 、 or commas: a model
// card's "race (asian / white / black / indian)", "人种（黄种人 / 白种人 / 黑种人）".
// The name starts a word and is at most 40 characters: no backtracking through long runs.
const INLINE_ENUMERATION = /(?<![\p{L}\p{N}_-])([\p{L}\p{N}_-]{1,40})\s{0,3}[(（]([^()（）\n]{3,200})[)）]/gu;
const ENUMERATION_SEPARATOR = /\s*(?:[\/／、,，|])\s*/u;
const MAX_ITEM_LENGTH = 32;

/** Inline enumerations of a prose line, as collections named by the word before the bracket. */
function inlineEnumerations(value: string, start: number, out: Output): void {
  for (const m of value.matchAll(INLINE_ENUMERATION)) {
    const body = m[2] as string;
    const bodyStart = start + (m.index as number) + m[0].indexOf(body, (m[1] as string).length);
    const members: Member[] = [];
    let at = 0;
    for (const part of body.split(ENUMERATION_SEPARATOR)) {
      const offset = body.indexOf(part, at);
      at = offset + part.length;
      const item = part.trim();
      if (item === '' || item.length > MAX_ITEM_LENGTH || /\s\S+\s/.test(item)) {
        members.length = 0;
        break;
      }
      const itemStart = bodyStart + offset + part.indexOf(item);
      members.push({ value: item, start: itemStart, end: itemStart + item.length });
    }
    if (members.length < 3) continue;
    out.collections.push({ form: 'list', name: m[1], path: [], members, start: start + (m.index as number), end: start + (m.index as number) + m[0].length });
  }
}

function commentToken(text: string, start: number, end: number): Token {
  return { type: 'comment', value: text.slice(start, end), start, end };
}

/** ATX headings keep a path of enclosing section titles for table columns. */
function heading(text: string, line: Line, headings: string[]): void {
  const m = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(lineText(text, line));
  if (!m) return;
  const level = (m[1] as string).length;
  headings.length = Math.min(headings.length, level - 1);
  while (headings.length < level - 1) headings.push('');
  headings.push((m[2] as string).trim());
}

// ---------------------------------------------------------------------------------------------
// Front matter and fenced code
// ---------------------------------------------------------------------------------------------

/** A leading `---` … `---` block is YAML. Returns the index of the first line after it. */
function frontMatter(text: string, lines: Line[], out: Output): number {
  if (lines.length === 0 || lineText(text, lines[0] as Line) !== '---') return 0;
  for (let i = 1; i < lines.length; i++) {
    const value = lineText(text, lines[i] as Line);
    if (value !== '---' && value !== '...') continue;
    const start = (lines[1] as Line).start;
    const end = (lines[i] as Line).start;
    merge(out, parseEmbedded(text.slice(start, end), 'yaml'), start);
    return i + 1;
  }
  return 0;
}

interface Fence {
  char: string;
  length: number;
  language: string;
}

function openingFence(text: string, line: Line): Fence | undefined {
  const m = /^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)[^`]*$/.exec(lineText(text, line))
    ?? /^[ \t]*(~{3,})[ \t]*(\S*).*$/.exec(lineText(text, line));
  if (!m) return undefined;
  const marker = m[1] as string;
  return { char: marker[0] as string, length: marker.length, language: fenceLanguage(m[2] as string) };
}

/** `{.python}`, `python title="x"`, `Python3` → a parser language name. */
function fenceLanguage(info: string): string {
  return info.replace(/^\{?\.?/, '').replace(/[{}].*$/, '').replace(/,.*$/, '').toLowerCase();
}

function isClosingFence(text: string, line: Line, fence: Fence): boolean {
  const value = lineText(text, line).trim();
  if (value.length < fence.length) return false;
  for (let k = 0; k < value.length; k++) if (value[k] !== fence.char) return false;
  return true;
}

/** Parses the block after the opening fence at line `open`; returns the line after the block. */
function fencedBlock(text: string, lines: Line[], open: number, fence: Fence, out: Output): number {
  let close = open + 1;
  while (close < lines.length && !isClosingFence(text, lines[close] as Line, fence)) close++;
  const contentStart = (lines[open + 1] as Line | undefined)?.start ?? text.length;
  const contentEnd = close < lines.length ? (lines[close] as Line).start : text.length;
  if (contentEnd > contentStart) merge(out, parseEmbedded(text.slice(contentStart, contentEnd), fence.language), contentStart);
  return close + 1;
}

const PYTHON = new Set(['python', 'py', 'python3', 'py3', 'ipython', 'ipython3', 'pycon', 'sage', 'python2']);
const JSON_LANGUAGES = new Set(['json', 'jsonc', 'json5', 'geojson']);
const YAML = new Set(['yaml', 'yml']);
const JAVASCRIPT: Record<string, string> = {
  js: 'javascript', javascript: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript', jsx: 'jsx',
  ts: 'typescript', typescript: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx',
};

/** Parses a code block's content; a dedicated parser that fails falls back to the generic one. */
function parseEmbedded(code: string, language: string): ParseResult {
  try {
    if (PYTHON.has(language)) return parsePython(code);
    if (JSON_LANGUAGES.has(language)) return parseJson(code);
    if (YAML.has(language)) return parseYaml(code);
    const js = JAVASCRIPT[language];
    if (js) return parseJavaScript(code, js);
  } catch {
    // Fall through: a snippet with a syntax error is still worth tokenizing.
  }
  return parseGeneric(code, genericLanguage(language));
}

function genericLanguage(language: string): string {
  if (PYTHON.has(language)) return 'python';
  if (JSON_LANGUAGES.has(language) || JAVASCRIPT[language]) return 'javascript';
  if (YAML.has(language)) return 'shell'; // '#' comments, quoted scalars
  // An unlabelled fence gets the generic C-like syntax: it finds quoted lists and calls.
  return language === '' ? 'code' : language;
}

/** Appends a block's results, shifted from block offsets to file offsets. */
function merge(out: Output, result: ParseResult, base: number): void {
  const shifted = remapParseResult(result, (offset) => offset + base);
  for (const token of shifted.tokens) out.tokens.push(token);
  for (const collection of shifted.collections) out.collections.push(collection);
  for (const pair of shifted.pairs) out.pairs.push(pair);
  for (const call of shifted.calls) out.calls.push(call);
}

// ---------------------------------------------------------------------------------------------
// GFM tables
// ---------------------------------------------------------------------------------------------

const DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/**
 * A table whose header is line `i`: emits one 'column' collection per header cell and
 * returns the index of the line after the table, or `i` if there is no table here.
 */
function table(text: string, lines: Line[], i: number, headings: string[], out: Output): number {
  const header = lines[i] as Line;
  const delimiter = lines[i + 1];
  if (!delimiter || !lineText(text, header).includes('|')) return i;
  const delimiterText = lineText(text, delimiter);
  if (!delimiterText.includes('|') || !DELIMITER_ROW.test(delimiterText)) return i;
  const headerCells = cells(text, header);
  if (headerCells.length !== cells(text, delimiter).length) return i;
  const columns: Member[][] = headerCells.map(() => []);
  let end = i + 2;
  for (; end < lines.length; end++) {
    const row = lines[end] as Line;
    const value = lineText(text, row);
    if (value.trim() === '' || !value.includes('|') || openingFence(text, row)) break;
    cells(text, row).forEach((cell, column) => {
      if (column < columns.length && cell.value !== '') (columns[column] as Member[]).push(cell);
    });
  }
  const path = headings.filter((h) => h !== '');
  headerCells.forEach((cell, column) => {
    const members = columns[column] as Member[];
    const last = members[members.length - 1];
    const collection: Collection = { form: 'column', path: [...path], members, start: cell.start, end: last?.end ?? cell.end };
    if (cell.value !== '') collection.name = cell.value;
    out.collections.push(collection);
  });
  return end;
}

/** Cells of a table row, split at unescaped pipes, trimmed, with exact ranges. */
function cells(text: string, line: Line): Member[] {
  const bounds: number[] = [line.start - 1];
  for (let k = line.start; k < line.end; k++) {
    if (text.charCodeAt(k) === 124 && text.charCodeAt(k - 1) !== 92) bounds.push(k);
  }
  bounds.push(line.end);
  const out: Member[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    let start = (bounds[b] as number) + 1;
    let end = bounds[b + 1] as number;
    while (start < end && /\s/.test(text[start] as string)) start++;
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    const edge = b === 0 || b + 2 === bounds.length;
    if (edge && start === end) continue; // outside a leading or trailing pipe
    out.push({ value: cellValue(text.slice(start, end)), start, end });
  }
  return out;
}

/** `\|` → `|`, and wrapping `code` / **strong** / _emphasis_ markers removed. */
function cellValue(raw: string): string {
  let value = raw.replace(/\\\|/g, '|');
  for (let n = 0; n < 3; n++) {
    const m = /^(`+|\*\*|__|\*|_)(.+)\1$/s.exec(value);
    if (!m) break;
    value = (m[2] as string).trim();
  }
  return value;
}
