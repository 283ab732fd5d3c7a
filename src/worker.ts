// A scan worker: receives batches of files, scans each with the same code as an in-process
// scan, and posts back the results. Rules are loaded here by id; nothing else is shared.
import { parentPort, workerData } from 'node:worker_threads';
import { rules as builtInRules } from '../rules/index.js';
import type { ActiveRule } from './engine.js';
import { fileOptions, scanFile, type FileOptions, type FileResult, type SuppressionOptions } from './scan.js';
import type { Severity } from './types.js';

export interface WorkerSetup {
  rules: { id: string; severity: Severity }[];
  maxFileSize: number;
  /** Inline directives and config exceptions, as plain data. */
  suppression: SuppressionOptions;
}

export interface WorkerBatch {
  id: number;
  files: [path: string, absPath: string][];
}

export interface WorkerReply {
  id: number;
  results: FileResult[];
}

const setup = workerData as WorkerSetup;
const active: ActiveRule[] = setup.rules.flatMap(({ id, severity }) => {
  const rule = builtInRules.find((r) => r.id === id);
  return rule ? [{ rule, severity }] : [];
});
const options: FileOptions = fileOptions(setup.maxFileSize, active, setup.suppression);

parentPort?.on('message', async (batch: WorkerBatch) => {
  const results: FileResult[] = [];
  for (const [path, absPath] of batch.files) results.push(await scanFile(path, absPath, options));
  parentPort?.postMessage({ id: batch.id, results } satisfies WorkerReply);
});
