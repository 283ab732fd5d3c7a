// Scans groups of in-memory blobs, in-process or in worker threads. A history of many small
// commits spends nearly all its CPU in the rules, so spreading a group's blobs over the cores
// is where the time goes down. Workers start only once a walk has scanned enough blobs in
// process to be worth their start-up (each loads the rules and parsers).
import { Worker } from 'node:worker_threads';
import { workerScript } from '../package-info.js';
import { scanBuffer, type FileOptions, type FileResult } from '../scan.js';
import { WORKER_LIMITS, workerSetupOf, type WorkerSetup } from '../worker-setup.js';
import type { BlobBatch, BlobReply } from './scan-worker.js';

export interface BlobItem {
  path: string;
  content: Buffer;
}

/** Blobs per message to a worker: large enough to amortise messaging, small enough to balance. */
const BATCH_BLOBS = 16;
/** Blobs scanned in process before workers are started. */
export const IN_PROCESS_BLOBS = 400;

interface Waiter {
  resolve: (results: FileResult[]) => void;
  reject: (error: Error) => void;
}

class WorkerPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(size: number, setup: WorkerSetup) {
    const script = workerScript(import.meta.url, 'history/scan-worker.js');
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(script, { workerData: setup, resourceLimits: WORKER_LIMITS });
      worker.on('message', (reply: BlobReply) => {
        const waiter = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        waiter?.resolve(reply.results);
      });
      worker.on('error', (error) => this.fail(error));
      return worker;
    });
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  /** Scans the items across the workers; results come back in the items' order. */
  async scan(items: readonly BlobItem[]): Promise<FileResult[]> {
    if (this.failure) throw this.failure;
    const parts: Promise<FileResult[]>[] = [];
    for (let i = 0, n = 0; i < items.length; i += BATCH_BLOBS, n++) {
      const worker = this.workers[n % this.workers.length] as Worker;
      const id = this.nextId++;
      const blobs: BlobBatch['blobs'] = [];
      const transfer: ArrayBuffer[] = [];
      for (const { path, content } of items.slice(i, i + BATCH_BLOBS)) {
        const copy = new Uint8Array(content); // its own exact-size buffer, safe to transfer
        blobs.push([path, copy]);
        transfer.push(copy.buffer);
      }
      parts.push(new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject })));
      worker.postMessage({ id, blobs } satisfies BlobBatch, transfer);
    }
    return (await Promise.all(parts)).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Scans blobs in process at first, then in `jobs` worker threads once a walk proves long. */
export class BlobScanPool {
  private pool: WorkerPool | undefined;
  private scanned = 0;

  constructor(
    private readonly options: FileOptions,
    private readonly jobs: number,
  ) {}

  async scan(items: readonly BlobItem[]): Promise<FileResult[]> {
    this.scanned += items.length;
    if (!this.pool && this.jobs > 1 && this.scanned > IN_PROCESS_BLOBS) {
      this.pool = new WorkerPool(this.jobs, workerSetupOf(this.options));
    }
    if (this.pool) return this.pool.scan(items);
    const results: FileResult[] = [];
    for (const { path, content } of items) results.push(await scanBuffer(path, content, this.options));
    return results;
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}
