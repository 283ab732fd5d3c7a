// Jupyter notebooks (.ipynb). Each code cell's source — JSON strings, usually one per line —
// is decoded and joined into Python text, parsed with parsePython, and every offset is mapped
// back to the raw .ipynb text. Markdown and raw cells become 'text' tokens, one per line.
// Outputs are never read: they can be megabytes of base64 and are not the author's code.

import type { DataNode, ParseResult, Token } from '../types.js';
import { decodeJsonString, parseJsonTree } from './json.js';
import { parsePython } from './python.js';
import { remapParseResult } from './remap.js';
import type { OffsetMap } from './remap.js';

export function parseNotebook(text: string): ParseResult {
  const root = parseJsonTree(text);
  if (root.type !== 'object') throw new Error('notebook: the top-level JSON value is not an object');
  const out: ParseResult = { tokens: [], collections: [], pairs: [], calls: [] };
  for (const cell of cellsOf(root)) {
    if (cell.type !== 'object') continue;
    const type = field(cell, 'cell_type')?.value;
    const source = field(cell, 'source') ?? field(cell, 'input'); // nbformat 3 code cells use 'input'
    if (!source) continue;
    const virtual = cellSource(text, source);
    if (type === 'code') {
      const result = remapParseResult(parsePython(virtual.text), virtual.map);
      for (const t of result.tokens) out.tokens.push(t);
      for (const c of result.collections) out.collections.push(c);
      for (const p of result.pairs) out.pairs.push(p);
      for (const c of result.calls) out.calls.push(c);
    } else if (type === 'markdown' || type === 'raw' || type === 'heading') {
      for (const t of textLines(virtual)) out.tokens.push(t);
    }
  }
  return out;
}

function field(node: DataNode, key: string): DataNode | undefined {
  return node.entries?.find((e) => e.key === key)?.value;
}

/** Cells of nbformat 4 (`cells`) or 3 (`worksheets[].cells`). */
function cellsOf(root: DataNode): DataNode[] {
  const cells = field(root, 'cells');
  if (cells?.items) return cells.items;
  const all: DataNode[] = [];
  for (const sheet of field(root, 'worksheets')?.items ?? []) {
    for (const cell of field(sheet, 'cells')?.items ?? []) all.push(cell);
  }
  return all;
}

interface VirtualSource {
  text: string;
  map: OffsetMap;
}

/**
 * Joins a cell's source strings into one text, with the raw offset where each decoded char
 * starts and ends. Ends are kept apart because the char before a string boundary ends at its
 * own closing quote, not at the next string's first char.
 */
function cellSource(raw: string, source: DataNode): VirtualSource {
  const strings = source.type === 'string' ? [source] : (source.items ?? []).filter((n) => n.type === 'string');
  const decoded = strings.map((s) => decodeJsonString(raw, s.start, s.end));
  const length = decoded.reduce((sum, d) => sum + d.value.length, 0);
  const starts = new Int32Array(length + 1);
  const ends = new Int32Array(length);
  let i = 0;
  for (const { value, offsets } of decoded) {
    for (let k = 0; k < value.length; k++, i++) {
      starts[i] = offsets[k] as number;
      ends[i] = offsets[k + 1] as number;
    }
  }
  const last = strings[strings.length - 1];
  starts[length] = last ? last.end - 1 : source.start;
  const map: OffsetMap = (offset, isEnd) => {
    const o = Math.max(0, Math.min(offset, length));
    return isEnd && o > 0 ? (ends[o - 1] as number) : (starts[o] as number);
  };
  return { text: decoded.map((d) => d.value).join(''), map };
}

/** One 'text' token per non-blank line, its range the line's raw JSON string contents. */
function textLines({ text, map }: VirtualSource): Token[] {
  const tokens: Token[] = [];
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const end = text.charCodeAt(to - 1) === 13 && to > from ? to - 1 : to;
    const line = text.slice(from, end);
    if (line.trim()) tokens.push({ type: 'text', value: line, start: map(from, false), end: map(end, true) });
    from = to + 1;
  }
  return tokens;
}
