// A batch worker thread: scans whole repositories, one at a time, each in-process (jobs 1).
import { parentPort } from 'node:worker_threads';
import type { ScanOutput } from '../scan.js';
import type { RepoSettings } from './plan.js';
import { scanRepository } from './repo-scan.js';

export interface RepoTask {
  id: number;
  root: string;
  settings: RepoSettings;
}

export type RepoReply = { id: number; ok: true; output: ScanOutput } | { id: number; ok: false; error: string };

parentPort?.on('message', (task: RepoTask) => {
  scanRepository(task.root, task.settings, 1).then(
    (output) => parentPort?.postMessage({ id: task.id, ok: true, output } satisfies RepoReply),
    (error: unknown) => parentPort?.postMessage({ id: task.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies RepoReply),
  );
});
