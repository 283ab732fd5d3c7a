// The shipped examples (GitHub Actions workflow, Kubernetes Indexed Job) parse, and every
// ethnolint command in them uses options that exist; --list-repos, which the workflow relies on,
// splits a list file into disjoint shards.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { programs } from '../src/batch/command.js';
import type { Io } from '../src/cli.js';
import { ROOT, runCli } from './helpers/run-cli.js';

const io: Io = { stdout: () => undefined, stderr: () => undefined, stdoutIsTty: false, stderrIsTty: false, env: {}, cwd: ROOT };

function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

interface Command {
  sub: 'batch' | 'merge';
  flags: string[];
}

/** Every `ethnolint batch|merge …` in the file's string values, up to the end of its shell command. */
function ethnolintCommands(file: string): Command[] {
  const docs = parseAllDocuments(readFileSync(join(ROOT, 'examples', file), 'utf8'));
  for (const doc of docs) expect(doc.errors, file).toEqual([]);
  const texts = docs.flatMap((d) => strings(d.toJS()));
  const commands: Command[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/ethnolint (batch|merge) +(\S[^\n;|&>]*)/g)) {
      const flags = (m[2] ?? '').split(/\s+/).filter((t) => t.startsWith('-')).map((t) => t.replace(/=.*$/, ''));
      commands.push({ sub: m[1] as Command['sub'], flags });
    }
  }
  return commands;
}

function knownFlags(sub: Command['sub']): Set<string> {
  const program = programs[sub](io);
  return new Set([...program.options.flatMap((o) => [o.long, o.short]), '--help', '-h'].filter((f): f is string => f !== undefined));
}

describe.each([
  ['github-batch-workflow.yml', 3],
  ['k8s-indexed-job.yaml', 2],
])('%s', (file, count) => {
  const commands = ethnolintCommands(file);

  it('has its ethnolint commands: a sharded batch and a merge', () => {
    expect(commands).toHaveLength(count);
    expect(commands.some((c) => c.sub === 'batch' && c.flags.includes('--shard') && c.flags.includes('--out-dir'))).toBe(true);
    expect(commands.some((c) => c.sub === 'merge' && c.flags.includes('--out-dir'))).toBe(true);
  });

  it('uses only real options', () => {
    for (const c of commands) {
      const known = knownFlags(c.sub);
      for (const flag of c.flags) expect(known.has(flag), `${c.sub} ${flag}`).toBe(true);
    }
  });
});

describe('--list-repos', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'ethnolint-list-repos-'));
    const lines = Array.from({ length: 12 }, (_, i) => `repos/example-org/service-${i}`);
    writeFileSync(join(tmp, 'repositories.txt'), ['# as in the workflow', ...lines, ''].join('\n'));
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it("prints each shard's repositories (not yet cloned): disjoint, and all of them together", () => {
    const shards = [1, 2, 3].map((k) => {
      const r = runCli(['batch', 'repositories.txt', '--shard', `${k}/3`, '--list-repos'], { cwd: tmp });
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean);
    });
    const all = shards.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `repos/example-org/service-${i}`).sort());
    expect(shards.every((s) => s.length > 0)).toBe(true);
  });
});
