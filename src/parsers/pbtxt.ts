// Protocol buffer text format (TF Object Detection label maps and similar):
//   item { id: 1 name: 'asian' display_name: "Asian" }
// Parsed iteratively into a DataNode tree in which a message is an object and a repeated
// field is a repeated entry (same key, in order). Beyond the shared extraction, the string
// fields of repeated messages form one 'items' collection per field name.

import type { Collection, DataEntry, DataNode, Member, ParseResult, Token } from '../types.js';
import { extractData, mergeTokens } from './data-extract.js';
import { lineColumn } from './json.js';

export function parsePbtxt(text: string): ParseResult {
  const { tree, comments } = parsePbtxtTree(text);
  // No per-message 'map' collections: the 'items' collections below carry the same labels.
  const data = extractData([tree], text, { maps: false });
  return {
    tokens: mergeTokens(data.tokens, comments),
    collections: [...data.collections, ...repeatedCollections(tree)],
    pairs: data.pairs,
    calls: [],
    tree,
  };
}

interface Frame {
  node: DataNode;
  closer: number; // char code that closes it: '}' '>' ']', or -1 for the top level
}

export function parsePbtxtTree(text: string): { tree: DataNode; comments: Token[] } {
  const n = text.length;
  const comments: Token[] = [];
  const tree: DataNode = { type: 'object', entries: [], start: 0, end: n };
  const stack: Frame[] = [{ node: tree, closer: -1 }];
  let pos = 0;

  function fail(message: string, at = pos): never {
    throw new Error(`pbtxt syntax error at ${lineColumn(text, at)}: ${message}`);
  }

  const skip = (): void => {
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) pos++;
      else if (c === 35 /* # */) {
        let e = pos;
        while (e < n && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
        comments.push({ type: 'comment', value: text.slice(pos, e), start: pos, end: e });
        pos = e;
      } else break;
    }
  };

  // A scalar: adjacent strings are concatenated ("a" "b"), otherwise a number or identifier.
  const readScalar = (): DataNode => {
    const start = pos;
    const q = text.charCodeAt(pos);
    if (q === 34 || q === 39) {
      let value = '';
      let end = pos;
      while (text.charCodeAt(pos) === 34 || text.charCodeAt(pos) === 39) {
        value += readString();
        end = pos;
        const seen = comments.length;
        skip(); // look ahead for an adjacent string; comments are rescanned after the rewind
        comments.length = seen;
      }
      pos = end;
      return { type: 'string', value, start, end };
    }
    let e = pos;
    while (e < n && /[\w.+-]/.test(text[e] as string)) e++;
    const word = text.slice(pos, e);
    if (!word) fail(pos >= n ? 'unexpected end of input' : `unexpected character '${text[pos]}'`);
    pos = e;
    if (/^(true|false|True|False|t|f)$/.test(word)) return { type: 'boolean', value: word, start, end: e };
    if (/^[-+.\d]|^(inf|nan|infinity)$/i.test(word)) return { type: 'number', value: word, start, end: e };
    return { type: 'string', value: word, start, end: e }; // enum value
  };

  const readString = (): string => {
    const open = pos;
    const quote = text.charCodeAt(pos++);
    let value = '';
    let seg = pos;
    for (;;) {
      if (pos >= n) fail('unterminated string', open);
      const c = text.charCodeAt(pos);
      if (c === quote) break;
      if (c === 10 || c === 13) fail('unterminated string', open);
      if (c !== 92) {
        pos++;
        continue;
      }
      value += text.slice(seg, pos);
      const esc = /^\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\s\S]))/.exec(
        text.slice(pos, pos + 10),
      );
      if (!esc) fail('unterminated string', open); // a backslash at the end of input
      const [all, oct, hex, u4, u8, ch] = esc;
      if (oct) value += String.fromCharCode(parseInt(oct, 8));
      else if (hex) value += String.fromCharCode(parseInt(hex, 16));
      else if (u4 || u8) value += String.fromCodePoint(Math.min(parseInt((u4 ?? u8) as string, 16), 0x10ffff));
      else value += ESCAPES[ch as string] ?? ch;
      pos += all.length;
      seg = pos;
    }
    value += text.slice(seg, pos);
    pos++;
    return value;
  };

  for (;;) {
    skip();
    const frame = stack[stack.length - 1] as Frame;
    const c = pos < n ? text.charCodeAt(pos) : -1;
    if (c === frame.closer && frame.closer !== -1) {
      frame.node.end = ++pos;
      stack.pop();
      continue;
    }
    if (c === -1) {
      if (stack.length > 1) fail('unexpected end of input');
      break;
    }
    if (c === 59 || c === 44) {
      pos++; // ';' and ',' separate fields and list items
      continue;
    }
    if (frame.node.type === 'array') {
      if (c === 123 || c === 60) open(frame.node, null);
      else (frame.node.items as DataNode[]).push(readScalar());
      continue;
    }
    // A field: name [':'] value
    const keyStart = pos;
    if (c === 91 /* [ extension or Any type URL ] */) {
      const close = text.indexOf(']', pos);
      if (close < 0) fail("unterminated '['");
      pos = close + 1;
    } else {
      while (pos < n && /\w/.test(text[pos] as string)) pos++;
      if (pos === keyStart) fail(c === 125 || c === 62 || c === 93 ? `unexpected '${text[pos]}'` : 'expected a field name');
    }
    const entry = { key: text.slice(keyStart, pos), keyStart, keyEnd: pos };
    skip();
    if (text.charCodeAt(pos) === 58 /* : */) {
      pos++;
      skip();
    }
    const v = text.charCodeAt(pos);
    if (v === 123 || v === 60 || v === 91) open(frame.node, entry);
    else (frame.node.entries as DataEntry[]).push({ ...entry, value: readScalar() });
  }
  return { tree, comments };

  // Opens a message ('{' or '<') or a list ('[') as a child of `parent`.
  function open(parent: DataNode, entry: Omit<DataEntry, 'value'> | null): void {
    const c = text.charCodeAt(pos);
    const node: DataNode =
      c === 91 ? { type: 'array', items: [], start: pos, end: pos } : { type: 'object', entries: [], start: pos, end: pos };
    if (entry) (parent.entries as DataEntry[]).push({ ...entry, value: node });
    else (parent.items as DataNode[]).push(node);
    stack.push({ node, closer: c === 91 ? 93 : c === 60 ? 62 : 125 });
    pos++;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };

const MAX_PATH = 32;

/**
 * For every message: each field name repeated with message values ('item') becomes an 'items'
 * collection of those messages' string fields; a field repeated with string values becomes a
 * 'list'. Top-level message fields count even when they occur once (a one-item label map).
 */
function repeatedCollections(tree: DataNode): Collection[] {
  const out: Collection[] = [];
  const stack: { node: DataNode; path: string[] }[] = [{ node: tree, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: DataNode; path: string[] };
    const groups = new Map<string, DataEntry[]>();
    for (const entry of node.entries ?? []) {
      const group = groups.get(entry.key);
      if (group) group.push(entry);
      else groups.set(entry.key, [entry]);
      const childPath = path.length >= MAX_PATH ? [...path.slice(1), entry.key] : [...path, entry.key];
      pushChildren(entry.value, childPath, stack);
    }
    for (const item of node.items ?? []) pushChildren(item, path, stack);
    for (const [key, entries] of groups) {
      const messages = entries.filter((e) => e.value.type === 'object');
      const strings = entries.filter((e) => e.value.type === 'string');
      const first = entries[0] as DataEntry;
      const last = entries[entries.length - 1] as DataEntry;
      const span = { path, start: first.keyStart, end: last.value.end };
      if (messages.length > 1 || (messages.length === 1 && node === tree)) {
        const members: Member[] = [];
        for (const m of messages) {
          for (const field of m.value.entries ?? []) {
            const v = field.value;
            if (v.type === 'string' && v.value !== undefined) members.push({ value: v.value, start: v.start, end: v.end });
          }
        }
        if (members.length > 0) out.push({ form: 'items', name: key, members, ...span });
      }
      if (strings.length > 1) {
        const members = strings.map((e) => ({ value: e.value.value as string, start: e.value.start, end: e.value.end }));
        out.push({ form: 'list', name: key, members, ...span });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function pushChildren(node: DataNode, path: string[], stack: { node: DataNode; path: string[] }[]): void {
  if (node.type === 'object' || node.type === 'array') stack.push({ node, path });
}
