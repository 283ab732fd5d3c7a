// Zip extraction with yauzl (central directory, zip64, inflate) and our own safety checks: names
// are decoded and validated here, not by the library, so that one bad entry is reported and
// skipped instead of failing the whole archive.
import yauzl from 'yauzl';
import { ArchiveRejected, Budget, EntryRejected, safeSegments, targetPath } from './archive-safety.js';
import { makeFolder, meter, writeEntry, type OnSkip } from './archive-write.js';

const S_IFMT = 0o170000;
const UNIX_KIND: Record<number, string> = { 0o120000: 'symbolic link', 0o020000: 'character device', 0o060000: 'block device', 0o010000: 'FIFO', 0o140000: 'socket' };
const HOST_UNIX = 3;

/** A non-regular file (link, device…) described by the entry's Unix mode, if any. */
function specialKind(entry: yauzl.Entry): string | undefined {
  if (entry.versionMadeBy >> 8 !== HOST_UNIX) return undefined;
  return UNIX_KIND[(entry.externalFileAttributes >>> 16) & S_IFMT];
}

async function extractEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, root: string, budget: Budget, archiveBytes: number): Promise<void> {
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
  const kind = specialKind(entry);
  if (kind) throw new EntryRejected(kind === 'symbolic link' ? 'archive-link' : 'archive-special-file', `${kind} not extracted`);
  const target = targetPath(root, safeSegments(name));
  if (/[\\/]$/.test(name)) {
    await makeFolder(target);
    return;
  }
  if (entry.uncompressedSize > budget.limits.maxEntryBytes) throw new EntryRejected('archive-entry-too-large', `entry declares ${entry.uncompressedSize} bytes`);
  if (entry.generalPurposeBitFlag & 1) throw new EntryRejected('archive-encrypted', 'encrypted entry not extracted');
  const stream = await zip.openReadStreamPromise(entry);
  // The declared compressed size can lie; it cannot exceed the archive itself.
  await writeEntry(stream, target, meter(budget, Math.min(entry.compressedSize, archiveBytes)));
}

export async function extractZip(file: string, root: string, budget: Budget, archiveBytes: number, onSkip: OnSkip): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false });
  } catch (error) {
    throw new ArchiveRejected(`not a readable zip archive: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await new Promise<void>((resolvePromise, reject) => {
      zip.on('error', (error: Error) => reject(error instanceof ArchiveRejected ? error : new ArchiveRejected(`corrupt zip archive: ${error.message}`)));
      zip.on('end', () => resolvePromise());
      zip.on('entry', (entry: yauzl.Entry) => {
        void (async () => {
          try {
            budget.entry();
            await extractEntry(zip, entry, root, budget, archiveBytes);
          } catch (error) {
            if (!(error instanceof EntryRejected)) throw error;
            onSkip(yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false), error.reason, error.message);
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}
