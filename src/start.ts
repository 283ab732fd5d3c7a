// The executable's entry in the bundle: the code cache for the bundle's own chunks, then the CLI.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCodeCache } from './code-cache.js';

export async function start(argv: string[]): Promise<number> {
  const writeCache = installCodeCache(dirname(fileURLToPath(import.meta.url)));
  const { main } = await import('./cli.js');
  const code = await main(argv);
  writeCache();
  return code;
}
