// A V8 code cache for the bundle's chunks, for Node versions without module.enableCompileCache
// (before 22.1). Parsing and compiling the bundle is a large part of a short scan; V8 can
// instead deserialize the bytecode a previous run produced. Each chunk is compiled with
// vm.Script and its cached data, if any; after the run, the data of every chunk that had none
// (or whose data V8 rejected) is written, with the functions compiled during the run, so the
// next run skips their lazy compilation too.
//
// The cache is the user's own: ~/.cache/ethnolint (or $XDG_CACHE_HOME), a folder only its owner
// may write, since bytecode read from it runs. Any failure leaves the run uncached, never broken.
// ETHNOLINT_NO_CODE_CACHE=1 turns it off.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

/** Node's CommonJS loader internals that a code cache hooks; not in Node's public types. */
interface ModuleInternals {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface ModuleStatics {
  prototype: ModuleInternals;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _cache: unknown;
}

interface Compiled {
  script: Script;
  file: string;
  /** Write after the run: there was no usable data. */
  stale: boolean;
}

/** 32-bit FNV-1a of a string, in hex. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The cache folder for this Node version, created owner-only; undefined when unusable. */
function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const folder = join(base, 'ethnolint', `code-${process.version}-${process.arch}`);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stats = statSync(folder);
  // Bytecode from a folder someone else could write would be theirs to run.
  if (typeof process.getuid === 'function' && (stats.uid !== process.getuid() || (stats.mode & 0o022) !== 0)) return undefined;
  return folder;
}

/**
 * Compiles the files under `root` (the bundle's folder) through the code cache from now on.
 * Returns the function that writes the new cache data; call it when the run is done.
 */
export function installCodeCache(root: string, env: NodeJS.ProcessEnv = process.env): () => void {
  const none = (): void => {};
  // Node 22.1+ has its own cache for every module.
  const nodeModule = Module as unknown as { enableCompileCache?: () => unknown } & ModuleStatics;
  if (typeof nodeModule.enableCompileCache === 'function' || env.ETHNOLINT_NO_CODE_CACHE === '1') return none;
  let folder: string | undefined;
  try {
    folder = cacheFolder(env);
  } catch {
    return none;
  }
  if (!folder) return none;
  const cache = folder;
  const compiled: Compiled[] = [];
  const prefix = root.endsWith(sep) ? root : root + sep;
  const original = nodeModule.prototype._compile;

  nodeModule.prototype._compile = function compile(this: ModuleInternals, content: string, filename: string): unknown {
    if (!filename.startsWith(prefix)) return original.call(this, content, filename);
    // The chunk's path, size and time identify its content (V8 checks little more than the
    // length); a cheap hash of them names the file, as node:crypto would cost its own loading.
    const stats = statSync(filename);
    const file = join(cache, `${basename(filename, '.js')}-${fnv1a(`${filename}\0${stats.size}\0${stats.mtimeMs}`)}.bin`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(nodeModule.wrap(content), { filename, cachedData });
    compiled.push({ script, file, stale: cachedData === undefined || script.cachedDataRejected === true });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const require = createRequire(filename);
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };

  return () => {
    for (const { script, file, stale } of compiled) {
      if (!stale) continue;
      try {
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, file);
      } catch {
        return; // a full disk or a read-only home: the next run compiles again
      }
    }
  };
}
