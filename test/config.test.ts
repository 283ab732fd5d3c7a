import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfig, loadConfig, parseConfig, validateRuleIds } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ethnolint-config-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The ConfigError thrown by `fn`, for checking its fields. */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const parse = (text: string) => parseConfig(text, '.ethnolint.yaml');

describe('loadConfig', () => {
  it('reads a YAML configuration', () => {
    const file = write(
      '.ethnolint.yaml',
      [
        '# ethnolint settings',
        'rules:',
        '  ethnicity-label: off',
        '  race-column: warning',
        '  face-api-call: { severity: note }',
        '  skin-tone: on',
        'include:',
        '  - "src/**"',
        'exclude: [vendor/, "*.min.js"]',
        'exceptions:',
        '  - paths: data/census.csv',
        '    reason: public statistics',
        '',
      ].join('\n'),
    );
    const config = loadConfig(file);
    expect({ ...config, rules: { ...config.rules } }).toEqual({
      rules: { 'ethnicity-label': 'off', 'race-column': 'warning', 'face-api-call': 'note', 'skin-tone': 'on' },
      include: ['src/**'],
      exclude: ['vendor/', '*.min.js'],
      exceptions: [{ paths: ['data/census.csv'], rules: [], reason: 'public statistics', line: 11, column: 5 }],
      source: file,
    });
  });

  it('reads a JSON configuration, booleans included', () => {
    const file = write('.ethnolint.json', '{\n\t"rules": {"ethnicity-label": "error", "race-column": false, "skin-tone": true},\n\t"exclude": ["tests/**"]\n}\n');
    const config = loadConfig(file);
    expect({ ...config.rules }).toEqual({ 'ethnicity-label': 'error', 'race-column': 'off', 'skin-tone': 'on' });
    expect(config.exclude).toEqual(['tests/**']);
    expect(config.include).toEqual([]);
  });

  it('accepts an empty file or one with only comments', () => {
    expect(loadConfig(write('.ethnolint.yml', '')).rules).toEqual({});
    expect(parse('# nothing yet\n').exceptions).toEqual([]);
  });

  it('strips a UTF-8 BOM', () => {
    expect(parse('\ufeffrules:\n  a: error\n').rules['a']).toBe('error');
    expect(loadConfig(write('bom.yaml', '\ufeffrules:\n  a: note\n')).rules['a']).toBe('note');
  });

  it('refuses files over 1 MiB', () => {
    const error = configError(() => loadConfig(write('.ethnolint.yaml', `# ${'x'.repeat(1024 * 1024)}\n`)));
    expect(error.message).toMatch(/\.ethnolint\.yaml: file is larger than 1 MiB/);
    expect(error.line).toBeUndefined();
  });

  it('reports a missing or unreadable file without a position', () => {
    const error = configError(() => loadConfig(path.join(dir, 'nope.yaml')));
    expect(error.message).toBe(`${path.join(dir, 'nope.yaml')}: cannot read: no such file or directory (removed during the scan?)`);
  });
});

describe('configuration errors carry file, line and column', () => {
  it.each([
    ['invalid severity', 'rules:\n  ethnicity-label: high\n', 2, 20, 'rules.ethnicity-label: expected one of off, on, error, warning, note, got "high"'],
    ['invalid nested severity', 'rules:\n  a: { severity: loud }\n', 2, 18, 'rules.a.severity: expected one of off, on, error, warning, note, got "loud"'],
    ['unknown setting key', 'rules:\n  a: { level: error }\n', 2, 8, 'rules.a: unknown key "level" (expected severity)'],
    ['list as a setting', 'rules:\n  a: [error]\n', 2, 6, 'rules.a: expected one of off, on, error, warning, note, got a list'],
    ['number as a setting', 'rules:\n  a: 3\n', 2, 6, 'rules.a: expected one of off, on, error, warning, note, got 3'],
    ['missing setting', 'rules:\n  a:\n', 2, 5, 'rules.a: expected one of off, on, error, warning, note, got nothing'],
    ['rules not a mapping', 'rules: [a, b]\n', 1, 8, 'rules: expected a mapping of rule id to a setting'],
    ['unknown top-level key', 'rules: {}\nignore: [x]\n', 2, 1, 'unknown key "ignore" (expected one of rules, include, exclude, exceptions)'],
    ['include not a list', 'include: "src/**"\n', 1, 10, 'include: expected a list of glob patterns'],
    ['exclude item not a string', 'exclude:\n  - ok/**\n  - 42\n', 3, 5, 'exclude[1]: expected a glob pattern (a non-empty string)'],
    ['exceptions not a list', 'exceptions: {a: 1}\n', 1, 13, 'exceptions: expected a list'],
    ['top level not a mapping', '- rules\n', 1, 1, 'expected a mapping with the keys rules, include, exclude, exceptions'],
    ['duplicate key', 'rules:\n  a: error\n  a: off\n', 3, 3, 'Map keys must be unique'],
    ['syntax error', 'rules:\n  a: error\n b: [\n', 3, 1, undefined],
    ['non-string key', 'rules:\n  [a]: error\n', 2, 3, 'rules: expected a string key'],
  ])('%s', (_name, text, line, column, detail) => {
    const error = configError(() => parse(text));
    expect([error.file, error.line, error.column]).toEqual(['.ethnolint.yaml', line, column]);
    expect(error.message.startsWith(`.ethnolint.yaml:${line}:${column}: `)).toBe(true);
    if (detail !== undefined) expect(error.detail).toBe(detail);
  });

  it('points into JSON files too', () => {
    const file = write('.ethnolint.json', '{\n  "rules": {\n    "ethnicity-label": "high"\n  }\n}\n');
    const error = configError(() => loadConfig(file));
    expect(error.message).toBe(`${file}:3:24: rules.ethnicity-label: expected one of off, on, error, warning, note, got "high"`);
  });

  it('reports a JSON syntax error with its position', () => {
    const error = configError(() => parseConfig('{\n  "rules": {"a": "error",\n}\n', 'c.json'));
    expect(error.line).toBeGreaterThanOrEqual(2);
    expect(error.message).toMatch(/^c\.json:\d+:\d+: /);
  });

  it('treats unknown tags as plain data, never as code', () => {
    const config = parse('rules:\n  a: !custom error\nexceptions:\n  - paths: x.json\n    reason: !!js/function "function () { throw new Error() }"\n');
    expect(config.rules['a']).toBe('error');
    expect(config.exceptions.map((e) => e.reason)).toEqual(['function () { throw new Error() }']);
  });
});

describe('validateRuleIds', () => {
  it('points at the first unknown rule id and suggests a near one', () => {
    const config = parse('rules:\n  ethnicity-label: off\n  race-colum: error\n');
    expect(() => validateRuleIds(config, ['ethnicity-label', 'race-column'])).toThrow(
      '.ethnolint.yaml:3:3: rules.race-colum: unknown rule id "race-colum"; did you mean "race-column"?',
    );
    const error = configError(() => validateRuleIds(parse('rules:\n  zzz: off\n'), ['ethnicity-label']));
    expect(error.detail).toBe('rules.zzz: unknown rule id "zzz" (known rules: ethnicity-label)');
  });

  it('accepts known ids', () => {
    expect(() => validateRuleIds(parse('rules:\n  a: off\n  b: note\n'), new Set(['a', 'b', 'c']))).not.toThrow();
  });
});

describe('findConfig', () => {
  it('finds .ethnolint.yaml, .yml, then .json at the root, and nothing else', () => {
    expect(findConfig(dir)).toBeUndefined();
    write('.ethnolint.js', 'module.exports = {}');
    write('ethnolint.yaml', '');
    expect(findConfig(dir)).toBeUndefined();
    write('.ethnolint.json', '{}');
    expect(findConfig(dir)).toBe(path.join(dir, '.ethnolint.json'));
    write('.ethnolint.yml', '');
    expect(findConfig(dir)).toBe(path.join(dir, '.ethnolint.yml'));
    write('.ethnolint.yaml', '');
    expect(findConfig(dir)).toBe(path.join(dir, '.ethnolint.yaml'));
  });

  it('ignores a directory or a symlink with the name', () => {
    mkdirSync(path.join(dir, '.ethnolint.yaml'));
    symlinkSync(write('elsewhere.yaml', 'rules: {}\n'), path.join(dir, '.ethnolint.yml'));
    expect(findConfig(dir)).toBeUndefined();
  });
});
