// The safety checks for extracting an untrusted repository archive, independent of its format:
// which entry names may be written, and the caps that stop an archive bomb. Pure functions and a
// small byte counter, so every check is tested on its own.
import { resolve, sep } from 'node:path';

export interface ArchiveLimits {
  /** Total bytes written for the whole archive. */
  maxTotalBytes: number;
  /** Entries (files and folders) in the archive. */
  maxEntries: number;
  /** Bytes written for one entry. */
  maxEntryBytes: number;
  /** Uncompressed ÷ compressed bytes, checked once an entry (or a gzip stream) is past `ratioFloorBytes`. */
  maxRatio: number;
  /** Small files compress well for honest reasons; the ratio is only checked past this size. */
  ratioFloorBytes: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntries: 200_000,
  maxEntryBytes: 512 * 1024 ** 2,
  maxRatio: 200,
  ratioFloorBytes: 1024 ** 2,
};

/** A reason an entry is skipped (a notice); the rest of the archive is still extracted. */
export class EntryRejected extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
  }
}

/** A reason the whole archive is abandoned: the repository fails with this message. */
export class ArchiveRejected extends Error {}

/**
 * The path segments an entry may be written to, or an EntryRejected. Backslashes count as
 * separators (archives made on Windows); absolute paths, drive letters, `..`, NUL and control
 * characters are refused rather than "fixed", because a fixed name is not what the author wrote.
 */
export function safeSegments(name: string): string[] {
  if (/[\0-\x1f\x7f]/.test(name)) throw new EntryRejected('archive-unsafe-path', 'control characters in the entry name');
  if (/^[\\/]/.test(name)) throw new EntryRejected('archive-unsafe-path', 'absolute path');
  if (/^[A-Za-z]:/.test(name)) throw new EntryRejected('archive-unsafe-path', 'drive-letter path');
  const segments = name.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) throw new EntryRejected('archive-unsafe-path', 'path traversal (..)');
  if (segments.length === 0) throw new EntryRejected('archive-unsafe-path', 'empty entry name');
  return segments;
}

/** The absolute target of an entry inside `root`; re-checked after resolving, belt and braces. */
export function targetPath(root: string, segments: readonly string[]): string {
  const base = resolve(root);
  const target = resolve(base, ...segments);
  if (!target.startsWith(base + sep)) throw new EntryRejected('archive-unsafe-path', 'resolves outside the extraction folder');
  return target;
}

/** Counts entries and bytes against the limits; throws as soon as one is exceeded. */
export class Budget {
  private entries = 0;
  private total = 0;

  constructor(readonly limits: ArchiveLimits) {}

  entry(): void {
    if (++this.entries > this.limits.maxEntries) throw new ArchiveRejected(`archive has more than ${this.limits.maxEntries} entries`);
  }

  /** Adds `n` bytes written for one entry, whose running total is `entryBytes` (after adding). */
  bytes(n: number, entryBytes: number, compressedBytes: number | undefined): void {
    this.total += n;
    if (this.total > this.limits.maxTotalBytes) throw new ArchiveRejected(`archive expands past ${this.limits.maxTotalBytes} bytes`);
    if (entryBytes > this.limits.maxEntryBytes) throw new EntryRejected('archive-entry-too-large', `entry expands past ${this.limits.maxEntryBytes} bytes`);
    if (compressedBytes !== undefined) checkRatio(entryBytes, compressedBytes, this.limits, (m) => new EntryRejected('archive-bomb', m));
  }
}

/** Throws `fail(message)` if `expanded` bytes from `compressed` bytes exceed the ratio cap. */
export function checkRatio(expanded: number, compressed: number, limits: ArchiveLimits, fail: (message: string) => Error): void {
  if (expanded <= limits.ratioFloorBytes) return;
  if (expanded > Math.max(compressed, 1) * limits.maxRatio) {
    throw fail(`compression ratio over ${limits.maxRatio}:1 (${expanded} bytes from ${compressed})`);
  }
}
