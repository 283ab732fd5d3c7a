// Build step: bundles tsc's output into dist/bundle/, what bin/ethnolint.js runs. Node 20 has no
// compile cache, and loading some 70 small ES modules one by one was most of an empty scan's
// start-up; the bundle loads a few chunks instead. Every dynamic import() stays a chunk of its own,
// so formatters, parsers, batch and history load only when used, as before. The bundle is
// CommonJS: Node loads it without the ES module loader (resolution, linking, a facade for every
// built-in module imported), built-in modules are required where first used, and src/code-cache.ts
// can give its chunks a V8 code cache.
//
// Bundled: our modules and the small dependencies every run loads. External: what the code loads
// lazily with createRequire (fast-glob, yaml, typescript-estree) and the archive readers of batch
// scans, which stay plain node_modules packages.
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build } from 'rolldown';
import { PACKAGE_ROOT } from '../src/package-info.js';

const BUNDLED_DEPENDENCIES = new Set(['commander', 'chalk', 'ignore', 'picomatch']);

const dist = join(PACKAGE_ROOT, 'dist');
const outDir = join(dist, 'bundle');
// The worker entries keep their file names: workerScript() finds them beside the calling chunk.
const input = {
  start: join(dist, 'src', 'start.js'),
  worker: join(dist, 'src', 'worker.js'),
  'scan-worker': join(dist, 'src', 'history', 'scan-worker.js'),
  'repo-worker': join(dist, 'src', 'batch', 'repo-worker.js'),
};

/** A bare package import (`yaml`, `@scope/name/sub`) that is not one of the bundled dependencies. */
function isExternal(id: string): boolean {
  // Relative, absolute, built-in and package-internal (`#ansi-styles`) specifiers are not packages.
  if (/^[./#]/.test(id) || id.startsWith('node:')) return false;
  const parts = id.split('/');
  return !BUNDLED_DEPENDENCIES.has(id.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] ?? id);
}

/**
 * A bundled dependency's top-level `require('node:child_process')` (commander's, for executable
 * subcommands ethnolint does not have) becomes a proxy that loads the module on first use:
 * child_process brings net, dgram and streams, a tenth of an empty scan's start-up.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  transform(code: string, id: string): string | undefined {
    if (!id.includes(`${sep}node_modules${sep}`)) return undefined;
    const eager = /\brequire\((['"])node:child_process\1\)/g;
    if (!eager.test(code)) return undefined;
    return code.replace(eager, "new Proxy({}, { get: (_, key) => require('node:child_process')[key] })");
  },
};

const started = Date.now();
rmSync(outDir, { recursive: true, force: true });
const result = await build({
  input,
  platform: 'node',
  external: isExternal,
  logLevel: 'warn',
  plugins: [lazyChildProcess],
  output: {
    dir: outDir,
    format: 'cjs',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    // Comments and indentation cost parse time at every start; names stay for readable stacks.
    minify: { compress: false, mangle: false },
  },
});
// The package is "type": "module"; this folder's .js files are CommonJS.
writeFileSync(join(outDir, 'package.json'), '{\n  "type": "commonjs"\n}\n');
const chunks = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).length;
process.stdout.write(`bundle: ${chunks} files in ${relative(process.cwd(), outDir) || '.'} (${Date.now() - started} ms)\n`);
