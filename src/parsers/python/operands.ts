// Reading the code-token stream one bracket level at a time: a "unit" is a token or a whole,
// already analysed bracket group, so every level is walked once and the pass stays linear.

import type { Member, Token } from '../../types.js';
import { decodeRange } from './escapes.js';
import type { StringInfo } from './lexer.js';

export type GroupKind =
  | 'list' | 'tuple' | 'set' | 'dict' | 'paren' | 'comp' | 'call' | 'subscript' | 'params' | 'bases';

/** The summary of a closed bracket pair, kept for the level that contains it. */
export interface Group {
  kind: GroupKind;
  open: number;
  close: number;
  start: number;
  end: number;
  /** String members: elements of list/tuple/set/Literal, string keys and values of a dict. */
  members: Member[];
  /** The only element of `( x )` or `a[ x ]`. */
  inner?: Operand;
  /** First positional string argument of a call: `_('White')`, `Label('race')`. */
  firstString?: Member;
}

export type Operand =
  | { kind: 'none'; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number; index: number; count: number }
  | { kind: 'number' | 'name'; value: string; start: number; end: number }
  | { kind: 'group' | 'call'; group: Group; start: number; end: number }
  | { kind: 'other'; start: number; end: number };

/** A token index; when that token opens a closed group, the unit stands for the whole group. */
export type Unit = number;

/** The code tokens (no comments, no f-string field tokens) and what is known about them. */
export interface Stream {
  text: string;
  tokens: Token[];
  strings: (StringInfo | undefined)[];
  /** Indexed by opener token index: the summary once the group has closed. */
  groups: (Group | undefined)[];
  csvCache: Map<number, Member[] | null>;
}

const MAX_CSV_PART = 40;

export function isPunct(s: Stream, i: number, value: string): boolean {
  const t = s.tokens[i];
  return t !== undefined && t.type === 'punct' && t.value === value;
}

export function isIdent(s: Stream, i: number): boolean {
  return s.tokens[i]?.type === 'identifier';
}

export function groupOf(s: Stream, u: Unit | undefined): Group | undefined {
  return u === undefined ? undefined : s.groups[u];
}

/** The token of a unit that is not a group. */
export function plainToken(s: Stream, u: Unit | undefined): Token | undefined {
  return u === undefined || s.groups[u] !== undefined ? undefined : s.tokens[u];
}

export function unitIsPunct(s: Stream, u: Unit | undefined, value: string): boolean {
  const t = plainToken(s, u);
  return t !== undefined && t.type === 'punct' && t.value === value;
}

export function unitStart(s: Stream, u: Unit): number {
  return s.groups[u]?.start ?? (s.tokens[u] as Token).start;
}

export function unitEnd(s: Stream, u: Unit): number {
  return s.groups[u]?.end ?? (s.tokens[u] as Token).end;
}

/** Units between token indexes `from` and `to` (exclusive), nested groups collapsed. */
export function unitsOf(s: Stream, from: number, to: number): Unit[] {
  const units: Unit[] = [];
  let i = from;
  while (i < to) {
    units.push(i);
    const group = s.groups[i];
    i = group !== undefined ? Math.max(i + 1, group.close + 1) : i + 1;
  }
  return units;
}

/** Splits on commas; a trailing comma is reported, not kept as an empty element. */
export function splitCommas(s: Stream, units: Unit[]): { elements: Unit[][]; trailing: boolean } {
  if (units.length === 0) return { elements: [], trailing: false };
  const elements: Unit[][] = [[]];
  for (const u of units) {
    if (unitIsPunct(s, u, ',')) elements.push([]);
    else (elements[elements.length - 1] as Unit[]).push(u);
  }
  const trailing = elements.length > 1 && (elements[elements.length - 1] as Unit[]).length === 0;
  if (trailing) elements.pop();
  return { elements, trailing };
}

/** Index of the first unit that is the punctuation `value`, or -1. */
export function findPunct(s: Stream, units: Unit[], value: string): number {
  return units.findIndex((u) => unitIsPunct(s, u, value));
}

/** `a.b.c` written as identifiers and dots; undefined for anything else. */
export function dottedName(s: Stream, units: Unit[]): string | undefined {
  if (units.length === 0 || units.length % 2 === 0) return undefined;
  const names: string[] = [];
  for (let k = 0; k < units.length; k++) {
    const t = plainToken(s, units[k]);
    if (k % 2 === 1) {
      if (t?.type !== 'punct' || t.value !== '.') return undefined;
    } else if (t?.type !== 'identifier') return undefined;
    else names.push(t.value);
  }
  return names.join('.');
}

const CONSTANTS: ReadonlySet<string> = new Set(['True', 'False', 'None']);

/** What an expression is, as far as labels are concerned. */
export function operand(s: Stream, units: Unit[]): Operand {
  const first = units[0];
  const last = units[units.length - 1];
  if (first === undefined || last === undefined) return { kind: 'none', start: 0, end: 0 };
  const start = unitStart(s, first);
  const end = unitEnd(s, last);
  const firstTok = plainToken(s, first);
  if (units.every((u) => plainToken(s, u)?.type === 'string')) {
    // Implicit concatenation: 'a' 'b' is one string.
    const value = units.length === 1 ? (firstTok as Token).value : units.map((u) => (s.tokens[u] as Token).value).join('');
    return { kind: 'string', value, start, end, index: first, count: units.length };
  }
  if (units.length === 1 && firstTok !== undefined) {
    if (firstTok.type === 'number') return { kind: 'number', value: firstTok.value, start, end };
    if (firstTok.type === 'keyword' && CONSTANTS.has(firstTok.value)) return { kind: 'name', value: firstTok.value, start, end };
  }
  const lastTok = plainToken(s, last);
  if (units.length === 2 && firstTok?.type === 'punct' && (firstTok.value === '-' || firstTok.value === '+') &&
    lastTok?.type === 'number') {
    return { kind: 'number', value: firstTok.value + lastTok.value, start, end };
  }
  const name = dottedName(s, units);
  if (name !== undefined) return { kind: 'name', value: name, start, end };
  const group = s.groups[first];
  if (units.length === 1 && group !== undefined) {
    if (group.kind === 'paren' && group.inner !== undefined) return group.inner;
    return { kind: 'group', group, start, end };
  }
  const lastGroup = s.groups[last];
  if (lastGroup?.kind === 'call' && dottedName(s, units.slice(0, -1)) !== undefined) {
    return { kind: 'call', group: lastGroup, start, end };
  }
  return { kind: 'other', start, end };
}

/** Scalar text of an operand: decoded string, number or (dotted) name. */
export function scalar(op: Operand): string | undefined {
  return op.kind === 'string' || op.kind === 'number' || op.kind === 'name' ? op.value : undefined;
}

/** String members of a list/tuple/set literal, or the parts of a comma-separated string. */
export function stringMembers(s: Stream, op: Operand): Member[] | undefined {
  if (op.kind === 'group' && ['list', 'tuple', 'set'].includes(op.group.kind)) {
    return op.group.members.length > 0 ? op.group.members : undefined;
  }
  if (op.kind === 'string' && op.count === 1) return csvMembers(s, op.index);
  return undefined;
}

export function memberOf(op: Operand): Member | undefined {
  return op.kind === 'string' ? { value: op.value, start: op.start, end: op.end } : undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11 || c === 0xa0;
}

/**
 * Splits string token `index` at separator characters into trimmed, non-empty parts with
 * source ranges. Exact through escapes for plain strings; approximate inside f-strings.
 */
export function splitString(s: Stream, index: number, isSeparator: (c: number) => boolean): Member[] {
  const token = s.tokens[index] as Token;
  const info = s.strings[index];
  const value = token.value;
  let map: number[] | undefined;
  if (info !== undefined && !info.formatted) {
    map = [];
    decodeRange(s.text, info.contentStart, info.contentEnd, info.raw, info.bytes, map);
    if (map.length !== value.length) map = undefined;
  }
  const contentStart = info?.contentStart ?? token.start;
  const contentEnd = info?.contentEnd ?? token.end;
  const offset = (k: number): number =>
    map ? (k < map.length ? (map[k] as number) : contentEnd) : Math.min(contentStart + k, contentEnd);
  const parts: Member[] = [];
  let from = 0;
  for (let k = 0; k <= value.length; k++) {
    if (k < value.length && !isSeparator(value.charCodeAt(k))) continue;
    let a = from;
    let b = k;
    while (a < b && isSpace(value.charCodeAt(a))) a++;
    while (b > a && isSpace(value.charCodeAt(b - 1))) b--;
    if (b > a) parts.push({ value: value.slice(a, b), start: offset(a), end: offset(b) });
    from = k + 1;
  }
  return parts;
}

/** Parts of "age,gender,race": ≥ 2 non-empty parts, each short, no line breaks. */
export function csvMembers(s: Stream, index: number): Member[] | undefined {
  const value = (s.tokens[index] as Token).value;
  if (!value.includes(',')) return undefined;
  const cached = s.csvCache.get(index);
  if (cached !== undefined) return cached ?? undefined;
  let result: Member[] | null = null;
  if (!/[\n\r]/.test(value)) {
    const parts = splitString(s, index, (c) => c === 44);
    if (parts.length >= 2 && parts.every((p) => p.value.length <= MAX_CSV_PART)) result = parts;
  }
  s.csvCache.set(index, result);
  return result ?? undefined;
}

export function isNumericLooking(value: string): boolean {
  return /^\s*[-+]?(\d[\d_]*)?(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value) && /\d/.test(value);
}
