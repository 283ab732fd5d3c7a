// The README's "Suppressing findings" section is executable: its fenced files (a language and a
// file name after the fence) form one project; every finding in it must be suppressed, except
// the one under the directive without a reason in no-reason.py, and its console commands must
// run without a usage error.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

const README = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

interface Block {
  language: string;
  filename: string;
  body: string;
}

function sectionBlocks(markdown: string, heading: string): Block[] {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README has no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  const lines = markdown.slice(start, end < 0 ? undefined : end).split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(`{3,}|~{3,})(\S*)\s*(.*)$/.exec(lines[i] as string);
    if (!fence) continue;
    const marker = fence[1] as string;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== marker; i++) body.push(lines[i] as string);
    blocks.push({ language: fence[2] ?? '', filename: (fence[3] ?? '').trim(), body: `${body.join('\n')}\n` });
  }
  return blocks;
}

interface Report {
  findings: { ruleId: string; path: string; line: number }[];
  suppressed: { path: string }[];
  suppressions: { matched: number }[];
}

describe('README: Suppressing findings', () => {
  const blocks = sectionBlocks(README, 'Suppressing findings');
  const files = blocks.filter((b) => b.filename !== '');
  const commands = blocks.filter((b) => b.language === 'console').flatMap((b) => b.body.split('\n').filter((l) => l.startsWith('$ ethnolint ')));
  let dir = '';
  let report: Report;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ethnolint-readme-'));
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.filename)), { recursive: true });
      writeFileSync(join(dir, f.filename), f.body);
    }
    const r = runCli(['-f', 'json', '.'], { cwd: dir });
    expect(r.status, r.stderr).toBe(1);
    report = JSON.parse(r.stdout) as Report;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has examples in several comment styles, a config with exceptions and audit commands', () => {
    expect(files.map((f) => f.language)).toEqual(expect.arrayContaining(['python', 'typescript', 'lua', 'markdown', 'yaml', 'json', 'csv']));
    expect(commands.length).toBeGreaterThanOrEqual(3);
  });

  it('only the finding under the directive without a reason is reported, with the diagnostic', () => {
    expect(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual(['no-reason.py:1 suppression-without-reason', 'no-reason.py:2 ethnicity-label']);
  });

  it('every other example file has a suppressed finding, and every suppression matched', () => {
    const code = files.filter((f) => f.filename !== '.ethnolint.yaml' && f.filename !== 'no-reason.py').map((f) => f.filename);
    expect([...new Set(report.suppressed.map((f) => f.path))].sort()).toEqual([...code].sort());
    expect(report.suppressions.every((s) => s.matched > 0)).toBe(true);
  });

  it('its console commands run', () => {
    for (const command of commands) {
      const r = runCli(command.slice('$ ethnolint '.length).split(' '), { cwd: dir });
      expect([0, 1], `${command}\n${r.stderr}`).toContain(r.status);
    }
  });
});
