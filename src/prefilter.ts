// The prefilter: compiled once from the literals the active rules need (Rule.triggers), it tells
// in a single pass over a file whether the file can hold a finding at all.
//
// Rules match whole words of split identifiers, so the prefilter does too: it walks the text
// once, cuts runs of ASCII letters into words the way the rules' splitter does (`raceOutput` →
// race, output; `EM_RACE` → em, race; `trace` stays trace) and looks each word up in a hash set.
// The cost per byte does not depend on the size of the lexicon: 2,000 terms scan as fast as 60.
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

  const test = (text: string): boolean => {
    if (subs.length > 0 && NON_ASCII.test(text)) {
      for (const s of subs) if (text.includes(s)) return true;
    }
    if (words.size === 0) return false;
    // One pass: words are runs of ASCII letters, cut at lower→Upper ("raceOutput") and before the
    // last capital of a capital run followed by a lower-case letter ("XMLParser"), as the rules'
    // splitter cuts them. The hash is kept while scanning; only a hash hit costs a string.
    let wordStart = -1;
    let hash = 0;
    let prev = 0;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 0;
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

  return { test, words, substrings: subs };
}
