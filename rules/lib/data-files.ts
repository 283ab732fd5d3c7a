// The rules' data files (rules/lexicon/*.yaml, rules/signatures/*.yaml). YAML is the source of
// truth; the build also writes each signature file as a JSON twin under dist/rules/data/, so a
// scan starts without loading a YAML parser (about a third of the start-up time). A twin older
// than its YAML is ignored, so an edited data file is never shadowed by a stale build.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DataFolder = 'lexicon' | 'signatures';

const here = dirname(fileURLToPath(import.meta.url));
const fromDist = here.includes(join('dist', 'rules'));

/** The package's rules/<folder>, from both the source tree and dist/ (tsc does not copy YAML). */
export function dataDir(folder: DataFolder): string {
  return fromDist ? join(here, '..', '..', '..', 'rules', folder) : join(here, '..', folder);
}

/** Where the build writes the JSON twin of a data file; undefined when running from source. */
export function compiledTwin(yamlPath: string): string | undefined {
  if (!fromDist) return undefined;
  return join(here, '..', 'data', basename(dirname(yamlPath)), basename(yamlPath).replace(/\.ya?ml$/, '.json'));
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
