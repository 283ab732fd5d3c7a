// `ethnolint history [path]`: scans every commit of the repository at path and reports when
// each finding appeared and when it was removed. Loaded only when that command runs. Errors
// are thrown (UsageError, CommanderError) for cli.main to turn into exit code 2.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { collect, parseJobs, parseSize, type Io } from '../cli.js';
import { UsageError } from '../errors.js';
import { resolveRun, type CliFlags, type RunPlan } from '../run-config.js';
import type { Severity } from '../types.js';
import { writeFileAtomic } from '../write-atomic.js';
import { formatHistoryJson, formatHistoryText, historyFails } from './report.js';
import { NotAGitRepositoryError, repositoryRoot, scanHistory } from './scan-history.js';
import { GitError } from './git-process.js';

interface HistoryFlags {
  format: 'text' | 'json';
  output?: string;
  failOn: Severity | 'never';
  rule: string[];
  disable: string[];
  exclude: string[];
  maxFileSize: string;
  config?: string;
  repoConfig: boolean;
  jobs?: string;
  quiet?: boolean;
  debug?: boolean;
}

const EXAMPLES = `
Examples:
  $ ethnolint history                         the repository of the current folder
  $ ethnolint history -f json -o history.json ../model-repo
  $ ethnolint history --exclude "tests/**" --rule ethnicity-label

Every commit reachable from any ref is scanned. "introduced" is the first commit (parents
first) whose tree holds a finding; "removed" is the commit of HEAD's first-parent line where
it disappeared for the last time. --exclude globs match repository-relative paths.

Exit codes: 0 no finding present at HEAD at or above --fail-on (findings only in the history
are informational), 1 such findings, 2 not a git repository, usage or fatal error.`;

function buildCommand(io: Io): Command {
  return new Command('ethnolint history')
    .description('Scan every commit of a git repository: when each finding appeared and when it was removed.')
    .argument('[path]', 'a folder in the git repository', '.')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(new Option('--fail-on <level>', 'lowest severity, of findings present at HEAD, that makes the exit code 1').choices(['error', 'warning', 'note', 'never']).default('error'))
    .option('--rule <id>', 'run only this rule (repeatable, or comma-separated)', collect, [])
    .option('--disable <id>', 'do not run this rule (repeatable, or comma-separated)', collect, [])
    .option('--exclude <glob>', 'never read files matching this glob, relative to the repository root (repeatable)', collect, [])
    .option('--max-file-size <bytes>', 'skip larger blobs (K, M, G suffixes allowed; blobs over 5 MiB are always skipped)', '10MiB')
    .option('-c, --config <file>', 'use this configuration file instead of the one at the repository root')
    .option('--no-repo-config', 'ignore configuration files in the repository')
    .option('-j, --jobs <n>', 'worker threads (default: the number of CPUs; 1 scans in-process)')
    .option('-q, --quiet', 'report errors only, and print no progress on stderr')
    .option('--debug', 'print stack traces of internal errors')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined });
}

/** Rule selection, severities and excludes from the flags and the repository's configuration file. */
async function plan(flags: HistoryFlags, root: string, io: Io): Promise<Pick<RunPlan, 'rules' | 'include' | 'exclude'>> {
  const cli: CliFlags = {
    format: flags.format,
    failOn: flags.failOn,
    rule: flags.rule,
    disable: flags.disable,
    include: [],
    exclude: flags.exclude,
    gitignore: true,
    maxFileSizeBytes: parseSize(flags.maxFileSize),
    ...(flags.config ? { config: resolve(io.cwd, flags.config) } : {}),
    repoConfig: flags.repoConfig,
    color: false,
  };
  // With the repository root as the working directory, configuration globs come out relative
  // to it, as history paths are.
  const run = await resolveRun(cli, ['.'], { cwd: root });
  return { rules: run.rules, include: run.include, exclude: run.exclude };
}

function progressReporter(io: Io, quiet: boolean): { report: (text: string) => void; clear: () => void } {
  if (quiet || !io.stderrIsTty) return { report: () => undefined, clear: () => undefined };
  let shown = false;
  return {
    report: (text) => {
      io.stderr(`\r\x1b[2Kethnolint: ${text}`);
      shown = true;
    },
    clear: () => {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}

export async function runHistory(argv: string[], io: Io): Promise<number> {
  const command = buildCommand(io);
  command.parse(argv, { from: 'user' });
  const flags = command.opts<HistoryFlags>();
  const target = resolve(io.cwd, command.processedArgs[0] as string);
  try {
    if (!statSync(target).isDirectory()) throw new UsageError(`not a folder: ${command.processedArgs[0] as string}`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`no such folder: ${command.processedArgs[0] as string}`);
  }
  const progress = progressReporter(io, flags.quiet === true);
  try {
    const root = await repositoryRoot(target);
    const { rules, include, exclude } = await plan(flags, root, io);
    const result = await scanHistory(root, {
      rules,
      include,
      exclude,
      maxFileSize: parseSize(flags.maxFileSize),
      jobs: parseJobs(flags.jobs),
      onProgress: ({ phase, commits }) => progress.report(`${phase === 'all-refs' ? 'scanning history' : "following HEAD's line"}: ${commits} commits`),
    });
    progress.clear();
    const entries = flags.quiet ? result.entries.filter((e) => e.severity === 'error') : result.entries;
    const report = flags.format === 'json' ? formatHistoryJson(result, entries) : formatHistoryText(result, entries);
    if (flags.output) {
      try {
        writeFileAtomic(resolve(io.cwd, flags.output), report);
      } catch (error) {
        throw new UsageError(`cannot write ${flags.output}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else {
      io.stdout(report);
    }
    return historyFails(result.entries, flags.failOn) ? 1 : 0;
  } catch (error) {
    progress.clear();
    if (error instanceof NotAGitRepositoryError) throw new UsageError(error.message);
    if (error instanceof GitError) throw new UsageError(`git failed: ${error.message}`);
    throw error;
  }
}
