// The batch's effective configuration: flags, the shared --config file, and (only with
// --trust-repo-config) each repository's own configuration file. Built from the same pieces as
// a single scan (run-config.ts), so a rule means the same in both.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { findConfig } from '../config-files.js';
import type { Config } from '../config.js';
import type { ActiveRule } from '../engine.js';
import { VERSION } from '../package-info.js';
import { activeRules, checkRuleIds, loadRelative } from '../run-config.js';
import type { ExceptionSpec } from '../suppress/exceptions.js';
import type { Severity } from '../types.js';

export interface BatchOptions {
  inputs: string[];
  outDir: string;
  cwd: string;
  rule: string[];
  disable: string[];
  include: string[];
  exclude: string[];
  failOn: Severity | 'never';
  maxFileSizeBytes: number;
  gitignore: boolean;
  /** Absolute path of the configuration file applied to every repository. */
  config?: string;
  trustRepoConfig: boolean;
  /** Honour inline suppression directives (on by default; --no-inline-suppressions). */
  inlineSuppressions: boolean;
  jobs: number;
  shard?: { index: number; count: number };
  resume: boolean;
  /** Also scan each git repository's history (see src/history). */
  history?: boolean;
  sinceReport?: string;
  quiet: boolean;
  debug: boolean;
}

/** What one repository is scanned with. Plain data: it crosses into worker threads. */
export interface RepoSettings {
  rules: { id: string; severity: Severity }[];
  include: string[];
  exclude: string[];
  gitignore: boolean;
  maxFileSize: number;
  inlineSuppressions: boolean;
  /** The configuration's exceptions; their globs, like include/exclude, are relative to the repository root. */
  exceptions: ExceptionSpec[];
}

export interface BatchPlan {
  options: BatchOptions;
  shared?: Config;
  /** Tool version + effective configuration; --resume reuses results only when it is unchanged. */
  configHash: string;
}

function settings(options: BatchOptions, config: Config | undefined): RepoSettings {
  return {
    rules: activeRules(options, config).map(({ rule, severity }) => ({ id: rule.id, severity })),
    // Globs of a configuration file apply relative to each repository's root.
    include: [...(config?.include ?? []), ...options.include],
    exclude: [...(config?.exclude ?? []), ...options.exclude],
    gitignore: options.gitignore,
    maxFileSize: options.maxFileSizeBytes,
    inlineSuppressions: options.inlineSuppressions,
    exceptions: (config?.exceptions ?? []).map((e) => ({ ...e, source: basename(config?.source ?? '') })),
  };
}

export async function planBatch(options: BatchOptions): Promise<BatchPlan> {
  checkRuleIds(options.rule, '--rule');
  checkRuleIds(options.disable, '--disable');
  const shared = options.config ? await loadRelative(options.config, options.cwd) : undefined;
  const hashed = { version: VERSION, settings: settings(options, shared), trustRepoConfig: options.trustRepoConfig && !shared, history: options.history === true };
  const configHash = createHash('sha256').update(JSON.stringify(hashed)).digest('hex').slice(0, 16);
  return { options, shared, configHash };
}

/**
 * The settings for one repository. Its own configuration file is read only when trusted and no
 * --config was given (as for a single scan, --config wins); a broken one fails that repository.
 */
export async function repoSettings(plan: BatchPlan, root: string): Promise<RepoSettings> {
  const own = !plan.shared && plan.options.trustRepoConfig ? findConfig(root) : undefined;
  const config = own ? await loadRelative(own, root) : plan.shared;
  return settings(plan.options, config);
}

