// A history scan worker: receives batches of blobs (path and bytes), scans each with
// scanBuffer, the same code as an in-process scan, and posts the results back. Rules are loaded
// here by id, as in the file scan's worker.
import { parentPort, workerData } from 'node:worker_threads';
import { scanBuffer, type FileResult } from '../scan.js';
import { workerFileOptions, type WorkerSetup } from '../worker-setup.js';

export interface BlobBatch {
  id: number;
  blobs: [path: string, content: Uint8Array][];
}

export interface BlobReply {
  id: number;
  results: FileResult[];
}

const options = workerFileOptions(workerData as WorkerSetup);

parentPort?.on('message', async (batch: BlobBatch) => {
  const results: FileResult[] = [];
  for (const [path, bytes] of batch.blobs) {
    results.push(await scanBuffer(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options));
  }
  parentPort?.postMessage({ id: batch.id, results } satisfies BlobReply);
});
