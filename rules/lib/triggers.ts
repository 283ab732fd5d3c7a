// Prefilter literals for a rule, derived from the lexicon entries it matches. Each form gives one
// literal: a word that must occur, as a word, wherever the form can match. For multi-word forms
// the word chosen is the most specific one — a word that is a term by itself ("race" in
// "predict race"), else the longest word that is not an everyday word of code ("skin" in
// "skin color"), so that the prefilter lets few files through.
import type { LexEntry } from './lexicon.js';
import { splitWords } from './words.js';

// Words of multi-word forms that occur in most code bases; never chosen while a better one exists.
const EVERYDAY = new Set([
  'predict', 'prediction', 'classify', 'classification', 'classifier', 'detect', 'detection', 'detector', 'estimate',
  'estimation', 'infer', 'recognition', 'identification', 'face', 'color', 'colour', 'colors', 'colours', 'tone', 'tones',
  'type', 'group', 'groups', 'code', 'origin', 'or', 'and', 'of', 'the', 'is', 'other', 'people', 'alert', 'alarm',
  'warning', 'native', 'american', 'greater', 'north', 'south', 'east', 'non', 'appearance', 'em', 'white', 'black',
  'yellow', 'brown',
]);

function chosenWord(form: string, known: ReadonlySet<string>): string {
  const words = splitWords(form);
  if (words.some((w) => w.script)) return form.toLowerCase();
  const texts = words.map((w) => w.text);
  const byLength = (a: string, b: string): number => b.length - a.length;
  return (
    texts.filter((t) => known.has(t)).sort(byLength)[0] ??
    texts.filter((t) => !EVERYDAY.has(t)).sort(byLength)[0] ??
    texts.sort(byLength)[0] ??
    ''
  );
}

export function triggersOf(entries: readonly LexEntry[], extra: readonly string[] = []): string[] {
  const forms = entries.flatMap((e) => [e.term, ...e.variants, ...e.pinyin]);
  const known = new Set(forms.filter((f) => splitWords(f).length === 1).map((f) => f.toLowerCase()));
  const literals = new Set<string>(extra.map((e) => e.toLowerCase()));
  for (const form of forms) literals.add(chosenWord(form, known));
  literals.delete('');
  return [...literals].sort();
}
