// A scan worker: receives batches of files, scans each with the same code as an in-process
// scan, and posts back the results. Rules are loaded here by id; nothing else is shared.
import { parentPort, workerData } from 'node:worker_threads';
import { scanFile, type FileOptions, type FileResult } from './scan.js';
import { workerFileOptions, type WorkerSetup } from './worker-setup.js';

export type { WorkerSetup } from './worker-setup.js';

export interface WorkerBatch {
  id: number;
  files: [path: string, absPath: string][];
}

export interface WorkerReply {
  id: number;
  results: FileResult[];
}

const options: FileOptions = workerFileOptions(workerData as WorkerSetup);

parentPort?.on('message', async (batch: WorkerBatch) => {
  const results: FileResult[] = [];
  for (const [path, absPath] of batch.files) results.push(await scanFile(path, absPath, options));
  parentPort?.postMessage({ id: batch.id, results } satisfies WorkerReply);
});
