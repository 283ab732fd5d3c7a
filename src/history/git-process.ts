// Runs the `git` executable on a repository that may be hostile. A repository's own config can
// name programs for git to run (hooks, fsmonitor, filters, textconv, external diff, pagers,
// signature checks, lazy fetches): every invocation here turns those off, runs without a
// shell, with an argument array, and with an environment that neither inherits GIT_* variables
// (a GIT_DIR from a surrounding hook would redirect us) nor prompts for anything.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** A git command failed; `message` is git's first line of complaint. */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    /** git's exit code, or undefined when it could not be started. */
    readonly exitCode: number | undefined,
    /** The spawn error code (ENOENT when git is not installed). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * `-c` settings put before every command. Command-line config wins over the repository's
 * config file, so these hold whatever `.git/config` says.
 */
const SAFE_CONFIG: readonly string[] = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.pager=cat',
  'core.untrackedCache=false',
  'log.showSignature=false',
  // No transport at all: a partial clone must not fetch missing blobs from a remote.
  'protocol.allow=never',
];

/** The argument list for `git <args>` on the repository at `repo`. */
export function gitArgs(repo: string, args: readonly string[]): string[] {
  return ['--no-pager', ...SAFE_CONFIG.flatMap((c) => ['-c', c]), '-C', repo, ...args];
}

/** The environment for git: the caller's minus every GIT_* variable, plus isolation settings. */
export function gitEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!key.startsWith('GIT_')) env[key] = value;
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_NO_LAZY_FETCH: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
    LC_ALL: 'C',
  };
}

const MAX_STDERR = 8 * 1024;

function firstLine(stderr: string, fallback: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '');
  return (line ?? fallback).replace(/^(fatal|error): /, '').trim();
}

/** Runs a git command with small output and returns its stdout; throws GitError on failure. */
export function gitOutput(repo: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', gitArgs(repo, args), { env: gitEnv(), maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      const exitCode = typeof code === 'number' ? code : undefined;
      reject(new GitError(firstLine(stderr, error.message), exitCode, typeof code === 'string' ? code : undefined));
    });
  });
}

/** Starts a long-lived git process with piped stdin/stdout/stderr (stderr kept, bounded). */
export function spawnGit(repo: string, args: readonly string[]): { child: ChildProcessWithoutNullStreams; stderr: () => string } {
  const child = spawn('git', gitArgs(repo, args), { env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < MAX_STDERR) stderr += chunk;
  });
  return { child, stderr: () => stderr };
}

/** Resolves with the exit code once the process has exited (or rejects if it never started). */
function exited(child: ChildProcessWithoutNullStreams): Promise<number> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
}

/**
 * Streams a git command's stdout chunk by chunk, with backpressure: git is paused while the
 * consumer is busy, so a history of any length costs one chunk of memory. Throws GitError
 * when git exits with an error. Ending the iteration early kills git.
 */
export async function* streamGit(repo: string, args: readonly string[]): AsyncGenerator<Buffer> {
  const { child, stderr } = spawnGit(repo, args);
  child.stdin.end();
  const done = exited(child);
  let spawnError: NodeJS.ErrnoException | undefined;
  done.catch((error: NodeJS.ErrnoException) => {
    spawnError = error;
  });
  let finished = false;
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await done.catch(() => undefined);
    finished = true;
    if (spawnError) throw new GitError(spawnError.message, undefined, spawnError.code);
    if (code !== 0) throw new GitError(firstLine(stderr(), `git ${args[0] ?? ''} failed`), code);
  } finally {
    if (!finished && child.exitCode === null) child.kill();
  }
}
