// Turns command-line flags and the configuration file into one plan for a run: which paths,
// which rules at which severity, which files. Flags win over the configuration file.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { rules as builtInRules } from '../rules/index.js';
import type { Io } from './cli.js';
import { findConfig } from './config-files.js';
import type { Config } from './config.js';
import type { ActiveRule } from './engine.js';
import { DEFAULT_DIAGNOSTIC_SEVERITIES, DIAGNOSTIC_IDS, type DiagnosticSeverities } from './diagnostics.js';
import { ConfigError, UsageError } from './errors.js';
import type { FormatName } from './formatters/index.js';
import type { ExceptionSpec } from './suppress/exceptions.js';
import type { Rule, Severity } from './types.js';

/** What the scan and batch commands both take: the threshold, the rules and the files. */
export interface SelectionFlags {
  failOn: Severity | 'never';
  rule: string[];
  disable: string[];
  include: string[];
  exclude: string[];
  gitignore: boolean;
}

export interface CliFlags extends SelectionFlags {
  format: FormatName;
  output?: string;
  maxFileSizeBytes: number;
  config?: string;
  repoConfig: boolean;
  followSymlinks?: boolean;
  sarifCategory?: string;
  jobs?: number;
  shard?: { index: number; count: number };
  quiet?: boolean;
  color: boolean;
  debug?: boolean;
  /** Baseline file to compare with (--baseline). */
  baseline?: string;
  /** Baseline file to write (--write-baseline). */
  writeBaseline?: string;
  /** Scan the index's content of staged files (--staged). */
  staged?: boolean;
  /** Report only lines changed since the merge base of this revision and HEAD (--diff). */
  diff?: string;
  /** false with --no-inline-suppressions: directives in comments are ignored. */
  inlineSuppressions?: boolean;
  /** Report suppressions that matched nothing as unused-suppression findings. */
  reportUnusedSuppressions?: boolean;
  /** Print the suppressions instead of the findings. */
  listSuppressions?: boolean;
}

export interface RunPlan {
  flags: CliFlags;
  paths: string[];
  cwd: string;
  configFile?: string;
  rules: ActiveRule[];
  include: string[];
  exclude: string[];
  /** The folder whose .git gives version-control provenance. */
  root: string;
  /** The configuration's exceptions, globs rebased onto the working directory. */
  exceptions: ExceptionSpec[];
  diagnosticSeverities: DiagnosticSeverities;
  /** Every built-in rule id, running or not: the ids a suppression may name. */
  knownRuleIds: string[];
}

export function knownRule(id: string): Rule | undefined {
  return builtInRules.find((r) => r.id === id);
}

export function checkRuleIds(ids: readonly string[], flag: string): void {
  for (const id of ids) {
    if (!knownRule(id)) throw new UsageError(`${flag}: unknown rule id "${id}" (see --list-rules)`);
  }
}

/**
 * The scan root: the first path argument if it is a folder; for a file, the working directory
 * if the file is inside it (pre-commit passes file names from the repository's top), else the
 * file's folder.
 */
function scanRoot(cwd: string, paths: readonly string[]): string {
  const first = resolve(cwd, paths[0] ?? '.');
  try {
    if (statSync(first).isDirectory()) return first;
    const rel = relative(cwd, first);
    return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) ? cwd : dirname(first);
  } catch {
    return cwd;
  }
}

/** Combinations of the git and baseline options that cannot mean anything sensible. */
function checkModes(flags: CliFlags): void {
  if (flags.writeBaseline !== undefined && (flags.staged || flags.diff !== undefined)) {
    throw new UsageError('--write-baseline records a whole scan; it cannot be combined with --staged or --diff');
  }
  if (flags.writeBaseline !== undefined && flags.shard !== undefined) {
    throw new UsageError('--write-baseline records a whole scan; it cannot be combined with --shard');
  }
}

/** Config globs are relative to the config file's folder; the walker matches paths relative to cwd. */
function rebase(globs: readonly string[], configDir: string, cwd: string): string[] {
  const prefix = relative(cwd, configDir).split('\\').join('/');
  if (!prefix) return [...globs];
  // A pattern without '/' matches a name at any depth, wherever the config file is.
  return globs.map((g) => (!g.includes('/') || g.startsWith('**/') || isAbsolute(g) ? g : `${prefix}/${g.replace(/^\.\//, '')}`));
}

export function activeRules(flags: Pick<CliFlags, 'rule' | 'disable'>, config: Config | undefined): ActiveRule[] {
  const only = new Set(flags.rule);
  const disabled = new Set(flags.disable);
  const active: ActiveRule[] = [];
  for (const rule of builtInRules) {
    const setting = config?.rules[rule.id];
    if (disabled.has(rule.id)) continue;
    if (only.size > 0 ? !only.has(rule.id) : setting === 'off') continue;
    const severity: Severity = setting && setting !== 'on' && setting !== 'off' ? setting : rule.meta.defaultSeverity;
    active.push({ rule, severity });
  }
  return active;
}

/** Loads and validates a config file; its errors name the file relative to the working directory. */
export async function loadRelative(file: string, cwd: string): Promise<Config> {
  const { loadConfig, validateRuleIds } = await import('./config.js');
  try {
    const config = loadConfig(file);
    // Diagnostics take a severity under `rules:`; exceptions name detection rules only.
    const ruleIds = builtInRules.map((r) => r.id);
    validateRuleIds(config, [...ruleIds, ...DIAGNOSTIC_IDS], ruleIds);
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError(relative(cwd, error.file) || error.file, error.line, error.column, error.detail);
  }
}

function diagnosticSeverities(config: Config | undefined): DiagnosticSeverities {
  const out = { ...DEFAULT_DIAGNOSTIC_SEVERITIES };
  for (const id of DIAGNOSTIC_IDS) {
    const setting = config?.rules[id];
    if (setting === 'off' || setting === 'error' || setting === 'warning' || setting === 'note') out[id] = setting;
  }
  return out;
}

/** Config exceptions as scan options: paths relative to the working directory. */
function exceptionSpecs(config: Config | undefined, configFile: string | undefined, cwd: string): ExceptionSpec[] {
  if (!config || !configFile) return [];
  const source = relative(cwd, configFile).split('\\').join('/') || configFile;
  return config.exceptions.map((e) => ({ ...e, paths: rebase(e.paths, dirname(configFile), cwd), source }));
}

export async function resolveRun(flags: CliFlags, paths: string[], io: Pick<Io, 'cwd'>): Promise<RunPlan> {
  checkRuleIds(flags.rule, '--rule');
  checkRuleIds(flags.disable, '--disable');
  checkModes(flags);
  const cwd = io.cwd;
  const root = scanRoot(cwd, paths);
  const configFile = flags.config ? resolve(cwd, flags.config) : flags.repoConfig ? findConfig(root) : undefined;
  const config = configFile ? await loadRelative(configFile, cwd) : undefined;
  const configDir = configFile ? dirname(configFile) : root;
  return {
    flags,
    paths,
    cwd,
    configFile,
    rules: activeRules(flags, config),
    include: [...rebase(config?.include ?? [], configDir, cwd), ...flags.include],
    exclude: [...rebase(config?.exclude ?? [], configDir, cwd), ...flags.exclude],
    root,
    exceptions: exceptionSpecs(config, configFile, cwd),
    diagnosticSeverities: diagnosticSeverities(config),
    knownRuleIds: builtInRules.map((r) => r.id),
  };
}
