// Temporary real git repositories for tests of --staged, --diff, baselines and file lists.
// git runs isolated from the machine's own configuration (no global or system config), with a
// local identity, so tests behave the same everywhere.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli, type CliRun } from './run-cli.js';

export const GIT_ENV: NodeJS.ProcessEnv = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

/** A violation of ethnicity-label: one finding on its line. */
export const VIOLATION = 'race_labels = ["asian", "black", "white", "indian"]';
/** Another one with different evidence. */
export const VIOLATION_2 = 'ethnicity_classes = ["uyghur", "han", "tibetan", "hui"]';

export interface TempRepo {
  root: string;
  git(...args: string[]): string;
  write(rel: string, content: string): void;
  commit(message: string, ...files: string[]): void;
  /** Runs the built CLI with the repository (or a folder inside it) as the working directory. */
  lint(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): CliRun;
  remove(): void;
}

export function makeRepo(options: { init?: boolean } = {}): TempRepo {
  const root = mkdtempSync(join(tmpdir(), 'ethnolint-git-'));
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const repo: TempRepo = {
    root,
    git,
    write(rel, content) {
      const abs = join(root, rel);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    },
    commit(message, ...files) {
      git('add', '--', ...(files.length > 0 ? files : ['.']));
      git('commit', '-q', '--no-verify', '-m', message);
    },
    lint(args, lintOptions = {}) {
      return runCli(args, { cwd: lintOptions.cwd ?? root, env: { ...GIT_ENV, ...lintOptions.env } });
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
  if (options.init !== false) {
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Test');
    git('config', 'user.email', 'test@example.com');
    git('config', 'commit.gpgsign', 'false');
  }
  return repo;
}

/** Findings of a JSON report as `path:line:ruleId`. */
export function findingsOf(run: CliRun): string[] {
  const report = JSON.parse(run.stdout) as { findings: { path: string; line: number; ruleId: string }[] };
  return report.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`);
}
