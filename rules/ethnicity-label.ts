// ethnicity-label: a label set (class list, label map, enum, CSV column) whose classes are
// race or ethnicity categories or ethnic groups.
import type { Collection, Document, Member, Rule, Token } from '../src/types.js';
import { contextNear, hasContext, isProseDocument, namesInContext, tokenWords } from './lib/doc-words.js';
import { distinctCanonical, labelSet, listLabels, type Label } from './lib/labels.js';
import { lexicon } from './lib/lexicon.js';
import { aboutLanguageOrText, isNationalityReference, tableHasImages, tableIsLabelList } from './lib/records.js';
import { once } from './lib/once.js';
import { triggersOf } from './lib/triggers.js';
import { splitWords } from './lib/words.js';

/** How near (in lines) a face/person/demographics word must be to anchor a label set. */
const CONTEXT_RADIUS = 30;

/** Forms of collection that are label structures by themselves: class-list files, pbtxt items. */
const LABEL_FILE_FORMS = new Set<Collection['form']>(['lines', 'items']);

function keyAnchor(collection: Collection, prefix: string[]): string | undefined {
  const names = [collection.name, ...collection.path.slice(-2), prefix.join(' ')];
  for (const name of names) {
    if (!name) continue;
    const hit = lexicon().attributes.match(splitWords(name), true)[0];
    if (hit) return name;
  }
  return undefined;
}

/**
 * Labels that count as evidence. Colour words are race categories under a race/skin key, beside
 * two other group labels, or making up with one a set of nothing but race labels ({0: 'asian',
 * 1: 'white', 2: 'black'}); nationalities only under a race/ethnicity key.
 */
function counted(labels: Label[], keyed: boolean, others: number): Label[] {
  if (keyed) return labels;
  const groups = labels.filter((l) => l.tier !== 'color' && l.tier !== 'nationality');
  const withColours = labels.filter((l) => l.tier !== 'nationality');
  const groupCount = distinctCanonical(groups).size;
  const onlyRace = others === 0 && groupCount === 1 && distinctCanonical(withColours).size >= 3;
  return groupCount >= 2 || onlyRace ? withColours : groups;
}

/** Everyday taxonomies and legitimate uses that share words with race schemes. */
function isOtherTaxonomy(doc: Document, collection: Collection, key: string | undefined, share: number): boolean {
  const names = [collection.name, ...collection.path];
  if (namesInContext(names, 'locale') || namesInContext(names, 'colours')) return true;
  if (key) return false;
  if (namesInContext(names, 'cuisine') || contextNear(doc, 'cuisine', collection.start, 15)) return true;
  // Group labels that are a minority of the members belong to another list (countries, dishes).
  return share < 0.6;
}

function isLegitimateUse(doc: Document, collection: Collection, ml: boolean): boolean {
  if (hasContext(doc, 'fairness')) return true; // measuring bias across groups
  if (aboutLanguageOrText(doc)) return true; // language lists, news topics
  if (hasContext(doc, 'games') && !hasContext(doc, 'ml')) return true; // fantasy species, Mii avatars
  if (isNationalityReference(doc)) return true; // HR and ID-card tables of the 56 nationalities
  if (!ml && hasContext(doc, 'records')) return true; // OCR output, employee records
  // Census and credit data carry race as a feature; ethnicity-attribute reports it as a target.
  // A CSV that is nothing but a class list (ethnicolr's census2010_race.csv) is not such data.
  if (collection.form === 'column' && tableIsLabelList(doc)) return false;
  return hasContext(doc, 'tabular') && !contextNear(doc, 'face', collection.start, CONTEXT_RADIUS);
}

// Face race classifiers split "Indian" (South Asian) from "Asian" as classes of their own, beside
// White/Black or Caucasian: UTKFace, FairFace race4, Face++ (ASIAN/INDIA), DeepFace, RFW/BUPT
// (domain-facts §1.1, §1.9, §2.1–2.3). Self-report forms fold Indians into "Asian" (OMB) or name
// national groups (UK census), and market or cuisine lists have no White or Caucasian, so a set
// of nothing but race categories with that shape is a classifier's scheme wherever it stands.
const CLASSIFIER_SPLIT = ['asian', 'indian'] as const;
const CLASSIFIER_LIGHT_OR_DARK = ['white', 'black', 'caucasian'] as const;

function isClassifierScheme(set: { others: number }, labels: readonly Label[]): boolean {
  const canon = distinctCanonical(labels);
  return (
    set.others === 0 &&
    canon.size >= 3 &&
    CLASSIFIER_SPLIT.every((c) => canon.has(c)) &&
    CLASSIFIER_LIGHT_OR_DARK.some((c) => canon.has(c))
  );
}

function judge(doc: Document, collection: Collection): { labels: Label[]; why: string } | undefined {
  // Loose constants are a scheme only in code about models, faces or people (not an avatar editor's SKIN_COLOR_*).
  if (constantSets.has(collection) && !['ml', 'face', 'person'].some((c) => hasContext(doc, c))) return undefined;
  const set = labelSet(collection);
  if (set.labels.length < 2) return undefined;
  const key = keyAnchor(collection, set.prefix);
  const labels = counted(set.labels, key !== undefined, set.others);
  const distinct = distinctCanonical(labels).size;
  if (distinct < 2) return undefined;
  if (isOtherTaxonomy(doc, collection, key, set.labels.length / (set.labels.length + set.others))) return undefined;
  const ml = hasContext(doc, 'ml') || hasContext(doc, 'face');
  if (isLegitimateUse(doc, collection, ml)) return undefined;

  const names = [collection.name, ...collection.path];
  const structure =
    LABEL_FILE_FORMS.has(collection.form) ||
    namesInContext(names, 'label-structure') ||
    (collection.form === 'column' && (tableHasImages(doc) || tableIsLabelList(doc)));
  // A race scheme of skin colours only (EM_RACE_YELLOW, EM_RACE_BLACK …) is one wherever it stands;
  // self-report forms use named categories (Asian, Black or African American), not colours alone.
  const skinColours = key !== undefined && labels.every((l) => l.hit.entry.tier === 'color');
  // Outside label files, a set of categories with no model, face or image around is a form's picklist.
  const scheme = isClassifierScheme(set, labels);
  if (!structure && !ml && !skinColours && !scheme) return undefined;

  if (key) return { labels, why: `under key "${key}"` };
  for (const context of ['face', 'demographics', 'person'] as const) {
    if (contextNear(doc, context, collection.start, CONTEXT_RADIUS)) {
      return { labels, why: `in a ${context === 'demographics' ? 'demographic' : context} context` };
    }
  }
  const strong = labels.some((l) => l.tier === 'strong' || l.kind === 'group');
  const distinctTier = new Set(labels.filter((l) => l.tier === 'distinct').map((l) => l.canonical)).size;
  if (structure && (distinct >= 3 || strong || distinctTier >= 1 || hasContext(doc, 'ml'))) {
    const name = collection.name ?? (collection.form === 'lines' ? 'class list' : 'label map');
    return { labels, why: `in label structure "${name}"` };
  }
  if (strong || distinctTier >= 2) return { labels, why: 'that are unambiguous as human-group categories' };
  if (scheme) return { labels, why: 'with Asian and Indian as separate classes, as face race classifiers have them' };
  return undefined;
}

/**
 * A finding on a set points at its first line: from the set's start to the last recognised
 * label on that line or, when none stands there, over the opening bracket or header cell.
 */
function firstLineEnd(text: string, collection: Collection, labels: readonly Label[]): number {
  const nl = text.indexOf('\n', collection.start);
  const lineEnd = Math.min(nl < 0 ? text.length : nl, collection.end);
  const onLine = labels.map((l) => l.member.end).filter((e) => e <= lineEnd);
  if (onLine.length > 0) return Math.max(...onLine);
  const opening = /^(?:[[{(<]|[^\s,;\t|]+)/.exec(text.slice(collection.start, lineEnd));
  return collection.start + (opening ? opening[0].length : 0);
}

// "ethnicity (0: asian, 1: white, 2: middle eastern)": an index map written in a comment or in prose.
// Also Chinese notation: "民族：1-汉族 2-维吾尔族", "0、汉族；1、维吾尔族" (full-width colon, dash or 、
// after the index; entries ended by CJK punctuation or by the next entry).
const INDEX_SEP = String.raw`(?:[:=\uff1a]|[-\u3001)\uff09](?!\d))`;
const INDEX_ENTRY = new RegExp(
  `(?<![\\w.])(\\d{1,3})\\s*${INDEX_SEP}\\s*([A-Za-z\\u00c0-\\uffff][^,;()\\n\\d\uff0c\uff1b\u3001\u3002\uff08\uff09]{0,40}?)\\s*(?=[,;)\uff0c\uff1b\u3001\u3002\uff09]|\\s+\\d{1,3}\\s*${INDEX_SEP}|$)`,
  'gm',
);

/**
 * Comments on consecutive lines with nothing but white space between them, as one text: an index
 * map written one entry per line (`///< 0: Black;` / `///< 1: Asian;`). Offsets stay exact.
 */
function mergedComments(doc: Document, tokens: readonly Token[]): { value: string; start: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (last && t.type === 'comment' && /^\s*$/.test(doc.text.slice(last.end, t.start))) {
      last.value = doc.text.slice(last.start, t.end);
      last.end = t.end;
    } else {
      out.push({ value: t.value, start: t.start, end: t.end });
    }
  }
  return out;
}

// Constants that share a prefix form an enum without the keyword: `RACE_WHITE = 0; RACE_BLACK = 1`
// (Java/C# static finals, Python module constants, C `#define RACE_ASIAN 2`).
const CONSTANT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Collections made from loose constants, which need more context than a declared enum. */
const constantSets = new WeakSet<Collection>();

/** Groups of constants by their prefix, as enums named by it. */
function constantGroups(doc: Document): Collection[] {
  const groups = new Map<string, Collection>();
  const tokens = doc.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type !== 'identifier' || !CONSTANT.test(t.value)) continue;
    const defined = (tokens[i + 1] as Token).value === '=' || (i > 0 && (tokens[i - 1] as Token).value === 'define');
    if (!defined) continue;
    const cut = t.value.lastIndexOf('_');
    const prefix = t.value.slice(0, cut);
    const member = { value: t.value.slice(cut + 1), start: t.start, end: t.end };
    const group = groups.get(prefix);
    if (group) {
      if (group.members.some((m) => m.value === member.value)) continue;
      group.members.push(member);
      group.end = t.end;
    } else {
      groups.set(prefix, { form: 'enum', name: prefix, path: [], members: [member], start: t.start, end: t.end });
    }
  }
  const out = [...groups.values()].filter((g) => g.members.length >= 2);
  for (const g of out) constantSets.add(g);
  return out;
}

/** Index maps in comments and prose, as collections named by the word before them. */
function proseIndexMaps(doc: Document): Collection[] {
  const maps: Collection[] = [];
  // Plain-text files are tokenized as code, so their lines are the prose.
  const proseParts =
    doc.kind === 'text'
      ? [...doc.text.matchAll(/[^\n]+/g)].map((m) => ({ value: m[0], start: m.index as number }))
      : mergedComments(
          doc,
          tokenWords(doc)
            .filter((tw) => tw.isProse && (tw.token.type === 'comment' || tw.token.type === 'text'))
            .map((tw) => tw.token),
        );
  for (const part of proseParts) {
    // One map per run of rising indices: "gender (0: female, 1: male) … ethnicity (0: asian, …)" holds two.
    const runs: { index: number; member: Member }[][] = [];
    for (const m of part.value.matchAll(INDEX_ENTRY)) {
      const label = (m[2] as string).trim();
      const start = part.start + (m.index as number) + (m[0] as string).lastIndexOf(label);
      const entry = { index: Number(m[1]), member: { value: label, start, end: start + label.length } };
      const run = runs[runs.length - 1];
      const previous = run?.[run.length - 1];
      if (run && previous && entry.index > previous.index) run.push(entry);
      else runs.push([entry]);
    }
    let from = part.start;
    for (const run of runs) {
      const members = run.map((e) => e.member);
      const first = members[0] as Member;
      const last = members[members.length - 1] as Member;
      const before = doc.text.slice(from, first.start).split(/[^\p{L}_]+/u).filter(Boolean);
      from = last.end;
      // Two entries make a map when they are CJK group names ("0: 汉族, 1: 维吾尔族"); judge() asks for two labels.
      if (members.length < 3 && !(members.length === 2 && members.every((m) => /^[\u4e00-\u9fff]+$/.test(m.value)))) continue;
      maps.push({ form: 'list', name: before[before.length - 1], path: [], members, start: first.start, end: last.end });
    }
  }
  return maps;
}

// Answer options written into a prompt for a vision-language model or an annotation tool:
// "Answer with one word: White, Black, Asian, Indian or Other", `"ethnicity" (one of: caucasian,
// african, east_asian, …)`. The options are the classes, as a list of strings would be.
const OPTION_SEPARATOR = /\s*(?:,|;|\||\/|\bor\b|\band\b)\s*/i;
const PROMPT_KINDS = new Set<Document['kind']>(['python', 'javascript', 'notebook', 'source']);

/** Runs of three or more race or group options inside string literals of code, as collections. */
function promptOptionLists(doc: Document): Collection[] {
  if (!PROMPT_KINDS.has(doc.kind)) return [];
  const lists: Collection[] = [];
  for (const { token, isProse } of tokenWords(doc)) {
    if (isProse || token.type !== 'string' || token.value.length > 2000) continue;
    const raw = doc.text.slice(token.start, token.end);
    // Options follow a colon or open the string; each is a short phrase.
    for (const segment of raw.split(/[:?.!\n()\[\]{}]/)) {
      const items = segment.split(OPTION_SEPARATOR).map((v) => v.replace(/^[\s"'`*-]+|[\s"'`*]+$/g, '')).filter(Boolean);
      if (items.length < 3 || items.some((v) => v.split(/\s+/).length > 4)) continue;
      const at = token.start + raw.indexOf(segment);
      const members: Member[] = [];
      let from = at;
      for (const value of items) {
        const start = doc.text.indexOf(value, from);
        if (start < 0 || start > at + segment.length) break;
        members.push({ value, start, end: start + value.length });
        from = start + value.length;
      }
      if (members.length !== items.length) continue;
      // The attribute the options answer ("race", "ethnicity") names the set when the string says it.
      const before = raw.slice(0, raw.indexOf(segment)).split(/[^\p{L}_]+/u).filter(Boolean);
      const attribute = before.reverse().find((w) => lexicon().attributes.match(splitWords(w), true).length > 0);
      lists.push({ form: 'list', name: attribute ?? before[0], path: [], members, start: members[0]?.start ?? token.start, end: members[members.length - 1]?.end ?? token.end });
    }
  }
  return lists;
}

// Colour words alone are no trigger (plotting code is full of them); with a skin or race word
// beside them (yellow_skin, skin_white, EM_RACE_YELLOW) they are.
const skinColourPhrases = (): string[] =>
  lexicon()
    .entries.filter((e) => e.category === 'race-category' && e.tier === 'color')
    .flatMap((e) => [e.term, ...e.variants].filter((f) => /^[a-z]+$/.test(f)))
    .flatMap((c) => [`${c} skin`, `skin ${c}`, `${c} race`, `race ${c}`]);

const triggers = once(() =>
  triggersOf(
    lexicon().entries.filter(
      (e) => e.category === 'ethnic-group' || e.category === 'attribute-key' || (e.category === 'race-category' && e.tier !== 'color' && e.tier !== 'nationality'),
    ),
    skinColourPhrases(),
  ),
);

const rule: Rule = {
  id: 'ethnicity-label',
  meta: {
    name: 'EthnicityLabel',
    shortDescription: 'Label set of race or ethnicity categories.',
    fullDescription:
      'A class list, label map, enum, YOLO names list, TF label map or CSV label column whose classes are race or ethnicity categories or ethnic groups, so that a model trained or configured with it classifies people by race or ethnicity.',
    defaultSeverity: 'error',
    securitySeverity: 8.0,
    precision: 'high',
    tags: ['security', 'ethnicity', 'biometric-categorisation', 'labels'],
    references: [
      'https://eur-lex.europa.eu/eli/reg/2024/1689/oj (EU AI Act, Article 5(1)(g))',
      'https://ipvm.com/reports/alibaba-uyghur',
    ],
    docs: 'rules/ethnicity-label.md',
  },
  // Colour words and nationalities never make a set alone: with a race or skin key they need its words.
  get triggers() {
    return triggers();
  },
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'labels', 'csv', 'pbtxt', 'source', 'markdown', 'text'],
  check(doc, context) {
    const prose = isProseDocument(doc);
    const inProse = new Set(proseIndexMaps(doc));
    // Constants already inside an enum or list the parser read are judged there.
    const inCollections = new Set(doc.collections.flatMap((c) => c.members.map((m) => m.start)));
    const constants = constantGroups(doc).filter((g) => !g.members.some((m) => inCollections.has(m.start)));
    const options = promptOptionLists(doc);
    for (const collection of [...doc.collections, ...inProse, ...constants, ...options]) {
      const result = judge(doc, collection);
      if (!result) continue;
      const downgrade = prose || inProse.has(collection);
      const { labels, why } = result;
      const names = listLabels(labels);
      context.report({
        message: `Label set {${names}} ${why} classifies people by race or ethnicity${downgrade ? ' (evidence only in a comment or prose)' : ''}.`,
        start: collection.start,
        end: firstLineEnd(doc.text, collection, labels),
        evidence: [...distinctCanonical(labels)].sort().join('|'),
        downgrade,
      });
    }
  },
};

export default rule;
