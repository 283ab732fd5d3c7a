// The shell examples of the README's "Baselines" and "Staged files and pull requests" sections run
// as written, in order, against a real repository with a branch, an upstream ref and staged work.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { GIT_ENV, makeRepo, VIOLATION, type TempRepo } from './helpers/git-repo.js';
import { BIN, ROOT } from './helpers/run-cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The command lines of the ```sh blocks in the section titled `title`. */
function commands(title: string): string[] {
  const section = README.split(/^## /m).find((s) => s.startsWith(`${title}\n`)) ?? '';
  const blocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
  return blocks.flatMap((b) => b.split('\n')).filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

let repo: TempRepo;

afterEach(() => repo?.remove());

it('the README git and baseline examples run as written', () => {
  const baselines = commands('Baselines');
  const precommit = commands('Staged files and pull requests');
  expect(baselines.filter((c) => c.startsWith('ethnolint ')).length).toBeGreaterThanOrEqual(2);
  expect(precommit.filter((c) => c.startsWith('ethnolint ')).length).toBeGreaterThanOrEqual(4);

  repo = makeRepo();
  repo.write('src/model.py', `import torch\n\n${VIOLATION}\n`);
  repo.write('data/labels.json', '{"classes": ["cat", "dog"]}\n');
  repo.commit('init');
  // An upstream to compare with, and a branch with new work, some of it staged.
  repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('data/labels.json', '{"race_labels": ["asian", "black", "white", "indian"]}\n');
  repo.git('add', 'data/labels.json');

  // `ethnolint` on PATH is the built CLI.
  const bin = join(repo.root, '.git', 'test-bin');
  execFileSync('mkdir', ['-p', bin]);
  writeFileSync(join(bin, 'ethnolint'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, ...GIT_ENV, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH ?? ''}` };

  const results = [...baselines, ...precommit].map((command) => {
    const r = spawnSync('sh', ['-c', command], { cwd: repo.root, env, encoding: 'utf8', timeout: 60_000 });
    return { command, status: r.status, stderr: r.stderr };
  });
  for (const r of results) {
    // Findings (1) are expected on this branch; usage and fatal errors (2) are not.
    expect(r.status === 0 || (r.command.startsWith('ethnolint ') && r.status === 1), `${r.command}: ${r.status} ${r.stderr}`).toBe(true);
    expect(r.stderr, r.command).not.toMatch(/ethnolint: (?!wrote |baseline: )/);
  }
  const status = (command: string): number | null => results.find((r) => r.command === command)?.status ?? null;
  // The baseline accepts today's finding; --staged and --diff see the new staged one.
  expect(status('ethnolint --baseline .ethnolint-baseline.json .')).toBe(0);
  expect(status('ethnolint --staged')).toBe(1);
  expect(status('ethnolint --diff origin/main')).toBe(1);
  expect(readFileSync(join(repo.root, '.git', 'hooks', 'pre-commit'), 'utf8')).toContain('ethnolint --staged');
});
