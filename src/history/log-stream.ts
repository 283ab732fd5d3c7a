// Reads `git log --raw -z` incrementally: commits come out one at a time as the bytes arrive,
// so walking a history of any length holds one commit in memory.
//
// With -z every field is NUL-terminated: the format below gives `\x01<id>`, `<parents>`,
// `<author date>`, `<author name>`; then each raw entry is `:<old mode> <new mode> <old id>
// <new id> <status>` (the first preceded by a newline) and its path. Fields are read by
// position, so author names and paths may hold any byte but NUL.

/** `\x01` opens a commit; no raw entry or header field starts with it at that position. */
const COMMIT_MARK = '\x01';
export const LOG_FORMAT = `${'%x01'}%H%x00%P%x00%aI%x00%an`;
const HEADER_FIELDS = 4;

/** Arguments shared by both walks: raw tree changes, whole ids, nothing that runs a program. */
export const LOG_OPTIONS: readonly string[] = [
  '--no-renames',
  '--raw',
  '-z',
  '--no-abbrev',
  '--root',
  // A merge is compared with its first parent, i.e. shows what the merge brought into the line.
  '--diff-merges=first-parent',
  '--no-ext-diff',
  '--no-textconv',
  '--no-color',
  '--no-show-signature',
  '--no-notes',
  `--format=${LOG_FORMAT}`,
];

export interface CommitInfo {
  id: string;
  parents: string[];
  /** Author date, strict ISO 8601. */
  date: string;
  author: string;
}

/** One path a commit changed, compared with its first parent (or with nothing, for a root commit). */
export interface TreeChange {
  path: string;
  /** The regular file's new blob; undefined when the path no longer holds a regular file. */
  blob?: string;
}

export interface CommitRecord extends CommitInfo {
  changes: TreeChange[];
}

/** Regular files, executable or not; symlinks (120000) and submodules (160000) hold no content of theirs. */
const REGULAR_MODES: ReadonlySet<string> = new Set(['100644', '100755', '100664']);

/** The new side of a raw entry: its blob if the path now holds a regular file. */
export function parseRawEntry(token: string): string | undefined | null {
  const fields = token.replace(/^\n/, '').slice(1).split(' ');
  if (fields.length < 5) return null; // not a raw entry
  const [, newMode = '', , newId = '', status = ''] = fields;
  return status.startsWith('D') || !REGULAR_MODES.has(newMode) ? undefined : newId;
}

type State = { kind: 'between' } | { kind: 'header'; fields: string[] } | { kind: 'changes' } | { kind: 'path'; blob: string | undefined };

/** Turns the byte stream of `git log` with LOG_OPTIONS into commits, in the order git lists them. */
export async function* readCommits(chunks: AsyncIterable<Buffer>): AsyncGenerator<CommitRecord> {
  let state: State = { kind: 'between' };
  let commit: CommitRecord | undefined;
  let partial: Buffer[] = [];

  // Returns a finished commit when the token completes one.
  const onToken = (token: string): CommitRecord | undefined => {
    switch (state.kind) {
      case 'header': {
        state.fields.push(token);
        if (state.fields.length === HEADER_FIELDS) {
          const [id = '', parents = '', date = '', author = ''] = state.fields;
          commit = { id, parents: parents === '' ? [] : parents.split(' '), date, author, changes: [] };
          state = { kind: 'changes' };
        }
        return undefined;
      }
      case 'path':
        commit?.changes.push(state.blob === undefined ? { path: token } : { path: token, blob: state.blob });
        state = { kind: 'changes' };
        return undefined;
      case 'changes':
      case 'between': {
        const trimmed = token.startsWith('\n') ? token.slice(1) : token;
        if (trimmed.startsWith(COMMIT_MARK)) {
          const done = commit;
          commit = undefined;
          state = { kind: 'header', fields: [trimmed.slice(1)] };
          return done;
        }
        if (state.kind === 'changes' && trimmed.startsWith(':')) {
          const blob = parseRawEntry(trimmed);
          if (blob !== null) state = { kind: 'path', blob };
        }
        return undefined;
      }
    }
  };

  for await (const chunk of chunks) {
    let start = 0;
    for (let nul = chunk.indexOf(0, start); nul >= 0; nul = chunk.indexOf(0, start)) {
      const piece = chunk.subarray(start, nul);
      const bytes = partial.length > 0 ? Buffer.concat([...partial, piece]) : piece;
      partial = [];
      start = nul + 1;
      const done = onToken(bytes.toString('utf8'));
      if (done) yield done;
    }
    if (start < chunk.length) partial.push(chunk.subarray(start));
  }
  if (partial.length > 0) {
    const done = onToken(Buffer.concat(partial).toString('utf8'));
    if (done) yield done;
  }
  if (commit) yield commit;
}
