// Pattern signatures: data files (rules/signatures/*.yaml) that describe a dataset or a library
// by the exact strings and code shapes that give it away. Each entry names its source, so a new
// dataset or vendor is a data change; this module only knows the schema and how to match it.
import { join } from 'node:path';
import { dataDir, readDataFile } from './data-files.js';
import { firstIndexAfter } from '../../src/positions.js';
import type { Document } from '../../src/types.js';
import { tokenWords } from './doc-words.js';
import { withOtherSenses } from './triggers.js';

export interface PatternSignature {
  id: string;
  name: string;
  /** Where the shape is documented: a paper, a project page, a repository (required). */
  source: string;
  /**
   * Prefilter triggers of which one holds wherever the signature matches: whole words or phrases
   * of split words, lower-case ("fair face" holds for FairFace and fair_face), `&` joining terms
   * that must all occur (see src/prefilter.ts).
   */
  triggers: string[];
  /** Tested against single token values: identifiers, keys, string literals, CSV cells. */
  tokens: RegExp[];
  /** Tested against the code text (comments, prose and docstrings excluded). */
  code: RegExp[];
  /** CSV headers: a table matches when its header holds every column of one list. */
  headers: string[][];
  /** Each must occur somewhere in the file for any other field to count. */
  requires: RegExp[];
  /** Columns or fields holding the race label (datasets): what a training target would read. */
  raceFields: string[];
  /** Folders whose sub-folders are the race groups: a folder loader over one trains on race. */
  raceFolders: RegExp[];
}

export interface SignatureMatch {
  signature: PatternSignature;
  start: number;
  end: number;
  /** The matched text. */
  text: string;
}

const KEYS = new Set(['id', 'name', 'source', 'triggers', 'tokens', 'tokens_cased', 'code', 'code_cased', 'headers', 'requires', 'race_fields', 'race_folders']);

class SignatureError extends Error {}

function fail(where: string, what: string): never {
  throw new SignatureError(`${where}: ${what}`);
}

function strings(where: string, raw: Record<string, unknown>, key: string): string[] {
  const v = raw[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) fail(where, `"${key}" must be a list of non-empty strings`);
  return v as string[];
}

function regexes(where: string, raw: Record<string, unknown>, key: string, flags: string): RegExp[] {
  return strings(where, raw, key).map((source, i) => {
    try {
      return new RegExp(source, flags);
    } catch (e) {
      return fail(where, `${key}[${i}] is not a valid regular expression: ${(e as Error).message}`);
    }
  });
}

/** Validates the entries of one signature file; `file` names it in errors. */
export function parseSignatures(raw: unknown, file: string): PatternSignature[] {
  if (!Array.isArray(raw)) fail(file, 'expected a list of signatures');
  const seen = new Set<string>();
  return raw.map((item: unknown, i) => {
    let where = `${file}: entry ${i + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) fail(where, 'expected a mapping');
    const e = item as Record<string, unknown>;
    if (typeof e.id !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(e.id)) fail(where, '"id" must be a kebab-case string');
    where += ` (${e.id})`;
    if (seen.has(e.id)) fail(where, 'duplicate id');
    seen.add(e.id);
    for (const key of Object.keys(e)) if (!KEYS.has(key)) fail(where, `unknown field "${key}" (known: ${[...KEYS].join(', ')})`);
    for (const key of ['name', 'source']) if (typeof e[key] !== 'string' || (e[key] as string).trim() === '') fail(where, `"${key}" is required`);
    const triggers = strings(where, e, 'triggers');
    if (triggers.length === 0 || triggers.some((t) => !/^[a-z0-9]+(?: (?:& )?[a-z0-9]+)*$/.test(t) || !/[a-z]/.test(t))) {
      fail(where, '"triggers" must list lower-case words or phrases (a-z, 0-9, spaces; "&" joins terms that must all occur)');
    }
    const headersRaw = e.headers ?? [];
    if (!Array.isArray(headersRaw) || headersRaw.some((h) => !Array.isArray(h) || h.length === 0 || h.some((c) => typeof c !== 'string'))) {
      fail(where, '"headers" must be a list of lists of column names');
    }
    const sig: PatternSignature = {
      id: e.id,
      name: e.name as string,
      source: e.source as string,
      triggers,
      tokens: [...regexes(where, e, 'tokens', 'i'), ...regexes(where, e, 'tokens_cased', '')],
      code: [...regexes(where, e, 'code', 'gi'), ...regexes(where, e, 'code_cased', 'g')],
      headers: (headersRaw as string[][]).map((h) => h.map((c) => c.toLowerCase())),
      requires: regexes(where, e, 'requires', 'i'),
      raceFields: strings(where, e, 'race_fields'),
      raceFolders: regexes(where, e, 'race_folders', 'i'),
    };
    if (sig.tokens.length + sig.code.length + sig.headers.length === 0) fail(where, 'needs at least one of tokens, tokens_cased, code, code_cased, headers');
    return sig;
  });
}

/** Reads and validates a signature file (YAML). */
export function loadSignatureFile(path: string): PatternSignature[] {
  let raw: unknown;
  try {
    raw = readDataFile(path);
  } catch (e) {
    throw new SignatureError(`${path}: cannot read signatures: ${(e as Error).message}`);
  }
  return parseSignatures(raw, path);
}

const cache = new Map<string, PatternSignature[]>();

/** The signatures of a built-in file (`datasets` → rules/signatures/datasets.yaml), loaded on first use. */
export function builtinSignatures(file: string): PatternSignature[] {
  let sigs = cache.get(file);
  if (!sigs) {
    sigs = loadSignatureFile(join(dataDir('signatures'), `${file}.yaml`));
    cache.set(file, sigs);
  }
  return sigs;
}

export function signatureTriggers(sigs: readonly PatternSignature[]): string[] {
  return withOtherSenses([...new Set(sigs.flatMap((s) => s.triggers))].sort());
}

const proseCache = new WeakMap<Document, [number, number][]>();
const textCache = new WeakMap<Document, string>();

/** Ranges of comments, prose and docstrings: code patterns do not count there. */
function proseRanges(doc: Document): [number, number][] {
  let ranges = proseCache.get(doc);
  if (!ranges) {
    ranges = tokenWords(doc)
      .filter((tw) => tw.isProse)
      .map((tw): [number, number] => [tw.token.start, tw.token.end]);
    proseCache.set(doc, ranges);
  }
  return ranges;
}

function inRanges(ranges: readonly [number, number][], offset: number): boolean {
  const r = ranges[firstIndexAfter(ranges, ([start]) => start <= offset) - 1];
  return r !== undefined && offset < r[1];
}

/**
 * The text code patterns run on. A notebook is its raw JSON, where a quote in a cell is `\"`:
 * it becomes ` "` (same length, so offsets stay exact) and patterns allow space around quotes.
 */
export function codeText(doc: Document): string {
  if (doc.kind !== 'notebook') return doc.text;
  let text = textCache.get(doc);
  if (text === undefined) {
    text = doc.text.replace(/\\"/g, ' "');
    textCache.set(doc, text);
  }
  return text;
}

const globalForms = new WeakMap<RegExp, RegExp>();

/** The pattern with the `g` flag, compiled once per pattern rather than once per document. */
function globalForm(re: RegExp): RegExp {
  if (re.global) return re;
  let global = globalForms.get(re);
  if (!global) {
    global = new RegExp(re.source, `${re.flags}g`);
    globalForms.set(re, global);
  }
  return global;
}

/** Every code-pattern match outside comments and prose. */
export function codeMatches(doc: Document, patterns: readonly RegExp[]): { start: number; end: number; text: string }[] {
  const text = codeText(doc);
  const prose = proseRanges(doc);
  const out: { start: number; end: number; text: string }[] = [];
  for (const re of patterns) {
    for (const m of text.matchAll(globalForm(re))) {
      const start = m.index;
      if (m[0] === '' || inRanges(prose, start)) continue;
      out.push({ start, end: start + m[0].length, text: doc.text.slice(start, start + m[0].length) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The first place the signature matches in the document, if any. */
export function firstMatch(doc: Document, sig: PatternSignature): SignatureMatch | undefined {
  if (sig.requires.some((re) => !re.test(doc.text))) return undefined;
  const found: SignatureMatch[] = [];
  const header = doc.table?.header;
  if (header && header.length > 0) {
    const names = new Set(header.map((m) => m.value.trim().toLowerCase()));
    if (sig.headers.some((cols) => cols.every((c) => names.has(c)))) {
      const first = header[0] as (typeof header)[number];
      const last = header[header.length - 1] as (typeof header)[number];
      found.push({ signature: sig, start: first.start, end: last.end, text: header.map((m) => m.value).join(',') });
    }
  }
  if (sig.tokens.length > 0) {
    for (const tw of tokenWords(doc)) {
      if (tw.isProse) continue;
      if (sig.tokens.some((re) => re.test(tw.token.value))) {
        found.push({ signature: sig, start: tw.token.start, end: tw.token.end, text: tw.token.value });
        break;
      }
    }
  }
  const code = codeMatches(doc, sig.code)[0];
  if (code) found.push({ signature: sig, ...code });
  return found.sort((a, b) => a.start - b.start)[0];
}
