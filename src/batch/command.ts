// Command lines of `ethnolint batch` and `ethnolint merge`. src/cli.ts hands over the arguments
// after the subcommand's name; errors are thrown for cli.ts to report (one line, exit 2).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { FAIL_ON_LEVELS, parseJobs, parseShard, parseSize, withSelectionOptions, type Io } from '../cli.js';
import { UsageError } from '../errors.js';
import type { SelectionFlags } from '../run-config.js';
import type { Severity } from '../types.js';
import { removeTempFiles } from '../write-atomic.js';
import { removeExtractedFolders } from './archive.js';

const BATCH_EXAMPLES = `
Inputs, in any mix:
  a folder          each direct sub-folder is one repository (a folder with its own .git is one)
  a list file       one repository path a line; # comments; relative to the list file
  an archive        .zip, .tar.gz, .tgz or .tar, extracted safely into a temporary folder

Outputs in --out-dir: sarif/<id>.sarif for each repository, summary.json, report.html.

Examples:
  $ ethnolint batch repos/ --out-dir report
  $ ethnolint batch repos.txt --shard 2/4 --fail-on never --out-dir shard-2
  $ ethnolint merge shard-1 shard-2 shard-3 shard-4 --out-dir report
  $ ethnolint batch repos/ --out-dir report --resume --since-report last-week

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage error or no repository could be scanned.`;

interface BatchFlags extends SelectionFlags {
  outDir?: string;
  listRepos?: boolean;
  maxFileSize: string;
  config?: string;
  trustRepoConfig?: boolean;
  inlineSuppressions: boolean;
  jobs?: string;
  shard?: string;
  resume?: boolean;
  sinceReport?: string;
  history?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

function base(name: string, io: Io): Command {
  return new Command(`ethnolint ${name}`)
    .helpOption('-h, --help', 'show this help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined });
}

function batchProgram(io: Io): Command {
  const program = base('batch', io)
    .description('Scan many repositories; write one SARIF file per repository, summary.json and report.html.')
    .argument('<inputs...>', 'folders of repositories, list files, or repository archives')
    .option('--out-dir <dir>', 'folder for the reports (created if missing; required)');
  return withSelectionOptions(program, 'each repository')
    .option('--no-gitignore', 'do not honour .gitignore files')
    .option('--max-file-size <bytes>', 'larger files get only a streaming text pass (K, M, G suffixes allowed)', '10MiB')
    .option('-c, --config <file>', 'configuration file applied to every repository')
    .option('--trust-repo-config', "honour each repository's own .ethnolint.yaml (ignored by default: repositories are untrusted)")
    .option('--no-inline-suppressions', 'ignore inline suppression comments in the repositories')
    .option('-j, --jobs <n>', 'worker threads (default: the number of CPUs)')
    .option('--shard <k/n>', 'scan only shard K of N of the repositories (by a stable hash of each repository id)')
    .option('--resume', 'reuse the results in --out-dir for repositories whose git HEAD and configuration are unchanged')
    .option('--since-report <dir>', "compare with an earlier batch's out dir: findings new or unchanged, and those fixed")
    .option('--history', "also scan each git repository's history: when each finding appeared and when it was removed")
    .option('--list-repos', "print this shard's repository paths on stdout, one a line, and exit without scanning (to fetch only those)")
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('--debug', 'print stack traces of internal errors')
    .addHelpText('after', BATCH_EXAMPLES);
}

function mergeProgram(io: Io): Command {
  return base('merge', io)
    .description('Combine the out dirs of sharded batch runs into one summary.json, SARIF folder and report.html.')
    .argument('<out-dirs...>', 'out dirs written by ethnolint batch')
    .requiredOption('--out-dir <dir>', 'folder for the merged report (created if missing)')
    .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit code 1').choices([...FAIL_ON_LEVELS]).default('error'))
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('--debug', 'print stack traces of internal errors');
}

/** Removes temporary extraction folders and report files, then exits as a shell expects. */
function onInterrupt(io: Io): () => void {
  const codes = { SIGINT: 130, SIGTERM: 143 } as const;
  const handler = (signal: keyof typeof codes): void => {
    removeExtractedFolders();
    removeTempFiles();
    io.stderr(`ethnolint: interrupted (${signal})\n`);
    process.exit(codes[signal]);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, handler);
  return () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, handler);
  };
}

async function batch(argv: string[], io: Io): Promise<number> {
  const program = batchProgram(io);
  program.parse(argv, { from: 'user' });
  const flags = program.opts<BatchFlags>();
  const shard = flags.shard !== undefined ? { shard: parseShard(flags.shard) } : {};
  if (flags.listRepos) return (await import('./run-batch.js')).listRepos(program.args, shard.shard, io);
  if (flags.outDir === undefined) throw new UsageError("required option '--out-dir <dir>' not specified");
  const stop = onInterrupt(io);
  try {
    const { runBatch } = await import('./run-batch.js');
    return await runBatch(
      {
        inputs: program.args,
        outDir: resolve(io.cwd, flags.outDir),
        cwd: io.cwd,
        rule: flags.rule,
        disable: flags.disable,
        include: flags.include,
        exclude: flags.exclude,
        failOn: flags.failOn,
        maxFileSizeBytes: parseSize(flags.maxFileSize),
        gitignore: flags.gitignore,
        ...(flags.config !== undefined ? { config: resolve(io.cwd, flags.config) } : {}),
        trustRepoConfig: flags.trustRepoConfig === true,
        inlineSuppressions: flags.inlineSuppressions,
        jobs: parseJobs(flags.jobs) ?? availableParallelism(),
        ...shard,
        resume: flags.resume === true,
        history: flags.history === true,
        ...(flags.sinceReport !== undefined ? { sinceReport: flags.sinceReport } : {}),
        quiet: flags.quiet === true,
        debug: flags.debug === true,
      },
      io,
    );
  } finally {
    stop();
  }
}

async function merge(argv: string[], io: Io): Promise<number> {
  const program = mergeProgram(io);
  program.parse(argv, { from: 'user' });
  const flags = program.opts<{ outDir: string; failOn: Severity | 'never'; quiet?: boolean }>();
  const { runMerge } = await import('./merge.js');
  return runMerge({ inputs: program.args, outDir: resolve(io.cwd, flags.outDir), cwd: io.cwd, failOn: flags.failOn, quiet: flags.quiet === true }, io);
}

/** The programs, for tests that check documented command lines against the real options. */
export const programs = { batch: batchProgram, merge: mergeProgram };

export function runSubcommand(name: 'batch' | 'merge', argv: string[], io: Io): Promise<number> {
  return name === 'batch' ? batch(argv, io) : merge(argv, io);
}
