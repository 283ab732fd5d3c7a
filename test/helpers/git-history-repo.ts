// Real git repositories for history tests: each commit gets a fixed author and committer date,
// so commit ids and dates are deterministic. The repository config names a local user; no
// global or system configuration is read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  root: string;
  git(args: string[], options?: { env?: NodeJS.ProcessEnv }): string;
  write(path: string, content: string): void;
  remove(path: string): void;
  /** Stages everything and commits; returns the commit id. `day` picks the date 2024-01-<day>. */
  commit(message: string, day: number, author?: string): string;
  cleanup(): void;
}

/** Only what git needs: no GIT_* from the environment, no global or system config. */
function isolatedEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(home, 'gitconfig'), GIT_TERMINAL_PROMPT: '0' };
}

export function dateOfDay(day: number): string {
  return `2024-01-${String(day).padStart(2, '0')}T12:00:00+00:00`;
}

export function createRepo(prefix = 'ethnolint-history-'): TestRepo {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const root = join(base, 'repo');
  mkdirSync(root);
  const env = isolatedEnv(base);
  writeFileSync(join(base, 'gitconfig'), '');
  const git = (args: string[], options: { env?: NodeJS.ProcessEnv } = {}): string =>
    execFileSync('git', args, { cwd: root, env: { ...env, ...options.env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Test Author']);
  git(['config', 'user.email', 'author@example.com']);
  git(['config', 'commit.gpgsign', 'false']);
  return {
    root,
    git,
    write(path, content) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    },
    remove(path) {
      rmSync(join(root, path));
    },
    commit(message, day, author) {
      const date = dateOfDay(day);
      git(['add', '-A']);
      git(['commit', '-q', '--allow-empty', '-m', message], {
        env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, ...(author ? { GIT_AUTHOR_NAME: author } : {}) },
      });
      return git(['rev-parse', 'HEAD']).trim();
    },
    cleanup() {
      rmSync(base, { recursive: true, force: true });
    },
  };
}
