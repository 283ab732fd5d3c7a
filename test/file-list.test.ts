// File lists on the command line (as pre-commit passes them) obey the same ignore rules as a
// directory scan; ignored files are skipped silently, as a directory scan skips them.
import { afterEach, expect, it } from 'vitest';
import { findingsOf, makeRepo, VIOLATION, type TempRepo } from './helpers/git-repo.js';

let repo: TempRepo;

afterEach(() => repo?.remove());

const LABELS_JSON = '{"race_labels": ["asian", "black", "white", "indian"]}\n';

function project(): void {
  repo = makeRepo();
  repo.write('src/a.py', `${VIOLATION}\n`);
  repo.write('node_modules/x/labels.json', LABELS_JSON);
  repo.write('.venv/lib/labels.py', `${VIOLATION}\n`);
  repo.write('build/gen.py', `${VIOLATION}\n`);
  repo.write('vendored/v.py', `${VIOLATION}\n`);
  repo.write('.gitignore', 'build/\n');
  repo.write('.ethnolintignore', 'vendored/\n');
}

const ALL = ['node_modules/x/labels.json', '.venv/lib/labels.py', 'build/gen.py', 'vendored/v.py', 'src/a.py'];

it('skips files in always-skipped, gitignored and .ethnolintignore-d folders, silently', () => {
  project();
  const run = repo.lint(['-f', 'json', ...ALL]);
  expect(findingsOf(run)).toEqual(['src/a.py:1:ethnicity-label']);
  const report = JSON.parse(run.stdout) as { stats: { filesScanned: number; filesSkipped: number }; skipped: unknown[]; notices: unknown[] };
  expect(report.stats.filesScanned).toBe(1);
  expect(report.skipped).toEqual([]);
  expect(report.notices).toEqual([]);
  expect(run.stderr).toBe('');
});

it('the skipped files do hold violations', () => {
  project();
  expect(findingsOf(repo.lint(['-f', 'json', 'node_modules/x']))).toEqual(['node_modules/x/labels.json:1:ethnicity-label']);
});

it('--no-gitignore brings back gitignored files, and only those', () => {
  project();
  expect(findingsOf(repo.lint(['-f', 'json', '--no-gitignore', ...ALL]))).toEqual(['build/gen.py:1:ethnicity-label', 'src/a.py:1:ethnicity-label']);
});

it('applies --include and --exclude to the listed files', () => {
  project();
  repo.write('src/b.py', `${VIOLATION}\n`);
  expect(findingsOf(repo.lint(['-f', 'json', '--exclude', 'src/b.py', 'src/a.py', 'src/b.py']))).toEqual(['src/a.py:1:ethnicity-label']);
  expect(findingsOf(repo.lint(['-f', 'json', '--include', '**/b.py', 'src/a.py', 'src/b.py']))).toEqual(['src/b.py:1:ethnicity-label']);
});

it("uses the working directory's configuration for files in subfolders", () => {
  project();
  repo.write('.ethnolint.yaml', 'exclude:\n  - "legacy/**"\n');
  repo.write('legacy/old.py', `${VIOLATION}\n`);
  const run = repo.lint(['-f', 'json', 'legacy/old.py', 'src/a.py']);
  expect(findingsOf(run)).toEqual(['src/a.py:1:ethnicity-label']);
  expect(run.status).toBe(1);
});
