// Executes a resolved run plan: scan, assemble the result, print or write the report, and
// decide the exit code from --fail-on.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { BaselineEntry } from './baseline.js';
import type { Io } from './cli.js';
import { DIAGNOSTICS, isDiagnosticId } from './diagnostics.js';
import { compareFindings } from './engine.js';
import { UsageError } from './errors.js';
import { format } from './formatters/index.js';
import { sanitizeForTerminal } from './formatters/sanitize.js';
import { readRuleDocs, TOOL } from './package-info.js';
import type { RunPlan } from './run-config.js';
import { scan, type ScanOptions, type ScanOutput } from './scan.js';
import { formatSuppressionList, unusedSuppressionFindings } from './suppress/report.js';
import type { BaselineSummary, Finding, RunRule, ScanResult, Severity } from './types.js';
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

/** Directory scan, or the git-aware scan for --staged / --diff (loaded only then). */
async function scanFor(plan: RunPlan, io: Io): Promise<ScanOutput & { files?: string[]; found?: Set<string> }> {
  const { flags } = plan;
  const options: ScanOptions = {
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
    skipPaths: new Set(
      [flags.baseline, flags.writeBaseline].flatMap((file) => (file === undefined ? [] : [relative(plan.cwd, resolve(plan.cwd, file)).split(sep).join('/')])),
    ),
    inlineSuppressions: flags.inlineSuppressions !== false,
    exceptions: plan.exceptions,
    knownRuleIds: plan.knownRuleIds,
    diagnosticSeverities: plan.diagnosticSeverities,
  };
  if (!flags.staged && flags.diff === undefined) return scan(options);
  const { scanGit } = await import('./git-scan.js');
  return scanGit({ ...options, staged: flags.staged === true, diff: flags.diff, env: io.env });
}

export async function executeRun(plan: RunPlan, io: Io): Promise<number> {
  const { flags } = plan;
  const baselineTools = flags.baseline !== undefined || flags.writeBaseline !== undefined ? await import('./baseline.js') : undefined;
  // A bad baseline file is a usage error before any scanning.
  const baseline = flags.baseline !== undefined ? baselineTools?.readBaseline(resolve(plan.cwd, flags.baseline), flags.baseline) : undefined;
  const output = await scanFor(plan, io);
  if (flags.listSuppressions) {
    writeReport(plan, io, formatSuppressionList(output.suppressions, flags.format === 'json' ? 'json' : 'text'));
    return 0;
  }
  if (flags.writeBaseline !== undefined) {
    baselineTools?.writeBaseline(resolve(plan.cwd, flags.writeBaseline), flags.writeBaseline, output.findings);
    if (!flags.quiet) io.stderr(`ethnolint: wrote ${plural(new Set(output.findings.map((f) => f.fingerprint)).size, 'finding')} to ${sanitizeForTerminal(flags.writeBaseline)}\n`);
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
  let all = unused.length > 0 ? [...output.findings, ...unused].sort(compareFindings) : output.findings;
  let baselineSummary: BaselineSummary | undefined;
  if (baseline && baselineTools && flags.baseline !== undefined) {
    const outcome = baselineTools.applyBaseline(all, baseline, flags.baseline, inScope(plan, output.files), output.found);
    all = outcome.fresh;
    baselineSummary = outcome.summary;
    if (!flags.quiet) {
      const { matched, stale } = outcome.summary;
      io.stderr(`ethnolint: baseline: ${plural(matched, 'finding')} matched the baseline, ${plural(stale, 'baseline entry', 'baseline entries')} stale (no longer found)\n`);
    }
  }
  const findings = flags.quiet ? all.filter((f) => f.severity === 'error') : all;
  const result: ScanResult = {
    tool: TOOL,
    rules: [
      ...plan.rules.map(({ rule, severity }) => ({ id: rule.id, meta: rule.meta, severity, helpMarkdown: readRuleDocs(rule.meta.docs) })),
      ...diagnosticRules(plan, all),
    ],
    findings,
    suppressed: output.suppressed,
    suppressions: output.suppressions,
    notices: output.notices,
    stats: output.stats,
    roots: plan.paths,
    vcs: readGitProvenance(plan.root),
    ...(baselineSummary ? { baseline: baselineSummary } : {}),
  };
  const reportOnTerminal = flags.format === 'text' && !flags.output;
  if (!flags.quiet && !reportOnTerminal) {
    for (const n of output.notices) io.stderr(`ethnolint: ${sanitizeForTerminal(n.path)}: ${sanitizeForTerminal(n.message)}\n`);
  }
  const report = await format(flags.format, result, { color: useColor(plan, io), category: flags.sarifCategory });
  writeReport(plan, io, report);
  // Writing a baseline accepts the findings it records: only errors fail the run then.
  if (flags.writeBaseline !== undefined) return 0;
  // Suppressed and baselined findings are not in `all`: they never fail the build.
  return failsBuild(all, flags.failOn) ? 1 : 0;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Whether a baseline entry could have been found by this run: its rule ran and its file was in
 * the scanned paths (for --staged / --diff, among the changed files). Only such entries can be stale.
 */
function inScope(plan: RunPlan, files: readonly string[] | undefined): (entry: BaselineEntry) => boolean {
  const rules = new Set(plan.rules.map((r) => r.rule.id));
  const changed = files ? new Set(files) : undefined;
  const roots = plan.paths.map((p) => resolve(plan.cwd, p));
  return (entry) => {
    if (!rules.has(entry.rule) || (changed && !changed.has(entry.path))) return false;
    const abs = resolve(plan.cwd, entry.path);
    return roots.some((root) => {
      const rel = relative(root, abs);
      return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
    });
  };
}
