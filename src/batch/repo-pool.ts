// Runs repository scans within the --jobs budget. Many repositories: one worker thread per job,
// each scanning whole repositories in-process; one repository (or --jobs 1): the ordinary scan
// in this thread, which spreads a large repository over its own file-level worker pool.
//
// Why not always the second way (repositories one after another, each with the file-level
// pool)? Most repositories have fewer files than the pool's in-process threshold, so a batch of
// small repositories would use one core. Measured with 8 small repositories (28 files each): a
// worker thread costs about 0.8 s of CPU to load the parsers and rules, so whole repositories
// per thread pay that once per thread, not once per repository; and for one large repository
// the file-level pool is the only way to use more than one core.

import { Worker } from 'node:worker_threads';
import { WORKER_LIMITS } from '../worker-setup.js';
import { workerScript } from '../package-info.js';
import type { ScanOutput } from '../scan.js';
import type { RepoSettings } from './plan.js';
import { scanRepository } from './repo-scan.js';
import type { RepoReply, RepoTask } from './repo-worker.js';

export interface RepoScanner {
  /** How many scans may run at once. */
  readonly slots: number;
  scan(root: string, settings: RepoSettings): Promise<ScanOutput>;
  close(): Promise<void>;
}

class InProcessScanner implements RepoScanner {
  readonly slots = 1;
  constructor(private readonly jobs: number) {}
  scan(root: string, settings: RepoSettings): Promise<ScanOutput> {
    return scanRepository(root, settings, this.jobs);
  }
  async close(): Promise<void> {}
}

/** Worker threads, each given one repository at a time; a crashed worker fails only its repository. */
class ThreadScanner implements RepoScanner {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private nextId = 0;

  constructor(readonly slots: number) {}

  private spawn(): Worker {
    const worker = new Worker(workerScript(import.meta.url, 'batch/repo-worker.js'), { resourceLimits: WORKER_LIMITS });
    this.all.add(worker);
    return worker;
  }

  scan(root: string, settings: RepoSettings): Promise<ScanOutput> {
    const worker = this.idle.pop() ?? this.spawn();
    const id = this.nextId++;
    return new Promise<ScanOutput>((resolve, reject) => {
      const done = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (reply: RepoReply): void => {
        if (reply.id !== id) return;
        done();
        this.idle.push(worker);
        if (reply.ok) resolve(reply.output);
        else reject(new Error(reply.error));
      };
      const lost = (error: Error): void => {
        done();
        this.all.delete(worker);
        void worker.terminate();
        reject(error);
      };
      const onError = (error: Error): void => lost(new Error(`scan worker failed: ${error.message}`));
      const onExit = (code: number): void => lost(new Error(`scan worker exited with code ${code}`));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, root, settings } satisfies RepoTask);
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
  }
}

export function repoScanner(jobs: number, repositories: number): RepoScanner {
  return jobs > 1 && repositories > 1 ? new ThreadScanner(Math.min(jobs, repositories)) : new InProcessScanner(jobs);
}
