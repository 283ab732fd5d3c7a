// Data-driven signatures: vendor mechanisms (a request parameter, a call, a response field, an
// SDK identifier) described in YAML under rules/signatures/, matched by one generic matcher.
// A new vendor is a new entry in a data file; this module knows only the schema.
import type { Document } from '../../src/types.js';
import { dataDir, readDataFile } from './data-files.js';
import { matchSignature, type SignatureHit } from './signature-match.js';
import { isCommonWord } from '../../src/prefilter.js';
import { lexicon } from './lexicon.js';
import { itemsThatMayMatch } from './trigger-gate.js';
import { splitWords } from './words.js';
import { formTrigger, withOtherSenses } from './triggers.js';

export type { SignatureHit } from './signature-match.js';

/** One argument of a call signature: by position (among positional arguments) or keyword name. */
export interface ArgSpec {
  position?: number;
  name?: string;
  /** Values of which one must be among the argument's values (case-insensitive). */
  values: string[];
  /** The callee's default when the argument is absent; the call matches if it holds one of `values`. */
  default?: string[];
}

export interface CallSpec {
  /** Dotted callee patterns, matched against the end of the callee: `DeepFace.analyze`. */
  callee: string[];
  /** Without args, the call alone is the signature. */
  args?: ArgSpec[];
}

export interface ParamSpec {
  /** Parameter or key names, exact: `return_attributes`, `face_field`. */
  names: string[];
  /** Values of which one must be among the parameter's values (case-insensitive). */
  values: string[];
}

/** String values compared with a result: `v == "ASIAN"`, `case "WHITE":`, `v.equals("BLACK")`. */
export interface CompareSpec {
  /** Values compared with, case-insensitively. */
  values: string[];
  /** How many distinct values of the list the file must compare with (default 1)... */
  min: number;
  /** ...unless it compares with one of these, which name the result alone. */
  alone: string[];
}

export interface Signature {
  id: string;
  vendor: string;
  /** Where the mechanism is documented: URL and/or a reference note. */
  source: string;
  /** Message template; `{value}` is the matched value or field, `{vendor}` the vendor. */
  message?: string;
  calls: CallSpec[];
  params: ParamSpec[];
  /** Member or subscript reads: `attributes.ethnicity`; a leading '.' means any receiver. */
  reads: string[];
  /** Exact identifiers or strings that are the signature by themselves. */
  identifiers: string[];
  /** Result values that count when the code compares something with them. */
  compares: CompareSpec[];
  /** Words or names of which one must occur in the file (or its path) for the signature to apply. */
  requires: string[];
}

const FIELDS = new Set(['id', 'vendor', 'source', 'message', 'calls', 'params', 'reads', 'identifiers', 'compares', 'requires']);

/** The package's rules/signatures folder. */
export const signaturesDir = (): string => dataDir('signatures');

class SignatureError extends Error {}

function fail(path: string, where: string, problem: string): never {
  throw new SignatureError(`${path}: ${where}: ${problem}`);
}

function strings(value: unknown, path: string, where: string, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    fail(path, where, `"${field}" must be a list of non-empty strings`);
  }
  return value as string[];
}

function record(value: unknown, path: string, where: string, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, where, `each "${field}" item must be a mapping`);
  return value as Record<string, unknown>;
}

function list(value: unknown, path: string, where: string, field: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(path, where, `"${field}" must be a list`);
  return value;
}

function parseArg(raw: unknown, path: string, where: string): ArgSpec {
  const a = record(raw, path, where, 'args');
  if (a.position === undefined && a.name === undefined) fail(path, where, 'each call argument needs a "position" or a "name"');
  if (a.position !== undefined && (typeof a.position !== 'number' || !Number.isInteger(a.position) || a.position < 0)) {
    fail(path, where, '"position" must be a non-negative integer');
  }
  if (a.name !== undefined && typeof a.name !== 'string') fail(path, where, '"name" must be a string');
  const values = strings(a.values, path, where, 'values');
  if (values.length === 0) fail(path, where, 'each call argument needs "values"');
  const spec: ArgSpec = { values };
  if (typeof a.position === 'number') spec.position = a.position;
  if (typeof a.name === 'string') spec.name = a.name;
  if (a.default !== undefined) spec.default = strings(a.default, path, where, 'default');
  return spec;
}

function parseEntry(raw: unknown, index: number, path: string): Signature {
  const e = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (!e) fail(path, `entry ${index + 1}`, 'expected a mapping');
  const where = `entry ${index + 1}${typeof e.id === 'string' ? ` (${e.id})` : ''}`;
  for (const key of Object.keys(e)) if (!FIELDS.has(key)) fail(path, where, `unknown field "${key}"`);
  for (const field of ['id', 'vendor', 'source'] as const) {
    if (typeof e[field] !== 'string' || (e[field] as string).trim() === '') fail(path, where, `needs a non-empty "${field}"`);
  }
  if (e.message !== undefined && typeof e.message !== 'string') fail(path, where, '"message" must be a string');
  const calls = list(e.calls, path, where, 'calls').map((c): CallSpec => {
    const r = record(c, path, where, 'calls');
    const callee = typeof r.callee === 'string' ? [r.callee] : strings(r.callee, path, where, 'callee');
    if (callee.length === 0) fail(path, where, 'each call needs a "callee"');
    const spec: CallSpec = { callee };
    if (r.args !== undefined) spec.args = list(r.args, path, where, 'args').map((a) => parseArg(a, path, where));
    return spec;
  });
  const params = list(e.params, path, where, 'params').map((p): ParamSpec => {
    const r = record(p, path, where, 'params');
    const spec = { names: strings(r.names, path, where, 'names'), values: strings(r.values, path, where, 'values') };
    if (spec.names.length === 0 || spec.values.length === 0) fail(path, where, 'each param needs "names" and "values"');
    return spec;
  });
  const compares = list(e.compares, path, where, 'compares').map((c): CompareSpec => {
    const r = record(c, path, where, 'compares');
    const values = strings(r.values, path, where, 'values');
    if (values.length === 0) fail(path, where, 'each compare needs "values"');
    if (r.min !== undefined && (typeof r.min !== 'number' || !Number.isInteger(r.min) || r.min < 1)) fail(path, where, '"min" must be a positive integer');
    return { values, min: typeof r.min === 'number' ? r.min : 1, alone: strings(r.alone, path, where, 'alone') };
  });
  const sig: Signature = {
    id: e.id as string,
    vendor: e.vendor as string,
    source: e.source as string,
    calls,
    params,
    reads: strings(e.reads, path, where, 'reads'),
    identifiers: strings(e.identifiers, path, where, 'identifiers'),
    compares,
    requires: strings(e.requires, path, where, 'requires'),
  };
  if (typeof e.message === 'string') sig.message = e.message;
  if (!/^[a-z][a-z0-9-]*$/.test(sig.id)) fail(path, where, '"id" must be lower-case kebab-case');
  if (sig.calls.length + sig.params.length + sig.reads.length + sig.identifiers.length + sig.compares.length === 0) {
    fail(path, where, 'needs at least one of "calls", "params", "reads", "identifiers", "compares"');
  }
  return sig;
}

const cache = new Map<string, Signature[]>();

/** Loads and validates a signature file once; throws an error naming the file and entry. */
export function loadSignatures(path: string): Signature[] {
  const cached = cache.get(path);
  if (cached) return cached;
  let raw: unknown;
  try {
    raw = readDataFile(path);
  } catch (err) {
    throw new SignatureError(`${path}: cannot read signatures: ${(err as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new SignatureError(`${path}: expected a list of signatures`);
  const sigs = raw.map((entry, i) => parseEntry(entry, i, path));
  const ids = new Set<string>();
  for (const s of sigs) {
    if (ids.has(s.id)) throw new SignatureError(`${path}: duplicate signature id "${s.id}"`);
    ids.add(s.id);
  }
  cache.set(path, sigs);
  return sigs;
}

// ---------------------------------------------------------------------------------------------
// Prefilter words
// ---------------------------------------------------------------------------------------------

/**
 * The part of a read that must occur as written: reads also match through chained accessors
 * (`getJSONObject("race").getString("type")` reads race.type), so one segment — the one naming
 * an attribute, else the one with the least common word.
 */
function readTerm(read: string): string {
  const segments = read.split('.').filter((s) => s !== '');
  const words = (s: string): string[] => splitWords(s).map((w) => w.text);
  const attribute = segments.find((s) => words(s).some((w) => lexicon().attributes.whole(w) !== undefined));
  if (attribute) return attribute;
  const weight = (s: string): number => Math.max(0, ...words(s).filter((w) => !isCommonWord(w)).map((w) => w.length));
  return [...segments].sort((a, b) => weight(b) - weight(a))[0] ?? read;
}

/**
 * Prefilter triggers for a signature: each way it can match gives the phrase that must occur
 * for that way to match (a value, a read, an identifier, a callee). When the file must also
 * contain one of the `requires` terms, the trigger is their conjunction, so that everyday values
 * ("white", "black") count only beside a vendor's name.
 */
export function signatureTriggers(sig: Signature): string[] {
  const unique = (xs: string[]): string[] => [...new Set(xs.filter((x) => x !== ''))];
  // A phrase of everyday words only (getFaceFeatureFromPhoto) is a poor thing to look for.
  const poor = (phrase: string): boolean => !phrase.split(' ').some((w) => /^[a-z]{3,}$/.test(w) && !isCommonWord(w));
  const named = unique(sig.requires.map(formTrigger));
  const alternatives = [
    ...sig.params.flatMap((p) => p.values),
    ...sig.reads.map(readTerm),
    ...sig.identifiers,
    ...sig.compares.flatMap((c) => c.values),
    // With an argument default, the call can match without any value word: the callee must occur.
    ...sig.calls.flatMap((c) => (!c.args || c.args.some((a) => a.default) ? c.callee : c.args.flatMap((a) => a.values))),
  ].map(formTrigger);
  // Required names that are everyday words are dropped when the values are better to look for:
  // the trigger is then weaker, never wrong.
  const requires = named.some(poor) && !alternatives.some(poor) ? [] : named;
  // A pattern without a word of three letters (a hex model id) is a poor thing to look for: the
  // required terms then do alone.
  if (alternatives.some((a) => !/(?:^| )[a-z]{3,}(?: |$)/.test(a))) {
    if (requires.length === 0) throw new SignatureError(`signature ${sig.id}: a pattern has no word for the prefilter; add "requires" terms`);
    return withOtherSenses([requires.join(' | ')]);
  }
  if (requires.length === 0) return withOtherSenses(unique(alternatives));
  return withOtherSenses([`${requires.join(' | ')} & ${unique(alternatives).join(' | ')}`]);
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/** Every hit of every signature in the document, ordered by position. */
export function matchSignatures(doc: Document, sigs: readonly Signature[]): SignatureHit[] {
  const live = itemsThatMayMatch(doc, sigs, signatureTriggers);
  return sigs.flatMap((sig) => (live.has(sig) ? matchSignature(doc, sig) : [])).sort((a, b) => a.start - b.start);
}
