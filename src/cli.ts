// Command line: arguments → configuration → scan → report → exit code. Returns the exit code
// instead of exiting, so tests can drive it; only bin/ touches process.exitCode.
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, UsageError } from './errors.js';
import { FORMATS, isFormatName, type FormatName } from './formatters/names.js';
import { VERSION } from './package-info.js';
import type { CliFlags } from './run-config.js';
import { removeTempFiles } from './write-atomic.js';

// Everything else (rules, lexicon, parsers, formatters) is imported only once a command needs
// it, so that --version and --help start in a few tens of milliseconds.

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const EXAMPLES = `
Examples:
  $ ethnolint                                 scan the current folder
  $ ethnolint src/ models/labels.json         scan some paths
  $ ethnolint -f sarif -o ethnolint.sarif .   write SARIF for code scanning
  $ ethnolint --fail-on warning .             fail on warnings too
  $ ethnolint --rule ethnicity-label data/    run one rule
  $ ethnolint --exclude "tests/**" .          skip a folder
  $ ethnolint --staged                        scan what the next commit adds
  $ ethnolint --diff origin/main              scan the lines a pull request changes
  $ ethnolint --baseline accepted.json .      fail only on findings not in the baseline
  $ ethnolint explain ethnicity-label         print a rule's docs
  $ ethnolint init                            write a starter .ethnolint.yaml
  $ ethnolint --list-rules                    list the rules

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or fatal error.`;

export function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

export const FAIL_ON_LEVELS = ['error', 'warning', 'note', 'never'] as const;

/** --fail-on, then the rule and file selection that scans and batch runs share. */
export function withSelectionOptions(command: Command, globsRelativeTo = ''): Command {
  const where = globsRelativeTo ? `, relative to ${globsRelativeTo}` : '';
  return command
    .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit code 1').choices([...FAIL_ON_LEVELS]).default('error'))
    .option('--rule <id>', 'run only this rule (repeatable, or comma-separated)', collect, [])
    .option('--disable <id>', 'do not run this rule (repeatable, or comma-separated)', collect, [])
    .option('--include <glob>', `scan only files matching this glob${where} (repeatable)`, collect, [])
    .option('--exclude <glob>', `skip files matching this glob${where} (repeatable)`, collect, []);
}

export function parseSize(value: string): number {
  const m = /^(\d+)\s*(k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size expects a number of bytes (optionally with K, M or G), got "${value}"`);
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('g') ? 1024 ** 3 : 1;
  return Number(m[1]) * factor;
}

export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,2}$/.test(value)) throw new UsageError(`--jobs expects a whole number from 1 to 999, got "${value}"`);
  return Number(value);
}

/** `--shard 2/4` → the second of four shards (index 1). */
export function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) throw new UsageError(`--shard expects K/N with 1 ≤ K ≤ N, got "${value}"`);
  return { index: k - 1, count: n };
}

function buildProgram(io: Io): Command {
  const program = new Command('ethnolint')
    .description('Find ethnicity and race classification in machine-learning code and data.')
    .version(VERSION, '--version', 'print the version and exit')
    .argument('[paths...]', 'files, folders or glob patterns to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices([...FORMATS]).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout');
  withSelectionOptions(program)
    .option('--no-gitignore', 'do not honour .gitignore files (.ethnolintignore still applies)')
    .option('--max-file-size <bytes>', 'larger files get only a streaming text pass (K, M, G suffixes allowed)', '10MiB')
    .option('-c, --config <file>', 'use this configuration file instead of the one at the scan root')
    .option('--no-repo-config', 'ignore configuration files found in the scanned folder')
    .option('--follow-symlinks', 'follow symbolic links (off by default)')
    .option('-j, --jobs <n>', 'threads that scan: the main thread and n-1 workers (default: the number of CPUs; 1 scans in-process)')
    .option('--shard <k/n>', 'scan only shard K of N (by a stable hash of each path), to split a tree across machines')
    .option('--sarif-category <name>', 'SARIF automationDetails.id category, to upload several scans side by side')
    .option('--baseline <file>', 'report and fail only on findings not in this baseline file')
    .option('--write-baseline <file>', 'record every finding of this scan in a baseline file (exit 0 unless an error occurs)')
    .option('--staged', "scan the staged content of staged files (git's index), for pre-commit hooks")
    .option('--diff <ref>', 'report only findings on lines changed since the merge base of REF and HEAD')
    .option('--list-rules', 'list the rules and exit')
    .option('--no-inline-suppressions', 'ignore ethnolint-disable comments (config exceptions still apply)')
    .option('--report-unused-suppressions', 'report suppressions that matched no finding (unused-suppression)')
    .option('--list-suppressions', 'print every suppression with its reason and match count, and exit 0')
    .option('-q, --quiet', 'report errors only, and print no warnings or progress on stderr')
    .option('--no-color', 'never colour the text report')
    .option('--debug', 'print stack traces of internal errors')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .action((paths: string[]) => {
      program.setOptionValue('__paths', paths);
    });

  // batch, merge and history parse their own arguments (main dispatches on the first argument
  // before this program parses). Listed here for --help; reached only when options come first,
  // which is refused.
  for (const [name, args, description] of [
    ['batch', '[inputs...]', 'scan many repositories into one report (see: ethnolint batch --help)'],
    ['merge', '[out-dirs...]', 'combine the out dirs of sharded batch runs (see: ethnolint merge --help)'],
    ['history', '[path]', 'scan every commit of a git repository: when each finding appeared and was removed'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .argument(args)
      .allowUnknownOption()
      .helpOption(false)
      .action(() => {
        throw new UsageError(`"${name}" must come first: ethnolint ${name} [options] ...`);
      });
  }

  program
    .command('explain')
    .description("print a rule's documentation")
    .argument('<rule-id>', 'the rule to explain')
    .action((id: string) => {
      program.setOptionValue('__explain', id);
    });

  program
    .command('init')
    .description('write a starter .ethnolint.yaml (never overwrites a configuration file)')
    .option('--path <dir>', 'the folder to write it in (default: the current folder)')
    .action((options: { path?: string }) => {
      program.setOptionValue('__init', options);
    });
  return program;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^error: /, '').split('\n')[0] ?? text;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const program = buildProgram(io);
  let debug = argv.includes('--debug');
  try {
    const sub = argv[0];
    if (sub === 'batch' || sub === 'merge') return await (await import('./batch/command.js')).runSubcommand(sub, argv.slice(1), io);
    if (sub === 'history') return await (await import('./history/command.js')).runHistory(argv.slice(1), io);
    program.parse(argv, { from: 'user' });
    const explain = program.getOptionValue('__explain') as string | undefined;
    if (explain !== undefined) return (await import('./cli-info.js')).runExplain(explain, io);
    const init = program.getOptionValue('__init') as { path?: string } | undefined;
    if (init !== undefined) return (await import('./cli-init.js')).runInit(init.path, io);
    const flags = program.opts<Omit<CliFlags, 'jobs' | 'shard'> & { listRules?: boolean; maxFileSize: string; format: string; jobs?: string; shard?: string }>();
    debug = flags.debug === true;
    if (flags.listRules) return (await import('./cli-info.js')).runListRules(io);
    if (!isFormatName(flags.format)) throw new UsageError(`unknown format "${flags.format}"`);
    const paths = (program.getOptionValue('__paths') as string[] | undefined) ?? ['.'];
    // Set before the slow imports, so that Ctrl-C during start-up already gets the clean exit.
    const stopOnSignal = onInterrupt(io);
    try {
      const { resolveRun } = await import('./run-config.js');
      const run = await resolveRun(
        { ...flags, format: flags.format as FormatName, maxFileSizeBytes: parseSize(flags.maxFileSize), jobs: parseJobs(flags.jobs), shard: parseShard(flags.shard) },
        paths,
        io,
      );
      const { executeRun } = await import('./run.js');
      return await executeRun(run, io);
    } finally {
      stopOnSignal();
    }
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.clean; // --help, --version
      io.stderr(`ethnolint: ${oneLine(error)}\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.stderr(`ethnolint: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`ethnolint: internal error: ${oneLine(error)}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT.usage;
  }
}

/** Exit codes for a run ended by a signal: 128 + the signal number, as shells report it. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * While a scan runs, SIGINT/SIGTERM end the process at once: scan results are worthless half
 * done, so there is nothing to flush; pending temporary report files are removed first, so no
 * partial -o file is left. Returns the function that unregisters the handlers.
 */
function onInterrupt(io: Io): () => void {
  const handler = (signal: keyof typeof SIGNAL_EXIT): void => {
    removeTempFiles();
    io.stderr(`ethnolint: interrupted (${signal})\n`);
    process.exit(SIGNAL_EXIT[signal]);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, handler);
  return () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, handler);
  };
}

export function processIo(): Io {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}
