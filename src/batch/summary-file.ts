// Reading an earlier summary.json (for --resume, --since-report and merge), checked enough that a
// wrong or foreign file is refused with a clear message instead of misread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUMMARY_SCHEMA_VERSION, type BatchSummary } from './summary.js';

export const SUMMARY_FILE = 'summary.json';
export const REPORT_FILE = 'report.html';
export const SARIF_DIR = 'sarif';

export class SummaryFileError extends Error {}

export function readSummary(outDir: string): BatchSummary {
  const file = join(outDir, SUMMARY_FILE);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SummaryFileError(`cannot read ${file}: ${code ?? (error instanceof Error ? error.message : String(error))}`);
  }
  const summary = data as Partial<BatchSummary> | null;
  if (!summary || typeof summary !== 'object' || !Array.isArray(summary.repositories) || typeof summary.configHash !== 'string') {
    throw new SummaryFileError(`${file} is not an ethnolint batch summary`);
  }
  if (summary.schemaVersion !== SUMMARY_SCHEMA_VERSION) {
    throw new SummaryFileError(`${file} has schema version ${String(summary.schemaVersion)}; this build reads version ${SUMMARY_SCHEMA_VERSION}`);
  }
  return summary as BatchSummary;
}
