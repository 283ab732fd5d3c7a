// Every snippet in the README's CI sections (GitHub Actions, pre-commit, GitLab CI, Other CI)
// and its format and init documentation is checked against what ships: YAML is parsed and
// compared with action.yml, .pre-commit-hooks.yaml and examples/gitlab-ci.yml, and every
// ethnolint command in it is run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FORMATS } from '../src/formatters/names.js';
import { formatGithub } from '../src/formatters/github.js';
import type { Finding } from '../src/types.js';
import { ethnolintArgs, flagsOf, helpFlags } from './helpers/ci-snippets.js';
import { BIN, ROOT } from './helpers/run-cli.js';
import { FINDINGS, sampleResult } from './helpers/sample-result.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
};
const HOOKS = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string }>;
const VIOLATION = 'Latino_Hispanic\nEast Asian\nMiddle Eastern\nWhite\n';

function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

function codeBlocks(text: string): Array<{ lang: string; code: string }> {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1] as string, code: m[2] as string }));
}

// One temporary project per command line: a label file that violates ethnicity-label.
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});
const runs = new Map<string, { status: number | null; stdout: string; stderr: string; dir: string }>();

/** Runs an ethnolint command line from the README (npx replaced by the built CLI) in a project with a violation. */
function runCommand(line: string): { status: number | null; stdout: string; stderr: string; dir: string } {
  const cached = runs.get(line);
  if (cached) return cached;
  const args = ethnolintArgs(line);
  expect(args, line).toBeDefined();
  for (const flag of flagsOf(args as string[])) expect(helpFlags(), `${flag} in: ${line}`).toContain(flag);
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-readme-'));
  temps.push(dir);
  writeFileSync(join(dir, 'classes.txt'), VIOLATION);
  const r = spawnSync(process.execPath, [BIN, ...(args as string[])], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const result = { status: r.status, stdout: r.stdout, stderr: r.stderr, dir };
  runs.set(line, result);
  return result;
}

/** The value after `--output` in a command line. */
function outputOf(line: string): string {
  const args = ethnolintArgs(line) as string[];
  return args[args.indexOf('--output') + 1] as string;
}

interface WorkflowStep {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number>;
}
interface Workflow {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: WorkflowStep[] }>;
}

describe('README: GitHub Actions', () => {
  const blocks = codeBlocks(section('GitHub Actions'));

  it('has the action workflow, the plain-CLI workflow and the annotations step, all YAML', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['yaml', 'yaml', 'yaml']);
  });

  it('the action workflow uses this release of the action with inputs it declares', () => {
    const workflow = parse(blocks[0]?.code as string) as Workflow;
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const action = steps.find((s) => s.uses?.startsWith('ethnolint/ethnolint@'));
    expect(action?.uses).toBe(`ethnolint/ethnolint@v${VERSION}`);
    for (const key of Object.keys(action?.with ?? {})) expect(Object.keys(ACTION.inputs)).toContain(key);
    expect(['error', 'warning', 'note', 'never']).toContain(action?.with?.['fail-on']);
  });

  it('the inputs table lists exactly the action inputs with their defaults', () => {
    const rows = section('GitHub Actions')
      .split('\n')
      .filter((l) => /^\| `[a-z-]+` \|/.test(l))
      .map((l) => l.split('|').map((c) => c.trim()))
      .map((cells) => [cells[1]?.replace(/`/g, ''), cells[2]?.replace(/`/g, '')]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(ACTION.inputs).map(([k, v]) => [k, v.default])));
  });

  it('the plain-CLI workflow writes the SARIF it uploads, and uploads it always', () => {
    const workflow = parse(blocks[1]?.code as string) as Workflow;
    expect(workflow.permissions['security-events']).toBe('write');
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const scan = steps.find((s) => s.run !== undefined && ethnolintArgs(s.run) !== undefined) as WorkflowStep;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')) as WorkflowStep;
    expect(upload.if).toBe('always()');
    expect(upload.with?.sarif_file).toBe(outputOf(scan.run as string));
    const r = runCommand(scan.run as string);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(readFileSync(join(r.dir, String(upload.with?.sarif_file)), 'utf8')) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]?.results.length).toBeGreaterThan(0);
  });

  it('the annotations step prints workflow commands', () => {
    const [step] = parse(blocks[2]?.code as string) as WorkflowStep[];
    const r = runCommand(step?.run as string);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=classes\.txt,line=\d+,/m);
  });
});

describe('README: pre-commit', () => {
  const blocks = codeBlocks(section('pre-commit'));

  it('the .pre-commit-config.yaml snippet names this repository, this release and a shipped hook', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['yaml']);
    const config = parse(blocks[0]?.code as string) as { repos: Array<{ repo: string; rev: string; hooks: Array<{ id: string; args?: string[] }> }> };
    const [repo] = config.repos;
    expect(repo?.repo).toBe('https://github.com/ethnolint/ethnolint');
    expect(repo?.rev).toBe(`v${VERSION}`);
    for (const hook of repo?.hooks ?? []) {
      const shipped = HOOKS.find((h) => h.id === hook.id);
      expect(shipped, hook.id).toBeDefined();
      // Run as pre-commit would: entry, then the configured args, then the file names.
      const line = [shipped?.entry, ...(hook.args ?? []), 'classes.txt'].join(' ');
      const r = runCommand(line);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/classes\.txt/);
    }
  });
});

describe('README: GitLab CI', () => {
  it('shows examples/gitlab-ci.yml verbatim', () => {
    const blocks = codeBlocks(section('GitLab CI'));
    expect(blocks.map((b) => b.lang)).toEqual(['yaml']);
    expect(blocks[0]?.code).toBe(readFileSync(join(ROOT, 'examples', 'gitlab-ci.yml'), 'utf8'));
    // Its commands are run by test/integrations.test.ts.
  });
});

describe('README: Other CI (JUnit)', () => {
  const blocks = codeBlocks(section('Other CI (JUnit)'));

  it('has a shell command, an Azure Pipelines and a Jenkins snippet', () => {
    expect(blocks.map((b) => b.lang)).toEqual(['sh', 'yaml', 'groovy']);
  });

  function checkJunitRun(line: string): void {
    const r = runCommand(line);
    expect(r.status).toBe(1);
    const xml = readFileSync(join(r.dir, outputOf(line)), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toMatch(/<failure /);
  }

  it('the shell command writes a valid JUnit report', () => {
    const lines = (blocks[0]?.code as string).split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) checkJunitRun(line);
  });

  it('Azure Pipelines publishes the file the script writes, also after a failing scan', () => {
    const steps = parse(blocks[1]?.code as string) as { steps: Array<{ script?: string; task?: string; condition?: string; inputs?: Record<string, string> }> };
    const script = steps.steps.find((s) => s.script !== undefined)?.script as string;
    const publish = steps.steps.find((s) => s.task?.startsWith('PublishTestResults@'));
    expect(publish?.condition).toBe('always()');
    expect(publish?.inputs?.testResultsFormat).toBe('JUnit');
    expect(publish?.inputs?.testResultsFiles).toBe(outputOf(script));
    checkJunitRun(script);
  });

  it('Jenkins records the file the sh step writes, always', () => {
    const groovy = blocks[2]?.code as string;
    const command = /sh '([^']+)'/.exec(groovy)?.[1] as string;
    const recorded = /junit '([^']+)'/.exec(groovy)?.[1];
    expect(recorded).toBe(outputOf(command));
    expect(groovy).toMatch(/post \{\s*always \{\s*junit /);
    checkJunitRun(command);
  });
});

describe('README: output formats and command line', () => {
  it('documents every format', () => {
    const text = section('Output formats');
    for (const name of FORMATS) expect(text, name).toContain(`- **${name}**`);
    const option = README.split('\n').find((l) => l.startsWith('| `-f, --format'));
    expect(option).toContain(FORMATS.join('\\|'));
  });

  it('the github example line is what the formatter writes', () => {
    const example = /`(::error [^`]*)…`/.exec(section('Output formats'))?.[1] as string;
    const finding: Finding = {
      ...(FINDINGS[0] as Finding),
      path: 'data/labels.py',
      line: 3,
      column: 9,
      endLine: 3,
      endColumn: 36,
      ruleId: 'ethnicity-label',
    };
    expect(formatGithub(sampleResult({ findings: [finding], notices: [] })).startsWith(example)).toBe(true);
  });

  it('lists ethnolint init with its option', () => {
    const usage = codeBlocks(section('Command line'))[0]?.code as string;
    const line = usage.split('\n').find((l) => l.startsWith('ethnolint init')) as string;
    expect(line).toBeDefined();
    expect(helpFlags()).toContain('--path');
    expect(line).toContain('--path');
    expect(existsSync(join(ROOT, 'dist', 'src', 'cli-init.js'))).toBe(true);
  });
});
