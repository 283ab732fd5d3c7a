// The installed package's own files: its version and the rule docs shipped beside the code.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest folder above this module that holds ethnolint's package.json. */
export const PACKAGE_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && /"name":\s*"ethnolint"/.test(readFileSync(manifest, 'utf8'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('ethnolint: cannot find its own package.json');
    dir = parent;
  }
})();

export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export const TOOL = { name: 'ethnolint', version: VERSION, informationUri: 'https://github.com/ethnolint/ethnolint' };

/** A rule's Markdown docs (rules/<id>.md), shipped in the package. */
export function readRuleDocs(docsPath: string): string {
  try {
    return readFileSync(join(PACKAGE_ROOT, docsPath), 'utf8');
  } catch {
    return '';
  }
}

/** Whether the module at `moduleUrl` is compiled (tsc's dist/ or the bundle), not TypeScript source run by the tests. */
export function isCompiledModule(moduleUrl: string): boolean {
  return moduleUrl.endsWith('.js');
}

/**
 * A worker's entry script, given the calling module's URL and the entry's path under dist/src.
 * Compiled code (tsc's dist/src or the bundle in dist/bundle) starts the entry beside itself;
 * code running from TypeScript sources (tests) starts tsc's compiled entry.
 */
export function workerScript(callerUrl: string, distSrcPath: string): string {
  return isCompiledModule(callerUrl)
    ? join(dirname(fileURLToPath(callerUrl)), basename(distSrcPath))
    : join(PACKAGE_ROOT, 'dist', 'src', distSrcPath);
}
