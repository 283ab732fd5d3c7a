// minority-classification: "minority" / 少数民族 as a property of a person (is_minority,
// minorityScore, 少数民族检测) — never the class-imbalance sense of SMOTE and friends.
import type { Collection, Document, Rule } from '../src/types.js';
import { contextNear, hasContext, isNameLikeString, isProseDocument, lineAt, tokenWords, type TokenWords } from './lib/doc-words.js';
import { lexicon } from './lib/lexicon.js';
import { once } from './lib/once.js';
import { triggersOf } from './lib/triggers.js';
import { splitWords, type Word } from './lib/words.js';

// In the same name (or a few words of prose), these make "minority" a judgement about a person.
const PERSON_CUES = new Set([
  'is', 'has', 'flag', 'score', 'prob', 'probability', 'confidence', 'detect', 'detection', 'detector', 'classifier',
  'classify', 'classification', 'predict', 'prediction', 'predicted', 'status', 'person', 'face', 'faces', 'ethnic',
  'ethnicity', 'recognition', 'recognize', 'alarm', 'alert', 'tag', 'tagged', 'check', 'identify', 'estimate', 'member',
  'people', 'head', 'logit', 'logits', 'output', 'pred', 'preds', 'p',
]);

// Next to "minority", these are the imbalance, politics, language and distributed-systems senses.
const OTHER_SENSES = new Set([
  'class', 'classes', 'sample', 'samples', 'sampling', 'oversampling', 'oversample', 'undersampling', 'instances',
  'examples', 'label', 'labels', 'partition', 'partitions', 'quorum', 'node', 'nodes', 'replica', 'replicas',
  'leader', 'party', 'government', 'stake', 'stakes', 'shareholder', 'shareholders', 'interest', 'interests',
  'owner', 'owned', 'report', 'opinion', 'vote', 'votes', 'game', 'carrier', 'carriers', 'allele', 'count', 'ratio',
  'attr', 'attribute', 'attributes', 'category', 'categories', 'feature', 'features', 'token', 'tokens', 'language',
  'languages', 'injection', 'agent', 'agents', 'player', 'players', 'group', 'groups', 'bucket', 'buckets',
]);

// 少数民族 followed by a language, script, region or policy word is not about a person.
const CJK_OTHER_SENSES = /少数民族(?:语言|文字|语|地区|文化|教育|政策|自治)/;
const CJK_PERSON_CUES = /检测|识别|判断|分类|预警|告警|是否|标签|属性|人员|人脸/;

// Collections named like a list of predicted face attributes: `attributes: [age, gender, minority]`.
const ATTRIBUTE_LIST = /^(?:attributes?|attrs?|outputs|heads|tasks|face_?attributes|return_?attributes|face_?fields?)$/i;
const DEMOGRAPHIC_SIBLINGS = new Set(['age', 'gender', 'sex', 'emotion', 'glasses', 'beauty', 'mask', 'smile']);

// Model-output cues make a name a person's score (minority_head); in prose they are too loose.
const NAME_ONLY_CUES = new Set(['head', 'logit', 'logits', 'output', 'pred', 'preds', 'p', 'member', 'score', 'status', 'check']);

/** Index of a "minority" word used of a person within `words`, or -1. */
function personHit(words: readonly Word[], window: number, prose: boolean): number {
  for (const hit of lexicon().minority.match(words, true)) {
    if (words[hit.firstWord]?.script) continue; // 少数民族 is judged with its CJK cues
    const near = (k: number): boolean => (k < hit.firstWord || k > hit.lastWord) && k >= hit.firstWord - window && k <= hit.lastWord + window;
    const around = words.filter((_, k) => near(k));
    if (around.some((w) => OTHER_SENSES.has(w.text))) continue;
    if (around.some((w) => PERSON_CUES.has(w.text) && !(prose && NAME_ONLY_CUES.has(w.text)))) return hit.firstWord;
  }
  return -1;
}

/** Files whose "minority" is another sense throughout: resampling, consensus, politics, physics. */
function otherSenseFile(doc: Document, offset: number): boolean {
  if (hasContext(doc, 'fairness')) return true;
  const personNear = contextNear(doc, 'person', offset, 20) || contextNear(doc, 'face', offset, 20);
  return !personNear && (hasContext(doc, 'imbalance') || hasContext(doc, 'minority-senses'));
}

interface Hit {
  start: number;
  end: number;
  shown: string;
}

function englishHit(doc: Document, tw: TokenWords): Hit | undefined {
  const nameLike = tw.isName || isNameLikeString(tw.token);
  if (!nameLike && !tw.isProse) return undefined;
  // A name is judged as a whole; in prose only the few words around "minority" count.
  const i = personHit(tw.words, nameLike ? tw.words.length : 3, !nameLike);
  if (i < 0) return undefined;
  const word = tw.words[i] as Word;
  if (otherSenseFile(doc, word.start)) return undefined;
  if (tw.isProse) {
    if (contextNear(doc, 'policy', word.start, 0)) return undefined;
    return { start: word.start, end: word.end, shown: doc.text.slice(word.start, word.end) };
  }
  return { start: tw.token.start, end: tw.token.end, shown: tw.token.value };
}

/** 少数民族 with a detection, flag or alert cue in the same run of text: 少数民族检测, 是否少数民族. */
function cjkHit(doc: Document, tw: TokenWords): Hit | undefined {
  for (const hit of lexicon().minority.match(tw.words)) {
    const w = tw.words[hit.firstWord] as Word;
    if (!w.script || !CJK_PERSON_CUES.test(w.text) || CJK_OTHER_SENSES.test(w.text)) continue;
    if (tw.isProse && contextNear(doc, 'policy', hit.start, 0)) continue;
    return { start: w.start, end: w.end, shown: w.text };
  }
  return undefined;
}

/** `attributes: [age, gender, glasses, minority]`: minority asked of a face beside age and gender. */
function attributeListHits(doc: Document): { collection: Collection; member: Collection['members'][number] }[] {
  const out: { collection: Collection; member: Collection['members'][number] }[] = [];
  for (const c of doc.collections) {
    if (!ATTRIBUTE_LIST.test(c.name ?? '')) continue;
    const values = c.members.map((m) => m.value.trim().toLowerCase());
    if (!values.some((v) => DEMOGRAPHIC_SIBLINGS.has(v))) continue;
    for (const m of c.members) {
      if (lexicon().minority.whole(m.value, true)) out.push({ collection: c, member: m });
    }
  }
  return out;
}

const triggers = once(() => triggersOf(lexicon().entries.filter((e) => e.category === 'minority')));

const rule: Rule = {
  id: 'minority-classification',
  meta: {
    name: 'MinorityClassification',
    shortDescription: 'Classifying whether a person belongs to an ethnic minority.',
    fullDescription:
      'A flag, score, detector or alert that decides whether a person is an ethnic minority (is_minority, minorityScore, 少数民族检测), as in the face-analysis API that offered "minority" detection beside "is it Uyghur". The class-imbalance sense of "minority" (SMOTE, minority class) is not reported.',
    defaultSeverity: 'error',
    securitySeverity: 9.0,
    precision: 'high',
    tags: ['security', 'ethnicity', 'targeting'],
    references: [
      'https://eur-lex.europa.eu/eli/reg/2024/1689/oj (EU AI Act, Article 5(1)(g))',
      'https://ipvm.com/reports/alibaba-uyghur',
    ],
    docs: 'rules/minority-classification.md',
  },
  get triggers() {
    return triggers();
  },
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'labels', 'csv', 'pbtxt', 'source', 'markdown', 'text'],
  check(doc, context) {
    const prose = isProseDocument(doc);
    // One finding per name per file: "minority_score" in a JSON tag and MinorityScore are one field.
    const reported = new Set<string>();
    const report = (hit: Hit, downgrade: boolean, why: string): void => {
      const key = `${downgrade ? 'prose' : 'code'}:${splitWords(hit.shown).map((w) => w.text).join(' ')}`;
      const line = `line:${lineAt(doc, hit.start)}`;
      if (reported.has(key) || reported.has(line)) return;
      reported.add(key);
      reported.add(line);
      context.report({
        message: `"${hit.shown}" ${why}${downgrade ? ' (evidence only in a comment or prose)' : ''}.`,
        start: hit.start,
        end: hit.end,
        evidence: hit.shown.toLowerCase(),
        downgrade,
      });
    };
    for (const tw of tokenWords(doc)) {
      const hit = englishHit(doc, tw) ?? cjkHit(doc, tw);
      if (hit) report(hit, tw.isProse || prose, 'classifies a person as an ethnic minority');
    }
    for (const { collection, member } of attributeListHits(doc)) {
      const others = collection.members.map((m) => m.value).filter((v) => DEMOGRAPHIC_SIBLINGS.has(v.trim().toLowerCase()));
      report({ start: member.start, end: member.end, shown: member.value }, prose, `is asked of a face beside ${others.join(', ')}: it classifies a person as an ethnic minority`);
    }
  },
};

export default rule;
