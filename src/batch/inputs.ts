// Batch inputs → the list of repositories to scan. An input is a folder of repositories (or one
// repository, when it has its own .git), a list file of repository paths, or an archive.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { archiveFormat } from './archive.js';

export interface RepoSource {
  /** Display name: folder name, or archive name without its suffix. */
  name: string;
  /** The command-line input it came from, as given. */
  source: string;
  sourceKind: 'folder' | 'list' | 'archive';
  /** Absolute path of the folder or archive. */
  path: string;
  isArchive: boolean;
}

const MAX_LIST_BYTES = 16 * 1024 * 1024;

function repoAt(path: string, source: string, sourceKind: RepoSource['sourceKind']): RepoSource {
  const archive = archiveFormat(path);
  return { name: archive ? archive.stem : basename(path), source, sourceKind, path, isArchive: archive !== undefined };
}

/** Lines of a list file: one path a line, `#` comments and blank lines ignored. */
export function parseList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\uFEFF/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

function folderRepos(dir: string, source: string, skip: ReadonlySet<string>): RepoSource[] {
  if (existsSync(join(dir, '.git'))) return [repoAt(dir, source, 'folder')];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !skip.has(join(dir, e.name)))
    .map((e) => repoAt(join(dir, e.name), source, 'folder'))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function listRepos(file: string, source: string): RepoSource[] {
  if (statSync(file).size > MAX_LIST_BYTES) throw new UsageError(`${source}: list file is over ${MAX_LIST_BYTES} bytes`);
  const base = dirname(file);
  return parseList(readFileSync(file, 'utf8')).map((line) => repoAt(resolve(base, line), source, 'list'));
}

/**
 * Expands every input; a missing input is a usage error, a missing listed repository is not.
 * Folders in `skip` (the out dir, an earlier report) are never taken for repositories.
 */
export function expandInputs(inputs: readonly string[], cwd: string, skip: readonly string[] = []): RepoSource[] {
  const skipped = new Set(skip.map((p) => resolve(cwd, p)));
  const seen = new Set<string>();
  const out: RepoSource[] = [];
  for (const input of inputs) {
    const path = resolve(cwd, input);
    let repos: RepoSource[];
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) repos = folderRepos(path, input, skipped);
      else if (archiveFormat(path)) repos = [repoAt(path, input, 'archive')];
      else repos = listRepos(path, input);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read input ${input}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    for (const repo of repos) {
      if (seen.has(repo.path)) continue; // the same repository named twice is scanned once
      seen.add(repo.path);
      out.push(repo);
    }
  }
  return out;
}
