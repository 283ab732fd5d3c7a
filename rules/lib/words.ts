// Splitting identifiers and prose into words with exact offsets. Matching whole words, not
// substrings, is what keeps `GemRacer`, `semrace` and `ethiccode.in` from looking like `race`.

export interface Word {
  /** Lower-case word; for runs of CJK, kana, Hangul, Arabic or Cyrillic script, the run itself. */
  text: string;
  start: number;
  end: number;
  /** True for a run of a non-Latin script: matched by substring, not as a whole word. */
  script: boolean;
}

const enum Cls {
  Other,
  Lower,
  Upper,
  Digit,
  Script,
}

// Letters outside Latin that form their own runs. Latin letters with diacritics (ï in Ouïghour)
// stay Latin so they join their word.
const SCRIPT_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Tibetan}]/u;

function classOf(ch: string): Cls {
  const c = ch.charCodeAt(0);
  if (c >= 97 && c <= 122) return Cls.Lower;
  if (c >= 65 && c <= 90) return Cls.Upper;
  if (c >= 48 && c <= 57) return Cls.Digit;
  if (c < 128) return Cls.Other;
  if (SCRIPT_RUN.test(ch)) return Cls.Script;
  if (ch.toLowerCase() !== ch) return Cls.Upper;
  if (ch.toUpperCase() !== ch) return Cls.Lower;
  // Combining marks and other letters (e.g. Tibetan vowel signs handled above) join the word.
  return /\p{L}|\p{M}/u.test(ch) ? Cls.Lower : Cls.Other;
}

const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) => classOf(String.fromCharCode(c)));

/**
 * Words of `text`, offsets shifted by `base`. Splits on anything that is not a letter or digit,
 * on lower→Upper (`emRace`), on the last capital of a capital run before a lower-case letter
 * (`XMLParser` → xml, parser), on letter↔digit (`race4` → race, 4), and around script runs.
 */
export function splitWords(text: string, base = 0): Word[] {
  const words: Word[] = [];
  let start = -1;
  let prev = Cls.Other;
  const push = (end: number): void => {
    if (start >= 0 && end > start) {
      const raw = text.slice(start, end);
      words.push({ text: raw.toLowerCase(), start: base + start, end: base + end, script: prev === Cls.Script });
    }
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII, nearly every character of code, is classed from a table without a string.
    let width = 1;
    let cls: Cls;
    if (code < 128) cls = ASCII_CLASS[code] as Cls;
    else {
      width = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
      cls = classOf(text.slice(i, i + width));
    }
    if (cls === Cls.Other) {
      push(i);
    } else if (start < 0) {
      start = i;
    } else if (
      (cls === Cls.Script) !== (prev === Cls.Script) ||
      (cls === Cls.Digit) !== (prev === Cls.Digit) ||
      (prev === Cls.Lower && cls === Cls.Upper)
    ) {
      push(i);
      start = i;
    } else if (prev === Cls.Upper && cls === Cls.Lower && i - start >= 2) {
      // "XMLParser": the capital before a lower-case letter starts the next word.
      const cut = i - width;
      push(cut);
      start = cut;
    }
    prev = cls;
    i += width - 1;
  }
  push(text.length);
  return words;
}

/** Normalised form of a term for comparison: its words joined by single spaces. */
export function normalizeTerm(text: string): string {
  return splitWords(text)
    .map((w) => w.text)
    .join(' ');
}
