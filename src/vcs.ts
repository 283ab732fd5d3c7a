// Git provenance for SARIF's versionControlProvenance, read straight from the repository's
// files: ethnolint never spawns git (a scanned repository's config can make git run
// arbitrary programs). Only `.git` at the given root is considered. Every read is bounded,
// every oddity returns undefined, and nothing here throws.

import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { VersionControl } from './types.js';

const MAX_SMALL_FILE = 64 * 1024; // HEAD, gitdir/commondir files, loose refs
const MAX_CONFIG = 1024 * 1024;
const MAX_PACKED_REFS = 16 * 1024 * 1024; // packed-refs grows with tags; still bounded
const MAX_SYMREF_DEPTH = 5;
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Reads a regular file of at most `limit` bytes as UTF-8; undefined if missing, special or too large. */
function readBounded(path: string, limit: number): string | undefined {
  let fd: number | undefined;
  try {
    // O_NONBLOCK so a FIFO planted as HEAD cannot hang the scan; fstat then rejects it.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > limit) return undefined;
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, null);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString('utf8', 0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // nothing to do
      }
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

interface GitDirs {
  /** Per-worktree git dir: HEAD and per-worktree refs. */
  gitDir: string;
  /** Shared git dir: config, refs, packed-refs (same as gitDir outside linked worktrees). */
  commonDir: string;
}

function findGitDirs(root: string): GitDirs | undefined {
  const dotGit = join(root, '.git');
  let gitDir: string;
  if (isDirectory(dotGit)) {
    gitDir = dotGit;
  } else {
    // Worktrees and submodules: a file holding "gitdir: <path>", relative to the root.
    const text = readBounded(dotGit, MAX_SMALL_FILE);
    const match = text === undefined ? null : /^gitdir:[ \t]*(.+?)[ \t]*$/m.exec(text);
    if (!match?.[1]) return undefined;
    gitDir = isAbsolute(match[1]) ? match[1] : resolve(root, match[1]);
    if (!isDirectory(gitDir)) return undefined;
  }
  let commonDir = gitDir;
  const common = readBounded(join(gitDir, 'commondir'), MAX_SMALL_FILE)?.trim();
  if (common) {
    const candidate = isAbsolute(common) ? common : resolve(gitDir, common);
    if (isDirectory(candidate)) commonDir = candidate;
  }
  return { gitDir, commonDir };
}

/** A ref name safe to use as a path below a git dir. */
function isSafeRefName(ref: string): boolean {
  return (
    /^refs\/[^\0\\]+$/.test(ref) &&
    !ref.split('/').some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.') || s.endsWith('.lock')) &&
    !/[\x00-\x20\x7f~^:?*[]/.test(ref)
  );
}

function lookupPackedRef(dirs: GitDirs, ref: string): string | undefined {
  const text = readBounded(join(dirs.commonDir, 'packed-refs'), MAX_PACKED_REFS);
  if (text === undefined) return undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    if (space < 0) continue;
    if (line.slice(space + 1).trimEnd() === ref) {
      const sha = line.slice(0, space).toLowerCase();
      return SHA.test(sha) ? sha : undefined;
    }
  }
  return undefined;
}

/** Resolves a ref to a commit id through loose refs (worktree, then common dir) and packed-refs. */
function resolveRef(dirs: GitDirs, ref: string, depth = 0): string | undefined {
  if (depth > MAX_SYMREF_DEPTH || !isSafeRefName(ref)) return undefined;
  for (const dir of dirs.gitDir === dirs.commonDir ? [dirs.gitDir] : [dirs.gitDir, dirs.commonDir]) {
    const content = readBounded(join(dir, ...ref.split('/')), MAX_SMALL_FILE)?.trim();
    if (content === undefined) continue;
    if (content.startsWith('ref:')) return resolveRef(dirs, content.slice(4).trim(), depth + 1);
    const sha = content.toLowerCase();
    return SHA.test(sha) ? sha : undefined;
  }
  return lookupPackedRef(dirs, ref);
}

/** Parses a git config file into `section.subsection.key` → last value (section and key lower-cased). */
export function parseGitConfig(text: string): Map<string, string> {
  const values = new Map<string, string>();
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      const name = (header[1] as string).toLowerCase();
      // [section "Sub"] keeps the subsection's case; the legacy [section.sub] form is lower-cased.
      section = header[2] !== undefined ? `${name}.${header[2].replace(/\\(.)/g, '$1')}` : name;
      continue;
    }
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (!entry || section === '') continue;
    values.set(`${section}.${(entry[1] as string).toLowerCase()}`, parseConfigValue(entry[2] ?? 'true'));
  }
  return values;
}

function parseConfigValue(raw: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '"') quoted = !quoted;
    else if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i] as string;
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next;
    } else if ((c === '#' || c === ';') && !quoted) break;
    else out += c;
  }
  return out.trim();
}

/**
 * A web-style repository URI from a remote URL: scp-style `git@host:owner/repo.git` and
 * ssh:// / git:// URLs become `https://host/owner/repo`; credentials, query, fragment and the
 * `.git` suffix are dropped. Local paths and file:// URLs give undefined (they would leak
 * machine paths and are not useful to a reader).
 */
export function normalizeRemoteUrl(remote: string): string | undefined {
  const value = remote.trim();
  if (value === '' || /[\s\0-\x1f\x7f]/.test(value)) return undefined;
  let host: string;
  let path: string;
  let scheme = 'https:';
  let port = '';
  const scp = /^(?:[^@/:]+@)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(?!\/\/)(.+)$/.exec(value);
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) && scp) {
    // scp-like syntax; a single letter before ':' is a Windows drive, not a host.
    if ((scp[1] as string).length === 1) return undefined;
    host = scp[1] as string;
    path = (scp[2] as string).replace(/^\/+/, '');
  } else {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return undefined;
    }
    const protocol = url.protocol.toLowerCase();
    if (protocol === 'https:' || protocol === 'http:') {
      scheme = protocol;
      port = url.port;
    } else if (protocol !== 'ssh:' && protocol !== 'git:' && protocol !== 'git+ssh:' && protocol !== 'ssh+git:') {
      return undefined;
    }
    host = url.hostname;
    path = url.pathname.replace(/^\/+/, '');
    // ssh://git@host/~user/repo and similar keep their path; the ssh port is meaningless over https.
  }
  if (host === '') return undefined;
  path = path.replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
  if (path === '') return undefined;
  try {
    const url = new URL(`${scheme}//${host}${port ? `:${port}` : ''}/`);
    url.pathname = `/${path}`;
    return url.toString();
  } catch {
    return undefined;
  }
}

/**
 * Repository URI, commit and branch of the git checkout at `root`, or undefined when `root`
 * has no readable `.git`. Never spawns processes and never throws.
 */
export function readGitProvenance(root: string): VersionControl | undefined {
  try {
    const dirs = findGitDirs(root);
    if (!dirs) return undefined;
    const head = readBounded(join(dirs.gitDir, 'HEAD'), MAX_SMALL_FILE)?.trim();
    if (head === undefined) return undefined;

    const vcs: VersionControl = {};
    const config = readBounded(join(dirs.commonDir, 'config'), MAX_CONFIG);
    if (config !== undefined) {
      const url = parseGitConfig(config).get('remote.origin.url');
      const repositoryUri = url === undefined ? undefined : normalizeRemoteUrl(url);
      if (repositoryUri !== undefined) vcs.repositoryUri = repositoryUri;
    }

    if (head.startsWith('ref:')) {
      const ref = head.slice(4).trim();
      if (!isSafeRefName(ref)) return undefined;
      const sha = resolveRef(dirs, ref);
      if (sha !== undefined) vcs.revisionId = sha;
      if (ref.startsWith('refs/heads/')) vcs.branch = ref.slice('refs/heads/'.length);
    } else if (SHA.test(head.toLowerCase())) {
      vcs.revisionId = head.toLowerCase(); // detached HEAD: no branch
    } else {
      return undefined;
    }
    return Object.keys(vcs).length > 0 ? vcs : undefined;
  } catch {
    return undefined;
  }
}
