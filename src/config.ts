// Finds and validates .ethnolint.yaml / .yml / .json. JSON is parsed as YAML (it is a subset)
// so that every error carries a line and column. Data only: nothing in a config is executed.

import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import picomatch from 'picomatch';
import { ConfigError, describeFsError } from './errors.js';
import { readSourceFile } from './read-file.js';
import { MAX_MATCHED_TEXT, patternProblem } from './suppress/regex-safety.js';
import type { Severity } from './types.js';

/** 'on' enables a rule at its default severity. */
export type RuleSetting = 'off' | 'on' | Severity;

export interface Config {
  rules: Record<string, RuleSetting>;
  include: string[];
  exclude: string[];
  /** File-level suppressions, for files that cannot hold a comment. */
  exceptions: ConfigException[];
  /** The file the configuration was read from. */
  source: string;
}

/**
 * One entry of `exceptions:`: findings in files matching `paths` (globs relative to the config
 * file), optionally only of `rules` and only where the matched text equals `text` or matches
 * `pattern`, are suppressed, for `reason`.
 */
export interface ConfigException {
  paths: string[];
  /** Empty means every rule. */
  rules: string[];
  text?: string;
  pattern?: string;
  reason: string;
  /** Position of the entry in the config file. */
  line: number;
  column: number;
}

export { CONFIG_FILE_NAMES, findConfig } from './config-files.js';

const MAX_CONFIG_BYTES = 1024 * 1024;
const SETTINGS: readonly RuleSetting[] = ['off', 'on', 'error', 'warning', 'note'];
const TOP_LEVEL_KEYS = ['rules', 'include', 'exclude', 'exceptions'] as const;

interface Position {
  line: number;
  column: number;
}

/** Where each rule id was written, for validateRuleIds; kept off the Config object itself. */
const ruleKeyPositions = new WeakMap<Config, Map<string, Position>>();
/** Where each rule id of each exception was written: [exception index, id, position]. */
const exceptionRulePositions = new WeakMap<Config, [number, string, Position][]>();
const EXCEPTION_KEYS = ['paths', 'rules', 'text', 'pattern', 'reason'] as const;

/** Reads and validates a configuration file; throws ConfigError. An explicit path may be a symlink. */
export function loadConfig(file: string): Config {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    throw new ConfigError(file, undefined, undefined, `cannot read: ${describeFsError(error)}`);
  }
  const read = readSourceFile(real, MAX_CONFIG_BYTES);
  switch (read.status) {
    case 'ok':
      return parseConfig(read.text, file);
    case 'too-large':
      throw new ConfigError(file, undefined, undefined, `file is larger than 1 MiB (${read.size} bytes)`);
    case 'binary':
      throw new ConfigError(file, undefined, undefined, 'not a text file');
    case 'unreadable':
      throw new ConfigError(file, undefined, undefined, `cannot read: ${read.message}`);
  }
}

/** Validates configuration text; `file` is used in messages and as Config.source. */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fail = (at: Node | number | null | undefined, detail: string): never => {
    const offset = typeof at === 'number' ? at : (at?.range?.[0] ?? 0);
    const { line, col } = lineCounter.linePos(offset);
    throw new ConfigError(file, line, col, detail);
  };
  const firstError = doc.errors[0];
  if (firstError) fail(firstError.pos[0], (firstError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, ''));

  const config: Config = { rules: Object.create(null) as Record<string, RuleSetting>, include: [], exclude: [], exceptions: [], source: file };
  const positions = new Map<string, Position>();
  ruleKeyPositions.set(config, positions);

  const root = resolve(doc, doc.contents);
  if (root === undefined) return config; // empty file or only comments
  if (!isMap(root)) return fail(root, `expected a mapping with the keys ${TOP_LEVEL_KEYS.join(', ')}`);

  for (const pair of root.items) {
    const key = keyName(pair.key, '', fail);
    const value = resolve(doc, pair.value);
    switch (key) {
      case 'rules':
        if (value === undefined) break;
        if (!isMap(value)) return fail(value, 'rules: expected a mapping of rule id to a setting');
        for (const rulePair of value.items) {
          const id = keyName(rulePair.key, 'rules.', fail);
          config.rules[id] = parseSetting(doc, rulePair.value ?? rulePair.key, `rules.${id}`, fail);
          const { line, col } = lineCounter.linePos((rulePair.key as Node).range?.[0] ?? 0);
          positions.set(id, { line, column: col });
        }
        break;
      case 'include':
      case 'exclude':
        config[key] = parseGlobList(doc, value, key, fail);
        break;
      case 'exceptions':
        if (value === undefined) break;
        if (!isSeq(value)) return fail(value, 'exceptions: expected a list');
        config.exceptions = parseExceptions(doc, value.items, lineCounter, fail, config);
        break;
      default:
        return fail(pair.key as Node, `unknown key "${key}" (expected one of ${TOP_LEVEL_KEYS.join(', ')})`);
    }
  }
  return config;
}

/**
 * Throws a ConfigError at the first rule id that is not in `knownIds`. Separate from loading
 * because only the caller knows the rule set.
 */
export function validateRuleIds(config: Config, knownIds: Iterable<string>, exceptionRuleIds: Iterable<string> = knownIds): void {
  const known = [...knownIds];
  const knownSet = new Set(known);
  const hintFor = (id: string, ids: readonly string[]): string => {
    const near = closest(id, ids);
    return near ? `; did you mean "${near}"?` : ids.length > 0 ? ` (known rules: ${ids.join(', ')})` : '';
  };
  for (const id of Object.keys(config.rules)) {
    if (knownSet.has(id)) continue;
    const position = ruleKeyPositions.get(config)?.get(id);
    throw new ConfigError(config.source, position?.line, position?.column, `rules.${id}: unknown rule id "${id}"${hintFor(id, known)}`);
  }
  const exceptionIds = [...exceptionRuleIds];
  for (const [index, id, position] of exceptionRulePositions.get(config) ?? []) {
    if (exceptionIds.includes(id)) continue;
    throw new ConfigError(config.source, position.line, position.column, `exceptions[${index}].rules: unknown rule id "${id}"${hintFor(id, exceptionIds)}`);
  }
}

function parseExceptions(doc: Document, items: readonly unknown[], lineCounter: LineCounter, fail: Fail, config: Config): ConfigException[] {
  const rulePositions: [number, string, Position][] = [];
  exceptionRulePositions.set(config, rulePositions);
  const positionOf = (node: Node): Position => {
    const { line, col } = lineCounter.linePos(node.range?.[0] ?? 0);
    return { line, column: col };
  };
  return items.map((raw, index) => {
    const label = `exceptions[${index}]`;
    const item = resolve(doc, raw);
    if (!isMap(item)) return fail(item ?? (raw as Node), `${label}: expected a mapping with paths and reason (and optionally rules, text, pattern)`);
    const fields = new Map<string, Node | undefined>();
    for (const pair of item.items) {
      const key = keyName(pair.key, `${label}.`, fail);
      if (!(EXCEPTION_KEYS as readonly string[]).includes(key)) return fail(pair.key as Node, `${label}: unknown key "${key}" (expected one of ${EXCEPTION_KEYS.join(', ')})`);
      fields.set(key, resolve(doc, pair.value));
    }
    const string = (key: string, node: Node | undefined): string | undefined => {
      if (node === undefined) return undefined;
      if (isScalar(node) && typeof node.value === 'string') return node.value;
      return fail(node, `${label}.${key}: expected a string`);
    };
    const stringList = (key: string, node: Node | undefined): [string, Node][] => {
      if (node === undefined) return [];
      const entries = isSeq(node) ? node.items.map((raw) => resolve(doc, raw) ?? (raw as Node)) : [node];
      return entries.map((entry, i) => {
        if (isScalar(entry) && typeof entry.value === 'string' && entry.value.trim() !== '') return [entry.value.trim(), entry];
        return fail(entry, `${label}.${key}${isSeq(node) ? `[${i}]` : ''}: expected a non-empty string`);
      });
    };

    const paths = stringList('paths', fields.get('paths'));
    if (paths.length === 0) return fail(fields.get('paths') ?? item, `${label}: missing paths (a glob or a list of globs, relative to the config file)`);
    for (const [glob, node] of paths) {
      const problem = globProblem(glob);
      if (problem) return fail(node, `${label}.paths: ${problem}`);
    }
    const rules = stringList('rules', fields.get('rules'));
    for (const [id, node] of rules) rulePositions.push([index, id, positionOf(node)]);
    const reason = string('reason', fields.get('reason'))?.trim();
    if (!reason) return fail(fields.get('reason') ?? item, `${label}: missing reason (say why these findings are acceptable)`);
    const text = string('text', fields.get('text'));
    if (text !== undefined && (text.trim() === '' || text.length > MAX_MATCHED_TEXT)) {
      return fail(fields.get('text'), `${label}.text: expected a non-empty string of at most ${MAX_MATCHED_TEXT} characters`);
    }
    const pattern = string('pattern', fields.get('pattern'));
    if (pattern !== undefined) {
      const problem = pattern === '' ? 'the pattern is empty' : patternProblem(pattern);
      if (problem) return fail(fields.get('pattern'), `${label}.pattern: ${problem}`);
    }
    const { line, column } = positionOf(item);
    return {
      paths: paths.map(([glob]) => glob),
      rules: rules.map(([id]) => id),
      ...(text !== undefined ? { text: text.trim() } : {}),
      ...(pattern !== undefined ? { pattern } : {}),
      reason,
      line,
      column,
    };
  });
}

/** Why a glob of `paths` cannot be used; undefined when it can. */
function globProblem(glob: string): string | undefined {
  if (path.isAbsolute(glob) || /^[A-Za-z]:[\\/]/.test(glob)) return `"${glob}" is absolute; globs are relative to the config file`;
  if (glob.split(/[\\/]/).includes('..')) return `"${glob}" leaves the config file's folder ("..")`;
  try {
    picomatch.makeRe(glob, { dot: true });
  } catch (error) {
    return `"${glob}" is not a valid glob: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

type Fail = (at: Node | number | null | undefined, detail: string) => never;

/** The node itself, or the one an alias points to; undefined for a missing or null value. */
function resolve(doc: Document, node: unknown): Node | undefined {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (target === undefined || target === null) return undefined;
  if (isScalar(target) && target.value === null) return undefined;
  return target as Node;
}

function keyName(key: unknown, prefix: string, fail: Fail): string {
  if (isScalar(key) && typeof key.value === 'string') return key.value;
  const where = prefix === '' ? '' : `${prefix.replace(/\.$/, '')}: `;
  return fail(key as Node, `${where}expected a string key`);
}

function parseSetting(doc: Document, raw: unknown, label: string, fail: Fail, nested = false): RuleSetting {
  const node = resolve(doc, raw);
  const expected = `expected one of ${SETTINGS.join(', ')}`;
  if (node === undefined) return fail(raw as Node, `${label}: ${expected}, got nothing`);
  if (isScalar(node)) {
    const value = node.value;
    // JSON has no bare off/on; true and false read naturally there.
    if (value === true) return 'on';
    if (value === false) return 'off';
    if (typeof value === 'string' && (SETTINGS as readonly string[]).includes(value)) return value as RuleSetting;
    return fail(node, `${label}: ${expected}, got ${JSON.stringify(value)}`);
  }
  if (isMap(node) && !nested) {
    let setting: RuleSetting | undefined;
    for (const pair of node.items) {
      const key = keyName(pair.key, `${label}.`, fail);
      if (key !== 'severity') return fail(pair.key as Node, `${label}: unknown key "${key}" (expected severity)`);
      setting = parseSetting(doc, pair.value ?? pair.key, `${label}.severity`, fail, true);
    }
    return setting ?? fail(node, `${label}: expected a severity`);
  }
  return fail(node, `${label}: ${expected}, got a ${isSeq(node) ? 'list' : 'mapping'}`);
}

function parseGlobList(doc: Document, node: Node | undefined, key: string, fail: Fail): string[] {
  if (node === undefined) return [];
  if (!isSeq(node)) return fail(node, `${key}: expected a list of glob patterns`);
  return node.items.map((raw, index) => {
    const item = resolve(doc, raw);
    if (isScalar(item) && typeof item.value === 'string' && item.value !== '') return item.value;
    return fail(item ?? (raw as Node), `${key}[${index}]: expected a glob pattern (a non-empty string)`);
  });
}

/** The known id within edit distance 2 of `id`, for a did-you-mean hint. */
function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(id, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
