// The rules' data files (rules/lexicon/*.yaml, rules/signatures/*.yaml). YAML is the source of
// truth; the build also writes each signature file as a JSON twin under dist/rules/data/, so a
// scan starts without loading a YAML parser (about a third of the start-up time). A twin older
// than its YAML is ignored, so an edited data file is never shadowed by a stale build.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { isCompiledModule, PACKAGE_ROOT } from '../../src/package-info.js';

export type DataFolder = 'lexicon' | 'signatures';

// Compiled code (tsc's dist/ or the bundle) reads the build's JSON; TypeScript sources (tests)
// read the YAML. Paths hang off the package root because the bundle moves the modules.
const compiled = isCompiledModule(import.meta.url);

/** The package's rules/<folder>; tsc does not copy YAML, so compiled code reads it there too. */
export function dataDir(folder: DataFolder): string {
  return join(PACKAGE_ROOT, 'rules', folder);
}

/** Where the build writes a data file: dist/rules/data/<name>; undefined when running from source. */
export function compiledDataFile(name: string): string | undefined {
  return compiled ? join(PACKAGE_ROOT, 'dist', 'rules', 'data', name) : undefined;
}

/** The JSON twin of one of the package's own data files (never of a user's file of the same name). */
export function compiledTwin(yamlPath: string): string | undefined {
  const folder = basename(dirname(yamlPath));
  if (folder !== 'lexicon' && folder !== 'signatures') return undefined;
  if (relative(dataDir(folder), yamlPath) !== basename(yamlPath)) return undefined;
  return compiledDataFile(join(folder, basename(yamlPath).replace(/\.ya?ml$/, '.json')));
}

function mtimeMs(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

export function parseYaml(text: string): unknown {
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(text);
}

/** A data file's parsed content: from its JSON twin when that is at least as new, else from the YAML. */
export function readDataFile(yamlPath: string): unknown {
  const twin = compiledTwin(yamlPath);
  const twinTime = twin ? mtimeMs(twin) : undefined;
  const sourceTime = mtimeMs(yamlPath);
  if (twin && twinTime !== undefined && (sourceTime === undefined || twinTime >= sourceTime)) {
    return JSON.parse(readFileSync(twin, 'utf8'));
  }
  return parseYaml(readFileSync(yamlPath, 'utf8'));
}
