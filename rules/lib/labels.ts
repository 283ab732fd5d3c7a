// Recognising the members of a collection as human-group labels: `Latino_Hispanic`,
// `EM_RACE_YELLOW`, `asian_female`, `ARAB FACE`, `维吾尔族` — and telling fillers (`others`).
import type { Collection, Member } from '../../src/types.js';
import { lexicon, type TermHit } from './lexicon.js';
import { splitWords, type Word } from './words.js';

export interface Label {
  member: Member;
  hit: TermHit;
  /** 'group' for a named ethnic group (Uyghur, 藏族), 'category' for a race category. */
  kind: 'group' | 'category';
  tier: string;
  /** Canonical term, for counting distinct labels. */
  canonical: string;
}

// Words that decorate a label without changing what it is: "ARAB FACE", "asian_female", "race_Asian".
const DECORATION = new Set([
  'face', 'faces', 'people', 'person', 'persons', 'man', 'men', 'woman', 'women', 'male', 'female', 'males',
  'females', 'boy', 'boys', 'girl', 'girls', 'race', 'races', 'ethnicity', 'ethnic', 'group', 'origin',
  'descent', 'skin', 'type', 'class', 'label', 'm', 'f', 'img', 'images',
  // Zero-shot prompts name a class in a phrase: CLIP's "a photo of an asian person".
  'a', 'an', 'the', 'photo', 'picture', 'portrait', 'of',
]);

// Enum sentinels that close a list of members rather than name one (RACE_END, RACE_COUNT).
const SENTINELS = new Set(['end', 'count', 'max', 'num', 'undefined', 'na', 'n a']);

/** Members of a race scheme that name no group (lexicon fillers), numeric indices and enum sentinels. */
export function isFiller(value: string): boolean {
  // Numeric members are indices ("0" in label2id), not members of another taxonomy.
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return true;
  return SENTINELS.has(splitWords(value).map((w) => w.text).join(' ')) || lexicon().fillers.whole(value) !== undefined;
}

/** Words shared at the start of every identifier-like member (`EM_RACE_` in EM_RACE_YELLOW …). */
export function commonPrefix(members: readonly Member[]): string[] {
  if (members.length < 2 || members.some((m) => /\s/.test(m.value))) return [];
  const split = members.map((m) => splitWords(m.value).map((w) => w.text));
  const first = split[0] as string[];
  let n = 0;
  while (n < first.length - 1 && split.every((ws) => ws.length > n + 1 && ws[n] === first[n])) n++;
  return first.slice(0, n);
}

function stripWords(words: Word[], prefixLength: number): Word[] {
  return words.slice(prefixLength).filter((w) => w.script || !DECORATION.has(w.text));
}

const TIER_RANK: Record<string, number> = { strong: 4, distinct: 3, common: 2, nationality: 1, color: 0 };

/**
 * The label a member names, if its words (minus a shared prefix and decorations) are exactly one
 * lexicon term. A hierarchical member ("Asian,GreaterEastAsian,Japanese", ethnicolr) names the
 * most specific of its parts when every part is a label.
 */
export function labelOf(member: Member, prefixLength = 0, anchored = false): Label | undefined {
  if (/[,/|>]/.test(member.value) && !lexicon().categories.whole(member.value, true)) {
    // Parts that are only decoration ("person/caucasian", "face>asian") name nothing of their own.
    const parts = member.value
      .split(/[,/|>]/)
      .map((p) => p.trim())
      .filter((p) => p !== '' && stripWords(splitWords(p), 0).length > 0);
    const labels = parts.map((p) => singleLabelOf({ ...member, value: p }, 0, anchored));
    if (parts.length === 0 || labels.some((l) => !l)) return undefined;
    if (parts.length === 1) return { ...(labels[0] as Label), member };
    const best = (labels as Label[]).reduce((a, b) => ((TIER_RANK[b.tier] ?? 0) > (TIER_RANK[a.tier] ?? 0) ? b : a));
    // Each distinct path of the hierarchy is its own category.
    return { ...best, member, canonical: parts.map((p) => p.toLowerCase()).join(',') };
  }
  return singleLabelOf(member, prefixLength, anchored);
}

// Words that make a colour a skin colour, in the member (yellow_skin, white_race) or the set's prefix (SKIN_*).
const SKIN_OR_RACE = new Set(['skin', 'race', 'races', 'racial']);

function singleLabelOf(member: Member, prefixLength: number, anchored: boolean): Label | undefined {
  if (member.value.length > 60) return undefined;
  const all = splitWords(member.value);
  const words = stripWords(all, prefixLength);
  if (words.length === 0 || words.length > 6) return undefined;
  const lex = lexicon();
  for (const [matcher, kind] of [
    [lex.groups, 'group'],
    [lex.categories, 'category'],
  ] as const) {
    const hits = matcher.match(words, true);
    const hit = hits[0];
    if (hits.length !== 1 || !hit || hit.firstWord !== 0 || hit.lastWord !== words.length - 1) continue;
    const w = words[0] as Word;
    // A script run must be the term itself, optionally with 人 ("person"), not a longer phrase.
    if (w.script && w.text.replace(/人$/, '').length > hit.form.replace(/人$/, '').length) continue;
    const tier = hit.entry.tier ?? 'common';
    // "yellow_skin", "white_race": a colour with its own skin or race word is a skin colour, not a paint.
    const skinColour = tier === 'color' && (anchored || all.slice(prefixLength).some((x) => SKIN_OR_RACE.has(x.text)));
    return { member, hit, kind, tier: skinColour ? 'distinct' : tier, canonical: hit.entry.term };
  }
  return undefined;
}

export interface LabelSet {
  labels: Label[];
  /** Members that are neither labels nor fillers. */
  others: number;
  fillers: number;
  /** Words of the shared member prefix (`em race` for EM_RACE_*). */
  prefix: string[];
}

export function labelSet(collection: Collection): LabelSet {
  const prefix = commonPrefix(collection.members);
  const anchored = prefix.some((w) => SKIN_OR_RACE.has(w));
  const labels: Label[] = [];
  let others = 0;
  let fillers = 0;
  const seen = new Set<string>();
  for (const member of collection.members) {
    const key = member.value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const label = labelOf(member, prefix.length, anchored);
    if (label) labels.push(label);
    else if (isFiller(stripWords(splitWords(member.value), prefix.length).map((w) => w.text).join(' ') || member.value)) fillers++;
    else others++;
  }
  return { labels, others, fillers, prefix };
}

export function distinctCanonical(labels: readonly Label[]): Set<string> {
  return new Set(labels.map((l) => l.canonical));
}

/** "Asian, White, Black" — the labels as written, deduplicated, at most `max`. */
export function listLabels(labels: readonly Label[], max = 8): string {
  const names = [...new Set(labels.map((l) => l.member.value))];
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, … (${names.length} in all)` : shown;
}
