// The prefilter: compiled once from the triggers the active rules declare (Rule.triggers), it
// tells in a single pass over a file whether the file can hold a finding at all.
//
// A trigger is a word ("race"), a phrase of words that must occur as consecutive words of the
// rules' splitting ("last name": last_name, LastName, "last name"), a substring in another
// script ("维族"), alternatives of these joined by `|`, and clauses joined by `&` that must all
// hold somewhere in the file or its path ("facepp | megvii & race"). Phrases and clauses keep
// everyday words (net, last, black) from letting a file through on their own. A word may list
// phrases after `!` in which it does not count ("race ! race condition ! promise race"), and
// `~letters` are found case-insensitively anywhere, even inside a longer word (a vendor library
// named in any spelling: HCnetSDK.dll, libhccore.so). A clause ending in `#N` holds when its
// alternatives occur N times in all ("white | black | asian #3": three race labels).
//
// Rules match whole words of split identifiers, so the prefilter does too. Two stages:
//   1. A case-insensitive regular expression shaped as a trie of the ASCII words (`r(?:ace|…)`)
//      finds candidate places. V8 compiles it to native code that skips most bytes quickly, and
//      a trie keeps that speed as the lexicon grows, where a flat alternation would not.
//   2. Each candidate's run of ASCII letters is then checked exactly: cut into words the way the
//      rules' splitter cuts them (`raceOutput` → race, output; `EM_RACE` → em, race; `trace`
//      stays trace) and looked up in a hash set. "race" inside "embrace" is a candidate, not a hit.
//      A phrase is looked up by one of its words (the anchor) and then checked around it.
// Literals in other scripts (CJK, Arabic, Cyrillic, Latin with diacritics) are searched as
// substrings, only in files that contain non-ASCII characters at all.

export interface Prefilter {
  /**
   * Whether any trigger could hold in `text` (with the words of `path` counting too). `ascii`
   * tells that the text has no character beyond ASCII (the caller saw the bytes), so that the
   * substrings in other scripts need no search.
   */
  test(text: string, path?: string, ascii?: boolean): boolean;
  /** The indices of every trigger that holds (the order they were compiled in). */
  holding(text: string, path?: string): Set<number>;
  /**
   * Where in `text` the triggers' words occur, when any trigger holds: every occurrence's offset,
   * ascending; undefined when none holds. `escaped` tells that some word was found only in the
   * decoded code escapes, whose places in `text` are not known.
   */
  locate(text: string, path?: string): { offsets: number[]; escaped: boolean } | undefined;
  /** The compiled literals, for diagnostics: ASCII words looked up exactly, and substrings. */
  readonly words: ReadonlySet<string>;
  readonly substrings: readonly string[];
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Letters that follow a backslash in the escapes of most languages' strings. */
const ESCAPE_LETTERS = 'nrtbfvae';

/** Escapes that spell a character by its code: \uXXXX, \u{X…}, \UXXXXXXXX, \xXX and octal \NNN. */
const CODE_ESCAPE = /\\(?:u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]{1,6}\}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{1,3})/;
const CODE_ESCAPES = new RegExp(CODE_ESCAPE.source, 'g');

function codeOf(escape: string): number {
  const body = escape.slice(1);
  if (body[0] === 'u' && body[1] === '{') return Number.parseInt(body.slice(2, -1), 16);
  if (body[0] === 'u' || body[0] === 'U' || body[0] === 'x') return Number.parseInt(body.slice(1), 16);
  return Number.parseInt(body, 8);
}

/** Whether `text` spells a character by its code somewhere (a backslash is found first, cheaply). */
function hasCodeEscapes(text: string): boolean {
  return text.includes('\\') && CODE_ESCAPE.test(text);
}

/**
 * The text with code escapes decoded, each through `encode`. One escape at a time: the terms are
 * in the Basic Multilingual Plane, so surrogate pairs need not be joined, and a hostile file of
 * millions of escapes costs no more than its own size.
 */
function decodeCodeEscapes(text: string, encode: (s: string) => string): string {
  return text.replace(CODE_ESCAPES, (escape) => {
    const code = codeOf(escape);
    return code <= 0x10ffff ? encode(String.fromCodePoint(code)) : ' ';
  });
}

/**
 * What may stand between two words of a phrase: anything but a letter or digit, and an escape
 * (`\n` in a JSON string joins "last\nname"). Unambiguous, so it cannot backtrack badly.
 */
const SEPARATOR = String.raw`(?:[^A-Za-z0-9\\]|\\[A-Za-z]?)*`;

const EMPTY = new Uint32Array(0);
const NO_WORDS: WordAtom[] = [];
const NO_PHRASES: Phrase[] = [];
const NONE: Set<number> = new Set();

/** How far before and after its anchor a phrase is looked for. */
const PHRASE_WINDOW = 256;

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

/** A phrase, found by its anchor word and checked by the words before and after it. */
interface Phrase {
  atom: number;
  around: Around;
}

/** A single-word atom, and the phrases around it in which the word does not count. */
interface WordAtom {
  atom: number;
  masks: Around[];
}

/**
 * Words around a found word: before it (tested on a slice ending there) and after it (sticky).
 * The expressions are compiled on first use: most phrases are never checked in a run.
 */
interface Around {
  beforeSource?: string;
  afterSource?: string;
  before?: RegExp;
  after?: RegExp;
  /** An other-sense mask: its outer words must be whole words, not the ends of longer ones. */
  whole: boolean;
}

/**
 * What may join the words of an other-sense phrase: far less than SEPARATOR, as a mask must only
 * ever take away what surely is that phrase — one name (race_condition, raceCondition,
 * Promise.race), plain prose (race condition) or a keyword argument (sampling_strategy=
 * 'minority'), never words of a list or a subscript (data["race"], ["race", "condition"]).
 */
const MASK_SEPARATOR = String.raw`(?:[ _.-]|\s*=\s*['"]?)?`;

function aroundOf(words: readonly string[], at: number, mask = false): Around {
  const sep = mask ? MASK_SEPARATOR : SEPARATOR;
  // A mask's outer words must be whole: "metadata" does not end in the word "data".
  const open = mask ? '(?<![a-z])' : '';
  const close = mask ? '(?![a-z])' : '';
  const before = words.slice(0, at).map((w) => `${escapeWord(w)}${sep}`).join('');
  const after = words.slice(at + 1).map((w) => `${sep}${escapeWord(w)}`).join('');
  return {
    beforeSource: before ? `${open}${before}$` : undefined,
    afterSource: after ? `${after}${close}` : undefined,
    whole: mask,
  };
}

/** Whether the words around text[start, end) are those of `around`. */
function isAround(around: Around, text: string, start: number, end: number): boolean {
  if (around.beforeSource !== undefined) {
    around.before ??= new RegExp(around.beforeSource, 'i');
    if (!around.before.test(text.slice(Math.max(0, start - PHRASE_WINDOW), start))) return false;
  }
  if (around.afterSource !== undefined) {
    around.after ??= new RegExp(around.afterSource, 'iy');
    around.after.lastIndex = end;
    if (!around.after.test(text.slice(0, end + PHRASE_WINDOW))) return false;
  }
  // A mask that starts or ends with the found word needs that word whole on that side too.
  if (around.whole && around.beforeSource === undefined && isLetter(text.charCodeAt(start - 1))) return false;
  if (around.whole && around.afterSource === undefined && isLetter(text.charCodeAt(end))) return false;
  return true;
}

/** A mask phrase as seen from each place `word` takes in it. */
function masksOf(word: string, phrase: string): Around[] {
  const words = phrase.split(' ').filter((w) => w !== '');
  if (words.length < 2 || words.some((w) => !/^[a-z0-9]+$/.test(w))) throw new Error(`prefilter mask "${phrase}": a phrase of two or more words (a-z, 0-9)`);
  return words.flatMap((w, i) => (w === word ? [aroundOf(words, i, true)] : []));
}

/**
 * One trigger: clauses that must all hold. A clause holds when its atoms are found `min` times in
 * all (once, unless the clause ends in `#N`).
 */
interface Clause {
  atoms: number[];
  min: number;
}
type Trigger = Clause[];

const escapeWord = (w: string): string => w.replace(/[^a-z0-9]/g, (c) => `\\${c}`);

// Words of code and prose so common that a phrase is better looked up by another of its words.
const COMMON_WORDS = new Set([
  'a', 'align', 'an', 'and', 'api', 'analyze', 'attribute', 'attributes', 'batch', 'black', 'blue', 'brown', 'by', 'class', 'classes', 'classification',
  'classifier', 'classify', 'client', 'code', 'color', 'colors', 'colour', 'colours', 'com', 'company', 'core', 'data',
  'detail', 'detect', 'detection', 'detector', 'dll', 'dominant', 'east', 'eastern', 'enable', 'error', 'errors',
  'estimate', 'estimation', 'face', 'faces', 'feature', 'first', 'for', 'from', 'get', 'greater', 'green', 'group', 'groups', 'h',
  'identification', 'image', 'in', 'info', 'input', 'is', 'jar', 'label', 'labels', 'last', 'lib', 'list', 'mobile',
  'model', 'name', 'names', 'net', 'north', 'object', 'of', 'on', 'or', 'other', 'output', 'people', 'person', 'photo',
  'predict', 'prediction', 'predictor', 'python', 'recognition', 'red', 'result', 'sdk', 'service', 'set', 'single', 'so',
  'south', 'test', 'the', 'to', 'tone', 'tones', 'type', 'value', 'warning', 'west', 'western', 'white', 'yellow',
]);

/** Whether a word is too common in code and prose to be worth looking for alone. */
export function isCommonWord(word: string): boolean {
  return COMMON_WORDS.has(word);
}

/** The index of the word a phrase is looked up by. */
function anchorOf(words: readonly string[], lookedUp: ReadonlySet<string>): number {
  let best = -1;
  // A word looked up anyway (a trigger alone) costs nothing more; then a rare word, then a long
  // one: a short word is found inside many others (st, ga), each costing a check.
  const score = (w: string): number =>
    /^[a-z]+$/.test(w) ? w.length + (lookedUp.has(w) ? 1000 : 0) + (COMMON_WORDS.has(w) || w.length < 3 ? 0 : 200) + (w.length >= 4 ? 100 : 0) : -1;
  words.forEach((w, i) => {
    if (score(w) > (best < 0 ? -1 : score(words[best] as string))) best = i;
  });
  return best;
}

/** Compiled trigger lists, by their sources: the run's byte prefilter and the rule selector share one. */
const compiled = new Map<string, (utf8Bytes: boolean) => Prefilter>();
const COMPILED_KEPT = 8;

/**
 * The prefilter of `triggerSources`. With `utf8Bytes`, it reads the bytes of UTF-8 text as Latin-1
 * (one character a byte), so literals in other scripts are searched as their UTF-8 bytes and the
 * test can run on a file's raw bytes before and without decoding it. The same list compiles
 * once for both readings.
 */
export function compilePrefilter(triggerSources: readonly string[], options: { utf8Bytes?: boolean } = {}): Prefilter {
  const key = triggerSources.join('\n');
  let core = compiled.get(key);
  if (!core) {
    core = compileTriggers(triggerSources);
    if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, core);
  }
  return core(options.utf8Bytes === true);
}

function compileTriggers(triggerSources: readonly string[]): (utf8Bytes: boolean) => Prefilter {
  const atomIds = new Map<string, number>();
  /** word → the atoms of the word alone, each with the phrases it does not count in. */
  const wordAtoms = new Map<string, WordAtom[]>();
  /** anchor word → phrases looked up by it. */
  const phrasesByAnchor = new Map<string, Phrase[]>();
  const substrings = new Map<string, number>();
  /** `~name`: letters found case-insensitively anywhere, even inside a longer word (HCnetSDK.dll). */
  const letterSubstrings = new Map<string, number>();
  const triggers: Trigger[] = [];

  const atomOf = (alternative: string): number => {
    const key = alternative.trim().toLowerCase().replace(/\s+/g, ' ');
    const known = atomIds.get(key);
    if (known !== undefined) return known;
    const id = atomIds.size;
    atomIds.set(key, id);
    const [head, ...maskSources] = key.split('!').map((part) => part.trim());
    const l = head as string;
    if (l.startsWith('~')) {
      const sub = l.slice(1);
      if (!/^[a-z]{3,}$/.test(sub)) throw new Error(`prefilter trigger "${alternative}": "~" takes three or more letters`);
      letterSubstrings.set(sub, id);
    } else if (/^[a-z]+$/.test(l)) {
      const masks = maskSources.flatMap((m) => masksOf(l, m));
      const atoms = wordAtoms.get(l);
      if (atoms) atoms.push({ atom: id, masks });
      else wordAtoms.set(l, [{ atom: id, masks }]);
    } else if (/^[a-z0-9 ]+$/.test(l)) {
      const words = l.split(' ');
      const anchorAt = anchorOf(words, standalone);
      if (anchorAt < 0) throw new Error(`prefilter trigger "${alternative}": a phrase needs a word of letters`);
      const anchor = words[anchorAt] as string;
      const phrase: Phrase = { atom: id, around: aroundOf(words, anchorAt) };
      const phrases = phrasesByAnchor.get(anchor);
      if (phrases) phrases.push(phrase);
      else phrasesByAnchor.set(anchor, [phrase]);
    } else {
      // Cased non-ASCII literals (Ouïghour, Уйгур) in the three spellings splitting can produce.
      for (const form of new Set([l, (l[0] ?? '').toUpperCase() + l.slice(1), l.toUpperCase()])) substrings.set(form, id);
    }
    return id;
  };

  const alternatives = triggerSources.flatMap((t) => t.split(/[&|]/).map((a) => a.split('!')[0]?.trim().toLowerCase() ?? ''));
  const standalone = new Set(alternatives.filter((a) => /^[a-z]+$/.test(a)));
  for (const source of triggerSources) {
    const clauses = source.split('&').map((clause): Clause => {
      // `#N` at the end: the clause's words must occur N times in all ("three race labels").
      const count = /#\s*(\d+)\s*$/.exec(clause);
      const body = count ? clause.slice(0, count.index) : clause;
      return { atoms: body.split('|').filter((a) => a.trim() !== '').map(atomOf), min: count ? Math.max(1, Number(count[1])) : 1 };
    });
    if (clauses.length > 0 && clauses.every((c) => c.atoms.length > 0)) triggers.push(clauses);
  }

  /** atom → the triggers it takes part in. */
  const triggersOfAtom: number[][] = Array.from({ length: atomIds.size }, () => []);
  /** Atoms whose every occurrence counts (they take part in a clause with `#N`). */
  const counted = new Uint8Array(atomIds.size);
  triggers.forEach((t, i) => {
    for (const atom of new Set(t.flatMap((c) => c.atoms))) (triggersOfAtom[atom] as number[]).push(i);
    for (const clause of t) if (clause.min > 1) for (const atom of clause.atoms) counted[atom] = 1;
  });
  const holds = (clause: Clause, found: Uint32Array): boolean => {
    let n = 0;
    for (const a of clause.atoms) if ((n += found[a] as number) >= clause.min) return true;
    return false;
  };

  // Stage 2 looks up every word that is a trigger alone or anchors a phrase.
  const lookup = new Set([...wordAtoms.keys(), ...phrasesByAnchor.keys()]);
  const letterSubs = [...letterSubstrings];
  const hashes = new Set<number>();
  let minLength = Infinity;
  let maxLength = 0;
  for (const w of lookup) {
    hashes.add(hashOf(w));
    minLength = Math.min(minLength, w.length);
    maxLength = Math.max(maxLength, w.length);
  }

  // Stage 1. Any word the exact check accepts is also a match of this expression, and a match
  // inside a run of letters leads to the check of that whole run: nothing is missed.
  const staged = [...new Set([...lookup, ...letterSubstrings.keys()])];
  const candidates = staged.length > 0 ? new RegExp(trieSource(staged), 'gi') : undefined;

  /**
   * The state of one evaluation: which atoms were found, which triggers hold. One evaluation at
   * a time (a test is synchronous), reset for each: files cost no allocation.
   */
  class Evaluation {
    /**
     * `encode` turns text into what is scanned (UTF-8 bytes as Latin-1, or itself); `subs` are
     * the substrings in other scripts, so encoded, with their atoms.
     */
    constructor(
      private readonly encode: (s: string) => string,
      private readonly subs: readonly (readonly [string, number])[],
    ) {}

    /** How often each atom was found; allocated at the first, as most files have none. */
    private found: Uint32Array = EMPTY;
    holding: Set<number> = NONE;
    stopAtFirst = true;
    /** When locating: every occurrence of an atom, as pairs of offset and atom, in scan order. */
    offsets: number[] | undefined;

    reset(stopAtFirst: boolean, locate = false): this {
      this.found = EMPTY;
      this.holding = NONE;
      this.stopAtFirst = stopAtFirst;
      this.offsets = locate ? [] : undefined;
      return this;
    }

    get done(): boolean {
      return this.stopAtFirst && this.holding.size > 0;
    }

    /** Records an atom found at `at`; true when the evaluation is done. */
    add(atom: number, at: number): boolean {
      if (this.found === EMPTY) {
        this.found = new Uint32Array(atomIds.size);
        this.holding = new Set();
      }
      this.offsets?.push(at, atom);
      if (this.found[atom] && !counted[atom]) return false;
      (this.found[atom] as number)++;
      for (const t of triggersOfAtom[atom] as number[]) {
        if (!this.holding.has(t) && (triggers[t] as Trigger).every((clause) => holds(clause, this.found))) this.holding.add(t);
      }
      return this.done;
    }

    /** Found already, and found once is enough (when locating, every occurrence counts). */
    has(atom: number): boolean {
      return (this.found[atom] ?? 0) > 0 && !counted[atom] && this.offsets === undefined;
    }

    /** A word of the text at [start, end) that is in the lookup set. */
    word(text: string, start: number, end: number): boolean {
      const w = text.slice(start, end).toLowerCase();
      for (const { atom, masks } of wordAtoms.get(w) ?? NO_WORDS) {
        if (this.has(atom) || masks.some((m) => isAround(m, text, start, end))) continue;
        if (this.add(atom, start)) return true;
      }
      for (const p of phrasesByAnchor.get(w) ?? NO_PHRASES) {
        if (!this.has(p.atom) && isAround(p.around, text, start, end) && this.add(p.atom, start)) return true;
      }
      return false;
    }

    /** The `~` substrings anywhere in a run of letters (lower-cased) that starts at `at`. */
    substringsIn(run: string, at: number): boolean {
      for (const [sub, atom] of letterSubs) if (run.includes(sub) && this.add(atom, at)) return true;
      return false;
    }

    /** Stage 2: the words of text[from, to) — whole runs of letters — that are looked up. */
    run(text: string, from: number, to: number): boolean {
      // Words are runs of ASCII letters, cut at lower→Upper ("raceOutput") and before the last
      // capital of a capital run followed by a lower-case letter ("XMLParser"), as the rules'
      // splitter cuts them. The hash is kept while scanning; only a hash hit costs a string.
      const check = (start: number, end: number, hash: number): boolean =>
        end - start >= minLength && end - start <= maxLength && hashes.has(hash) && this.word(text, start, end);
      let wordStart = -1;
      let hash = 0;
      let prev = 0;
      for (let i = from; i <= to; i++) {
        const c = i < to ? text.charCodeAt(i) : 0;
        const lower = c >= 97 && c <= 122;
        const upper = c >= 65 && c <= 90;
        if (!lower && !upper) {
          if (wordStart >= 0 && check(wordStart, i, hash)) return true;
          wordStart = -1;
        } else if (wordStart < 0) {
          wordStart = i;
          hash = c | 32;
        } else if (upper && prev >= 97 && prev <= 122) {
          if (check(wordStart, i, hash)) return true;
          wordStart = i;
          hash = c | 32;
        } else if (lower && prev >= 65 && prev <= 90 && i - 1 > wordStart) {
          if (check(wordStart, i - 1, hashOf(text.slice(wordStart, i - 1)))) return true;
          wordStart = i - 1;
          hash = (Math.imul(prev | 32, 31) + (c | 32)) >>> 0;
        } else {
          hash = (Math.imul(hash, 31) + (c | 32)) >>> 0;
        }
        prev = c;
      }
      return false;
    }

    scan(raw: string, ascii = false): boolean {
      if (this.scanText(raw, ascii)) return true;
      // Strings in JSON, Python, JS, Java, Go and YAML may spell a character by its code
      // (\u7ef4, json.dump's default; \x41sian): the rules read them decoded, so the prefilter
      // reads the decoded text too (beside the raw one, which raw strings keep as they are).
      return hasCodeEscapes(raw) && this.scanText(decodeCodeEscapes(raw, this.encode), false);
    }

    scanText(text: string, ascii: boolean): boolean {
      if (this.subs.length > 0 && !ascii && NON_ASCII.test(text)) {
        for (const [s, atom] of this.subs) {
          // A counted substring adds each occurrence, as does locating; others, the first.
          const every = counted[atom] === 1 || this.offsets !== undefined;
          for (let at = text.indexOf(s); at >= 0; at = every ? text.indexOf(s, at + s.length) : -1) if (this.add(atom, at)) return true;
        }
      }
      if (!candidates) return false;
      candidates.lastIndex = 0;
      for (let m = candidates.exec(text); m !== null; m = candidates.exec(text)) {
        let from = m.index;
        while (from > 0 && isLetter(text.charCodeAt(from - 1))) from--;
        let to = m.index + m[0].length;
        while (to < text.length && isLetter(text.charCodeAt(to))) to++;
        if (this.run(text, from, to)) return true;
        if (letterSubs.length > 0 && this.substringsIn(text.slice(from, to).toLowerCase(), from)) return true;
        // After an escape (`\nrace` in a JSON string) the run's first letter belongs to it.
        if (text.charCodeAt(from - 1) === 92 && ESCAPE_LETTERS.includes(text[from] as string) && this.run(text, from + 1, to)) return true;
        candidates.lastIndex = to;
      }
      return false;
    }
  }

  const readAs = (utf8Bytes: boolean): Prefilter => {
    const encode = (text: string): string => (utf8Bytes ? Buffer.from(text, 'utf8').toString('latin1') : text);
    const subs = [...substrings].map(([form, atom]) => [encode(form), atom] as const);
    const evaluation = new Evaluation(encode, subs);
    const evaluate = (text: string, path: string | undefined, stopAtFirst: boolean, ascii?: boolean): Evaluation => {
      const e = evaluation.reset(stopAtFirst);
      if (path === undefined || !e.scan(encode(path))) e.scan(text, ascii);
      return e;
    };

    const locate = (text: string, path?: string): { offsets: number[]; escaped: boolean } | undefined => {
      const e = evaluation.reset(false, true);
      // The path's words count toward the triggers but have no place in the text.
      if (path !== undefined) e.scan(encode(path));
      e.offsets = [];
      e.scanText(text, false);
      const found = e.offsets;
      let escaped = false;
      if (hasCodeEscapes(text)) {
        e.offsets = [];
        e.scanText(decodeCodeEscapes(text, encode), false);
        // Decoding keeps the plain words: another count means some were spelled with escapes.
        escaped = e.offsets.length !== found.length;
      }
      if (e.holding.size === 0) return undefined;
      // Only the words of the triggers that hold: a word whose trigger lacks its other half is no lead.
      const useful = new Uint8Array(atomIds.size);
      for (const t of e.holding) for (const clause of triggers[t] as Trigger) for (const atom of clause.atoms) useful[atom] = 1;
      const offsets: number[] = [];
      for (let i = 0; i < found.length; i += 2) if (useful[found[i + 1] as number]) offsets.push(found[i] as number);
      return { offsets: offsets.sort((x, y) => x - y), escaped };
    };

    return {
      test: (text, path, ascii) => evaluate(text, path, true, ascii).holding.size > 0,
      holding: (text, path) => new Set(evaluate(text, path, false).holding),
      locate,
      words: lookup,
      substrings: subs.map(([form]) => form),
    };
  };
  const views = new Map<boolean, Prefilter>();
  return (utf8Bytes) => {
    let view = views.get(utf8Bytes);
    if (!view) views.set(utf8Bytes, (view = readAs(utf8Bytes)));
    return view;
  };
}
