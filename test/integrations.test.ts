// The CI integrations shipped in the repository: the GitHub Action (action.yml), the pre-commit
// hook (.pre-commit-hooks.yaml) and the GitLab CI example. Each is parsed, checked for the keys
// its host requires, its ethnolint flags checked against --help, and its commands run here the
// way the host would run them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ethnolintArgs, flagsOf, helpFlags } from './helpers/ci-snippets.js';
import { BIN, ROOT } from './helpers/run-cli.js';

const VIOLATION = 'Latino_Hispanic\nEast Asian\nMiddle Eastern\nWhite\n';
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
};

const temps: string[] = [];
function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-ci-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---------------------------------------------------------------------------------------------
// GitHub Action
// ---------------------------------------------------------------------------------------------

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const ACTION_INPUTS = ['paths', 'fail-on', 'baseline', 'diff-base', 'sarif-file', 'category', 'upload-sarif', 'args'];
/** Flags the action uses that come with the baseline and diff features. */
const BASELINE_DIFF_FLAGS = ['--baseline', '--diff'];

function step(predicate: (s: ActionStep) => boolean): ActionStep {
  const found = ACTION.runs.steps.find(predicate);
  expect(found).toBeDefined();
  return found as ActionStep;
}
const scanStep = (): ActionStep => step((s) => s.id === 'scan');
const uploadStep = (): ActionStep => step((s) => (s.uses ?? '').startsWith('github/codeql-action/upload-sarif@'));
const failStep = (): ActionStep => ACTION.runs.steps[ACTION.runs.steps.length - 1] as ActionStep;

function actionFlags(): string[] {
  return [...new Set((scanStep().run ?? '').match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [])];
}

/** Runs a composite `run:` step with bash, its `env:` expressions resolved from `inputs` and `outputs`. */
function runStep(s: ActionStep, cwd: string, inputs: Record<string, string>, outputs: Record<string, string> = {}) {
  const env: Record<string, string> = {};
  for (const [key, expression] of Object.entries(s.env ?? {})) {
    env[key] = expression.replace(/\$\{\{\s*(inputs|steps\.scan\.outputs)\.([\w-]+)\s*\}\}/g, (_m, scope: string, name: string) => {
      const value = scope === 'inputs' ? (inputs[name] ?? ACTION.inputs[name]?.default) : outputs[name];
      if (value === undefined) throw new Error(`unresolved ${scope}.${name}`);
      return value;
    });
  }
  const outputFile = join(cwd, '.github-output');
  writeFileSync(outputFile, '');
  const r = run('bash', ['-e', '-c', s.run ?? ''], cwd, { ...env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outputFile });
  const written = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { ...r, outputs: written as Record<string, string> };
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs and outputs', () => {
    expect(ACTION.name).toBe('ethnolint');
    expect(ACTION.description.length).toBeGreaterThan(0);
    expect(ACTION.runs.using).toBe('composite');
    expect(Object.keys(ACTION.inputs).sort()).toEqual([...ACTION_INPUTS].sort());
    for (const input of Object.values(ACTION.inputs)) {
      expect(input.description.length).toBeGreaterThan(0);
      expect(typeof input.default).toBe('string');
    }
    expect(ACTION.inputs['upload-sarif']?.default).toBe('true');
    expect(ACTION.inputs['fail-on']?.default).toBe('error');
    expect(ACTION.outputs['sarif-file']?.value).toMatch(/steps\.scan\.outputs\.sarif-file/);
    expect(ACTION.outputs.findings?.value).toMatch(/steps\.scan\.outputs\.findings/);
    for (const s of ACTION.runs.steps) if (s.run !== undefined) expect(s.shell).toBe('bash');
  });

  it('uploads the SARIF even when the scan fails, then fails the job with the exit code', () => {
    const steps = ACTION.runs.steps;
    const upload = uploadStep();
    expect(upload.if).toMatch(/always\(\)/);
    expect(upload.if).toMatch(/inputs\.upload-sarif == 'true'/);
    expect(upload.with?.sarif_file).toMatch(/steps\.scan\.outputs\.sarif-file/);
    expect(upload.with?.category).toMatch(/inputs\.category/);
    expect(steps.indexOf(scanStep())).toBeLessThan(steps.indexOf(upload));
    expect(steps.indexOf(upload)).toBeLessThan(steps.indexOf(failStep()));
    expect(failStep().if).toMatch(/always\(\)/);
    expect(failStep().run).toMatch(/exit "\$ETHNOLINT_EXIT_CODE"/);
  });

  it('never pastes an input into a script (inputs reach scripts only as environment variables)', () => {
    for (const s of ACTION.runs.steps) expect(s.run ?? '').not.toMatch(/\$\{\{/);
  });

  it('uses only ethnolint flags that --help lists', () => {
    const flags = actionFlags().filter((f) => !BASELINE_DIFF_FLAGS.includes(f));
    expect(flags).toEqual(expect.arrayContaining(['--format', '--output', '--fail-on', '--sarif-category']));
    for (const flag of flags) expect(helpFlags(), flag).toContain(flag);
  });

  // --baseline and --diff come with the baseline/diff-aware scanning features: this test passes
  // once the CLI has them.
  it('passes baseline and diff-base as --baseline and --diff, which --help lists', () => {
    expect(actionFlags()).toEqual(expect.arrayContaining(BASELINE_DIFF_FLAGS));
    for (const flag of BASELINE_DIFF_FLAGS) expect(helpFlags(), flag).toContain(flag);
  });

  it('the scan step writes SARIF and its outputs, and records exit code 1 on a finding; the last step re-raises it', () => {
    const dir = tempProject({ 'classes.txt': VIOLATION, 'ok.py': 'x = 1\n' });
    const scan = runStep(scanStep(), dir, {});
    expect(scan.status).toBe(0); // the step itself succeeds, so the upload runs
    expect(scan.outputs['exit-code']).toBe('1');
    expect(scan.outputs['sarif-file']).toBe('ethnolint.sarif');
    const sarif = JSON.parse(readFileSync(join(dir, 'ethnolint.sarif'), 'utf8')) as {
      runs: Array<{ results: unknown[]; automationDetails?: { id: string } }>;
    };
    expect(Number(scan.outputs.findings)).toBe(sarif.runs[0]?.results.length);
    expect(Number(scan.outputs.findings)).toBeGreaterThan(0);
    expect(sarif.runs[0]?.automationDetails?.id).toBe('ethnolint/');
    const fail = runStep(failStep(), dir, {}, scan.outputs);
    expect(fail.status).toBe(1);
    expect(fail.stdout).toMatch(/^::error title=ethnolint::/);
  });

  it('a clean scan records exit code 0 and zero findings; inputs are data, not shell code', () => {
    const dir = tempProject({ 'ok.py': 'x = 1\n' });
    const scan = runStep(scanStep(), dir, { 'sarif-file': 'out.sarif', category: 'ml/labels', args: '--jobs 1' });
    expect(scan.outputs).toEqual({ 'sarif-file': 'out.sarif', findings: '0', 'exit-code': '0' });
    expect(existsSync(join(dir, 'out.sarif'))).toBe(true);

    const hostile = runStep(scanStep(), dir, { paths: 'ok.py $(touch pwned) `touch pwned2` *', args: '; touch pwned3' });
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(existsSync(join(dir, 'pwned2'))).toBe(false);
    expect(existsSync(join(dir, 'pwned3'))).toBe(false);
    expect(hostile.outputs['exit-code']).toBe('2'); // "; touch pwned3" are paths that do not exist
  });
});

// ---------------------------------------------------------------------------------------------
// pre-commit
// ---------------------------------------------------------------------------------------------

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types?: string[];
  types_or?: string[];
  files?: string;
  pass_filenames?: boolean;
  args?: string[];
}

/** Keys pre-commit documents for .pre-commit-hooks.yaml. */
const HOOK_KEYS = new Set([
  'id', 'name', 'entry', 'language', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'always_run',
  'fail_fast', 'verbose', 'pass_filenames', 'require_serial', 'description', 'language_version',
  'minimum_pre_commit_version', 'args', 'stages',
]);

const HOOKS = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

describe('.pre-commit-hooks.yaml', () => {
  it('defines the ethnolint hook with the keys pre-commit requires and the package provides', () => {
    expect(Array.isArray(HOOKS)).toBe(true);
    const hook = HOOKS.find((h) => h.id === 'ethnolint') as Hook;
    expect(hook).toBeDefined();
    for (const h of HOOKS) {
      for (const key of Object.keys(h)) expect(HOOK_KEYS, key).toContain(key);
      for (const key of ['id', 'name', 'entry', 'language']) expect(typeof (h as unknown as Record<string, unknown>)[key]).toBe('string');
    }
    expect(hook.language).toBe('node');
    expect(hook.entry.split(' ')[0]).toBe('ethnolint');
    expect(PACKAGE.bin.ethnolint).toBeDefined(); // what `entry: ethnolint` runs once installed
    expect(PACKAGE.scripts.prepare).toMatch(/build/); // pre-commit installs from git: prepare builds
    expect(hook.pass_filenames).toBe(true);
    // Label lists (*.names, classes.txt) and notebooks are text to pre-commit's file identification.
    expect(hook.types).toEqual(['text']);
    expect(hook.files).toBeUndefined();
    for (const h of HOOKS) for (const flag of flagsOf([...h.entry.split(' ').slice(1), ...(h.args ?? [])])) expect(helpFlags()).toContain(flag);
  });

  it('runs as pre-commit runs it (entry, args, file names): exit 1 on a violation, 0 on clean files', () => {
    const hook = HOOKS.find((h) => h.id === 'ethnolint') as Hook;
    const dir = tempProject({ 'classes.txt': VIOLATION, 'train.py': 'import torch\nclasses = ["cat", "dog"]\n' });
    const argv = (files: string[]): string[] => [BIN, ...hook.entry.split(' ').slice(1), ...(hook.args ?? []), ...files];
    const bad = run(process.execPath, argv(['train.py', 'classes.txt']), dir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/classes\.txt/);
    const good = run(process.execPath, argv(['train.py']), dir);
    expect(good.status).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// GitLab CI example
// ---------------------------------------------------------------------------------------------

interface GitlabJob {
  image: string;
  script: string[];
  artifacts: { when?: string; reports: { codequality?: string; junit?: string }; paths?: string[] };
}

const GITLAB = parse(readFileSync(join(ROOT, 'examples', 'gitlab-ci.yml'), 'utf8')) as Record<string, GitlabJob>;

describe('examples/gitlab-ci.yml', () => {
  const job = GITLAB.ethnolint as GitlabJob;

  it('reports Code Quality and JUnit artifacts, also when the job fails', () => {
    expect(job).toBeDefined();
    expect(job.image).toMatch(/^node:(2\d|[3-9]\d)/);
    expect(job.artifacts.when).toBe('always');
    expect(job.artifacts.reports.codequality).toBeTypeOf('string');
    expect(job.artifacts.reports.junit).toBeTypeOf('string');
    const commands = job.script.map(ethnolintArgs);
    for (const args of commands) {
      expect(args).toBeDefined();
      for (const flag of flagsOf(args as string[])) expect(helpFlags(), flag).toContain(flag);
    }
    const outputs = commands.map((args) => (args as string[])[(args as string[]).indexOf('--output') + 1]);
    expect(outputs).toEqual(expect.arrayContaining([job.artifacts.reports.codequality, job.artifacts.reports.junit]));
  });

  it('its commands write a Code Quality report and a valid JUnit report', () => {
    const dir = tempProject({ 'classes.txt': VIOLATION });
    const statuses = job.script.map((line) => run(process.execPath, [BIN, ...(ethnolintArgs(line) as string[])], dir).status);
    expect(statuses).toEqual([0, 1]); // the Code Quality run never fails; the JUnit run fails on the finding
    const issues = JSON.parse(readFileSync(join(dir, job.artifacts.reports.codequality as string), 'utf8')) as Array<{ check_name: string }>;
    expect(issues.map((i) => i.check_name)).toContain('ethnicity-label');
    const junit = readFileSync(join(dir, job.artifacts.reports.junit as string), 'utf8');
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toMatch(/<failure /);
  });
});
