// A history scan worker: receives batches of blobs (path and bytes), scans each with
// scanBuffer, the same code as an in-process scan, and posts the results back. Rules are loaded
// here by id, as in the file scan's worker.
import { parentPort, workerData } from 'node:worker_threads';
import { rules as builtInRules } from '../../rules/index.js';
import type { ActiveRule } from '../engine.js';
import { fileOptions, scanBuffer, type FileResult } from '../scan.js';
import type { WorkerSetup } from '../worker.js';

export interface BlobBatch {
  id: number;
  blobs: [path: string, content: Uint8Array][];
}

export interface BlobReply {
  id: number;
  results: FileResult[];
}

const setup = workerData as WorkerSetup;
const active: ActiveRule[] = setup.rules.flatMap(({ id, severity }) => {
  const rule = builtInRules.find((r) => r.id === id);
  return rule ? [{ rule, severity }] : [];
});
const options = fileOptions(setup.maxFileSize, active, setup.suppression);

parentPort?.on('message', async (batch: BlobBatch) => {
  const results: FileResult[] = [];
  for (const [path, bytes] of batch.blobs) {
    results.push(await scanBuffer(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options));
  }
  parentPort?.postMessage({ id: batch.id, results } satisfies BlobReply);
});
