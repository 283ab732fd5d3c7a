// Executes a resolved run plan: scan, assemble the result, print or write the report, and
// decide the exit code from --fail-on.
import { resolve } from 'node:path';
import type { Io } from './cli.js';
import { DIAGNOSTICS, isDiagnosticId } from './diagnostics.js';
import { compareFindings } from './engine.js';
import { UsageError } from './errors.js';
import { format } from './formatters/index.js';
import { sanitizeForTerminal } from './formatters/sanitize.js';
import { readRuleDocs, TOOL } from './package-info.js';
import type { RunPlan } from './run-config.js';
import { scan } from './scan.js';
import { formatSuppressionList, unusedSuppressionFindings } from './suppress/report.js';
import type { Finding, RunRule, ScanResult, Severity } from './types.js';
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

/** Descriptors for the engine's diagnostics that occur among the findings. */
function diagnosticRules(plan: RunPlan, findings: readonly Finding[]): RunRule[] {
  const ids = [...new Set(findings.map((f) => f.ruleId).filter(isDiagnosticId))].sort();
  return ids.map((id) => {
    const severity = plan.diagnosticSeverities[id];
    const meta = DIAGNOSTICS[id];
    return { id, meta, severity: severity === 'off' ? meta.defaultSeverity : severity, helpMarkdown: readRuleDocs(meta.docs) };
  });
}

function writeReport(plan: RunPlan, io: Io, report: string): void {
  if (!plan.flags.output) {
    io.stdout(report);
    return;
  }
  try {
    writeFileAtomic(resolve(plan.cwd, plan.flags.output), report);
  } catch (error) {
    throw new UsageError(`cannot write ${plan.flags.output}: ${error instanceof Error ? error.message : String(error)}`);
  }
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
    inlineSuppressions: flags.inlineSuppressions !== false,
    exceptions: plan.exceptions,
    knownRuleIds: plan.knownRuleIds,
    diagnosticSeverities: plan.diagnosticSeverities,
  });
  if (flags.listSuppressions) {
    writeReport(plan, io, formatSuppressionList(output.suppressions, flags.format === 'json' ? 'json' : 'text'));
    return 0;
  }
  const unusedSeverity = plan.diagnosticSeverities['unused-suppression'];
  const unused =
    flags.reportUnusedSuppressions && unusedSeverity !== 'off'
      ? unusedSuppressionFindings(
          // One shard sees only its files: an exception may match in another shard.
          flags.shard ? output.suppressions.filter((r) => r.kind === 'inline') : output.suppressions,
          new Set(plan.rules.map(({ rule }) => rule.id)),
          unusedSeverity,
        )
      : [];
  const allFindings = unused.length > 0 ? [...output.findings, ...unused].sort(compareFindings) : output.findings;
  const findings = flags.quiet ? allFindings.filter((f) => f.severity === 'error') : allFindings;
  const result: ScanResult = {
    tool: TOOL,
    rules: [
      ...plan.rules.map(({ rule, severity }) => ({ id: rule.id, meta: rule.meta, severity, helpMarkdown: readRuleDocs(rule.meta.docs) })),
      ...diagnosticRules(plan, allFindings),
    ],
    findings,
    suppressed: output.suppressed,
    suppressions: output.suppressions,
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
  writeReport(plan, io, report);
  // Suppressed findings are not in allFindings: they never fail the build.
  return failsBuild(allFindings, flags.failOn) ? 1 : 0;
}
