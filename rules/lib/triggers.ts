// Prefilter literals for a rule, derived from the lexicon entries it matches: if a term can
// match, its longest word occurs (case-insensitively) in the raw text. Shorter literals that
// are substrings of others make the longer ones redundant.
import type { LexEntry } from './lexicon.js';
import { splitWords } from './words.js';

function longestWord(form: string): string {
  const words = splitWords(form);
  if (words.some((w) => w.script)) return form.toLowerCase();
  return words.reduce((a, w) => (w.text.length > a.length ? w.text : a), '');
}

export function triggersOf(entries: readonly LexEntry[], extra: readonly string[] = []): string[] {
  const literals = new Set<string>(extra.map((e) => e.toLowerCase()));
  for (const e of entries) for (const form of [e.term, ...e.variants, ...e.pinyin]) literals.add(longestWord(form));
  literals.delete('');
  const sorted = [...literals].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return sorted.filter((t, i) => !sorted.slice(0, i).some((shorter) => t.includes(shorter)));
}
