// The generic matcher behind rules/lib/signatures.ts: finds one signature's calls, parameters,
// reads and identifiers in a parsed document. Works on the parser's calls, pairs, collections
// and tokens only, so it serves every language the parsers know.
import type { Call, CallArg, Document, Member, Pair, Token } from '../../src/types.js';
import type { ArgSpec, CallSpec, ParamSpec, Signature } from './signatures.js';
import { normalizeTerm, splitWords } from './words.js';

export interface SignatureHit {
  signature: Signature;
  start: number;
  end: number;
  /** The matched source text or `name=value`, for messages and fingerprints. */
  evidence: string;
  /** The value or field that matched: "ethnicity", "race (default)", "attributes.ethnicity". */
  value: string;
  /** Found in a comment or prose, not in code or data. */
  prose: boolean;
  /** How the match came about when the code does not say it: an argument's default. */
  note?: string;
  /** An identifier hit: a name that recurs through a file (declaration, uses) is one problem. */
  identifier?: boolean;
  /** A compared value: evidence of a result already read, so one finding on its line is enough. */
  compared?: boolean;
}

interface Cache {
  /** Every word of the text and the path, space-separated and padded, for `requires`. */
  words?: string;
}

const caches = new WeakMap<Document, Cache>();

function cacheOf(doc: Document): Cache {
  let c = caches.get(doc);
  if (!c) caches.set(doc, (c = {}));
  return c;
}

function requiresMet(doc: Document, sig: Signature): boolean {
  if (sig.requires.length === 0) return true;
  const cache = cacheOf(doc);
  cache.words ??= ` ${[...splitWords(doc.path), ...splitWords(doc.text)].map((w) => w.text).join(' ')} `;
  const words = cache.words;
  return sig.requires.some((term) => words.includes(` ${normalizeTerm(term)} `));
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** The parts of a comma-separated (or URL-encoded comma-separated) value. */
function parts(value: string): string[] {
  return value.split(/,|%2C/i).map((p) => p.trim().replace(/^["']|["']$/g, ''));
}

/** The list a variable was last bound to before `at`: `ACTIONS = ["age", "race"]`. */
function boundList(doc: Document, name: string, at: number): string[] | undefined {
  let found: string[] | undefined;
  for (const p of doc.pairs) {
    if (p.start >= at) break;
    if (p.key === name && p.path.length <= 1) found = p.values ? p.values.map((m) => m.value) : p.value !== undefined ? parts(p.value) : found;
  }
  for (const c of doc.collections) {
    if (c.start >= at) break;
    if (c.name === name && c.form !== 'map') found = c.members.map((m) => m.value);
  }
  return found;
}

interface Valued {
  value?: string;
  values?: Member[];
  members?: Member[];
}

/** An argument's or pair's values: its list members, its comma-separated parts, or the list its variable holds. */
function valuesOf(doc: Document, v: Valued, at: number): string[] {
  const members = v.members ?? v.values;
  if (members && members.length > 0) return members.map((m) => m.value);
  if (v.value === undefined) return [];
  // A name, or an attribute of the instance or class (`self.ACTIONS`, `this.actions`): the list bound to it.
  const name = /^(?:(?:self|this|cls)\.)?([A-Za-z_$][\w$]*)$/.exec(v.value)?.[1];
  if (name !== undefined) {
    const bound = boundList(doc, name, at);
    if (bound) return bound;
  }
  return parts(v.value);
}

/** The first wanted value among the values, compared case-insensitively. */
function wanted(values: readonly string[], want: readonly string[]): string | undefined {
  const have = new Set(values.map((v) => v.trim().toLowerCase()));
  return want.find((w) => have.has(w.toLowerCase()));
}

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

function calleeMatches(callee: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => callee === p || callee.endsWith(`.${p}`));
}

function argFor(call: Call, spec: ArgSpec): CallArg | undefined {
  const named = spec.name !== undefined ? call.args.find((a) => a.name === spec.name) : undefined;
  if (named || spec.position === undefined) return named;
  return call.args.filter((a) => a.name === undefined)[spec.position];
}

function matchCalls(doc: Document, sig: Signature, spec: CallSpec, out: SignatureHit[]): void {
  for (const call of doc.calls) {
    if (!calleeMatches(call.callee, spec.callee)) continue;
    const head = { start: call.start, end: Math.min(call.end, call.start + call.callee.length) };
    if (!spec.args) {
      out.push({ signature: sig, ...head, evidence: call.callee, value: call.callee, prose: false });
      continue;
    }
    for (const a of spec.args) {
      const arg = argFor(call, a);
      if (arg) {
        const value = wanted(valuesOf(doc, arg, call.start), a.values);
        if (value) out.push({ signature: sig, start: arg.start, end: arg.end, evidence: `${call.callee}(${a.name ?? a.position}=${value})`, value, prose: false });
        continue;
      }
      // An absent argument takes the callee's default, unless *args/**kwargs/...spread may supply it.
      const text = doc.text.slice(call.start, call.end);
      if (!a.default || /[(,]\s*(?:\*|\.\.\.)/.test(text)) continue;
      const value = wanted(a.default, a.values);
      if (value) out.push({ signature: sig, ...head, evidence: `${call.callee}(default ${a.name ?? a.position})`, value, prose: false, note: `${a.name ?? 'the argument'} not given: its default includes "${value}"` });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

const FALSE = new Set(['false', '0', 'no', 'off', 'none', 'null']);

function pairHit(doc: Document, sig: Signature, spec: ParamSpec, pair: Pair): SignatureHit | undefined {
  if (spec.names.includes(pair.key)) {
    const value = wanted(valuesOf(doc, pair, pair.start), spec.values);
    if (value) return { signature: sig, start: pair.keyStart, end: pair.end, evidence: `${pair.key}=${value}`, value, prose: false };
  }
  // `face_field: {race: true}`: the value as a key of a mapping under the parameter.
  const parent = pair.path[pair.path.length - 1];
  if (parent !== undefined && spec.names.includes(parent) && !FALSE.has((pair.value ?? '').toLowerCase())) {
    const value = wanted([pair.key], spec.values);
    if (value) return { signature: sig, start: pair.keyStart, end: pair.keyEnd, evidence: `${parent}.${value}`, value, prose: false };
  }
  return undefined;
}

/** `form.append("k", "v")`, `options.put("k", "v")`, `setFaceAttributesType("v")`. */
function callParamHit(doc: Document, sig: Signature, spec: ParamSpec, call: Call): SignatureHit | undefined {
  const [first, second] = call.args;
  const method = (call.callee.split('.').pop() ?? '').toLowerCase();
  const setter = spec.names.find((n) => method === `set${n.replace(/_/g, '').toLowerCase()}`);
  const [name, arg] = setter !== undefined ? [setter, first] : first?.value !== undefined && spec.names.includes(first.value) ? [first.value, second] : [];
  if (name === undefined || !arg) return undefined;
  const value = wanted(valuesOf(doc, arg, call.start), spec.values);
  return value ? { signature: sig, start: call.start, end: call.end, evidence: `${name}=${value}`, value, prose: false } : undefined;
}

const lineEnd = (text: string, at: number): number => {
  const e = text.indexOf('\n', at);
  return e < 0 ? text.length : e;
};
const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;

/** A name token with string values on its line or just after it: `req.FaceAttributesType = "Age,Skin"`, C# reversed `Add(content, "k")`. */
function tokenParamHits(doc: Document, sig: Signature, spec: ParamSpec, out: SignatureHit[]): void {
  const tokens = doc.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if ((t.type !== 'identifier' && t.type !== 'string' && t.type !== 'key') || !spec.names.includes(t.value)) continue;
    const from = lineStart(doc.text, t.start);
    const to = lineEnd(doc.text, t.end);
    const near: Token[] = [];
    for (let j = i - 1; j >= 0 && (tokens[j] as Token).start >= from; j--) near.push(tokens[j] as Token);
    for (let j = i + 1; j < tokens.length && j <= i + 8; j++) {
      const n = tokens[j] as Token;
      if (n.start > to && (n.value === ';' || n.value === '}' || j > i + 6)) break;
      near.push(n);
    }
    for (const n of near) {
      if (n.type !== 'string' || spec.names.includes(n.value)) continue;
      const value = wanted(parts(n.value), spec.values);
      if (!value) continue;
      out.push({ signature: sig, start: Math.min(t.start, n.start), end: Math.max(t.end, n.end), evidence: `${t.value}=${value}`, value, prose: false });
      break;
    }
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `?return_attributes=gender,ethnicity` in URLs, `-F k=v` in strings, JSON bodies inside strings
 * (`curl -d '{"face_field": "age,race"}'`), and the same in comments and prose.
 */
function queryParamHits(doc: Document, sig: Signature, spec: ParamSpec, out: SignatureHit[]): void {
  const names = spec.names.map(escape).join('|');
  const query = new RegExp(`(?:^|[?&\\s"'\`;-])(${names})=([^&#\\s"'\`]*)`, 'g');
  const json = new RegExp(`\\\\?"(${names})\\\\?"\\s*:\\s*\\\\?"([^"\\\\]*)`, 'g');
  for (const t of doc.tokens) {
    if (t.type !== 'string' && t.type !== 'comment' && t.type !== 'text') continue;
    const exact = t.type !== 'string'; // comments and prose keep their source text
    for (const m of [...t.value.matchAll(query), ...t.value.matchAll(json)]) {
      const value = wanted(parts(m[2] as string), spec.values);
      if (!value) continue;
      const at = exact ? t.start + (m.index as number) + m[0].indexOf(m[1] as string) : t.start;
      out.push({ signature: sig, start: at, end: exact ? at + m[0].trimStart().length : t.end, evidence: `${m[1]}=${value}`, value, prose: exact });
    }
  }
}

function matchParams(doc: Document, sig: Signature, spec: ParamSpec, out: SignatureHit[]): void {
  for (const pair of doc.pairs) {
    const hit = pairHit(doc, sig, spec, pair);
    if (hit) out.push(hit);
  }
  for (const call of doc.calls) {
    const hit = callParamHit(doc, sig, spec, call);
    if (hit) out.push(hit);
  }
  tokenParamHits(doc, sig, spec, out);
  queryParamHits(doc, sig, spec, out);
}

// ---------------------------------------------------------------------------------------------
// Reads: `a.b`, `a["b"]`, `a?.b`, `a->b`, `a.getJSONObject("b")`
// ---------------------------------------------------------------------------------------------

const MEMBER = new Set(['.', '?.', '->', '::']);
const GETTER = /^(?:get|opt)[A-Za-z]*$/;

function punct(t: Token | undefined, ...values: string[]): boolean {
  return t !== undefined && t.type === 'punct' && values.includes(t.value);
}

/** The index after `seg` accessed at `j` (skipping TS `!`/`?`), or -1. */
function access(tokens: readonly Token[], j: number, seg: string): number {
  while (punct(tokens[j], '!', '?')) j++;
  const a = tokens[j];
  const b = tokens[j + 1];
  if (punct(a, '?.') && punct(b, '[')) j++;
  if (punct(tokens[j], '[') && tokens[j + 1]?.type === 'string' && tokens[j + 1]?.value === seg && punct(tokens[j + 2], ']')) return j + 3;
  if (!punct(tokens[j], ...MEMBER)) return -1;
  const name = tokens[j + 1];
  if (name?.type === 'identifier' && name.value === seg) return j + 2;
  if (name?.type === 'identifier' && GETTER.test(name.value) && punct(tokens[j + 2], '(') && tokens[j + 3]?.type === 'string' && tokens[j + 3]?.value === seg) {
    if (punct(tokens[j + 4], ')')) return j + 5;
    // With a default: `attrs.get("minority", {})`, `obj.optString("race", "")`.
    if (punct(tokens[j + 4], ',')) return afterClosing(tokens, j + 5);
  }
  return -1;
}

/** The index after the `)` that closes the call whose arguments go on at `from`; -1 if none does. */
function afterClosing(tokens: readonly Token[], from: number): number {
  let depth = 0;
  for (let k = from; k < tokens.length && k < from + 64; k++) {
    const t = tokens[k] as Token;
    if (t.type !== 'punct') continue;
    if ('([{'.includes(t.value)) depth++;
    else if (')]}'.includes(t.value)) {
      if (depth === 0) return t.value === ')' ? k + 1 : -1;
      depth--;
    }
  }
  return -1;
}

/**
 * Variables bound to a read of `seg` on their line: `attrs = face["attributes"]`,
 * `const a = res.body.attributes;`. A pattern `attributes.white` then also matches `attrs.white`.
 */
function aliasesOf(doc: Document, seg: string): Set<string> {
  const tokens = doc.tokens;
  const aliases = new Set<string>();
  for (let i = 0; i + 3 < tokens.length; i++) {
    const name = tokens[i] as Token;
    if (name.type !== 'identifier' || name.value === seg || !punct(tokens[i + 1], '=') || punct(tokens[i - 1], ...MEMBER)) continue;
    const end = lineEnd(doc.text, name.end);
    let last = i + 2;
    while (last + 1 < tokens.length && (tokens[last + 1] as Token).start < end && !punct(tokens[last + 1], ';')) last++;
    const t = tokens[last] as Token;
    const read =
      (t.type === 'identifier' && t.value === seg && punct(tokens[last - 1], ...MEMBER)) ||
      (punct(t, ']') && tokens[last - 1]?.type === 'string' && tokens[last - 1]?.value === seg && punct(tokens[last - 2], '['));
    if (read && last > i + 3) aliases.add(name.value);
  }
  return aliases;
}

function matchRead(doc: Document, sig: Signature, pattern: string, out: SignatureHit[]): void {
  const anyReceiver = pattern.startsWith('.');
  const segs = pattern.replace(/^\./, '').split('.');
  const [first, ...rest] = segs as [string, ...string[]];
  const tokens = doc.tokens;
  const aliases = anyReceiver || rest.length === 0 ? new Set<string>() : aliasesOf(doc, first);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const alias = t.type === 'identifier' && aliases.has(t.value) && !punct(tokens[i - 1], ...MEMBER);
    if (!alias && ((t.type !== 'identifier' && t.type !== 'string') || t.value !== first)) continue;
    let start = t.start;
    let j: number;
    if (alias) {
      j = i + 1;
    } else if (anyReceiver || t.type === 'string') {
      // The first segment must itself be accessed: `x.first`, `x["first"]`, `x?.["first"]`, `x.get("first")`.
      const from = [i - 1, i - 2, i - 3].find((k) => k >= 0 && access(tokens, k, first) > i);
      if (from === undefined) continue;
      start = (tokens[from] as Token).start;
      j = access(tokens, from, first);
    } else {
      j = i + 1;
    }
    for (const seg of rest) {
      if (j < 0) break;
      j = access(tokens, j, seg);
    }
    if (j < 0) continue;
    const end = (tokens[j - 1] as Token).end;
    out.push({ signature: sig, start, end, evidence: doc.text.slice(start, end).replace(/\s+/g, ''), value: pattern, prose: false });
  }
}

// ---------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------

function matchIdentifiers(doc: Document, sig: Signature, out: SignatureHit[]): void {
  const re = new RegExp(`(?<![A-Za-z0-9_])(?:${sig.identifiers.map(escape).join('|')})(?![A-Za-z0-9_])`, 'g');
  const exact = new Set(sig.identifiers);
  for (const t of doc.tokens) {
    if (t.type === 'identifier' || t.type === 'key') {
      if (exact.has(t.value)) out.push({ signature: sig, start: t.start, end: t.end, evidence: t.value, value: t.value, prose: false, identifier: true });
    } else if (t.type === 'string') {
      const m = exact.has(t.value) ? t.value : re.exec(t.value)?.[0];
      re.lastIndex = 0;
      if (m) out.push({ signature: sig, start: t.start, end: t.end, evidence: m, value: m, prose: false, identifier: true });
    } else if (t.type === 'comment' || t.type === 'text') {
      for (const m of t.value.matchAll(re)) {
        const at = t.start + (m.index as number);
        out.push({ signature: sig, start: at, end: at + m[0].length, evidence: m[0], value: m[0], prose: true, identifier: true });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Compared values: `v == "ASIAN"`, `case "WHITE":`, `"BLACK".equals(v)`
// ---------------------------------------------------------------------------------------------

const COMPARE_OPS = new Set(['==', '===', '!=', '!==', 'case']);
const EQUALS = /^(?:equals|equalsIgnoreCase|Equals|eq|ne|is_equal|strcmp|strcasecmp|compare)$/;

/** Whether the string token at `i` is compared with: an operator or `case` before it, an operator after it, or an equals call. */
function compared(tokens: readonly Token[], i: number): boolean {
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  if (before && COMPARE_OPS.has(before.value)) return true;
  if (after && (after.value === '==' || after.value === '===' || after.value === '!=' || after.value === '!==')) return true;
  // v.equals("X"), strcmp(v, "X"), "X".equals(v)
  const callee = punct(before, '(') ? tokens[i - 2] : punct(before, ',') && punct(tokens[i - 3], '(') ? tokens[i - 4] : undefined;
  if (callee?.type === 'identifier' && EQUALS.test(callee.value)) return true;
  return punct(after, '.') && tokens[i + 2]?.type === 'identifier' && EQUALS.test((tokens[i + 2] as Token).value);
}

function matchCompares(doc: Document, sig: Signature, out: SignatureHit[]): void {
  const tokens = doc.tokens;
  for (const spec of sig.compares) {
    const want = new Map(spec.values.map((v) => [v.toLowerCase(), v]));
    const hits: SignatureHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.type !== 'string' || !want.has(t.value.trim().toLowerCase()) || !compared(tokens, i)) continue;
      hits.push({ signature: sig, start: t.start, end: t.end, evidence: `compared with ${t.value.trim()}`, value: t.value.trim(), prose: false, compared: true });
    }
    const seen = new Set(hits.map((h) => h.value.toLowerCase()));
    if (seen.size >= spec.min || spec.alone.some((v) => seen.has(v.toLowerCase()))) out.push(...hits);
  }
}

/** Every hit of one signature; none when its `requires` terms are absent. */
export function matchSignature(doc: Document, sig: Signature): SignatureHit[] {
  if (!requiresMet(doc, sig)) return [];
  const out: SignatureHit[] = [];
  for (const spec of sig.calls) matchCalls(doc, sig, spec, out);
  for (const spec of sig.params) matchParams(doc, sig, spec, out);
  for (const pattern of sig.reads) matchRead(doc, sig, pattern, out);
  if (sig.identifiers.length > 0) matchIdentifiers(doc, sig, out);
  if (sig.compares.length > 0) matchCompares(doc, sig, out);
  return out;
}
