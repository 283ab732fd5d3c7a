// Parallel and sharded scans give exactly the results of a single in-process scan.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTree } from '../scripts/bench/generate.js';
import { POOL_AFTER_FILES } from '../src/scan.js';
import { runCli } from './helpers/run-cli.js';

let tree: string;

beforeAll(() => {
  // Large enough that --jobs 2 really starts workers.
  tree = join(mkdtempSync(join(tmpdir(), 'ethnolint-perf-')), 'repo');
  const made = generateTree(tree, 32 * 1024 * 1024, 11);
  expect(made.files).toBeGreaterThan(POOL_AFTER_FILES);
  expect(made.violations).toBeGreaterThan(0);
});

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}

function results(stdout: string): string[] {
  const log = JSON.parse(stdout) as { runs: { results: SarifResult[] }[] };
  return log.runs[0]!.results.map((r) => {
    const loc = r.locations[0]!.physicalLocation;
    return `${loc.artifactLocation.uri}:${loc.region.startLine} ${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`;
  });
}

// Each test runs several full CLI scans of a 1,500+ file tree; under a loaded CI machine that takes minutes.
describe('parallel scans', { timeout: 300_000 }, () => {
  it('gives byte-identical JSON and SARIF for --jobs 1 and --jobs 2', () => {
    for (const format of ['json', 'sarif']) {
      const one = runCli(['-f', format, '--jobs', '1', '--no-gitignore', tree]);
      const two = runCli(['-f', format, '--jobs', '2', '--no-gitignore', tree]);
      expect(one.status).toBe(1);
      expect(two.stdout).toBe(one.stdout);
    }
  });

  it('splits a scan with --shard K/N into parts that together equal the full scan', () => {
    const full = results(runCli(['-f', 'sarif', '--no-gitignore', tree]).stdout);
    const parts = [1, 2, 3].flatMap((k) => results(runCli(['-f', 'sarif', '--shard', `${k}/3`, '--no-gitignore', tree]).stdout));
    expect(full.length).toBeGreaterThan(0);
    expect([...parts].sort()).toEqual([...full].sort());
    expect(new Set(parts).size).toBe(parts.length);
  });

  it('rejects a malformed --shard or --jobs with one line', () => {
    for (const args of [['--shard', '4/3'], ['--shard', 'x'], ['--jobs', '0']]) {
      const r = runCli([...args, tree]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
