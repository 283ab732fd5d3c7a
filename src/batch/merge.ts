// `ethnolint merge`: combines the out dirs of sharded batch runs into one, with every total
// recomputed, repositories sorted by id, and the SARIF files copied beside the merged summary.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Io } from '../cli.js';
import { UsageError } from '../errors.js';
import { sanitizeForTerminal } from '../formatters/sanitize.js';
import { TOOL } from '../package-info.js';
import { failsBuild } from '../run.js';
import type { Severity } from '../types.js';
import { writeFileAtomic } from '../write-atomic.js';
import { renderReport } from './report-html.js';
import { readSummary, REPORT_FILE, SARIF_DIR, SUMMARY_FILE, SummaryFileError } from './summary-file.js';
import { SUMMARY_SCHEMA_VERSION, type BatchSummary, type RepositorySummary } from './summary.js';
import { compareIds, computeTotals } from './totals.js';

export interface MergeOptions {
  inputs: string[];
  outDir: string;
  cwd: string;
  failOn: Severity | 'never';
  quiet: boolean;
}

/** The only SARIF names a batch writes; anything else in an input (e.g. `../x`) is refused. */
const SARIF_NAME = /^sarif\/[A-Za-z0-9_][A-Za-z0-9._-]*\.sarif$/;

/** Two results for one id are the same repository's if they differ only in timing. */
function sameResult(a: RepositorySummary, b: RepositorySummary): boolean {
  return JSON.stringify({ ...a, scanMs: 0 }) === JSON.stringify({ ...b, scanMs: 0 });
}

interface Input {
  given: string;
  dir: string;
  summary: BatchSummary;
}

function readInputs(options: MergeOptions): Input[] {
  return options.inputs.map((given) => {
    const dir = resolve(options.cwd, given);
    try {
      return { given, dir, summary: readSummary(dir) };
    } catch (error) {
      if (error instanceof SummaryFileError) throw new UsageError(error.message);
      throw error;
    }
  });
}

export function mergeSummaries(inputs: readonly { given: string; summary: BatchSummary }[]): BatchSummary {
  const hashes = new Set(inputs.map((i) => i.summary.configHash));
  if (hashes.size > 1) throw new UsageError('the inputs were made with different ethnolint versions or configurations (configHash differs); merge only shards of one batch');
  const byId = new Map<string, { repo: RepositorySummary; from: string }>();
  for (const { given, summary } of inputs) {
    for (const repo of summary.repositories) {
      const seen = byId.get(repo.id);
      if (seen && !sameResult(seen.repo, repo)) throw new UsageError(`repository "${repo.id}" is in both ${seen.from} and ${given} with different results`);
      if (!seen) byId.set(repo.id, { repo, from: given });
    }
  }
  const repositories = [...byId.values()].map((v) => v.repo).sort(compareIds);
  const since = [...new Set(inputs.flatMap((i) => (i.summary.totals.comparison ? [i.summary.totals.comparison.since] : [])))];
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    // The tool that scanned (one version, as the equal configHash says), not the one merging.
    tool: inputs[0]?.summary.tool ?? TOOL,
    generatedAt: new Date().toISOString(),
    configHash: [...hashes][0] ?? '',
    mergedFrom: inputs.map((i) => i.given),
    totals: computeTotals(repositories, since.length > 0 ? since.join(', ') : undefined),
    repositories,
  };
}

export async function runMerge(options: MergeOptions, io: Io): Promise<number> {
  const inputs = readInputs(options);
  const merged = mergeSummaries(inputs);
  const outDir = options.outDir;
  try {
    mkdirSync(join(outDir, SARIF_DIR), { recursive: true });
  } catch (error) {
    throw new UsageError(`cannot create the out dir ${options.outDir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const { dir, summary } of inputs) {
    for (const repo of summary.repositories) {
      if (!repo.sarifFile) continue;
      if (!SARIF_NAME.test(repo.sarifFile)) throw new UsageError(`${join(dir, SUMMARY_FILE)}: unexpected SARIF file name "${repo.sarifFile}"`);
      const from = join(dir, repo.sarifFile);
      const to = join(outDir, repo.sarifFile);
      if (from === to) continue; // the out dir is one of the inputs
      try {
        // Read and write rather than copy in place: the target is written atomically.
        writeFileAtomic(to, readFileSync(from, 'utf8'));
      } catch (error) {
        throw new UsageError(`cannot copy ${from}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  writeFileAtomic(join(outDir, SUMMARY_FILE), `${JSON.stringify(merged, null, 2)}\n`);
  writeFileAtomic(join(outDir, REPORT_FILE), renderReport(merged));
  const { totals } = merged;
  if (!options.quiet) {
    io.stderr(
      `ethnolint: merged ${inputs.length} out dirs: ${totals.repositories} repositories (${totals.failed} failed), ` +
        `${totals.findings.total} findings; report in ${sanitizeForTerminal(relative(options.cwd, outDir) || '.')}\n`,
    );
  }
  return failsBuild(merged.repositories.flatMap((r) => r.findings), options.failOn) ? 1 : 0;
}

