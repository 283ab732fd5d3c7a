// `ethnolint init`: a commented starter configuration that loads, never overwrites, and whose
// commented-out keys are themselves a valid configuration once uncommented.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { main, type Io } from '../src/cli.js';
import { starterConfig } from '../src/cli-init.js';
import { loadConfig, parseConfig, validateRuleIds } from '../src/config.js';
import { CONFIG_FILE_NAMES } from '../src/config-files.js';
import { runCli } from './helpers/run-cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ethnolint-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function init(args: string[] = [], cwd = dir): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTty: false,
    stderrIsTty: false,
    env: {},
    cwd,
  };
  const code = await main(['init', ...args], io);
  return { code, stdout, stderr };
}

/** The configuration with every commented-out key uncommented: drop the header, then "# " at line starts. */
function uncommented(text: string): string {
  const body = text.slice(text.indexOf('\n\n') + 2);
  return body
    .split('\n')
    .map((line) => line.replace(/^# ?/, ''))
    .join('\n');
}

describe('ethnolint init', () => {
  it('writes .ethnolint.yaml that loads as an empty configuration, and prints next steps on stderr', async () => {
    const r = await init();
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/wrote \.ethnolint\.yaml/);
    expect(r.stderr).toMatch(/npx ethnolint \./);
    expect(r.stderr).toMatch(/pre-commit/);
    expect(r.stderr).toMatch(/baseline/);
    const file = join(dir, '.ethnolint.yaml');
    const config = loadConfig(file);
    expect(config.rules).toEqual({});
    expect(config.include).toEqual([]);
    expect(config.exclude).toEqual([]);
    expect(config.exceptions).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(starterConfig());
  });

  it('shows every key, commented out: uncommented it is a valid configuration with every rule at its default', () => {
    const text = starterConfig();
    for (const line of text.split('\n')) expect(line === '' || line.startsWith('#')).toBe(true);
    const config = parseConfig(uncommented(text), 'starter.yaml');
    validateRuleIds(config, rules.map((r) => r.id));
    expect(config.rules).toEqual(Object.fromEntries(rules.map((r) => [r.id, r.meta.defaultSeverity])));
    expect(config.include.length).toBeGreaterThan(0);
    expect(config.exclude.length).toBeGreaterThan(0);
    expect(config.exceptions).toMatchObject([
      {
        paths: ['data/legacy_labels.json'],
        rules: ['ethnicity-label'],
        text: 'asian',
        reason: 'Reviewed: historical dataset kept for a bias audit; not used for training',
      },
    ]);
  });

  it('never overwrites: a second run exits 2 and leaves the file unchanged', async () => {
    expect((await init()).code).toBe(0);
    const file = join(dir, '.ethnolint.yaml');
    writeFileSync(file, 'rules:\n  ethnicity-label: warning\n');
    const before = statSync(file).mtimeMs;
    const r = await init();
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ethnolint: init: .ethnolint.yaml already exists; not overwriting it\n');
    expect(readFileSync(file, 'utf8')).toBe('rules:\n  ethnicity-label: warning\n');
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it.each(CONFIG_FILE_NAMES.slice(1))('does not add .ethnolint.yaml beside an existing %s', async (name) => {
    writeFileSync(join(dir, name), name.endsWith('.json') ? '{}\n' : 'rules: {}\n');
    const r = await init();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${name} already exists`);
    expect(existsSync(join(dir, '.ethnolint.yaml'))).toBe(false);
  });

  it('does not write through a dangling symlink', async () => {
    symlinkSync(join(dir, 'elsewhere.yaml'), join(dir, '.ethnolint.yaml'));
    expect((await init()).code).toBe(2);
    expect(existsSync(join(dir, 'elsewhere.yaml'))).toBe(false);
  });

  it('--path writes into another folder, which must exist', async () => {
    mkdirSync(join(dir, 'project'));
    const r = await init(['--path', 'project']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote ${join('project', '.ethnolint.yaml')}`);
    expect(existsSync(join(dir, 'project', '.ethnolint.yaml'))).toBe(true);
    const missing = await init(['--path', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('ethnolint: init: nope is not a folder\n');
  });

  it('a scan works afterwards, with the starter file and with it uncommented', async () => {
    expect((await init()).code).toBe(0);
    writeFileSync(join(dir, 'classes.txt'), 'Latino_Hispanic\nEast Asian\nMiddle Eastern\nWhite\n');
    const scan = runCli(['-f', 'json', '.'], { cwd: dir });
    expect(scan.stderr).toBe('');
    expect(scan.status).toBe(1);
    const findings = (JSON.parse(scan.stdout) as { findings: Array<{ path: string }> }).findings;
    expect(findings.map((f) => f.path)).toEqual(findings.map(() => 'classes.txt'));
    expect(findings.length).toBeGreaterThan(0);

    const file = join(dir, '.ethnolint.yaml');
    writeFileSync(file, uncommented(readFileSync(file, 'utf8')).replace('"src/**"', '"*.txt"'));
    const again = runCli(['.'], { cwd: dir });
    expect(again.stderr).not.toMatch(/ethnolint:/);
    expect([0, 1]).toContain(again.status);
  });
});
