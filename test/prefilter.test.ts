// The prefilter must never cost recall: every file with a fixture finding passes it, and the
// word-boundary forms accept the spellings splitting produces while rejecting substrings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { runPrefilter } from '../src/engine.js';
import { compilePrefilter } from '../src/prefilter.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const active = rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));

describe('compilePrefilter', () => {
  const p = compilePrefilter(['race', 'races', '维族']);
  it.each(['race', 'raceOutput', 'EM_RACE_TYPE', 'emRace', 'RACEOutput', 'race4', 'Races', '是否是维族'])('passes %s', (s) => {
    expect(p.test(s)).toBe(true);
  });
  it.each(['trace', 'embrace', 'GemRacer', 'semrace', 'EMRACE', 'braces'])('rejects %s', (s) => {
    expect(p.test(s)).toBe(false);
  });
  it('works on raw UTF-8 bytes read as Latin-1', () => {
    const bytes = compilePrefilter(['维族'], { utf8Bytes: true });
    expect(bytes.test(Buffer.from('x = "维族"', 'utf8').toString('latin1'))).toBe(true);
    expect(bytes.test(Buffer.from('x = "汉族"', 'utf8').toString('latin1'))).toBe(false);
  });
});

it('every fixture file with a finding passes the run prefilter', async () => {
  const prefilter = runPrefilter(active);
  expect(prefilter).toBeDefined();
  const { findings } = await scan({ cwd: ROOT, paths: ['fixtures'], gitignore: false, include: [], exclude: ['**/*.expect'], followSymlinks: false, maxFileSize: 10 << 20, rules: active });
  const files = [...new Set(findings.map((f) => f.path))];
  expect(files.length).toBeGreaterThan(50);
  const missed = files.filter((f) => !prefilter!.test(readFileSync(join(ROOT, f)).toString('latin1')));
  expect(missed).toEqual([]);
});
