// The executable runs the bundle in dist/bundle (npm run build writes it): its worker entries
// must sit beside the chunks that start them, and the data paths must not depend on where a
// module was bundled.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { PACKAGE_ROOT, workerScript } from '../src/package-info.js';
import { ROOT } from './helpers/run-cli.js';

it('bin/ethnolint.js runs the bundle, CommonJS, which holds the CLI and every worker entry', () => {
  expect(readFileSync(join(ROOT, 'bin', 'ethnolint.js'), 'utf8')).toContain("require('../dist/bundle/start.js')");
  for (const folder of ['bin', join('dist', 'bundle')]) expect(JSON.parse(readFileSync(join(ROOT, folder, 'package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  for (const entry of ['start.js', 'worker.js', 'scan-worker.js', 'repo-worker.js']) expect(existsSync(join(ROOT, 'dist', 'bundle', entry)), entry).toBe(true);
});

it('a worker entry is taken beside compiled code and from dist/src for TypeScript sources', () => {
  const chunk = pathToFileURL(join(ROOT, 'dist', 'bundle', 'scan-Ab12.js')).href;
  expect(workerScript(chunk, 'history/scan-worker.js')).toBe(join(ROOT, 'dist', 'bundle', 'scan-worker.js'));
  const compiled = pathToFileURL(join(ROOT, 'dist', 'src', 'batch', 'repo-pool.js')).href;
  expect(workerScript(compiled, 'batch/repo-worker.js')).toBe(join(ROOT, 'dist', 'src', 'batch', 'repo-worker.js'));
  const source = pathToFileURL(join(ROOT, 'src', 'worker-pool.ts')).href;
  expect(workerScript(source, 'worker.js')).toBe(join(PACKAGE_ROOT, 'dist', 'src', 'worker.js'));
});
