// One repository of a batch: scanned (an archive extracted first) into its SARIF file and its
// summary entry, or carried over from the previous run (--resume). Never throws: a repository
// that cannot be scanned becomes a `failed` entry with its reason.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { rules as builtInRules } from '../../rules/index.js';
import { formatSarif, helpUri } from '../formatters/sarif.js';
import { readRuleDocs, TOOL } from '../package-info.js';
import type { ScanOutput } from '../scan.js';
import type { Notice, RunRule, ScanResult } from '../types.js';
import { readGitProvenance } from '../vcs.js';
import { activeRulesById } from '../worker-setup.js';
import { writeFileAtomic } from '../write-atomic.js';
import { extractArchive, type Extracted } from './archive.js';
import { withoutComparison } from './compare.js';
import type { RepoSource } from './inputs.js';
import { repoSettings, type BatchPlan, type RepoSettings } from './plan.js';
import type { RepoScanner } from './repo-pool.js';
import { SARIF_DIR } from './summary-file.js';
import type { BatchSummary, HistoryEntry, RepositorySummary } from './summary.js';
import { countFindings } from './totals.js';

export interface Repo extends RepoSource {
  id: string;
}

const docsCache = new Map<string, string>();

function runRules(settings: RepoSettings): RunRule[] {
  return settings.rules.flatMap(({ id, severity }) => {
    const rule = builtInRules.find((r) => r.id === id);
    if (!rule) return [];
    if (!docsCache.has(id)) docsCache.set(id, readRuleDocs(rule.meta.docs));
    return [{ id, meta: rule.meta, severity, helpMarkdown: docsCache.get(id) ?? '' }];
  });
}

function failed(repo: Repo, error: string, notices: Notice[], scanMs: number): RepositorySummary {
  return {
    ...identity(repo),
    status: 'failed',
    error,
    scanMs,
    filesScanned: 0,
    counts: countFindings([]),
    findings: [],
    fixed: [],
    notices,
    suppressions: [],
  };
}

function identity(repo: Repo): Pick<RepositorySummary, 'id' | 'name' | 'source' | 'sourceKind'> {
  return { id: repo.id, name: repo.name, source: repo.source, sourceKind: repo.sourceKind };
}

export function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

/** A previous result that --resume may keep: same id, same git HEAD, same configuration, SARIF still there. */
export function reusable(previous: BatchSummary | undefined, plan: BatchPlan, repo: Repo): RepositorySummary | undefined {
  if (!previous || previous.configHash !== plan.configHash || repo.isArchive) return undefined;
  const old = previous.repositories.find((r) => r.id === repo.id);
  if (!old || old.status === 'failed' || !old.head || !old.sarifFile) return undefined;
  if (readGitProvenance(repo.path)?.revisionId !== old.head) return undefined;
  try {
    if (!statSync(join(plan.options.outDir, old.sarifFile)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return { ...withoutComparison(old), ...identity(repo), status: 'cached' };
}

function folderOrMissing(path: string): 'folder' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * --history: every distinct finding across the repository's commits, with where it appeared
 * and was removed. A folder that is not a git repository (an extracted archive) gets a notice.
 */
async function historyOf(root: string, settings: RepoSettings, notices: Notice[]): Promise<HistoryEntry[] | undefined> {
  const { scanHistory, NotAGitRepositoryError } = await import('../history/index.js');
  try {
    const result = await scanHistory(root, {
      rules: activeRulesById(settings.rules),
      include: settings.include,
      exclude: settings.exclude,
      maxFileSize: settings.maxFileSize,
      // Repositories already run side by side; the history of one stays on this thread.
      jobs: 1,
    });
    return result.entries;
  } catch (error) {
    const message = error instanceof NotAGitRepositoryError ? 'not a git repository, so it has no history to scan' : `history scan failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    notices.push({ path: '.', level: 'warning', reason: 'history', message });
    return undefined;
  }
}

/** Called with a failed repository's error, for --debug. */
export type OnError = (repo: Repo, error: unknown) => void;

export async function scanOne(repo: Repo, plan: BatchPlan, scanner: RepoScanner, onError: OnError): Promise<RepositorySummary> {
  const started = performance.now();
  let extracted: Extracted | undefined;
  let notices: Notice[] = [];
  try {
    const kind = folderOrMissing(repo.path);
    if (kind === 'missing') throw new Error('no such folder or archive');
    if (repo.isArchive) {
      extracted = await extractArchive(repo.path);
      notices = extracted.notices;
    } else if (kind !== 'folder') {
      throw new Error('not a folder or a supported archive (.zip, .tar.gz, .tgz, .tar)');
    }
    const root = extracted?.root ?? repo.path;
    const settings = await repoSettings(plan, root);
    const output: ScanOutput = await scanner.scan(root, settings);
    const vcs = readGitProvenance(root);
    const result: ScanResult = {
      tool: TOOL,
      rules: runRules(settings),
      findings: output.findings,
      suppressed: output.suppressed,
      suppressions: output.suppressions,
      notices: [...notices, ...output.notices],
      stats: output.stats,
      roots: ['.'],
      vcs,
    };
    const history = plan.options.history ? await historyOf(root, settings, result.notices) : undefined;
    const sarifFile = `${SARIF_DIR}/${repo.id}.sarif`;
    writeFileAtomic(join(plan.options.outDir, sarifFile), formatSarif(result));
    const docs = new Map(result.rules.map((r) => [r.id, helpUri(r.meta.docs)]));
    return {
      ...identity(repo),
      status: 'scanned',
      ...(vcs?.revisionId ? { head: vcs.revisionId } : {}),
      ...(vcs?.branch ? { branch: vcs.branch } : {}),
      scanMs: Math.round(performance.now() - started),
      filesScanned: output.stats.filesScanned,
      counts: countFindings(output.findings),
      findings: output.findings.map((f) => ({ ...f, helpUri: docs.get(f.ruleId) ?? '' })),
      fixed: [],
      notices: result.notices,
      // Honoured, and listed so that a reviewer reads every reason (--no-inline-suppressions ignores them).
      suppressions: output.suppressions,
      ...(history ? { history } : {}),
      sarifFile,
    };
  } catch (error) {
    onError(repo, error);
    return failed(repo, message(error), notices, Math.round(performance.now() - started));
  } finally {
    extracted?.cleanup();
  }
}
