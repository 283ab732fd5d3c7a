// End-to-end behaviour of the command line: exit codes, one-line usage errors, report output,
// atomic -o, determinism, and SARIF that GitHub's validator accepts.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { runCli } from './helpers/run-cli.js';
import { validateSarif } from './helpers/sarif-validator.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ethnolint-cli-'));
}

describe('exit codes', () => {
  it('reports the demo project and exits 1', () => {
    const r = runCli(['fixtures/demo']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ethnicity-label/);
    expect(r.stdout).toMatch(/\d+ errors?/);
  });

  it('exits 0 on a clean folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'train.py'), 'import torch\nclasses = ["cat", "dog"]\n');
    const r = runCli(['.'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/No problems found/);
  });

  it.each([
    [['--no-such-flag']],
    [['--rule', 'no-such-rule', '.']],
    [['--format', 'xml', '.']],
    [['does/not/exist']],
    [['--fail-on', 'sometimes', '.']],
  ])('exits 2 with one line for %j', (args) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^ethnolint: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--fail-on never exits 0 even with findings', () => {
    expect(runCli(['--fail-on', 'never', 'fixtures/demo']).status).toBe(0);
  });

  it('an invalid config names the file and line, exit 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.ethnolint.yaml'), 'rules:\n  ethnicity-label: loud\n');
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.ethnolint\.yaml:2:\d+: /);
  });

  it('a config can turn a rule off', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'classes.txt'), 'Latino_Hispanic\nEast Asian\nMiddle Eastern\nWhite\n');
    expect(runCli(['.'], { cwd: dir }).status).toBe(1);
    writeFileSync(join(dir, '.ethnolint.yaml'), 'rules:\n  ethnicity-label: off\n');
    expect(runCli(['.'], { cwd: dir }).status).toBe(0);
    expect(runCli(['--no-repo-config', '.'], { cwd: dir }).status).toBe(1);
  });
});

describe('informational commands', () => {
  it('--version prints the package version', () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('--help shows examples', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
  });

  it('--list-rules lists every rule', () => {
    const r = runCli(['--list-rules']);
    expect(r.status).toBe(0);
    for (const rule of rules) expect(r.stdout).toContain(rule.id);
  });

  it('explain prints the rule docs; an unknown rule exits 2', () => {
    const r = runCli(['explain', 'ethnicity-label']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# ethnicity-label/);
    expect(runCli(['explain', 'nope']).status).toBe(2);
  });
});

describe('reports', () => {
  it('writes -o atomically and prints nothing on stdout', () => {
    const dir = tempDir();
    const out = join(dir, 'report.sarif');
    const r = runCli(['-f', 'sarif', '-o', out, 'fixtures/demo']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });

  it('leaves no file behind when the output cannot be written', () => {
    const dir = tempDir();
    const r = runCli(['-f', 'json', '-o', join(dir, 'missing-folder', 'r.json'), 'fixtures/demo']);
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'missing-folder'))).toBe(false);
  });

  it.each(['json', 'sarif'])('two runs give byte-identical %s', (format) => {
    const a = runCli(['-f', format, 'fixtures']);
    const b = runCli(['-f', format, 'fixtures']);
    expect(a.status).toBe(1);
    expect(a.stdout).toBe(b.stdout);
  });

  it('reports skipped files with their reason', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'blob.json'), Buffer.from([0x7b, 0x00, 0x01, 0x7d]));
    writeFileSync(join(dir, 'big.py'), 'x = 1\n'.repeat(2000));
    const r = runCli(['-f', 'json', '--max-file-size', '1K', '.'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { skipped: { path: string; reason: string }[]; notices: { path: string; reason: string }[] };
    expect(report.skipped.map((s) => `${s.path} ${s.reason}`).sort()).toEqual(['data/blob.json binary']);
    // Over --max-file-size is still scanned, by the streaming text pass: a notice, not a skip.
    expect(report.notices.map((s) => `${s.path} ${s.reason}`)).toEqual(['big.py text-pass-only']);
    expect(r.stderr).toMatch(/big\.py/);
  });

  it("the fixtures' SARIF passes the SARIF Multitool (Sarif;Gh) with no errors or warnings", async () => {
    const r = runCli(['-f', 'sarif', 'fixtures']);
    const report = await validateSarif(r.stdout);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  }, 60_000);
});
