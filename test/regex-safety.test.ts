// The ReDoS check for `pattern` in config exceptions: known catastrophic patterns are refused,
// ordinary label patterns pass, and a hostile config ends the run with exit 2 at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSafePattern, MAX_MATCHED_TEXT, MAX_PATTERN_LENGTH, patternProblem } from '../src/suppress/regex-safety.js';
import { runCli } from './helpers/run-cli.js';

/** Known catastrophic-backtracking shapes (from ReDoS write-ups and advisories), and their relatives. */
const REDOS = [
  '(a+)+',
  '(a+)+$',
  '^(a+)+$',
  '(a*)*',
  '(a*)*b',
  '(\\w+\\s?)*',
  '^(\\w+\\s?)*$',
  '(\\d+)*x',
  '([a-zA-Z]+)*',
  '(.*a){12}',
  '(x+x+)+y',
  '(a|a)*',
  '(a|ab)*',
  '(a|aa)+',
  '(\\w|\\d)+$',
  '(.|\\s)*',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
  '(?:[^"\\\\]|\\\\.)*+',
  '(a?)*',
  '(a|)*',
  '(\\s*,\\s*)*',
  '.*a.*b.*c',
  '(a)\\1',
  '(?<x>a)\\k<x>',
  '(?=a)a',
  '(?!b)a',
  '(?<=a)b',
  '(?<!a)b',
  '(\\w{1,100})+',
  '(a?a)*',
  '(a?a)+$',
  '(\\u4e00|[\\u4e00-\\u9fff])*',
  '(\\u{1F600}|[\\u{1F600}-\\u{1F64F}])+',
  '([\\u0600-\\u0620]|[\\u0610-\\u0630])*',
  '(Ж|ж)+',
  '(\\.|[.])*',
];

const BENIGN = [
  'asian',
  '^(asian|white)$',
  '^(east|south|southeast) asian$',
  '^east\\s+asian$',
  '^(?:white|black|asian|indian|latino[ _]hispanic|middle eastern)$',
  'race_\\d+',
  '^[a-z_]+$',
  '(\\d{1,3}\\.){3}\\d{1,3}',
  '^label_(?<id>\\d+)$',
  '^(ab|cd)+$',
  '\\p{L}+',
  '.*asian.*',
  '^caf\\u00e9$',
  '[\\]a]+',
  '(中|文)+',
  '([\\u0600-\\u0610]|[\\u0611-\\u0620])*',
  '(ab{2})*',
];

describe('patternProblem', () => {
  it.each(REDOS)('refuses %s', (pattern) => {
    expect(patternProblem(pattern)).toBeDefined();
  });

  it.each(BENIGN)('accepts %s', (pattern) => {
    expect(patternProblem(pattern)).toBeUndefined();
  });

  it('names the shape it refuses', () => {
    expect(patternProblem('(a+)+')).toMatch(/nested quantifiers/);
    expect(patternProblem('(a|ab)*')).toMatch(/alternation whose branches overlap/);
    expect(patternProblem('(a)\\1')).toMatch(/backreferences/);
    expect(patternProblem('(?=a)a')).toMatch(/lookaround/);
  });

  it('refuses long and invalid patterns', () => {
    expect(patternProblem('a'.repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/longer than/);
    expect(patternProblem('(abc')).toMatch(/unterminated group/);
    expect(patternProblem('[abc')).toMatch(/unterminated character class/);
    expect(patternProblem('*a')).toMatch(/nothing to repeat/);
    expect(patternProblem('a{2,1}')).toMatch(/out of order/);
  });

  it('compiled patterns ignore case and read at most MAX_MATCHED_TEXT characters', () => {
    const test = compileSafePattern('^(asian|white)$');
    expect(test('Asian')).toBe(true);
    expect(test('black')).toBe(false);
    const tail = compileSafePattern('z$');
    expect(tail(`${'a'.repeat(MAX_MATCHED_TEXT)}z`)).toBe(false);
    expect(() => compileSafePattern('(a+)+')).toThrow(/exponential/);
  });
});

describe('a hostile configuration', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is refused with exit 2 before anything is matched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ethnolint-redos-'));
    dirs.push(dir);
    // Text that would make (a+)+$ backtrack for hours if the pattern ever ran.
    writeFileSync(join(dir, 'labels.json'), JSON.stringify({ id2label: { 0: 'White', 1: 'Black', 2: 'East Asian', 3: `${'a'.repeat(40)}!` } }));
    writeFileSync(join(dir, '.ethnolint.yaml'), 'exceptions:\n  - paths: labels.json\n    pattern: "(a+)+$"\n    reason: looks harmless\n');
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^ethnolint: \.ethnolint\.yaml:3:14: exceptions\[0\]\.pattern: the pattern could take exponential time: nested quantifiers/);
    expect(r.stdout).toBe('');
  });
});
