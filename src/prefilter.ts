// The prefilter: compiled once from the literals the active rules need (Rule.triggers), it tells
// in a single pass over a file whether the file can hold a finding at all.
//
// Rules match whole words of split identifiers, so the prefilter does too. Two stages:
//   1. A case-insensitive regular expression shaped as a trie of the ASCII words (`r(?:ace|…)`)
//      finds candidate places. V8 compiles it to native code that skips most bytes quickly, and
//      a trie keeps that speed as the lexicon grows, where a flat alternation would not.
//   2. Each candidate's run of ASCII letters is then checked exactly: cut into words the way the
//      rules' splitter cuts them (`raceOutput` → race, output; `EM_RACE` → em, race; `trace`
//      stays trace) and looked up in a hash set. "race" inside "embrace" is a candidate, not a hit.
// Literals in other scripts (CJK, Arabic, Cyrillic, Latin with diacritics) are searched as
// substrings, only in files that contain non-ASCII characters at all.

export interface Prefilter {
  /** Whether any literal could match in `text`. */
  test(text: string): boolean;
  /** The compiled literals, for diagnostics: ASCII words and substrings. */
  readonly words: ReadonlySet<string>;
  readonly substrings: readonly string[];
}

const NON_ASCII = /[^\x00-\x7f]/;

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/** A regular expression source that matches exactly the given lower-case ASCII words, shaped as a trie. */
export function trieSource(words: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word) {
      let child = node.next.get(ch);
      if (!child) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.next.keys()].sort().map((ch) => ch + emit(node.next.get(ch) as TrieNode));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
    // A word that is a prefix of others ends here too: the rest is optional.
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

/** Hash of a word's ASCII letters, case-folded: the same for "race", "Race" and "RACE". */
function hashOf(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + (word.charCodeAt(i) | 32)) >>> 0;
  return h;
}

/**
 * Compiles literals. With `utf8Bytes`, non-ASCII literals are compiled as their UTF-8 bytes read
 * as Latin-1, so that the test can run on a file's raw bytes before and without decoding it.
 */
export function compilePrefilter(literals: readonly string[], options: { utf8Bytes?: boolean } = {}): Prefilter {
  const words = new Set<string>();
  const substrings = new Set<string>();
  const encode = (s: string): string => (options.utf8Bytes ? Buffer.from(s, 'utf8').toString('latin1') : s);
  for (const raw of literals) {
    const l = raw.toLowerCase();
    if (!l) continue;
    if (/^[a-z]+$/.test(l)) {
      words.add(l);
    } else {
      // Cased non-ASCII literals (Ouïghour, Уйгур) in the three spellings splitting can produce.
      for (const form of new Set([l, (l[0] ?? '').toUpperCase() + l.slice(1), l.toUpperCase()])) substrings.add(encode(form));
    }
  }
  // Each word is looked up by a hash computed while scanning, so only a hash hit costs a string.
  const hashes = new Set<number>();
  let minLength = Infinity;
  let maxLength = 0;
  for (const w of words) {
    hashes.add(hashOf(w));
    minLength = Math.min(minLength, w.length);
    maxLength = Math.max(maxLength, w.length);
  }
  const subs = [...substrings];

  const found = (text: string, start: number, end: number, hash: number): boolean => {
    const length = end - start;
    return length >= minLength && length <= maxLength && hashes.has(hash) && words.has(text.slice(start, end).toLowerCase());
  };

  /** Stage 2: whether text[from, to) — whole runs of letters — holds one of the words. */
  const hasWord = (text: string, from: number, to: number): boolean => {
    // Words are runs of ASCII letters, cut at lower→Upper ("raceOutput") and before the last
    // capital of a capital run followed by a lower-case letter ("XMLParser"), as the rules'
    // splitter cuts them. The hash is kept while scanning; only a hash hit costs a string.
    let wordStart = -1;
    let hash = 0;
    let prev = 0;
    for (let i = from; i <= to; i++) {
      const c = i < to ? text.charCodeAt(i) : 0;
      const lower = c >= 97 && c <= 122;
      const upper = c >= 65 && c <= 90;
      if (!lower && !upper) {
        if (wordStart >= 0 && found(text, wordStart, i, hash)) return true;
        wordStart = -1;
      } else if (wordStart < 0) {
        wordStart = i;
        hash = c | 32;
      } else if (upper && prev >= 97 && prev <= 122) {
        if (found(text, wordStart, i, hash)) return true;
        wordStart = i;
        hash = c | 32;
      } else if (lower && prev >= 65 && prev <= 90 && i - 1 > wordStart) {
        if (found(text, wordStart, i - 1, hashOf(text.slice(wordStart, i - 1)))) return true;
        wordStart = i - 1;
        hash = (Math.imul(prev | 32, 31) + (c | 32)) >>> 0;
      } else {
        hash = (Math.imul(hash, 31) + (c | 32)) >>> 0;
      }
      prev = c;
    }
    return false;
  };

  // Stage 1. Any word the exact check accepts is also a match of this expression, and a match
  // inside a run of letters leads to the check of that whole run: nothing is missed.
  const candidates = words.size > 0 ? new RegExp(trieSource([...words]), 'gi') : undefined;

  const test = (text: string): boolean => {
    if (subs.length > 0 && NON_ASCII.test(text)) {
      for (const s of subs) if (text.includes(s)) return true;
    }
    if (!candidates) return false;
    candidates.lastIndex = 0;
    for (let m = candidates.exec(text); m !== null; m = candidates.exec(text)) {
      let from = m.index;
      while (from > 0 && isLetter(text.charCodeAt(from - 1))) from--;
      let to = m.index + m[0].length;
      while (to < text.length && isLetter(text.charCodeAt(to))) to++;
      if (hasWord(text, from, to)) return true;
      candidates.lastIndex = to;
    }
    return false;
  };

  return { test, words, substrings: subs };
}
