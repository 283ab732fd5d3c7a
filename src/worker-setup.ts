// What a worker thread is started with, as plain data (it is copied across threads), and how a
// worker turns it back into rules and file options. Shared by the file-scan worker and the
// history scan's blob worker, so both run exactly what an in-process scan runs.
import { rules as builtInRules } from '../rules/index.js';
import type { ActiveRule } from './engine.js';
import { fileOptions, suppressionOptionsOf, type FileOptions, type SuppressionOptions } from './scan.js';
import type { Severity } from './types.js';

/**
 * Resource limits for every scan worker: a small young generation. Each file's garbage is
 * short-lived, and V8's default (sized for one isolate per process) made each worker's RSS
 * ~30 MB larger for no speed gain (60 MB tree, 2 workers: 380 → 325 MB peak, 5.0 → 4.9 s).
 * 4 MB rather than 8 MB: on the 300 MB tree the peak of main thread plus worker fell from
 * 174–208 MB to 167–184 MB in interleaved runs, at the same wall time.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

export interface WorkerSetup {
  rules: { id: string; severity: Severity }[];
  maxFileSize: number;
  /** Inline directives and config exceptions, as plain data. */
  suppression: SuppressionOptions;
}

/** The setup sent to a worker for scan or file options: rules by id, plain data only. */
export function workerSetupOf(options: SuppressionOptions & { maxFileSize: number; rules: readonly { rule: { id: string }; severity: Severity }[] }): WorkerSetup {
  return {
    rules: options.rules.map(({ rule, severity }) => ({ id: rule.id, severity })),
    maxFileSize: options.maxFileSize,
    suppression: suppressionOptionsOf(options),
  };
}

/** Rules named by id (as sent to a worker), with their severities; unknown ids are dropped. */
export function activeRulesById(rules: readonly { id: string; severity: Severity }[], all: readonly ActiveRule['rule'][] = builtInRules): ActiveRule[] {
  return rules.flatMap(({ id, severity }) => {
    const rule = all.find((r) => r.id === id);
    return rule ? [{ rule, severity }] : [];
  });
}

export function workerFileOptions(setup: WorkerSetup): FileOptions {
  return fileOptions(setup.maxFileSize, activeRulesById(setup.rules), setup.suppression);
}
