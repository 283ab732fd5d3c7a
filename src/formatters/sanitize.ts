// Neutralising text from scanned files before it reaches a terminal. Paths, messages and
// snippets can carry anything a file contains: ANSI/OSC escape sequences (which can recolour,
// retitle or hyperlink a terminal), carriage returns that overwrite earlier output, and bidi
// controls that make text display in a different order than it is stored ("Trojan Source").
// Every such code point is replaced by a visible escape (`\x1b`, `\u202e`) so the user sees
// exactly what is in the file and the terminal interprets nothing.

/** Bidi embeddings/overrides/isolates/marks, line/paragraph separators and other invisible format characters. */
const INVISIBLE_FORMAT = new Set<number>([
  0x061c, // ARABIC LETTER MARK
  0x200b, // ZERO WIDTH SPACE
  0x200e, // LEFT-TO-RIGHT MARK
  0x200f, // RIGHT-TO-LEFT MARK
  0x2028, // LINE SEPARATOR
  0x2029, // PARAGRAPH SEPARATOR
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, // LRE RLE PDF LRO RLO
  0x2066, 0x2067, 0x2068, 0x2069, // LRI RLI FSI PDI
  0xfeff, // ZERO WIDTH NO-BREAK SPACE (BOM)
]);

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * The visible escape for a code point that must not reach a terminal as is, or undefined when
 * the code point is safe. Covers C0 controls (including tab, CR and LF), DEL, C1 controls,
 * bidi controls, invisible separators and lone surrogates.
 */
export function escapeCodePoint(cp: number): string | undefined {
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `\\x${hex(cp, 2)}`;
  if (INVISIBLE_FORMAT.has(cp)) return `\\u${hex(cp, 4)}`;
  // A byte of a file name that is not UTF-8, kept as U+DC80–U+DCFF (see fs-names.ts): shown as the byte.
  if (cp >= 0xdc80 && cp <= 0xdcff) return `\\x${hex(cp - 0xdc00, 2)}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `\\u${hex(cp, 4)}`; // lone surrogate
  return undefined;
}

const NOTHING: ReadonlySet<number> = new Set();

/**
 * Replaces every control, escape, bidi and invisible-separator code point in `s` with a visible
 * escape such as `\x1b` or `\u202e`, except the code points in `keep` (multi-line views keep
 * tab and line feed).
 */
export function escapeInvisible(s: string, keep: ReadonlySet<number> = NOTHING): string {
  let out = '';
  let plainStart = 0;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i) as number;
    const size = cp > 0xffff ? 2 : 1;
    const escaped = keep.has(cp) ? undefined : escapeCodePoint(cp);
    if (escaped !== undefined) {
      out += s.slice(plainStart, i) + escaped;
      plainStart = i + size;
    }
    i += size;
  }
  return plainStart === 0 ? s : out + s.slice(plainStart);
}

/**
 * The text as a single line that a terminal prints literally: every control, escape, bidi and
 * invisible-separator code point becomes a visible escape. Tabs become `\x09`; callers that
 * display source lines expand tabs first.
 */
export function sanitizeForTerminal(s: string): string {
  return escapeInvisible(s);
}

/**
 * Terminal columns a (safe) code point occupies: 0 for combining marks and zero-width joiners
 * and variation selectors, 2 for East Asian wide/fullwidth characters and emoji, else 1.
 * An approximation of wcwidth, good enough to place a `^^^` underline.
 */
export function codePointWidth(cp: number): number {
  if (cp === 0x200c || cp === 0x200d) return 0; // ZWNJ, ZWJ
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 0; // variation selectors
  const ch = String.fromCodePoint(cp);
  if (COMBINING.test(ch)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals … CJK symbols
    (cp >= 0x3041 && cp <= 0x33ff) || // Hiragana … CJK compatibility
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa000 && cp <= 0xa4cf) || // Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // fullwidth forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) || // pictographs, emoticons
    (cp >= 0x1f900 && cp <= 0x1f9ff) || // supplemental symbols and pictographs
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B…
  ) {
    return 2;
  }
  return 1;
}

const COMBINING = /^\p{M}$/u;

/** Terminal columns of an already sanitized string (no controls left), per codePointWidth. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += codePointWidth(ch.codePointAt(0) as number);
  return width;
}
