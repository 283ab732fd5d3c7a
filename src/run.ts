// Executes a resolved run plan: scan, assemble the result, print or write the report, and
// decide the exit code from --fail-on.
import { resolve } from 'node:path';
import type { Io } from './cli.js';
import { UsageError } from './errors.js';
import { format } from './formatters/index.js';
import { sanitizeForTerminal } from './formatters/sanitize.js';
import { readRuleDocs, TOOL } from './package-info.js';
import type { RunPlan } from './run-config.js';
import { scan } from './scan.js';
import type { Finding, ScanResult, Severity } from './types.js';
import { readGitProvenance } from './vcs.js';
import { writeFileAtomic } from './write-atomic.js';

const RANK: Record<Severity, number> = { note: 1, warning: 2, error: 3 };

export function failsBuild(findings: readonly Finding[], failOn: Severity | 'never'): boolean {
  if (failOn === 'never') return false;
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]);
}

function useColor(plan: RunPlan, io: Io): boolean {
  if (!plan.flags.color || plan.flags.output) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdoutIsTty;
}

export async function executeRun(plan: RunPlan, io: Io): Promise<number> {
  const { flags } = plan;
  const output = await scan({
    cwd: plan.cwd,
    paths: plan.paths,
    gitignore: flags.gitignore,
    include: plan.include,
    exclude: plan.exclude,
    followSymlinks: flags.followSymlinks === true,
    maxFileSize: flags.maxFileSizeBytes,
    rules: plan.rules,
    jobs: flags.jobs,
    shard: flags.shard,
  });
  const findings = flags.quiet ? output.findings.filter((f) => f.severity === 'error') : output.findings;
  const result: ScanResult = {
    tool: TOOL,
    rules: plan.rules.map(({ rule, severity }) => ({ id: rule.id, meta: rule.meta, severity, helpMarkdown: readRuleDocs(rule.meta.docs) })),
    findings,
    notices: output.notices,
    stats: output.stats,
    roots: plan.paths,
    vcs: readGitProvenance(plan.root),
  };
  const reportOnTerminal = flags.format === 'text' && !flags.output;
  if (!flags.quiet && !reportOnTerminal) {
    for (const n of output.notices) io.stderr(`ethnolint: ${sanitizeForTerminal(n.path)}: ${sanitizeForTerminal(n.message)}\n`);
  }
  const report = format(flags.format, result, { color: useColor(plan, io), category: flags.sarifCategory });
  if (flags.output) {
    try {
      writeFileAtomic(resolve(plan.cwd, flags.output), report);
    } catch (error) {
      throw new UsageError(`cannot write ${flags.output}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    io.stdout(report);
  }
  return failsBuild(output.findings, flags.failOn) ? 1 : 0;
}
