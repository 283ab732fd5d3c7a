// DataNode tree → tokens, collections and pairs: the shared extraction for JSON, YAML and
// pbtxt. Walks with an explicit stack (trees come from untrusted files and can be 100,000
// levels deep) and caps the materialised key path so deep trees stay linear.

import type { Collection, DataEntry, DataNode, Member, Pair, Token } from '../types.js';

export interface Extracted {
  tokens: Token[];
  collections: Collection[];
  pairs: Pair[];
}

export interface ExtractOptions {
  /** Emit a 'map' collection per object (default true; pbtxt builds 'items' instead). */
  maps?: boolean;
}

/** Paths keep their innermost segments only; deeper context never matters to a rule. */
const MAX_PATH = 32;
const NUMERIC_KEY = /^[+-]?\d+$/;
/** Comma-separated strings: at most this many chars in all, and per part. */
const CSV_MAX_LENGTH = 2000;
const CSV_MAX_PART = 40;

interface Frame {
  node: DataNode;
  /** Key (or array index) holding this node. */
  name: string | undefined;
  /** Key path of the container holding this node. */
  path: string[];
  /** Token of the key holding this node, emitted just before the value (document order). */
  keyToken?: Token;
  /** This scalar's token, when the parent already made it (to share it as a member). */
  token?: Token;
  /** This array's string-item tokens, when the parent already made them for its pair. */
  list?: Token[];
  /** csv-string parts already computed for this string by its parent (null: none). */
  parts?: Member[] | null;
}

/**
 * Extracts from one or more roots (YAML streams hold several documents). A string's token
 * object doubles as its Member in collections and pairs (a Token is a Member with a type):
 * large data files make millions of them, and sharing roughly halves the memory.
 */
export function extractData(roots: readonly DataNode[], text: string, options: ExtractOptions = {}): Extracted {
  const maps = options.maps !== false;
  const tokens: Token[] = [];
  const collections: Collection[] = [];
  const pairs: Pair[] = [];
  const stack: Frame[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i] as DataNode, name: undefined, path: [] });

  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { node, name, path } = frame;
    if (frame.keyToken) tokens.push(frame.keyToken);
    const childPath = name === undefined ? path : extend(path, name);
    if (node.type === 'object') {
      const entries = node.entries ?? [];
      const members: Member[] = [];
      const frames: Frame[] = new Array<Frame>(entries.length);
      for (let i = 0; i < entries.length; i++) {
        const { key, keyStart, keyEnd, value } = entries[i] as DataEntry;
        const keyToken: Token = { type: 'key', value: key, start: keyStart, end: keyEnd };
        if (!NUMERIC_KEY.test(key)) members.push(keyToken);
        // Objects are built whole (no properties added later): millions of them on large files.
        let token: Token | undefined;
        let list: Token[] | undefined;
        let parts: Member[] | null = null;
        if (value.type === 'array') {
          const items = value.items ?? [];
          if (items.every(isScalar)) list = stringTokens(items);
        } else if (value.type === 'string' && value.value !== undefined) {
          token = scalarToken(value) as Token;
          members.push(token);
          parts = csvParts(value, text) ?? null;
        }
        if (list || isScalar(value)) {
          const values = list ?? parts ?? undefined;
          pairs.push({ key, keyStart, keyEnd, value: value.value, values, path: childPath, start: keyStart, end: value.end });
        }
        const child: Frame = { node: value, name: key, path: childPath, keyToken, token, list, parts };
        frames[i] = child;
      }
      if (maps && members.length > 0) {
        collections.push({ form: 'map', name, path, members: members.slice(), start: node.start, end: node.end });
      }
      for (let i = frames.length - 1; i >= 0; i--) stack.push(frames[i] as Frame);
    } else if (node.type === 'array') {
      const items = node.items ?? [];
      const list = frame.list ?? stringTokens(items);
      if (list.length > 0) collections.push({ form: 'list', name, path, members: list, start: node.start, end: node.end });
      const frames: Frame[] = new Array<Frame>(items.length);
      for (let i = 0, k = 0; i < items.length; i++) {
        const item = items[i] as DataNode;
        const token = item.type === 'string' && item.value !== undefined ? list[k++] : undefined;
        frames[i] = { node: item, name: indexName(i), path: childPath, token };
      }
      for (let i = frames.length - 1; i >= 0; i--) stack.push(frames[i] as Frame);
    } else {
      const token = frame.token ?? scalarToken(node);
      if (!token) continue;
      tokens.push(token);
      if (node.type !== 'string') continue;
      const parts = frame.parts === undefined ? csvParts(node, text) : frame.parts;
      if (parts) collections.push({ form: 'csv-string', name, path, members: parts, start: node.start, end: node.end });
    }
  }
  return { tokens, collections, pairs };
}

function extend(path: string[], name: string): string[] {
  return path.length >= MAX_PATH ? [...path.slice(1), name] : [...path, name];
}

const INDEX_NAMES: string[] = [];
/** '0', '1' … shared for small indices (every record of a large array would repeat them). */
function indexName(i: number): string {
  if (i >= 1024) return String(i);
  return (INDEX_NAMES[i] ??= String(i));
}

function isScalar(node: DataNode): boolean {
  return node.type !== 'object' && node.type !== 'array';
}

function scalarToken(node: DataNode): Token | undefined {
  if (node.value === undefined) return undefined;
  const type = node.type === 'string' ? 'string' : node.type === 'number' ? 'number' : 'keyword';
  return { type, value: node.value, start: node.start, end: node.end };
}

/** Tokens of the string items, in an exact-size array. */
function stringTokens(items: readonly DataNode[]): Token[] {
  let count = 0;
  for (const item of items) if (item.type === 'string' && item.value !== undefined) count++;
  const out = new Array<Token>(count);
  let k = 0;
  for (const item of items) if (item.type === 'string' && item.value !== undefined) out[k++] = scalarToken(item) as Token;
  return out;
}

/**
 * Parts of a comma-separated string scalar ("gender,age,ethnicity"), trimmed, with exact
 * ranges when the raw text between the quotes equals the decoded value (no escapes); otherwise
 * each part gets the whole scalar's range.
 */
export function csvParts(node: DataNode, text: string): Member[] | undefined {
  const value = node.value;
  if (value === undefined || value.length > CSV_MAX_LENGTH || !value.includes(',') || /[\r\n]/.test(value)) {
    return undefined;
  }
  let base = -1;
  const raw = text.slice(node.start, node.end);
  if (raw === value) base = node.start;
  else if (raw.length === value.length + 2 && /^["']/.test(raw) && raw.slice(1, -1) === value) base = node.start + 1;
  const members: Member[] = [];
  let from = 0;
  for (const part of value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const trimmed = part.trim();
    if (trimmed.length > CSV_MAX_PART) return undefined;
    if (trimmed) {
      const s = from + lead;
      members.push(
        base >= 0
          ? { value: trimmed, start: base + s, end: base + s + trimmed.length }
          : { value: trimmed, start: node.start, end: node.end },
      );
    }
    from += part.length + 1;
  }
  return members.length >= 2 ? members : undefined;
}

/** Merges two token lists into one sorted by start. */
export function mergeTokens(a: Token[], b: Token[]): Token[] {
  sortByStart(a);
  sortByStart(b);
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Token[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Token;
    const y = b[j] as Token;
    if (x.start <= y.start) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++] as Token);
  while (j < b.length) out.push(b[j++] as Token);
  return out;
}

/** Sorts in place unless already sorted (the common case, checked in linear time). */
function sortByStart(tokens: Token[]): void {
  for (let i = 1; i < tokens.length; i++) {
    if ((tokens[i] as Token).start < (tokens[i - 1] as Token).start) {
      tokens.sort((x, y) => x.start - y.start);
      return;
    }
  }
}
