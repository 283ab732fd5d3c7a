// A fixed pool of scan workers beside the main thread, fed in batches with backpressure: a file
// goes to a worker while one has room, and is otherwise scanned by the caller itself, so that
// memory stays bounded on any tree and no thread waits for another.
import { Worker } from 'node:worker_threads';
import { workerScript } from './package-info.js';
import type { FileResult, SuppressionOptions } from './scan.js';
import type { Severity } from './types.js';
import type { WorkerBatch, WorkerReply } from './worker.js';
import { WORKER_LIMITS, workerSetupOf } from './worker-setup.js';

/** Files per message: enough that messages cost little next to reading the files. */
export const BATCH_FILES = 32;
/** Batches a worker may hold: its queue while the main thread is busy with a file of its own. */
const BATCHES_IN_FLIGHT = 4;

interface PoolOptions extends SuppressionOptions {
  maxFileSize: number;
  rules: { rule: { id: string }; severity: Severity }[];
}

interface Slot {
  worker: Worker;
  inFlight: number;
  /** Files gathered for this worker's next batch. */
  batch: [string, string][];
}

export class WorkerPool {
  private readonly slots: Slot[];
  private nextId = 0;
  private waiting: (() => void)[] = [];
  private failure: Error | undefined;

  constructor(size: number, options: PoolOptions, private readonly sink: { add(result: FileResult): void }) {
    const setup = workerSetupOf(options);
    const script = workerScript(import.meta.url, 'worker.js');
    this.slots = Array.from({ length: size }, () => {
      const slot: Slot = { worker: new Worker(script, { workerData: setup, resourceLimits: WORKER_LIMITS }), inFlight: 0, batch: [] };
      slot.worker.on('message', (reply: WorkerReply) => {
        for (const result of reply.results) this.sink.add(result);
        slot.inFlight--;
        if (slot === this.slots[0]) this.drainDeferred();
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

  private hasRoom(slot: Slot): boolean {
    return slot.inFlight < BATCHES_IN_FLIGHT;
  }

  private post(slot: Slot): void {
    if (slot.batch.length === 0) return;
    slot.inFlight++;
    slot.worker.postMessage({ id: this.nextId++, files: slot.batch } satisfies WorkerBatch);
    slot.batch = [];
  }

  /**
   * Takes the file for a worker if one has room and returns true; false leaves it to the caller.
   * Files of a lane (see laneOf in scan.ts) go to the first worker only, so that a heavy parser
   * loads in one thread; while it is full they wait here, and the caller goes on with others.
   */
  offer(file: [string, string], lane: string | undefined): boolean {
    if (this.failure) throw this.failure;
    if (lane !== undefined) {
      this.deferred.push(file);
      this.drainDeferred();
      return true;
    }
    const slot = this.slots.find((s) => this.hasRoom(s));
    if (!slot) return false;
    this.add(slot, file);
    return true;
  }

  private add(slot: Slot, file: [string, string]): void {
    slot.batch.push(file);
    if (slot.batch.length >= BATCH_FILES) this.post(slot);
  }

  /** Lane files waiting for room in the first worker. */
  private deferred: [string, string][] = [];

  private drainDeferred(): void {
    const slot = this.slots[0] as Slot;
    while (this.deferred.length > 0 && this.hasRoom(slot)) this.add(slot, this.deferred.shift() as [string, string]);
  }

  /** Sends what is gathered, waits for every batch, then stops the workers. */
  async close(): Promise<void> {
    for (;;) {
      this.drainDeferred();
      for (const slot of this.slots) this.post(slot);
      if (this.failure || !this.slots.some((s) => s.inFlight > 0)) break;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    if (this.failure) throw this.failure;
  }
}
