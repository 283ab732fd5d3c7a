// Tar (optionally gzip-compressed) extraction with tar-stream for the format (ustar, pax and GNU
// long names) and our own safety checks. Only regular files and folders are written; links and
// special files are reported and skipped. Gzip's ratio is checked over the whole stream, because
// a tar's entries are not compressed one by one.
import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { ArchiveRejected, Budget, checkRatio, EntryRejected, safeSegments, targetPath } from './archive-safety.js';
import { makeFolder, meter, writeEntry, type OnSkip } from './archive-write.js';

/** Counts bytes on the way in (compressed) for the gzip ratio check downstream. */
function counter(): Transform & { bytes: number } {
  const t = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      t.bytes += chunk.length;
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

function ratioGuard(budget: Budget, compressed: { bytes: number }): Transform {
  let expanded = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      expanded += chunk.length;
      try {
        checkRatio(expanded, compressed.bytes, budget.limits, (m) => new ArchiveRejected(`gzip stream: ${m}`));
        done(null, chunk);
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

async function extractEntry(header: tar.Headers, stream: Readable, root: string, budget: Budget): Promise<void> {
  budget.entry();
  const type = header.type ?? 'file';
  if (type === 'symlink' || type === 'link') throw new EntryRejected('archive-link', `${type === 'link' ? 'hard' : 'symbolic'} link not extracted`);
  if (type !== 'file' && type !== 'contiguous-file' && type !== 'directory') throw new EntryRejected('archive-special-file', `${type} entry not extracted`);
  const target = targetPath(root, safeSegments(header.name));
  if (type === 'directory') {
    await makeFolder(target);
    return;
  }
  if ((header.size ?? 0) > budget.limits.maxEntryBytes) throw new EntryRejected('archive-entry-too-large', `entry declares ${header.size} bytes`);
  await writeEntry(stream, target, meter(budget, undefined));
}

export async function extractTar(file: string, gzipped: boolean, root: string, budget: Budget, onSkip: OnSkip): Promise<void> {
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    extractEntry(header, stream, root, budget).then(
      () => next(),
      (error: unknown) => {
        stream.resume(); // drain what was not read, so the next header can be parsed
        if (error instanceof EntryRejected) {
          onSkip(header.name, error.reason, error.message);
          next();
        } else {
          next(error as Error);
        }
      },
    );
  });
  const compressed = counter();
  const stages: NodeJS.ReadWriteStream[] = gzipped ? [compressed, createGunzip(), ratioGuard(budget, compressed)] : [];
  try {
    await pipeline([createReadStream(file), ...stages, extract]);
  } catch (error) {
    if (error instanceof ArchiveRejected) throw error;
    throw new ArchiveRejected(`corrupt ${gzipped ? 'tar.gz' : 'tar'} archive: ${error instanceof Error ? error.message : String(error)}`);
  }
}
