// Prefilter triggers for a rule, derived from the lexicon entries it matches. Each form gives one
// trigger: the form itself, as a word or as a phrase of consecutive words ("skin color" holds for
// skin_color, skinColor and "skin colour" only where the rule can match it), so that a file
// with an everyday word of a form (skin, last, black) alone is not let through.
import { lexicon, type LexEntry } from './lexicon.js';
import { splitWords } from './words.js';

/** The trigger for one form: the form in another script as it is, else its split words. */
export function formTrigger(form: string): string {
  const words = splitWords(form);
  if (words.some((w) => w.script)) return form.toLowerCase();
  // A word with letters beyond a-z (Ouïghour) is searched as a substring, on its own.
  const wide = words.map((w) => w.text).filter((t) => !/^[a-z0-9]+$/.test(t));
  if (wide.length > 0) return wide.sort((a, b) => b.length - a.length)[0] as string;
  return words.map((w) => w.text).join(' ');
}

export function triggersOf(entries: readonly LexEntry[], extra: readonly string[] = []): string[] {
  const forms = entries.flatMap((e) => [e.term, ...e.variants, ...e.pinyin]);
  const literals = new Set<string>(extra.map((e) => e.toLowerCase()));
  for (const form of forms) literals.add(formTrigger(form));
  literals.delete('');
  return withOtherSenses([...literals].sort());
}

/**
 * Triggers with the lexicon's other-sense phrases attached to the words they contain: "race"
 * becomes "race ! race condition ! promise race …", so that a file whose only "race" is a race
 * condition or Promise.race is not parsed for nothing.
 */
export function withOtherSenses(triggers: readonly string[]): string[] {
  const phrases = lexicon().otherSenses.map((p) => splitWords(p).map((w) => w.text));
  const mask = (alternative: string): string => {
    const word = alternative.trim();
    if (!/^[a-z]+$/.test(word)) return alternative;
    const masks = phrases.filter((words) => words.length > 1 && words.includes(word)).map((words) => words.join(' '));
    return masks.length > 0 ? [word, ...masks].join(' ! ') : alternative;
  };
  return triggers.map((t) => t.split('&').map((clause) => clause.split('|').map(mask).join('|')).join('&'));
}

/**
 * The triggers without those that hold only where a shorter one holds too: "hc net sdk dll"
 * adds nothing to "hc net sdk". Only plain words and phrases are compared.
 */
export function minimalTriggers(triggers: readonly string[]): string[] {
  const plain = (t: string): boolean => /^[a-z0-9]+(?: [a-z0-9]+)*$/.test(t);
  const implied = (longer: string, shorter: string): boolean => longer !== shorter && ` ${longer} `.includes(` ${shorter} `);
  return triggers.filter((t) => !plain(t) || !triggers.some((other) => plain(other) && implied(t, other)));
}
