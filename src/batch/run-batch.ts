// `ethnolint batch`: expand the inputs into repositories, keep this shard's, scan each (or reuse
// an unchanged one with --resume) within the jobs budget, and write one SARIF per repository,
// summary.json and report.html into the out dir. A repository that fails is reported and never
// stops the others.
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Io } from '../cli.js';
import { UsageError } from '../errors.js';
import { sanitizeForTerminal } from '../formatters/sanitize.js';
import { TOOL } from '../package-info.js';
import { failsBuild } from '../run.js';
import { shardOf } from '../scan.js';
import { writeFileAtomic } from '../write-atomic.js';
import { compareWith } from './compare.js';
import { assignIds } from './ids.js';
import { expandInputs } from './inputs.js';
import { planBatch, type BatchOptions } from './plan.js';
import { progress } from './progress.js';
import { repoScanner } from './repo-pool.js';
import { renderReport } from './report-html.js';
import { message, reusable, scanOne, type OnError, type Repo } from './repository.js';
import { readSummary, REPORT_FILE, SARIF_DIR, SUMMARY_FILE, SummaryFileError } from './summary-file.js';
import { SUMMARY_SCHEMA_VERSION, type BatchSummary, type RepositorySummary } from './summary.js';
import { compareIds, computeTotals } from './totals.js';

/** Runs `work` over `items` with at most `limit` at once; results in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}

function selectRepos(options: Pick<BatchOptions, 'inputs' | 'cwd' | 'shard'> & { outDir?: string; sinceReport?: string }): Repo[] {
  // The out dir of this or an earlier batch may sit beside the repositories: it is not one.
  const reports = [options.outDir, options.sinceReport].filter((p): p is string => p !== undefined);
  const sources = expandInputs(options.inputs, options.cwd, reports);
  if (sources.length === 0) throw new UsageError('no repositories found in the inputs');
  // Ids over all inputs before sharding, so every shard names a repository the same way.
  const ids = assignIds(sources);
  const repos = sources.map((s, i) => ({ ...s, id: ids[i] as string }));
  const { shard } = options;
  return repos.filter((r) => !shard || shardOf(r.id, shard.count) === shard.index).sort(compareIds);
}

/**
 * --list-repos: the paths of this shard's repositories, relative to the working directory, so a
 * CI job can fetch only those before the scan. Listed repositories need not exist yet.
 */
export function listRepos(inputs: string[], shard: BatchOptions['shard'], io: Io): number {
  for (const repo of selectRepos({ inputs, cwd: io.cwd, shard })) {
    io.stdout(`${(relative(io.cwd, repo.path) || '.').split('\\').join('/')}\n`);
  }
  return 0;
}

function readOptionalSummary(dir: string | undefined, what: string): BatchSummary | undefined {
  if (dir === undefined) return undefined;
  try {
    return readSummary(dir);
  } catch (error) {
    if (error instanceof SummaryFileError) throw new UsageError(`${what}: ${error.message}`);
    throw error;
  }
}

const PLURALS = { repository: 'repositories', finding: 'findings' } as const;

function plural(n: number, word: keyof typeof PLURALS): string {
  return `${n} ${n === 1 ? word : PLURALS[word]}`;
}

export async function runBatch(options: BatchOptions, io: Io): Promise<number> {
  const plan = await planBatch(options);
  const repos = selectRepos(options);
  const outDir = options.outDir;
  const sinceDir = options.sinceReport === undefined ? undefined : resolve(options.cwd, options.sinceReport);
  const earlier = readOptionalSummary(sinceDir, '--since-report');
  // A missing or unreadable previous summary only means nothing can be reused.
  let previous: BatchSummary | undefined;
  if (options.resume) {
    try {
      previous = readSummary(outDir);
    } catch {
      previous = undefined;
    }
  }
  try {
    mkdirSync(join(outDir, SARIF_DIR), { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create the out dir ${relative(options.cwd, outDir) || outDir}: ${message(error)}`);
  }

  const cached = new Map(repos.flatMap((r) => {
    const kept = reusable(previous, plan, r);
    return kept ? [[r.id, kept] as const] : [];
  }));
  const toScan = repos.filter((r) => !cached.has(r.id));
  const scanner = repoScanner(options.jobs, toScan.length);
  const shown = progress(toScan.length, io.stderrIsTty && !options.quiet, io.stderr);
  const debugStack: OnError = (repo, error) => {
    if (!options.debug || !(error instanceof Error) || !error.stack) return;
    shown.clear();
    io.stderr(`ethnolint: ${sanitizeForTerminal(repo.id)}: ${error.stack.split('\n').map(sanitizeForTerminal).join('\n')}\n`);
  };
  let scanned: RepositorySummary[];
  try {
    scanned = await mapLimit(toScan, scanner.slots, async (repo) => {
      shown.started(repo.id);
      const summary = await scanOne(repo, plan, scanner, debugStack);
      shown.finished();
      return summary;
    });
  } finally {
    shown.clear();
    await scanner.close();
  }

  const repositories = [...cached.values(), ...scanned].sort(compareIds);
  if (earlier) compareWith(repositories, earlier);
  const summary: BatchSummary = {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    tool: TOOL,
    generatedAt: new Date().toISOString(),
    configHash: plan.configHash,
    ...(options.shard ? { shard: { index: options.shard.index + 1, count: options.shard.count } } : {}),
    totals: computeTotals(repositories, earlier ? options.sinceReport : undefined),
    repositories,
  };
  writeFileAtomic(join(outDir, SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileAtomic(join(outDir, REPORT_FILE), renderReport(summary));
  return finish(summary, options, io);
}

/** Failures (always) and one summary line (unless --quiet) on stderr; the exit code. */
function finish(summary: BatchSummary, options: BatchOptions, io: Io): number {
  const { totals } = summary;
  for (const r of summary.repositories) {
    if (r.status === 'failed') io.stderr(`ethnolint: ${sanitizeForTerminal(r.id)}: failed: ${sanitizeForTerminal(r.error ?? 'unknown error')}\n`);
  }
  if (!options.quiet) {
    const where = relative(options.cwd, options.outDir) || '.';
    io.stderr(
      `ethnolint: ${plural(totals.repositories, 'repository')} (${totals.scanned} scanned, ${totals.cached} cached, ${totals.failed} failed): ` +
        `${plural(totals.findings.total, 'finding')} in ${plural(totals.withFindings, 'repository')}; report in ${sanitizeForTerminal(where)}\n`,
    );
  }
  if (totals.repositories > 0 && totals.failed === totals.repositories) {
    io.stderr(`ethnolint: no repository could be scanned\n`);
    return 2;
  }
  if (totals.failed > 0 && !options.quiet) {
    io.stderr(`ethnolint: ${plural(totals.failed, 'repository')} could not be scanned; the exit code reflects the others only\n`);
  }
  return failsBuild(summary.repositories.flatMap((r) => r.findings), options.failOn) ? 1 : 0;
}
