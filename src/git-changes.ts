// What changed in a git repository, as ethnolint's --staged and --diff see it. Only plumbing
// that compares stat data and object ids is used (diff-index, diff-tree, rev-parse,
// merge-base): nothing here makes git read the working tree through clean filters or textconv.

import { UsageError } from './errors.js';
import { GitError, runGit } from './git.js';

export interface ChangedFile {
  /** Path relative to the repository's top folder, '/' separators. */
  path: string;
  /** Blob of the file at the base; undefined when the file is new there. */
  oldOid?: string;
  /** Blob in the index (staged mode); undefined in working-tree mode. */
  newOid?: string;
}

const EMPTY_TREE: Record<string, string> = {
  sha1: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  sha256: '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321',
};

/** Modes git uses for symbolic links and submodules: neither is a file to scan. */
const NOT_A_FILE = new Set(['120000', '160000', '000000']);

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.replace(/^(fatal|error): /, '') ?? '';
}

/** Turns a git failure into a one-line usage error (exit 2); the git message is kept for the user. */
export function asUsageError(what: string, error: unknown): UsageError {
  if (error instanceof GitError) {
    const detail = firstLine(error.stderr);
    return new UsageError(`${what}: ${error.status === undefined ? error.message : detail || error.message}`);
  }
  return new UsageError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}

async function text(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  return (await runGit(args, { cwd, env })).stdout.toString('utf8').trim();
}

/** The top folder of the work tree that holds `cwd`; a usage error outside one or without git. */
export async function repositoryTop(cwd: string, flag: string, env?: NodeJS.ProcessEnv): Promise<string> {
  try {
    const top = await text(['rev-parse', '--show-toplevel'], cwd, env);
    if (top === '') throw new UsageError(`${flag} needs a git work tree (this is a bare repository)`);
    return top;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof GitError && error.status !== undefined) throw new UsageError(`${flag} needs a git repository: ${firstLine(error.stderr) || 'not a git repository'}`);
    throw asUsageError(flag, error);
  }
}

/** The commit `ref` names; a usage error for an unknown revision. */
export async function resolveCommit(cwd: string, ref: string, env?: NodeJS.ProcessEnv): Promise<string> {
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`--diff: "${ref}" is not a revision`);
  try {
    return await text(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd, env);
  } catch (error) {
    if (error instanceof GitError && error.status !== undefined) throw new UsageError(`--diff: unknown revision "${ref}"`);
    throw asUsageError('--diff', error);
  }
}

/** HEAD's commit, or undefined before the first commit. */
export async function headCommit(cwd: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    return await text(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], cwd, env);
  } catch (error) {
    if (error instanceof GitError && error.status !== undefined) return undefined;
    throw asUsageError('git', error);
  }
}

/** Where a pull request from HEAD into `ref` starts: their merge base. */
export async function mergeBase(cwd: string, ref: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const commit = await resolveCommit(cwd, ref, env);
  const head = await headCommit(cwd, env);
  if (head === undefined) throw new UsageError('--diff: the repository has no commits yet');
  try {
    return await text(['merge-base', commit, head], cwd, env);
  } catch (error) {
    throw error instanceof GitError && error.status === 1 ? new UsageError(`--diff: "${ref}" and HEAD have no common ancestor`) : asUsageError('--diff', error);
  }
}

/** The empty tree of the repository's hash function: the base before the first commit. */
export async function emptyTree(cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const format = await text(['rev-parse', '--show-object-format'], cwd, env).catch(() => 'sha1');
  return EMPTY_TREE[format] ?? (EMPTY_TREE.sha1 as string);
}

interface RawEntry {
  dstMode: string;
  srcOid: string;
  dstOid: string;
  status: string;
  srcPath: string;
  dstPath: string;
}

/** Parses `--raw -z` output: `:srcmode dstmode srcoid dstoid status\0path\0` (two paths for renames and copies). */
export function parseRawDiff(output: Buffer): RawEntry[] {
  const fields = output.toString('utf8').split('\0');
  const entries: RawEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const meta = fields[i++] as string;
    if (!meta.startsWith(':')) continue;
    const [, dstMode = '', srcOid = '', dstOid = '', status = ''] = meta.slice(1).split(' ');
    const twoPaths = status.startsWith('R') || status.startsWith('C');
    const srcPath = fields[i++] ?? '';
    const dstPath = twoPaths ? (fields[i++] ?? '') : srcPath;
    entries.push({ dstMode, srcOid, dstOid, status: status.charAt(0), srcPath, dstPath });
  }
  return entries;
}

const ZERO_OID = /^0+$/;

/**
 * Files added, copied, modified, renamed or changed in type between `base` and the index
 * (`cached`) or the working tree. In working-tree mode rename detection would read working-tree
 * files through filters, so renames are taken from the committed history (base..HEAD) instead.
 */
export async function listChanges(top: string, base: string, cached: boolean, env?: NodeJS.ProcessEnv): Promise<ChangedFile[]> {
  const common = ['--raw', '-z', '--no-abbrev', '--no-ext-diff', '--no-textconv', '--ignore-submodules'];
  const args = cached ? ['diff-index', '--cached', '-M', ...common, base, '--'] : ['diff-index', '--no-renames', ...common, base, '--'];
  let entries: RawEntry[];
  let renamedFrom = new Map<string, string>();
  try {
    entries = parseRawDiff((await runGit(args, { cwd: top, env })).stdout);
    if (!cached) {
      const head = await headCommit(top, env);
      if (head !== undefined && head !== base) {
        const committed = parseRawDiff((await runGit(['diff-tree', '-r', '-M', ...common, base, head, '--'], { cwd: top, env })).stdout);
        renamedFrom = new Map(committed.filter((e) => e.status === 'R').map((e) => [e.dstPath, e.srcOid]));
      }
    }
  } catch (error) {
    throw asUsageError('git', error);
  }
  const files: ChangedFile[] = [];
  for (const e of entries) {
    if (!'ACMRT'.includes(e.status) || e.status === '' || NOT_A_FILE.has(e.dstMode)) continue;
    const oldOid = e.status === 'A' ? renamedFrom.get(e.dstPath) : ZERO_OID.test(e.srcOid) ? undefined : e.srcOid;
    const file: ChangedFile = { path: e.dstPath };
    if (oldOid !== undefined) file.oldOid = oldOid;
    if (cached) file.newOid = e.dstOid;
    files.push(file);
  }
  return files;
}
