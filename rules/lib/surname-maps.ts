// Hand-written surname-to-race maps: {"Garcia": "Hispanic", "Nguyen": "Asian", "Washington":
// "Black"}. A map counts when enough of its keys look like personal names (and are not group
// labels themselves, as in a label-to-label mapping) and their values are race or ethnicity labels.
import type { Document, Pair } from '../../src/types.js';
import { labelOf } from './labels.js';
import { lexicon } from './lexicon.js';
import { splitWords } from './words.js';

/** Fewer entries are a coincidence (a sample record, a test); three are a lookup table. */
export const MIN_ENTRIES = 3;

// A capitalised name, in title or upper case, with particles: Nguyen, GARCIA, O'Brien, Van Der Berg.
const NAME_KEY = /^(?:[A-Z][a-z]*['’]?)?[A-Z][a-z]+(?:[- ][A-Z][a-z]+){0,2}$|^[A-Z]{2,}(?:[-' ][A-Z]{2,})?$/;

// Words in the map's name, or the file, that say the keys are people's names.
const NAME_WORDS = new Set(['surname', 'surnames', 'lastname', 'lastnames', 'last', 'family', 'firstname', 'forename', 'given', 'name', 'names']);
const NAME_IN_FILE = /\b(?:sur|last|family|first|given|fore)[_ ]?names?\b|\bsurnames?\b|lastName|firstName/i;

export interface SurnameMap {
  name: string;
  pairs: Pair[];
  start: number;
  end: number;
}

function isPersonalName(key: string): boolean {
  if (!NAME_KEY.test(key.trim())) return false;
  const member = { value: key, start: 0, end: 0 };
  // "Asian" → "Asian" is a mapping between label sets; "Other" is a filler, not a name.
  if (labelOf(member) || lexicon().fillers.whole(key)) return false;
  return lexicon().attributes.whole(key, true) === undefined;
}

export function surnameMaps(doc: Document): SurnameMap[] {
  const byPath = new Map<string, Pair[]>();
  for (const pair of doc.pairs) {
    if (pair.value === undefined) continue;
    const key = pair.path.join('\0');
    const list = byPath.get(key);
    if (list) list.push(pair);
    else byPath.set(key, [pair]);
  }
  const fileSaysNames = NAME_IN_FILE.test(doc.text);
  const out: SurnameMap[] = [];
  for (const pairs of byPath.values()) {
    const hits = pairs.filter((p) => isPersonalName(p.key) && labelOf({ value: p.value as string, start: p.keyStart, end: p.end }) !== undefined);
    if (hits.length < MIN_ENTRIES) continue;
    const path = (hits[0] as Pair).path;
    const named = splitWords(path.join(' ')).some((w) => NAME_WORDS.has(w.text));
    if (!named && !fileSaysNames) continue;
    out.push({ name: path[path.length - 1] ?? '(map)', pairs: hits, start: (hits[0] as Pair).start, end: (hits[hits.length - 1] as Pair).end });
  }
  return out;
}
