// Per-document views shared by the rules, computed once per document and cached: the words
// of every token, and where each lexicon context (face, ml, fairness …) occurs.
import { computeLineStarts, firstIndexAfter, lineOf } from '../../src/positions.js';
import type { Document, Token } from '../../src/types.js';
import { allContextsMatcher, contextMatcher } from './lexicon.js';
import { splitWords, type Word } from './words.js';

export interface TokenWords {
  token: Token;
  words: Word[];
  /** Identifiers and keys are names: pinyin and identifier cues apply to them. */
  isName: boolean;
  /** Comments and prose: evidence found only here is reported one severity lower. */
  isProse: boolean;
}

interface DocCache {
  tokens?: TokenWords[];
  lineStarts?: number[];
  contexts?: Map<string, number[]>;
}

const caches = new WeakMap<Document, DocCache>();

function cacheOf(doc: Document): DocCache {
  let c = caches.get(doc);
  if (!c) {
    c = {};
    caches.set(doc, c);
  }
  return c;
}

export function isProseDocument(doc: Document): boolean {
  return doc.kind === 'markdown' || doc.kind === 'text';
}

/** A Python triple-quoted string of several words: a docstring or prose block, not a value. */
function isDocstring(doc: Document, token: Token): boolean {
  if (token.type !== 'string' || (doc.kind !== 'python' && doc.kind !== 'notebook')) return false;
  const head = doc.text.slice(token.start, token.start + 6).replace(/^[rRuUbBfF]{0,2}/, '');
  return (head.startsWith('"""') || head.startsWith("'''")) && /\S\s+\S+\s+\S/.test(token.value);
}

/** A string written like a name ("race_output", "weizu_alarm"): a key or tensor name, not prose. */
export function isNameLikeString(token: Token): boolean {
  return token.type === 'string' && /^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(token.value);
}

/** Words of every token with a textual value (identifiers, keys, strings, comments, prose). */
export function tokenWords(doc: Document): TokenWords[] {
  const cache = cacheOf(doc);
  if (!cache.tokens) {
    const prose = isProseDocument(doc);
    const out: TokenWords[] = [];
    for (const token of doc.tokens) {
      if (token.type === 'punct' || token.type === 'number' || token.type === 'keyword') continue;
      const isName = token.type === 'identifier' || token.type === 'key';
      // Names, comments and prose hold their exact source text, so word offsets are exact; a
      // string's decoded value may differ from its source, so its words point at the token.
      const exact = isName || token.type === 'comment' || token.type === 'text';
      const words = exact
        ? splitWords(token.value, token.start)
        : splitWords(token.value).map((w) => ({ ...w, start: token.start, end: token.end }));
      if (words.length === 0) continue;
      out.push({ token, words, isName, isProse: prose || token.type === 'comment' || token.type === 'text' || isDocstring(doc, token) });
    }
    cache.tokens = out;
  }
  return cache.tokens;
}

/** The tokens lying within [start, end), found by binary search over the ordered token list. */
export function tokensIn(doc: Document, start: number, end: number): Token[] {
  const tokens = doc.tokens;
  const out: Token[] = [];
  for (let i = firstIndexAfter(tokens, (t) => t.start < start); i < tokens.length && (tokens[i] as Token).end <= end; i++) out.push(tokens[i] as Token);
  return out;
}

export function lineAt(doc: Document, offset: number): number {
  const cache = cacheOf(doc);
  cache.lineStarts ??= computeLineStarts(doc.text);
  return lineOf(cache.lineStarts, offset);
}

/**
 * Sorted offsets of every word of the named lexicon context in the document. All contexts are
 * found in one pass over the document's words, the first time any of them is asked for.
 */
export function contextOffsets(doc: Document, name: string): number[] {
  const cache = cacheOf(doc);
  if (!cache.contexts) {
    const contexts = new Map<string, number[]>();
    const add = (context: string | undefined, offset: number): void => {
      if (!context) return;
      const list = contexts.get(context);
      if (list) list.push(offset);
      else contexts.set(context, [offset]);
    };
    const matcher = allContextsMatcher();
    for (const tw of tokenWords(doc)) for (const h of matcher.match(tw.words, tw.isName)) add(h.entry.context, h.start);
    // Path segments tell the context too (locales/, fonts/, fairness/): marked by negative offsets.
    for (const h of matcher.match(splitWords(doc.path))) add(h.entry.context, -1 - h.start);
    for (const list of contexts.values()) list.sort((a, b) => a - b);
    cache.contexts = contexts;
  }
  contextMatcher(name); // an unknown context name is a programming error: fail loudly
  return cache.contexts.get(name) ?? [];
}

export function hasContext(doc: Document, name: string): boolean {
  return contextOffsets(doc, name).length > 0;
}

/** Whether the context occurs within `radius` lines of `offset` (path hits count everywhere). */
export function contextNear(doc: Document, name: string, offset: number, radius: number): boolean {
  const line = lineAt(doc, offset);
  for (const at of contextOffsets(doc, name)) {
    if (at < 0) return true;
    if (Math.abs(lineAt(doc, at) - line) <= radius) return true;
  }
  return false;
}

/** Whether any of the words (a name, a key path) belongs to the named context. */
export function wordsInContext(words: readonly Word[], name: string): boolean {
  return contextMatcher(name).match(words, true).length > 0;
}

export function namesInContext(names: readonly (string | undefined)[], name: string): boolean {
  return names.some((n) => n !== undefined && wordsInContext(splitWords(n), name));
}
