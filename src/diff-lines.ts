// Which lines of a file's new content were added or changed relative to its old content, from
// `git diff --no-index -U0` over two files. git runs in an empty temporary folder outside any
// repository, so no repository configuration or attribute (filters, textconv, diff drivers)
// applies; --no-ext-diff and --no-textconv cover the user's own configuration.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runGit } from './git.js';

/** 1-based line numbers of the new content that were added or changed. */
export type AddedLines = ReadonlySet<number>;

/**
 * Parses unified diff output into the added lines of the new side. Hunk bodies are read line by
 * line, so context lines (a configured inter-hunk context) are never counted as added.
 */
export function parseAddedLines(diff: string): Set<number> {
  const added = new Set<number>();
  let next = 0; // the new-side line number of the next body line; 0 outside a hunk
  for (const line of diff.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      // "+c,0" means nothing was added after line c.
      next = hunk[2] === '0' ? 0 : Number(hunk[1]);
      continue;
    }
    if (next === 0) continue;
    if (line.startsWith('+')) added.add(next++);
    else if (line.startsWith(' ')) next++;
    else if (line.startsWith('diff ')) next = 0;
    // '-' lines and "\ No newline at end of file" do not advance the new side.
  }
  return added;
}

/** The lines of `newFile` (a path) added or changed relative to the content `old`. */
export async function addedLines(old: Buffer, newFile: { path: string } | { content: Buffer }, env?: NodeJS.ProcessEnv): Promise<AddedLines> {
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-diff-'));
  try {
    writeFileSync(join(dir, 'old'), old);
    let newPath: string;
    if ('content' in newFile) {
      newPath = join(dir, 'new');
      writeFileSync(newPath, newFile.content);
    } else {
      newPath = newFile.path;
    }
    // No repository around the temporary folder: git must not find one above it.
    const isolated: NodeJS.ProcessEnv = { ...(env ?? process.env), GIT_CEILING_DIRECTORIES: dirname(dir) };
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY']) delete isolated[name];
    const out = await runGit(
      ['diff', '--no-index', '--no-color', '--no-ext-diff', '--no-textconv', '--text', '-U0', '--inter-hunk-context=0', '--no-renames', '--', 'old', newPath],
      { cwd: dir, okStatus: [0, 1], env: isolated },
    );
    return parseAddedLines(out.stdout.toString('utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
