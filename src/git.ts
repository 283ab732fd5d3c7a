// Runs the git executable safely on repositories that may not be trusted: argument arrays,
// never a shell; hooks, fsmonitor, pagers, external diffs and network transports disabled; no
// prompts. git still runs a repository's filter drivers whenever it reads working-tree content
// (even plumbing such as diff-index does, for racily clean files): callers that touch the working
// tree pass the environment from withoutFilters, read blobs with `cat-file` (never filtered) and
// use --no-textconv wherever a diff is produced.

import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Configuration that keeps a repository's own settings from running programs or using the network. */
const SAFE_CONFIG = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'core.pager=cat',
  'core.sshCommand=false',
  'diff.external=',
  'log.showSignature=false', // gpg is a program too
  'protocol.allow=never', // a partial clone would otherwise fetch missing objects
  'credential.helper=',
].flatMap((setting) => ['-c', setting]);

/** Environment for every git call: the caller's (GIT_INDEX_FILE matters inside a commit hook), made safe. */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of ['GIT_EXTERNAL_DIFF', 'GIT_PAGER', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_TRACE', 'GIT_EDITOR']) delete env[name];
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_OPTIONAL_LOCKS: '0', // never rewrite the index behind the user's back
    GIT_NO_LAZY_FETCH: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    LC_ALL: 'C',
  };
}

/**
 * The environment without any GIT_* variable, for commands that must see only the repository
 * they name (a GIT_DIR left by a surrounding hook would redirect them). `--staged` keeps them:
 * inside a commit hook, GIT_INDEX_FILE is the index being committed.
 */
export function withoutGitVariables(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!key.startsWith('GIT_')) env[key] = value;
  return env;
}

/** git failed to start, or exited with a status the caller did not accept. */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    /** Exit status, or undefined when git could not be started. */
    readonly status: number | undefined,
    readonly stderr: string,
    /** The spawn error code (ENOENT when git is not installed). */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface GitOptions {
  cwd: string;
  /** Exit statuses that count as success; default [0]. */
  okStatus?: readonly number[];
  /** Largest stdout accepted; default 256 MiB. */
  maxBuffer?: number;
  env?: NodeJS.ProcessEnv;
}

export interface GitOutput {
  stdout: Buffer;
  stderr: string;
  status: number;
}

/** The full git argument list for `args`. */
export function gitArgs(args: readonly string[]): string[] {
  return ['--no-pager', ...SAFE_CONFIG, ...args];
}

/** Runs `git <args>` and collects its output. Rejects with GitError. */
export function runGit(args: readonly string[], options: GitOptions): Promise<GitOutput> {
  const ok = options.okStatus ?? [0];
  return new Promise((resolvePromise, reject) => {
    execFile(
      'git',
      gitArgs(args),
      { cwd: options.cwd, env: gitEnv(options.env), encoding: 'buffer', maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderrBuffer) => {
        const stderr = stderrBuffer.toString('utf8').trim();
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : undefined;
        if (status !== undefined && ok.includes(status)) {
          resolvePromise({ stdout, stderr, status });
          return;
        }
        const code = (error as NodeJS.ErrnoException | null)?.code;
        const why = code === 'ENOENT' ? 'git is not installed (or not on PATH)' : `git ${args[0] ?? ''} failed${status === undefined ? '' : ` with status ${status}`}`;
        reject(new GitError(why, status, stderr, typeof code === 'string' ? code : undefined));
      },
    );
  });
}

/**
 * The environment `env` plus configuration that switches off every filter driver the
 * repository's configuration defines (clean, smudge, process; none required). git applies
 * clean filters whenever it must compare a working-tree file's content with the index, even in
 * plumbing such as diff-index; with no command configured it reads the file as it is. The
 * overrides go through GIT_CONFIG_COUNT, which takes keys verbatim (any driver name).
 */
export async function withoutFilters(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<NodeJS.ProcessEnv> {
  const out = await runGit(['config', '-z', '--name-only', '--get-regexp', '^filter\\.'], { cwd, env, okStatus: [0, 1] });
  const drivers = new Set<string>();
  for (const key of out.stdout.toString('utf8').split('\0')) {
    const m = /^filter\.(.+)\.[^.]+$/s.exec(key);
    if (m?.[1] !== undefined) drivers.add(m[1]);
  }
  const settings = [...drivers].flatMap((d) => [
    [`filter.${d}.clean`, ''],
    [`filter.${d}.smudge`, ''],
    [`filter.${d}.process`, ''],
    [`filter.${d}.required`, 'false'],
  ]);
  const result: NodeJS.ProcessEnv = { ...env, GIT_CONFIG_COUNT: String(settings.length) };
  for (const name of Object.keys(result)) if (/^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name)) delete result[name];
  settings.forEach(([key, value], i) => {
    result[`GIT_CONFIG_KEY_${i}`] = key;
    result[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return result;
}

/** Starts `git <args>` with piped stdio, for streaming commands (cat-file --batch, log -p). */
export function spawnGit(args: readonly string[], options: Pick<GitOptions, 'cwd' | 'env'>): ChildProcessWithoutNullStreams {
  return spawn('git', gitArgs(args), { cwd: options.cwd, env: gitEnv(options.env), stdio: 'pipe', windowsHide: true });
}
