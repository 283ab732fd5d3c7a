// Where configuration files are looked for. Kept apart from their parser (config.ts) so that a
// scan without a configuration file never loads the YAML library.
import { lstatSync } from 'node:fs';
import path from 'node:path';

/** Looked for in this order; the first one that exists wins. */
export const CONFIG_FILE_NAMES = ['.ethnolint.yaml', '.ethnolint.yml', '.ethnolint.json'] as const;

/** The baseline file name the documentation suggests; like configuration, never scanned. */
export const DEFAULT_BASELINE_NAME = '.ethnolint-baseline.json';

/**
 * The configuration file directly in `root`, if any. Only regular files: a symlink in a
 * scanned (possibly untrusted) tree could point anywhere, and error messages quote values.
 */
export function findConfig(root: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(root, name);
    try {
      if (lstatSync(file).isFile()) return file;
    } catch {
      // Absent or unreadable: try the next name.
    }
  }
  return undefined;
}
