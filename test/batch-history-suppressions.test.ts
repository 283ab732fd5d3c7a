// `ethnolint batch` with --history (when each finding appeared and was removed, per repository)
// and inline suppressions (honoured and listed; --no-inline-suppressions ignores them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commit, makeRepo } from './helpers/batch-git.js';
import { FACE_API, FACE_API_FIXED, readSummaryFile, repo } from './helpers/batch-repos.js';
import { runCli } from './helpers/run-cli.js';

const SUPPRESSED = 'from deepface import DeepFace\n# ethnolint-disable-next-line face-api-ethnicity -- reproduces the vendor demo for the audit\nres = DeepFace.analyze(img, actions=["race"])\n';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ethnolint-batch-history-'));
  const fixedLater = join(tmp, 'repos', 'fixed-later');
  makeRepo(fixedLater, { 'analyze.py': FACE_API });
  commit(fixedLater, { 'analyze.py': FACE_API_FIXED }, 'drop the race attribute');
  makeRepo(join(tmp, 'repos', 'reviewed'), { 'demo.py': SUPPRESSED });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('--history records where a finding appeared and where it was removed', () => {
  const r = runCli(['batch', 'repos', '--out-dir', 'out-history', '--history'], { cwd: tmp });
  expect(r.stderr).not.toContain('failed:');
  const fixed = repo(readSummaryFile(join(tmp, 'out-history')), 'fixed-later');
  expect(fixed.counts.total).toBe(0);
  const entries = fixed.history ?? [];
  expect(entries.length).toBeGreaterThan(0);
  for (const e of entries) {
    expect(e.presentAtHead).toBe(false);
    expect(e.removed?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(e.introduced.commit).not.toBe(e.removed?.commit);
  }
});

it('honours inline suppressions, lists them with their reasons, and ignores them on request', () => {
  expect(runCli(['batch', 'repos', '--out-dir', 'out-honoured'], { cwd: tmp }).status).toBe(0);
  const reviewed = repo(readSummaryFile(join(tmp, 'out-honoured')), 'reviewed');
  expect(reviewed.counts.total).toBe(0);
  expect(reviewed.suppressions).toEqual([expect.objectContaining({ kind: 'inline', path: 'demo.py', line: 2, rules: ['face-api-ethnicity'], reason: 'reproduces the vendor demo for the audit', matched: 1 })]);

  expect(runCli(['batch', 'repos', '--out-dir', 'out-ignored', '--no-inline-suppressions'], { cwd: tmp }).status).toBe(1);
  expect(repo(readSummaryFile(join(tmp, 'out-ignored')), 'reviewed').findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual(['demo.py:3 face-api-ethnicity']);
});
