// Loads the lexicon (rules/lexicon/*.yaml) once and compiles each category into a matcher over
// split words. Terms are data; this file only knows the schema.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledDataFile, dataDir, parseYaml } from './data-files.js';
import { splitWords, type Word } from './words.js';

export type Category = 'ethnic-group' | 'race-category' | 'filler' | 'attribute-key' | 'minority' | 'task-phrase' | 'anchor' | 'suppressor' | 'other-sense';

export interface LexEntry {
  term: string;
  variants: string[];
  pinyin: string[];
  category: Category;
  tier?: string;
  context?: string;
  language: string;
  note: string;
}

export interface TermHit {
  entry: LexEntry;
  /** The form that matched, normalised. */
  form: string;
  start: number;
  end: number;
  /** Index range [first, last] of the matched words in the word list (script hits: the run's index). */
  firstWord: number;
  lastWord: number;
}

const LEXICON_FILES = ['ethnic-groups', 'race-categories', 'attribute-keys', 'task-phrases', 'context'];

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

export function loadLexiconFile(path: string): LexEntry[] {
  // The YAML parser is needed only when no compiled lexicon exists (tests, development).
  const raw: unknown = parseYaml(readFileSync(path, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${path}: expected a list of entries`);
  return raw.map((item: Record<string, unknown>, i) => {
    if (typeof item?.term !== 'string' || typeof item.category !== 'string') {
      throw new Error(`${path}: entry ${i + 1} needs a term and a category`);
    }
    return {
      term: item.term,
      variants: asStrings(item.variants),
      pinyin: asStrings(item.pinyin),
      category: item.category as Category,
      tier: typeof item.tier === 'string' ? item.tier : undefined,
      context: typeof item.context === 'string' ? item.context : undefined,
      language: String(item.language ?? 'en'),
      note: String(item.note ?? ''),
    };
  });
}

const SCRIPT_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Cyrillic}\p{Script=Tibetan}]/u;

/** Matches a set of lexicon entries against word lists: longest word sequence first, script terms as substrings. */
export class TermMatcher {
  /** first word → candidate forms (word arrays), longest first. */
  private readonly byFirst = new Map<string, { words: string[]; entry: LexEntry; form: string; pinyin: boolean }[]>();
  /** Script-run terms (CJK, Arabic …), longest first. */
  private readonly scriptTerms: { text: string; entry: LexEntry }[] = [];

  constructor(readonly entries: readonly LexEntry[]) {
    for (const entry of entries) {
      for (const form of [entry.term, ...entry.variants]) this.add(form, entry, false);
      for (const form of entry.pinyin) this.add(form, entry, true);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
    this.scriptTerms.sort((a, b) => b.text.length - a.text.length);
  }

  private add(form: string, entry: LexEntry, pinyin: boolean): void {
    if (SCRIPT_CHAR.test(form)) {
      this.scriptTerms.push({ text: form.toLowerCase(), entry });
      return;
    }
    const words = splitWords(form).map((w) => w.text);
    const first = words[0];
    if (!first) return;
    const list = this.byFirst.get(first) ?? [];
    list.push({ words, entry, form: words.join(' '), pinyin });
    this.byFirst.set(first, list);
  }

  /**
   * All hits in `words`. `identifier` allows pinyin forms (they are only meaningful as parts
   * of names). `maxGap` bounds the characters between the words of a multi-word term, so that
   * "FairFace (race7" is not the phrase "face race". Overlapping hits resolve leftmost-longest.
   */
  match(words: readonly Word[], identifier = false, maxGap = Infinity): TermHit[] {
    const hits: TermHit[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as Word;
      if (word.script) {
        this.matchScript(word, i, hits);
        continue;
      }
      const candidates = this.byFirst.get(word.text);
      if (!candidates) continue;
      for (const c of candidates) {
        if (c.pinyin && !identifier) continue;
        if (i + c.words.length > words.length) continue;
        let ok = true;
        for (let k = 1; k < c.words.length; k++) {
          const next = words[i + k] as Word;
          if (next.text !== c.words[k] || next.start - (words[i + k - 1] as Word).end > maxGap) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        const last = words[i + c.words.length - 1] as Word;
        hits.push({ entry: c.entry, form: c.form, start: word.start, end: last.end, firstWord: i, lastWord: i + c.words.length - 1 });
        i += c.words.length - 1;
        break;
      }
    }
    return hits;
  }

  private matchScript(word: Word, index: number, hits: TermHit[]): void {
    const covered: [number, number][] = [];
    for (const t of this.scriptTerms) {
      let from = 0;
      for (;;) {
        const at = word.text.indexOf(t.text, from);
        if (at < 0) break;
        from = at + 1;
        const s = word.start + at;
        const e = s + t.text.length;
        if (covered.some(([cs, ce]) => s < ce && e > cs)) continue;
        covered.push([s, e]);
        hits.push({ entry: t.entry, form: t.text, start: s, end: e, firstWord: index, lastWord: index });
      }
    }
  }

  /** The single entry that `text` is, as a whole (all its words), or undefined. */
  whole(text: string, identifier = false): TermHit | undefined {
    const words = splitWords(text);
    if (words.length === 0) return undefined;
    const hits = this.match(words, identifier);
    const only = hits[0];
    if (hits.length === 1 && only && only.firstWord === 0 && only.lastWord === words.length - 1) {
      const w = words[0] as Word;
      if (w.script && (only.start !== w.start || only.end !== w.end)) return undefined;
      return only;
    }
    return undefined;
  }
}

export interface Lexicon {
  entries: LexEntry[];
  groups: TermMatcher;
  categories: TermMatcher;
  fillers: TermMatcher;
  attributes: TermMatcher;
  minority: TermMatcher;
  phrases: TermMatcher;
  /** Anchor and suppressor terms, one matcher per context name. */
  contexts: Map<string, TermMatcher>;
  /** Phrases in which a term has another sense (race condition, Promise.race), lower-case. */
  otherSenses: string[];
  /** Every literal a rule could match on, lower-case: the prefilter's input. */
  allForms(): string[];
}

let cached: Lexicon | undefined;

export function buildLexicon(entries: LexEntry[]): Lexicon {
  const of = (category: Category) => new TermMatcher(entries.filter((e) => e.category === category));
  const contexts = new Map<string, TermMatcher>();
  const names = new Set(entries.map((e) => e.context).filter((c): c is string => c !== undefined));
  for (const name of names) contexts.set(name, new TermMatcher(entries.filter((e) => e.context === name)));
  return {
    entries,
    groups: of('ethnic-group'),
    categories: of('race-category'),
    fillers: of('filler'),
    attributes: of('attribute-key'),
    minority: of('minority'),
    phrases: of('task-phrase'),
    contexts,
    otherSenses: entries.filter((e) => e.category === 'other-sense').flatMap((e) => [e.term, ...e.variants]).map((f) => f.toLowerCase()),
    allForms: () =>
      entries
        .filter((e) => e.category !== 'anchor' && e.category !== 'suppressor' && e.category !== 'filler' && e.category !== 'other-sense')
        .flatMap((e) => [e.term, ...e.variants, ...e.pinyin])
        .map((f) => f.toLowerCase()),
  };
}

/** Every entry of the YAML sources, in file order. */
export function readLexiconSources(): LexEntry[] {
  const dir = dataDir('lexicon');
  return LEXICON_FILES.flatMap((name) => loadLexiconFile(join(dir, `${name}.yaml`)));
}

/** Where the build writes the merged lexicon; undefined when running from source. */
export function compiledLexiconPath(): string | undefined {
  return compiledDataFile('lexicon.json');
}

export function lexicon(): Lexicon {
  if (!cached) {
    // The compiled JSON (built from the YAML by npm run build) loads without the YAML parser.
    const compiled = compiledLexiconPath();
    const entries = compiled && existsSync(compiled) ? (JSON.parse(readFileSync(compiled, 'utf8')) as LexEntry[]) : readLexiconSources();
    cached = buildLexicon(entries);
  }
  return cached;
}

let contextsMatcher: TermMatcher | undefined;

/** One matcher over every anchor and suppressor term; each hit's entry names its context. */
export function allContextsMatcher(): TermMatcher {
  contextsMatcher ??= new TermMatcher(lexicon().entries.filter((e) => e.context !== undefined));
  return contextsMatcher;
}

export function contextMatcher(name: string): TermMatcher {
  const m = lexicon().contexts.get(name);
  if (!m) throw new Error(`lexicon has no context "${name}"`);
  return m;
}
