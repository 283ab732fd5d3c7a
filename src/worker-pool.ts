// A fixed pool of scan workers fed in batches with backpressure: the walker waits while every
// worker has its fill of batches in flight, so memory stays bounded on any tree.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from './package-info.js';
import type { FileResult, SuppressionOptions } from './scan.js';
import type { Severity } from './types.js';
import type { WorkerBatch, WorkerReply } from './worker.js';
import { WORKER_LIMITS, workerSetupOf } from './worker-setup.js';

/**
 * Files per message: enough that messages cost little next to reading them, few enough that a
 * batch of files needing a parse does not leave the other worker idle at the end.
 */
export const BATCH_FILES = 16;
const BATCHES_IN_FLIGHT = 4;

interface PoolOptions extends SuppressionOptions {
  maxFileSize: number;
  rules: { rule: { id: string }; severity: Severity }[];
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private nextId = 0;
  private waiting: (() => void)[] = [];
  private failure: Error | undefined;

  constructor(size: number, options: PoolOptions, private readonly sink: { add(result: FileResult): void }) {
    const setup = workerSetupOf(options);
    // The compiled worker, also when the caller runs from TypeScript sources (tests).
    const script = join(PACKAGE_ROOT, 'dist', 'src', 'worker.js');
    this.slots = Array.from({ length: size }, () => {
      const slot: Slot = { worker: new Worker(script, { workerData: setup, resourceLimits: WORKER_LIMITS }), inFlight: 0 };
      slot.worker.on('message', (reply: WorkerReply) => {
        for (const result of reply.results) this.sink.add(result);
        slot.inFlight--;
        this.wake();
      });
      slot.worker.on('error', (error) => {
        this.failure = error;
        this.wake();
      });
      return slot;
    });
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  /**
   * A lane's files go to its own worker (the first); other files to the least busy worker.
   * Waits while the worker is full.
   */
  private async freeSlot(lane: string | undefined): Promise<Slot> {
    for (;;) {
      if (this.failure) throw this.failure;
      // Ties go to the last worker: the first is the lane's, which has a heavy parser to load.
      const slot = lane !== undefined ? (this.slots[0] as Slot) : this.slots.reduce((a, b) => (b.inFlight <= a.inFlight ? b : a));
      if (slot.inFlight < BATCHES_IN_FLIGHT) return slot;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /**
   * Queues files in batches; resolves once they are all handed to a worker. Files of the same
   * lane (see laneOf in scan.ts) all go to one worker, so a heavy parser loads in one thread.
   */
  async submit(files: [string, string][], laneOf: (path: string) => string | undefined = () => undefined): Promise<void> {
    const lanes = new Map<string | undefined, [string, string][]>();
    for (const file of files) {
      const lane = laneOf(file[0]);
      lanes.set(lane, [...(lanes.get(lane) ?? []), file]);
    }
    for (const [lane, list] of lanes) {
      for (let i = 0; i < list.length; i += BATCH_FILES) {
        const slot = await this.freeSlot(lane);
        slot.inFlight++;
        slot.worker.postMessage({ id: this.nextId++, files: list.slice(i, i + BATCH_FILES) } satisfies WorkerBatch);
      }
    }
  }

  /** Waits for every batch, then stops the workers. */
  async close(): Promise<void> {
    while (this.slots.some((s) => s.inFlight > 0)) {
      if (this.failure) break;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    if (this.failure) throw this.failure;
  }
}
