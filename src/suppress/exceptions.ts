// File-level exceptions from the configuration (`exceptions:`), for files that cannot hold a
// comment: JSON label maps, CSV, class lists, notebook outputs. An exception matches a finding
// by path glob, optionally by rule and by the matched text. Specs are plain data, so that they
// cross to worker threads; each side compiles them once.
import { compileGlobs } from '../ignore-rules.js';
import type { Finding } from '../types.js';
import { compileSafePattern, MAX_MATCHED_TEXT } from './regex-safety.js';

export interface ExceptionSpec {
  /** Globs relative to the working directory (config-relative globs are rebased by run-config). */
  paths: string[];
  /** Rule ids; empty means every rule. */
  rules: string[];
  /** Case-insensitive literal the matched text must equal. */
  text?: string;
  /** Regular expression (case-insensitive) the matched text must match; checked by regex-safety. */
  pattern?: string;
  reason: string;
  /** The config file, relative to the working directory, and the entry's position in it. */
  source: string;
  line: number;
  column: number;
}

export interface CompiledException {
  spec: ExceptionSpec;
  matchesPath: (path: string) => boolean;
  matchesText: (texts: readonly string[]) => boolean;
}

const compiled = new WeakMap<readonly ExceptionSpec[], CompiledException[]>();

export function compileExceptions(specs: readonly ExceptionSpec[]): CompiledException[] {
  let out = compiled.get(specs);
  if (out) return out;
  out = specs.map((spec) => {
    const matchesPath = compileGlobs(spec.paths) ?? (() => false);
    const text = spec.text?.toLowerCase();
    const pattern = spec.pattern !== undefined ? compileSafePattern(spec.pattern) : undefined;
    const matchesText = (texts: readonly string[]): boolean =>
      (text === undefined || texts.some((t) => t.toLowerCase() === text)) && (pattern === undefined || texts.some(pattern));
    return { spec, matchesPath, matchesText };
  });
  compiled.set(specs, out);
  return out;
}

/**
 * What `text` and `pattern` are compared with: the source text of the finding's range (and
 * that text without its quotes), its evidence, and each term of a label-set evidence
 * ("black|east asian|white"). Each is cut to MAX_MATCHED_TEXT characters.
 */
export function matchedTexts(finding: Finding, region: string): string[] {
  const unquoted = /^(["'`])([\s\S]*)\1$/.exec(region)?.[2];
  const texts = [region, unquoted, finding.evidence, ...finding.evidence.split('|')];
  return [...new Set(texts.filter((t): t is string => t !== undefined && t.trim() !== '').map((t) => t.trim().slice(0, MAX_MATCHED_TEXT)))];
}

/** Index of the first exception that covers the finding, or -1. */
export function findException(exceptions: readonly CompiledException[], finding: Finding, region: string): number {
  let texts: string[] | undefined;
  return exceptions.findIndex((e) => {
    if (e.spec.rules.length > 0 && !e.spec.rules.includes(finding.ruleId)) return false;
    if (!e.matchesPath(finding.path)) return false;
    if (e.spec.text === undefined && e.spec.pattern === undefined) return true;
    texts ??= matchedTexts(finding, region);
    return e.matchesText(texts);
  });
}
