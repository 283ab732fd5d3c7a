// Writes a report file atomically: a temporary file beside the target, then a rename, so a
// failed or interrupted run never leaves a half-written report behind.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomHex } from './lazy-crypto.js';

/** Temporary files not yet renamed into place, for removeTempFiles on a signal. */
const pending = new Set<string>();

export function writeFileAtomic(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomHex(4)}.tmp`);
  pending.add(temp);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  } finally {
    pending.delete(temp);
  }
}

/**
 * Removes every temporary file still pending. For a signal handler that exits the process:
 * the write above is synchronous, so today a handler only ever finds the set empty, but a
 * handler must not rely on that staying true.
 */
export function removeTempFiles(): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
}
