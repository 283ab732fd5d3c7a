// Writing extracted entries: folders, and files streamed through a meter that enforces the caps
// while bytes flow. Never overwrites, never follows a link, leaves no partial file.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ArchiveRejected, Budget, EntryRejected } from './archive-safety.js';

/** Reports a skipped entry; extraction goes on. */
export type OnSkip = (name: string, reason: string, message: string) => void;

/** A counting pass-through that enforces the per-entry, total and ratio caps while bytes flow. */
export function meter(budget: Budget, compressedSize: number | undefined): Transform {
  let written = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      try {
        budget.bytes(chunk.length, written, compressedSize);
        done(null, chunk);
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** Creates a folder entry; a name already taken by a file is that entry's problem only. */
export async function makeFolder(target: string): Promise<void> {
  try {
    await mkdir(target, { recursive: true });
  } catch (error) {
    throw new EntryRejected('archive-bad-entry', error instanceof Error ? error.message : String(error));
  }
}

/** Streams `source` through the meter into a new file; a rejected entry leaves no partial file. */
export async function writeEntry(source: NodeJS.ReadableStream, target: string, gauge: Transform): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true });
    // 'wx': never overwrite (a duplicate entry is refused), never follow a link at the target.
    await pipeline(source, gauge, createWriteStream(target, { flags: 'wx', mode: 0o644 }));
  } catch (error) {
    // EEXIST: the file is an earlier entry's, and stays; anything else leaves no partial file.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new EntryRejected('archive-duplicate-entry', 'duplicate entry');
    await rm(target, { force: true }).catch(() => undefined);
    if (error instanceof ArchiveRejected || error instanceof EntryRejected) throw error;
    throw new EntryRejected('archive-bad-entry', error instanceof Error ? error.message : String(error));
  }
}
