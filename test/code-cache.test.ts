// The bundle's V8 code cache (src/code-cache.ts): runs with it, without it, with its data
// corrupted or in a folder others could write give the same report, and only a folder of the
// user's own is used.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'ethnolint-cache-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const ARGS = ['-f', 'json', 'fixtures/demo'];
const cacheFiles = (): string[] => {
  const base = join(home, 'ethnolint');
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((folder) => readdirSync(join(base, folder)).map((f) => join(base, folder, f)));
};

// Node 22.1+ caches compiled code itself; the bundle's cache is then off.
const nodeHasCache = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';

describe.skipIf(nodeHasCache)('the code cache', () => {
  const uncached = runCli(ARGS, { env: { ETHNOLINT_NO_CODE_CACHE: '1', XDG_CACHE_HOME: home } });

  it('is written by a first run, in a folder only the user may write, and read by the next, with the same report', () => {
    expect(uncached.status).toBe(1);
    expect(cacheFiles()).toEqual([]);
    const first = runCli(ARGS, { env: { XDG_CACHE_HOME: home } });
    const files = cacheFiles();
    expect(files.length).toBeGreaterThan(3);
    expect(files.every((f) => f.endsWith('.bin'))).toBe(true);
    if (typeof process.getuid === 'function') expect(statSync(join(files[0] as string, '..')).mode & 0o077).toBe(0);
    const second = runCli(ARGS, { env: { XDG_CACHE_HOME: home } });
    expect(first.stdout).toBe(uncached.stdout);
    expect(second.stdout).toBe(uncached.stdout);
    expect(second.stderr).toBe(uncached.stderr);
  });

  it('survives corrupted data: V8 rejects it, and the run rewrites it', () => {
    for (const f of cacheFiles()) writeFileSync(f, 'not bytecode');
    const run = runCli(ARGS, { env: { XDG_CACHE_HOME: home } });
    expect(run.stdout).toBe(uncached.stdout);
    expect(run.status).toBe(1);
    expect(cacheFiles().filter((f) => readFileSync(f, 'utf8') === 'not bytecode')).toEqual([]);
  });

  it.runIf(typeof process.getuid === 'function')('is not used from a folder that others may write', () => {
    const files = cacheFiles();
    for (const f of files) rmSync(f);
    const folder = join(files[0] as string, '..');
    chmodSync(folder, 0o777);
    const run = runCli(ARGS, { env: { XDG_CACHE_HOME: home } });
    expect(run.stdout).toBe(uncached.stdout);
    expect(cacheFiles()).toEqual([]);
  });
});
