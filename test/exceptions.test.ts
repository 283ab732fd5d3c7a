// File-level exceptions in the configuration: matching by path, rule, text and pattern; unused
// exceptions; validation errors with file:line:col; SARIF's external suppressions.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { parseConfig, validateRuleIds } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { matchedTexts } from '../src/suppress/exceptions.js';
import type { Finding } from '../src/types.js';
import { runCli } from './helpers/run-cli.js';
import { validateSarif } from './helpers/sarif-validator.js';

const LABEL_MAP = `${JSON.stringify({ id2label: { 0: 'White', 1: 'Black', 2: 'East Asian', 3: 'Indian' } }, null, 2)}\n`;
const roots: string[] = [];
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-exceptions-'));
  roots.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface JsonReport {
  findings: { ruleId: string; path: string; line: number; column: number; message: string }[];
  suppressed: { path: string; suppression: { kind: string; path: string; line: number; reason: string } }[];
  suppressions: { kind: string; path: string; line: number; column: number; rules: string[]; reason: string; matched: number }[];
}

function scanJson(dir: string, ...args: string[]): { status: number | null; report: JsonReport } {
  const r = runCli(['-f', 'json', ...args], { cwd: dir });
  if (r.status === 2) throw new Error(r.stderr);
  return { status: r.status, report: JSON.parse(r.stdout) as JsonReport };
}

const config = (...lines: string[]): string => `${lines.join('\n')}\n`;

describe('exceptions for a JSON label map', () => {
  it('an exception without text covers every finding in the file', () => {
    const dir = project({
      'data/legacy_labels.json': LABEL_MAP,
      'data/new_labels.json': LABEL_MAP,
      '.ethnolint.yaml': config('exceptions:', '  - paths: ["data/legacy_labels.json"]', '    rules: [ethnicity-label]', '    reason: "Reviewed: historical dataset kept for a bias audit; not used for training"'),
    });
    const { status, report } = scanJson(dir, '.');
    expect(status).toBe(1);
    expect(report.findings.map((f) => f.path)).toEqual(['data/new_labels.json']);
    expect(report.suppressed.map((f) => [f.path, f.suppression])).toEqual([
      ['data/legacy_labels.json', { kind: 'exception', path: '.ethnolint.yaml', line: 2, reason: 'Reviewed: historical dataset kept for a bias audit; not used for training' }],
    ]);
    expect(report.suppressions).toEqual([
      { kind: 'exception', path: '.ethnolint.yaml', line: 2, column: 5, rules: ['ethnicity-label'], reason: 'Reviewed: historical dataset kept for a bias audit; not used for training', matched: 1 },
    ]);
  });

  it('text matches a label of the set, ignoring case; a text that is not there matches nothing', () => {
    const files = { 'labels.json': LABEL_MAP };
    const matching = project({ ...files, '.ethnolint.yaml': config('exceptions:', '  - paths: labels.json', '    text: "EAST ASIAN"', '    reason: reviewed') });
    expect(scanJson(matching, '.').status).toBe(0);
    const missing = project({ ...files, '.ethnolint.yaml': config('exceptions:', '  - paths: labels.json', '    text: martian', '    reason: reviewed') });
    const { status, report } = scanJson(missing, '.');
    expect(status).toBe(1);
    expect(report.suppressions.map((s) => s.matched)).toEqual([0]);
  });

  it('pattern is a case-insensitive regular expression over the matched text', () => {
    const yes = project({ 'labels.json': LABEL_MAP, '.ethnolint.yaml': config('exceptions:', '  - paths: "*.json"', '    pattern: "^(asian|white)$"', '    reason: reviewed') });
    expect(scanJson(yes, '.').report.suppressed).toHaveLength(1);
    const no = project({ 'labels.json': LABEL_MAP, '.ethnolint.yaml': config('exceptions:', '  - paths: "*.json"', '    pattern: "^martian$"', '    reason: reviewed') });
    expect(scanJson(no, '.').report.suppressed).toHaveLength(0);
  });

  it('an exception for another rule does not apply', () => {
    const dir = project({ 'labels.json': LABEL_MAP, '.ethnolint.yaml': config('exceptions:', '  - paths: labels.json', '    rules: [face-api-ethnicity]', '    reason: reviewed') });
    expect(scanJson(dir, '.').status).toBe(1);
  });

  it('globs are relative to the config file', () => {
    const dir = project({
      'project/data/labels.json': LABEL_MAP,
      'project/.ethnolint.yaml': config('exceptions:', '  - paths: ["data/*.json"]', '    reason: reviewed'),
    });
    const { status, report } = scanJson(dir, 'project');
    expect(status).toBe(0);
    expect(report.suppressed.map((f) => [f.path, f.suppression.path])).toEqual([['project/data/labels.json', 'project/.ethnolint.yaml']]);
  });

  it('covers CSV columns and class lists too', () => {
    const dir = project({
      'people.csv': 'id,race\n1,White\n2,Black\n3,East Asian\n4,Indian\n',
      'classes.txt': 'White\nBlack\nEast Asian\nIndian\n',
      '.ethnolint.yaml': config('exceptions:', '  - paths: [people.csv, classes.txt]', '    reason: census extract used for a fairness evaluation'),
    });
    const { status, report } = scanJson(dir, '.');
    expect(status).toBe(0);
    expect(report.suppressed.map((f) => f.path).sort()).toEqual(['classes.txt', 'people.csv']);
  });

  it('--report-unused-suppressions reports an unused exception at its line in the config', () => {
    const dir = project({
      'labels.json': LABEL_MAP,
      '.ethnolint.yaml': config('exceptions:', '  - paths: labels.json', '    reason: used', '  - paths: gone.json', '    reason: file was deleted'),
    });
    const { status, report } = scanJson(dir, '--report-unused-suppressions', '.');
    expect(status).toBe(0);
    expect(report.findings.map((f) => [f.ruleId, f.path, f.line, f.column])).toEqual([['unused-suppression', '.ethnolint.yaml', 4, 5]]);
  });

  it('--list-suppressions lists exceptions with their match counts', () => {
    const dir = project({ 'labels.json': LABEL_MAP, '.ethnolint.yaml': config('exceptions:', '  - paths: labels.json', '    reason: "bias audit"') });
    const r = runCli(['--list-suppressions', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('.ethnolint.yaml:2  exception  all rules  (1 finding)\n    bias audit\n\n1 suppression (0 inline, 1 exception)\n');
  });

  it('--no-inline-suppressions leaves exceptions in force', () => {
    const dir = project({ 'labels.json': LABEL_MAP, '.ethnolint.yaml': config('exceptions:', '  - paths: labels.json', '    reason: reviewed') });
    expect(scanJson(dir, '--no-inline-suppressions', '.').status).toBe(0);
  });

  it('SARIF marks the suppressed result external and validates', async () => {
    const dir = project({ 'labels.json': LABEL_MAP, '.ethnolint.yaml': config('exceptions:', '  - paths: labels.json', '    reason: reviewed for a bias audit') });
    const r = runCli(['-f', 'sarif', '.'], { cwd: dir });
    expect(r.status).toBe(0);
    const log = JSON.parse(r.stdout) as { runs: { results: { suppressions?: unknown }[] }[] };
    expect(log.runs[0]?.results.map((x) => x.suppressions)).toEqual([[{ kind: 'external', status: 'accepted', justification: 'reviewed for a bias audit (.ethnolint.yaml:2)' }]]);
    const report = await validateSarif(r.stdout);
    expect([...report.errors, ...report.warnings]).toEqual([]);
  }, 180_000);
});

describe('configuration errors', () => {
  it('a missing reason ends the run with exit 2 and file:line:col', () => {
    const dir = project({ 'labels.json': LABEL_MAP, '.ethnolint.yaml': config('exceptions:', '  - paths: labels.json', '    rules: [ethnicity-label]') });
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ethnolint: .ethnolint.yaml:2:5: exceptions[0]: missing reason (say why these findings are acceptable)\n');
    expect(r.stdout).toBe('');
  });

  it('an unknown rule id is refused with a hint', () => {
    const dir = project({ 'labels.json': LABEL_MAP, '.ethnolint.yaml': config('exceptions:', '  - paths: labels.json', '    rules: [ethnicity-lable]', '    reason: x') });
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('ethnolint: .ethnolint.yaml:3:13: exceptions[0].rules: unknown rule id "ethnicity-lable"; did you mean "ethnicity-label"?\n');
  });

  const parse = (text: string) => parseConfig(text, '.ethnolint.yaml');
  function detail(text: string): string {
    try {
      parse(text);
    } catch (error) {
      if (error instanceof ConfigError) return `${error.line}:${error.column} ${error.detail}`;
      throw error;
    }
    return 'no error';
  }

  it.each([
    ['missing reason', 'exceptions:\n  - paths: a.json\n', '2:5 exceptions[0]: missing reason (say why these findings are acceptable)'],
    ['empty reason', 'exceptions:\n  - paths: a.json\n    reason: "  "\n', '3:13 exceptions[0]: missing reason (say why these findings are acceptable)'],
    ['missing paths', 'exceptions:\n  - reason: x\n', '2:5 exceptions[0]: missing paths (a glob or a list of globs, relative to the config file)'],
    ['unknown key', 'exceptions:\n  - paths: a.json\n    path: b.json\n    reason: x\n', '3:5 exceptions[0]: unknown key "path" (expected one of paths, rules, text, pattern, reason)'],
    ['not a mapping', 'exceptions:\n  - a.json\n', '2:5 exceptions[0]: expected a mapping with paths and reason (and optionally rules, text, pattern)'],
    ['absolute glob', 'exceptions:\n  - paths: /etc/x.json\n    reason: x\n', '2:12 exceptions[0].paths: "/etc/x.json" is absolute; globs are relative to the config file'],
    ['glob outside', 'exceptions:\n  - paths: ["../x.json"]\n    reason: x\n', '2:13 exceptions[0].paths: "../x.json" leaves the config file\'s folder ("..")'],
    ['non-string glob', 'exceptions:\n  - paths: [a.json, 3]\n    reason: x\n', '2:21 exceptions[0].paths[1]: expected a non-empty string'],
    ['text not a string', 'exceptions:\n  - paths: a.json\n    text: [a]\n    reason: x\n', '3:11 exceptions[0].text: expected a string'],
    ['hostile pattern', 'exceptions:\n  - paths: a.json\n    pattern: "(\\\\w+\\\\s?)*$"\n    reason: x\n', '3:14 exceptions[0].pattern: the pattern could take exponential time: nested quantifiers such as (a+)+'],
    ['invalid pattern', 'exceptions:\n  - paths: a.json\n    pattern: "(a"\n    reason: x\n', '3:14 exceptions[0].pattern: unterminated group'],
  ])('%s', (_name, text, expected) => {
    expect(detail(text)).toBe(expected);
  });

  it('reads the same shape from JSON, with positions', () => {
    const json = '{\n  "exceptions": [\n    { "paths": ["a.json"], "rules": ["ethnicity-label"], "text": "asian", "reason": "audit" }\n  ]\n}\n';
    const parsed = parseConfig(json, '.ethnolint.json');
    expect(parsed.exceptions).toEqual([{ paths: ['a.json'], rules: ['ethnicity-label'], text: 'asian', reason: 'audit', line: 3, column: 5 }]);
    expect(() => validateRuleIds(parsed, rules.map((r) => r.id))).not.toThrow();
    const missing = '{\n  "exceptions": [\n    { "paths": ["a.json"] }\n  ]\n}\n';
    expect(() => parseConfig(missing, '.ethnolint.json')).toThrow('.ethnolint.json:3:5: exceptions[0]: missing reason');
  });
});

describe('matchedTexts', () => {
  it('offers the region, the region without quotes, the evidence and its terms', () => {
    const finding = { evidence: 'black|east asian' } as Finding;
    expect(matchedTexts(finding, '"East Asian"')).toEqual(['"East Asian"', 'East Asian', 'black|east asian', 'black', 'east asian']);
  });
});
