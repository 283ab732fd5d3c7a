// A repository archive (.zip, .tar.gz, .tgz, .tar) extracted into a fresh temporary folder for
// scanning. Skipped entries become the repository's notices; an archive that breaks a cap or
// cannot be read fails that repository only.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Notice } from '../types.js';
import { Budget, DEFAULT_LIMITS, type ArchiveLimits } from './archive-safety.js';
import { extractTar } from './archive-tar.js';
import { extractZip } from './archive-zip.js';

const FORMATS = [
  { suffix: '.tar.gz', format: 'tgz' },
  { suffix: '.tgz', format: 'tgz' },
  { suffix: '.tar', format: 'tar' },
  { suffix: '.zip', format: 'zip' },
] as const;

export type ArchiveFormat = (typeof FORMATS)[number]['format'];

/** The archive format a file name says, and the name without its suffix. */
export function archiveFormat(file: string): { format: ArchiveFormat; stem: string } | undefined {
  const lower = file.toLowerCase();
  const match = FORMATS.find((f) => lower.endsWith(f.suffix));
  return match ? { format: match.format, stem: file.slice(file.replace(/\\/g, '/').lastIndexOf('/') + 1, file.length - match.suffix.length) } : undefined;
}

export interface Extracted {
  /** The folder to scan: the extraction folder, or its only sub-folder (GitHub-style archives). */
  root: string;
  notices: Notice[];
  /** Removes the temporary folder; safe to call twice. */
  cleanup: () => void;
}

/** Temporary folders not yet removed, for a signal handler. */
const live = new Set<string>();

export function removeExtractedFolders(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

function onlySubfolder(dir: string): string {
  const entries = readdirSync(dir, { withFileTypes: true });
  return entries.length === 1 && entries[0]?.isDirectory() ? join(dir, entries[0].name) : dir;
}

export async function extractArchive(file: string, limits: ArchiveLimits = DEFAULT_LIMITS): Promise<Extracted> {
  const kind = archiveFormat(file);
  if (!kind) throw new Error(`not an archive: ${file}`);
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-archive-'));
  live.add(dir);
  const cleanup = (): void => {
    rmSync(dir, { recursive: true, force: true });
    live.delete(dir);
  };
  const notices: Notice[] = [];
  const onSkip = (name: string, reason: string, message: string): void => {
    notices.push({ path: '', level: 'warning', reason, message: `Archive entry ${JSON.stringify(name)} not extracted: ${message}.` });
  };
  try {
    const budget = new Budget(limits);
    if (kind.format === 'zip') await extractZip(file, dir, budget, statSync(file).size, onSkip);
    else await extractTar(file, kind.format === 'tgz', dir, budget, onSkip);
    return { root: onlySubfolder(dir), notices, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
