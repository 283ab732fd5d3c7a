// Baseline files: written deterministically, read strictly, and matched by fingerprint so that
// moving code or editing other lines never turns an accepted finding into a new one.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyBaseline, formatBaseline, readBaseline } from '../src/baseline.js';
import type { Finding } from '../src/types.js';
import { findingsOf, makeRepo, VIOLATION, VIOLATION_2, type TempRepo } from './helpers/git-repo.js';

let repo: TempRepo;

afterEach(() => repo?.remove());

const BASELINE = '.ethnolint-baseline.json';

function finding(path: string, ruleId: string, evidence: string, fingerprint: string): Finding {
  return { ruleId, severity: 'error', message: 'm', path, line: 7, column: 1, endLine: 7, endColumn: 2, snippet: 's', evidence, fingerprint };
}

describe('the baseline file', () => {
  it('is sorted, one entry per line, with no line numbers or timestamps', () => {
    const text = formatBaseline([
      finding('src/b.py', 'ethnicity-label', 'asian|black', 'ffff'),
      finding('src/a.py', 'ethnicity-label', 'asian|black', 'eeee'),
      finding('src/a.py', 'ethnic-group-targeting', 'uyghur', 'dddd'),
      finding('src/a.py', 'ethnic-group-targeting', 'uyghur', 'dddd'), // the same finding twice
    ]);
    expect(text).toBe(
      [
        '{',
        '  "version": 1,',
        '  "tool": "ethnolint",',
        '  "findings": [',
        '    {"fingerprint":"dddd","rule":"ethnic-group-targeting","path":"src/a.py","evidence":"uyghur"},',
        '    {"fingerprint":"eeee","rule":"ethnicity-label","path":"src/a.py","evidence":"asian|black"},',
        '    {"fingerprint":"ffff","rule":"ethnicity-label","path":"src/b.py","evidence":"asian|black"}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(formatBaseline([])).toBe('{\n  "version": 1,\n  "tool": "ethnolint",\n  "findings": []\n}\n');
  });

  it('counts matched, new and stale entries; stale only within scope', () => {
    const baseline = { entries: [{ fingerprint: 'a', rule: 'r', path: 'x', evidence: '' }, { fingerprint: 'gone', rule: 'r', path: 'x', evidence: '' }, { fingerprint: 'elsewhere', rule: 'r', path: 'y', evidence: '' }] };
    const outcome = applyBaseline([finding('x', 'r', '', 'a'), finding('x', 'r', '', 'b')], baseline, 'b.json', (e) => e.path === 'x');
    expect(outcome.fresh.map((f) => f.fingerprint)).toEqual(['b']);
    expect(outcome.summary).toEqual({ file: 'b.json', matched: 1, stale: 1, new: 1 });
  });

  it('rejects malformed files with one line naming the file', () => {
    repo = makeRepo({ init: false });
    const cases: [string, RegExp][] = [
      ['{', /^--baseline b\.json: not valid JSON/],
      ['[]', /^--baseline b\.json: not an ethnolint baseline/],
      ['{"version": 2, "findings": []}', /^--baseline b\.json: unsupported baseline version 2/],
      ['{"version": 1}', /^--baseline b\.json: "findings" must be a list/],
      ['{"version": 1, "findings": [{"rule": "x"}]}', /^--baseline b\.json: findings\[0\] must be an object with a string "fingerprint"/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(repo.root, 'b.json'), text);
      expect(() => readBaseline(join(repo.root, 'b.json'), 'b.json')).toThrow(message);
    }
    expect(() => readBaseline(join(repo.root, 'missing.json'), 'missing.json')).toThrow(/^--baseline missing\.json: no such file/);
  });
});

describe('--write-baseline and --baseline', () => {
  function project(): void {
    repo = makeRepo();
    repo.write('src/model.py', `import torch\n\n${VIOLATION}\n`);
    repo.write('data/labels.py', `${VIOLATION_2}\n`);
    repo.write('README.md', '# project\n');
  }

  it('writes every finding, exits 0, and gives the same bytes every time', () => {
    project();
    const run = repo.lint(['--write-baseline', BASELINE, '-f', 'json', '.']);
    expect(run.status).toBe(0);
    expect(findingsOf(run).length).toBe(3); // the report is still printed
    expect(run.stderr).toBe(`ethnolint: wrote 3 findings to ${BASELINE}\n`);
    const first = readFileSync(join(repo.root, BASELINE), 'utf8');
    expect(first).not.toMatch(/"line"|"date"|"time"/);
    expect(first.split('\n').filter((l) => l.includes('"fingerprint"')).length).toBe(3);
    repo.lint(['--write-baseline', BASELINE, '.']);
    expect(readFileSync(join(repo.root, BASELINE), 'utf8')).toBe(first);
    // The baseline quotes matched text, but it is ethnolint's own file: never scanned.
    expect(findingsOf(repo.lint(['-f', 'json', '.'])).length).toBe(3);
  });

  it('does not scan a baseline file with another name that the command line names', () => {
    project();
    expect(repo.lint(['--write-baseline', 'accepted.json', '.']).status).toBe(0);
    const run = repo.lint(['--baseline', 'accepted.json', '-f', 'json', '.']);
    expect(findingsOf(run)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('accepts baselined findings after code moves and unrelated edits', () => {
    project();
    repo.lint(['--write-baseline', BASELINE, '.']);
    repo.write('src/model.py', `"""Model."""\nimport torch\nimport numpy as np\n\n\n\n${VIOLATION}\n\ndef f():\n    return 1\n`);
    repo.write('data/labels.py', `# labels\n\n${VIOLATION_2}\n`);
    const run = repo.lint(['--baseline', BASELINE, '-f', 'json', '.']);
    expect(run.status).toBe(0);
    expect(findingsOf(run)).toEqual([]);
    expect(run.stderr).toBe('ethnolint: baseline: 3 findings matched the baseline, 0 baseline entries stale (no longer found)\n');
    expect(JSON.parse(run.stdout).baseline).toEqual({ file: BASELINE, matched: 3, stale: 0, new: 0 });
  });

  it('reports one more occurrence of the same evidence in the same file as new', () => {
    project();
    repo.lint(['--write-baseline', BASELINE, '.']);
    repo.write('src/model.py', `import torch\n\n${VIOLATION}\n\ndef g():\n    ${VIOLATION}\n`);
    const run = repo.lint(['--baseline', BASELINE, '-f', 'json', '.']);
    expect(run.status).toBe(1);
    expect(findingsOf(run)).toEqual(['src/model.py:6:ethnicity-label']);
    expect(JSON.parse(run.stdout).baseline).toEqual({ file: BASELINE, matched: 3, stale: 0, new: 1 });
  });

  it('counts stale entries, and only for what the run could have found', () => {
    project();
    repo.lint(['--write-baseline', BASELINE, '.']);
    repo.write('src/model.py', 'import torch\n');
    const run = repo.lint(['--baseline', BASELINE, '-f', 'json', '.']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).baseline).toEqual({ file: BASELINE, matched: 2, stale: 1, new: 0 });
    expect(run.stderr).toContain('1 baseline entry stale');
    // Scanning only data/, or only one rule: entries elsewhere are out of scope, not stale.
    expect(JSON.parse(repo.lint(['--baseline', BASELINE, '-f', 'json', 'data']).stdout).baseline).toEqual({ file: BASELINE, matched: 2, stale: 0, new: 0 });
    expect(JSON.parse(repo.lint(['--baseline', BASELINE, '-f', 'json', '--rule', 'ethnic-group-targeting', '.']).stdout).baseline).toEqual({ file: BASELINE, matched: 1, stale: 0, new: 0 });
  });

  it('marks SARIF results as new and carries the counts as run properties', () => {
    project();
    repo.write(BASELINE, '{"version": 1, "tool": "ethnolint", "findings": []}\n');
    const run = repo.lint(['--baseline', BASELINE, '-f', 'sarif', '-q', '.']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const sarif = JSON.parse(run.stdout) as { runs: { results: { baselineState: string }[]; properties: unknown }[] };
    expect(sarif.runs[0]?.results.map((r) => r.baselineState)).toEqual(['new', 'new', 'new']);
    expect(sarif.runs[0]?.properties).toEqual({ baseline: { matched: 0, stale: 0, new: 3 } });
  });

  it('a missing or malformed baseline exits 2 before scanning', () => {
    project();
    const missing = repo.lint(['--baseline', 'nope.json', '.']);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toBe('ethnolint: --baseline nope.json: no such file (create one with --write-baseline)\n');
    repo.write('bad.json', '{"version": 1, "findings": {}}');
    expect(repo.lint(['--baseline', 'bad.json', '.']).stderr).toBe('ethnolint: --baseline bad.json: "findings" must be a list\n');
  });

  it('works with --diff: only new findings on changed lines', () => {
    project();
    repo.commit('init');
    repo.lint(['--write-baseline', BASELINE, '.']);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/model.py', `import torch\n\n# moved down\n${VIOLATION}\n${VIOLATION_2}\n`);
    const run = repo.lint(['--diff', 'main', '--baseline', BASELINE, '-f', 'json']);
    expect(findingsOf(run).every((f) => f.startsWith('src/model.py:5:'))).toBe(true);
    // Only the changed file is in scope: data/labels.py's entries are not stale.
    expect(JSON.parse(run.stdout).baseline.stale).toBe(0);
  });
});
