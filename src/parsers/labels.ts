// Class-list files (coco.names, labels.txt, classes.txt, *.labels): one label per line, in any
// of the forms `label`, `0 label`, `0: label`, `label 0`, `0,label`, `label,0`, optionally
// quoted. Parsed by hand, line by line, so hostile long lines stay linear. Never throws.

import type { Collection, Member, ParseResult, Token } from '../types.js';

export function parseLabels(text: string): ParseResult {
  const tokens: Token[] = [];
  const members: Member[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const next = text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
    parseLine(text, lineStart, lineEnd, tokens, members);
    lineStart = next;
  }
  const collections: Collection[] = [];
  if (members.length > 0) {
    const last = members[members.length - 1] as Member;
    collections.push({ form: 'lines', path: [], members, start: (members[0] as Member).start, end: last.end });
  }
  return { tokens, collections, pairs: [], calls: [] };
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f' || c === '\v';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const SEPARATORS = ':,=';

function parseLine(text: string, lineStart: number, lineEnd: number, tokens: Token[], members: Member[]): void {
  let s = lineStart;
  let e = lineEnd;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  if (s === e) return;
  if (text[s] === '#' || text.startsWith('//', s)) {
    tokens.push({ type: 'comment', value: text.slice(s, e), start: s, end: e });
    return;
  }
  [s, e] = withoutIndex(text, s, e);
  // Lines copied from code: `"asian",`
  while (e > s && (text[e - 1] === ',' || text[e - 1] === ';' || isSpace(text[e - 1]))) e--;
  const q = text[s];
  if (e - s >= 2 && (q === '"' || q === "'") && text[e - 1] === q) {
    s++;
    e--;
  }
  if (s === e) return;
  const member = { value: text.slice(s, e), start: s, end: e };
  members.push(member);
  tokens.push({ type: 'string', ...member });
}

/** Range of the label once a leading (`0 x`, `0: x`, `0,x`) or trailing (`x 0`, `x,0`) index is removed. */
function withoutIndex(text: string, s: number, e: number): [number, number] {
  let d = s;
  while (d < e && isDigit(text[d])) d++;
  if (d > s && d < e) {
    let p = d;
    while (p < e && isSpace(text[p])) p++;
    const sep = SEPARATORS.includes(text[p] as string);
    if (sep) p++;
    while (p < e && isSpace(text[p])) p++;
    if ((sep || p > d) && p < e) return [p, e];
  }
  let t = e;
  while (t > s && isDigit(text[t - 1])) t--;
  if (t < e && t > s) {
    let p = t;
    while (p > s && isSpace(text[p - 1])) p--;
    const sep = SEPARATORS.includes(text[p - 1] as string);
    if (sep) p--;
    while (p > s && isSpace(text[p - 1])) p--;
    if ((sep || p < t) && p > s) return [s, p];
  }
  return [s, e];
}
