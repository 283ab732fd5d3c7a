// YAML through the `yaml` package's CST parser and composer. The composed node tree is copied
// into DataNodes iteratively; aliases stay leaves and toJS is never called, so alias bombs
// ("billion laughs") never expand. Comments come from the CST, which has their exact offsets.

import { Composer, Parser, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { CST, Node as YamlNode } from 'yaml';
import { computeLineStarts, positionAt } from '../positions.js';
import type { DataEntry, DataNode, ParseResult, Token } from '../types.js';
import { extractData, mergeTokens } from './data-extract.js';

export function parseYaml(text: string): ParseResult {
  const cst = Array.from(new Parser().parse(text));
  // uniqueKeys: false — duplicate keys are a lint matter, not a reason to fall back to text.
  const docs = Array.from(new Composer({ prettyErrors: false, uniqueKeys: false }).compose(cst, true, text.length));
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const { line, column } = positionAt(computeLineStarts(text), error.pos[0]);
      throw new Error(`YAML syntax error at ${line}:${column}: ${error.message.split('\n')[0]}`);
    }
  }
  const roots: DataNode[] = [];
  for (const doc of docs) if (doc.contents) roots.push(convert(doc.contents as YamlNode, text));
  const data = extractData(roots, text);
  const result: ParseResult = {
    tokens: mergeTokens(data.tokens, cstComments(cst)),
    collections: data.collections,
    pairs: data.pairs,
    calls: [],
  };
  // Several documents become one array node spanning the stream.
  if (roots.length === 1) result.tree = roots[0];
  else if (roots.length > 1) result.tree = { type: 'array', items: roots, start: 0, end: text.length };
  return result;
}

/** Shallow DataNode for a YAML node; collections get their children filled by `convert`. */
function shallow(node: YamlNode | null | undefined, text: string, at: number): DataNode {
  const range = node?.range;
  const start = range ? range[0] : at;
  const end = range ? range[1] : at;
  if (!node || isAlias(node)) return { type: 'null', start, end }; // an alias is a leaf: never followed
  if (isMap(node)) return { type: 'object', entries: [], start, end };
  if (isSeq(node)) return { type: 'array', items: [], start, end };
  const value: unknown = isScalar(node) ? node.value : undefined;
  const source = text.slice(start, end);
  if (typeof value === 'string') return { type: 'string', value, start, end };
  if (typeof value === 'number' || typeof value === 'bigint') return { type: 'number', value: source, start, end };
  if (typeof value === 'boolean') return { type: 'boolean', value: source, start, end };
  if (value === null || value === undefined) return { type: 'null', value: source || undefined, start, end };
  return { type: 'string', value: source, start, end }; // timestamps, binary … (YAML 1.1 tags)
}

/** Copies a composed YAML tree into DataNodes with an explicit stack. */
function convert(rootNode: YamlNode, text: string): DataNode {
  const root = shallow(rootNode, text, 0);
  const stack: [YamlNode, DataNode][] = [[rootNode, root]];
  while (stack.length > 0) {
    const [node, data] = stack.pop() as [YamlNode, DataNode];
    if (isSeq(node)) {
      for (const item of node.items) {
        const child = shallow(item as YamlNode | null, text, data.end);
        (data.items as DataNode[]).push(child);
        if (item) stack.push([item as YamlNode, child]);
      }
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        const keyRange = key?.range;
        const keyStart = keyRange ? keyRange[0] : data.start;
        const keyEnd = keyRange ? keyRange[1] : keyStart;
        const value = pair.value as YamlNode | null;
        const child = shallow(value, text, keyEnd);
        const entry: DataEntry = { key: keyText(key, text, keyStart, keyEnd), keyStart, keyEnd, value: child };
        (data.entries as DataEntry[]).push(entry);
        if (value) stack.push([value, child]);
      }
    }
  }
  return root;
}

function keyText(key: YamlNode | null, text: string, start: number, end: number): string {
  if (key && isScalar(key) && typeof key.value === 'string') return key.value;
  return text.slice(start, Math.min(end, start + 200)); // numbers, booleans, complex keys: as written
}

/** Every comment token in the CST, found by an iterative walk over its plain objects. */
function cstComments(cst: CST.Token[]): Token[] {
  const comments: Token[] = [];
  const stack: unknown[] = [...cst];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      for (const x of item) if (x && typeof x === 'object') stack.push(x);
      continue;
    }
    const token = item as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      const source = token.source.trimEnd();
      comments.push({ type: 'comment', value: source, start: token.offset, end: token.offset + source.length });
      continue;
    }
    for (const value of Object.values(item)) if (value && typeof value === 'object') stack.push(value);
  }
  return comments.sort((a, b) => a.start - b.start);
}
