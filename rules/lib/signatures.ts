// Data-driven signatures: vendor mechanisms (a request parameter, a call, a response field, an
// SDK identifier) described in YAML under rules/signatures/, matched by one generic matcher.
// A new vendor is a new entry in a data file; this module knows only the schema.
import type { Document } from '../../src/types.js';
import { dataDir, readDataFile } from './data-files.js';
import { lexicon } from './lexicon.js';
import { matchSignature, type SignatureHit } from './signature-match.js';
import { splitWords } from './words.js';

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

// Words too common in code to be worth a prefilter slot while a better one exists.
const EVERYDAY = new Set(['color', 'colour', 'face', 'type', 'code', 'model', 'attribute', 'attributes', 'enable', 'value', 'analyze', 'detect', 'result', 'client', 'single', 'batch', 'models', 'get', 'predict']);

/** The best word of a pattern that must occur, as a split word, wherever the pattern occurs. */
function wordOf(pattern: string): string | undefined {
  const words = splitWords(pattern)
    .map((w) => w.text)
    .filter((w) => /^[a-z]+$/.test(w));
  const attribute = words.find((w) => !EVERYDAY.has(w) && lexicon().attributes.whole(w) !== undefined);
  if (attribute) return attribute;
  const byLength = [...words].sort((a, b) => b.length - a.length);
  return byLength.find((w) => !EVERYDAY.has(w)) ?? byLength[0];
}

const strong = (w: string | undefined): w is string => w !== undefined && w.length >= 4 && !EVERYDAY.has(w);

/**
 * Prefilter words for a signature: one word from each way it can match, each a word that must
 * occur for that way to match. When the file must contain one of the `requires` terms and each
 * gives a strong word, those words serve instead (the model id c0c0… has no usable word).
 */
export function signatureTriggers(sig: Signature): string[] {
  const fromRequires = sig.requires.map(wordOf);
  if (fromRequires.length > 0 && fromRequires.every(strong)) return [...new Set(fromRequires)];
  const alternatives: (string | undefined)[] = [
    ...sig.params.flatMap((p) => p.values.map(wordOf)),
    ...sig.reads.map(wordOf),
    ...sig.identifiers.map(wordOf),
    ...sig.compares.flatMap((c) => c.values.map(wordOf)),
    ...sig.calls.flatMap((c) =>
      // With an argument default, the call can match without any value word: the callee must occur.
      !c.args || c.args.some((a) => a.default) ? c.callee.map(wordOf) : c.args.flatMap((a) => a.values.map(wordOf)),
    ),
  ];
  if (alternatives.some((w) => w === undefined)) {
    throw new SignatureError(`signature ${sig.id}: a pattern has no word for the prefilter; add "requires" terms`);
  }
  return [...new Set(alternatives as string[])];
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/** Every hit of every signature in the document, ordered by position. */
export function matchSignatures(doc: Document, sigs: readonly Signature[]): SignatureHit[] {
  return sigs.flatMap((sig) => matchSignature(doc, sig)).sort((a, b) => a.start - b.start);
}
