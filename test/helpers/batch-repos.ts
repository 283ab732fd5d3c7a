// Repositories and out dirs for the batch tests: real git repositories with known findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchSummary, RepositorySummary } from '../../src/batch/summary.js';
import { git, makeRepo } from './batch-git.js';

/** Two errors: face-api-ethnicity and ethnicity-attribute, both in analyze.py line 2. */
export const FACE_API = 'from deepface import DeepFace\nres = DeepFace.analyze(img, actions=["age", "race"])\n';
export const FACE_API_FIXED = 'from deepface import DeepFace\nres = DeepFace.analyze(img, actions=["age"])\n';
/** One ethnicity-label error, and a parse-error notice: the JSON is cut off. */
export const BROKEN_LABELS = '{"race_labels": ["asian", "white", "black"';

/** clean (no findings), dirty (2 errors, a GitHub remote), broken (1 error, an unparsable file). */
export function makeThreeRepos(dir: string): void {
  makeRepo(join(dir, 'clean'), { 'main.py': 'print("hello")\n', 'README.md': '# clean\n' });
  makeRepo(join(dir, 'dirty'), { 'analyze.py': FACE_API });
  git(join(dir, 'dirty'), 'remote', 'add', 'origin', 'https://github.com/example/dirty.git');
  makeRepo(join(dir, 'broken'), { 'labels.json': BROKEN_LABELS });
}

export function readSummaryFile(outDir: string): BatchSummary {
  return JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')) as BatchSummary;
}

export function repo(summary: BatchSummary, id: string): RepositorySummary {
  const found = summary.repositories.find((r) => r.id === id);
  if (!found) throw new Error(`no repository ${id} in ${summary.repositories.map((r) => r.id).join(', ')}`);
  return found;
}

/** The parts of a summary that must not depend on timing, sharding or merging. */
export function stable(summary: BatchSummary): unknown {
  return { totals: summary.totals, repositories: summary.repositories.map((r) => ({ ...r, scanMs: 0 })) };
}
