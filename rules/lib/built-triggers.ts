// Rule triggers as the build computed them (dist/rules/data/triggers.json). Deriving them from
// the lexicon and the signatures is about a third of a small scan's set-up, and they depend on
// nothing but the package's own data. Used while at least as new as every data file, as the
// data's JSON twins are; otherwise, and when running from source, each rule derives its own.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Rule } from '../../src/types.js';
import { compiledDataFile, dataDir } from './data-files.js';
import { once } from './once.js';

/** Where the build writes the triggers; undefined when running from source. */
export function builtTriggersPath(): string | undefined {
  return compiledDataFile('triggers.json');
}

function newestDataFile(): number {
  const folders = [dataDir('lexicon'), dataDir('signatures')];
  return Math.max(...folders.flatMap((folder) => readdirSync(folder).map((name) => statSync(join(folder, name)).mtimeMs)));
}

const builtTriggers = once((): Record<string, string[]> | undefined => {
  const path = builtTriggersPath();
  try {
    if (!path || !existsSync(path) || statSync(path).mtimeMs < newestDataFile()) return undefined;
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string[]>;
  } catch {
    return undefined;
  }
});

/** The rules, each answering `triggers` from the build's list when it is current. */
export function withBuiltTriggers(rules: readonly Rule[]): readonly Rule[] {
  return rules.map((rule) =>
    Object.create(rule, {
      triggers: {
        enumerable: true,
        get: () => builtTriggers()?.[rule.id] ?? rule.triggers,
      },
    }) as Rule,
  );
}
