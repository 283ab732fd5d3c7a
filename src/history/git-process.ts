// The history scan's git processes: output collected, streamed or long-lived. The safety
// settings (no hooks, fsmonitor, pagers, external diffs, signatures or transports; no prompts)
// are src/git.ts's, shared with --staged and --diff; here every GIT_* variable is dropped too,
// since a GIT_DIR left by a surrounding hook would redirect the scan.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { GitError, gitArgs, gitEnv, withoutGitVariables } from '../git.js';

export { GitError } from '../git.js';

/** `git <args>` on the repository at `repo`, with the safe settings of src/git.ts. */
function repoArgs(repo: string, args: readonly string[]): string[] {
  return gitArgs(['-C', repo, ...args]);
}

/** The caller's environment minus every GIT_* variable, plus the safe settings. */
function isolatedEnv(): NodeJS.ProcessEnv {
  return gitEnv(withoutGitVariables(process.env));
}

const MAX_STDERR = 8 * 1024;

function firstLine(stderr: string, fallback: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '');
  return (line ?? fallback).replace(/^(fatal|error): /, '').trim();
}

/** Runs a git command with small output and returns its stdout; throws GitError on failure. */
export function gitOutput(repo: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', repoArgs(repo, args), { env: isolatedEnv(), maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      const exitCode = typeof code === 'number' ? code : undefined;
      reject(new GitError(firstLine(stderr, error.message), exitCode, stderr, typeof code === 'string' ? code : undefined));
    });
  });
}

/** Starts a long-lived git process with piped stdin/stdout/stderr (stderr kept, bounded). */
export function spawnGit(repo: string, args: readonly string[]): { child: ChildProcessWithoutNullStreams; stderr: () => string } {
  const child = spawn('git', repoArgs(repo, args), { env: isolatedEnv(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
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
    if (spawnError) throw new GitError(spawnError.message, undefined, '', spawnError.code);
    if (code !== 0) throw new GitError(firstLine(stderr(), `git ${args[0] ?? ''} failed`), code, stderr());
  } finally {
    if (!finished && child.exitCode === null) child.kill();
  }
}
