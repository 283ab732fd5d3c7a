// The prefilter: one regular expression, compiled once from the literals the active rules need
// (Rule.triggers), that tells in a single pass whether a file can hold a finding at all.
//
// Rules match whole words of split identifiers, so the prefilter does too: `race` must stand
// where splitting would start and end a word ("race", "raceOutput", "EM_RACE"), not inside
// "trace" or "embrace". A word can only come out of splitting in three spellings — lower-case,
// Capitalised after a lower-case letter or a capital run, or UPPER-CASE — so each literal is
// compiled in those three, with the boundaries that spelling needs. Scripts without case (CJK,
// Arabic …) match anywhere.
//
// The literals of each spelling are compiled into a trie-shaped pattern — `a(?:rab|sian)`, not
// `arab|asian` — which V8 runs at a steady speed as the lexicon grows, where a flat
// alternation slows down with every term.

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

function buildTrie(literals: Iterable<string>): TrieNode {
  const root: TrieNode = { children: new Map(), terminal: false };
  for (const literal of literals) {
    let node = root;
    for (const ch of literal) {
      let next = node.children.get(ch);
      if (!next) {
        next = { children: new Map(), terminal: false };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.terminal = true;
  }
  return root;
}

/** Pattern for a node: one alternative per next character, single-character leaves as a class. */
function pattern(node: TrieNode): string {
  const leaves: string[] = [];
  const branches: string[] = [];
  for (const ch of [...node.children.keys()].sort()) {
    const child = node.children.get(ch) as TrieNode;
    if (child.children.size === 0) leaves.push(escapeChar(ch));
    else branches.push(escapeChar(ch) + pattern(child));
  }
  if (leaves.length > 1) branches.push(`[${leaves.join('')}]`);
  else if (leaves.length === 1) branches.push(leaves[0] as string);
  if (branches.length === 0) return '';
  const body = branches.length === 1 && !node.terminal ? (branches[0] as string) : `(?:${branches.join('|')})`;
  return node.terminal ? `${body}?` : body;
}

function trieSource(literals: Iterable<string>): string | undefined {
  const root = buildTrie(literals);
  return root.children.size === 0 ? undefined : pattern(root);
}

const CASED = /[A-Za-z]/;

export interface Prefilter {
  /** Whether any literal could match in `text`. */
  test(text: string): boolean;
  readonly source: string;
}

/**
 * Compiles literals into one pattern. With `utf8Bytes`, literals are compiled from their UTF-8
 * bytes so the test can run on a file's raw bytes read as Latin-1 (`buffer.latin1Slice()`),
 * before and without decoding it.
 */
export function compilePrefilter(literals: readonly string[], options: { utf8Bytes?: boolean } = {}): Prefilter {
  const encode = (s: string): string => (options.utf8Bytes ? Buffer.from(s, 'utf8').toString('latin1') : s);
  const lower = new Set<string>();
  const capital = new Set<string>();
  const upper = new Set<string>();
  const caseless = new Set<string>();
  for (const raw of literals) {
    const l = raw.toLowerCase();
    if (!l) continue;
    if (!CASED.test(l)) {
      caseless.add(encode(l));
      continue;
    }
    lower.add(encode(l));
    capital.add(encode(l[0]?.toUpperCase() + l.slice(1)));
    upper.add(encode(l.toUpperCase()));
  }
  const parts: string[] = [];
  const lowerSource = trieSource(lower);
  const capitalSource = trieSource(capital);
  const upperSource = trieSource(upper);
  const caselessSource = trieSource(caseless);
  // lower-case: not glued to a preceding lower-case letter, not followed by one ("trace", "races").
  if (lowerSource) parts.push(`(?<![a-z])${lowerSource}(?![a-z])`);
  // Capitalised: a word start after anything ("emRace", "EMRace"); not followed by lower-case.
  if (capitalSource) parts.push(`${capitalSource}(?![a-z])`);
  // UPPER-CASE: not glued to a preceding capital; "RACEOutput" may continue with a capital.
  if (upperSource) parts.push(`(?<![A-Z])${upperSource}`);
  if (caselessSource) parts.push(caselessSource);
  const source = parts.length === 0 ? '(?!)' : parts.join('|');
  const regex = new RegExp(source);
  return { test: (text) => regex.test(text), source };
}
