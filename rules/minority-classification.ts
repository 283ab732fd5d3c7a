// minority-classification: "minority" / 少数民族 as a property of a person (is_minority,
// minorityScore, 少数民族检测) — never the class-imbalance sense of SMOTE and friends.
import type { Document, Rule } from '../src/types.js';
import { contextNear, hasContext, isProseDocument, tokenWords, type TokenWords } from './lib/doc-words.js';
import { lexicon } from './lib/lexicon.js';
import { triggersOf } from './lib/triggers.js';
import type { Word } from './lib/words.js';

// In the same name, these make "minority" a judgement about a person.
const PERSON_CUES = new Set([
  'is', 'has', 'flag', 'score', 'prob', 'probability', 'detect', 'detection', 'detector', 'classifier', 'classify',
  'classification', 'predict', 'prediction', 'predicted', 'status', 'person', 'face', 'faces', 'ethnic', 'ethnicity',
  'recognition', 'recognize', 'alarm', 'alert', 'tag', 'tagged', 'check', 'identify', 'estimate', 'member', 'people',
]);

// Next to "minority", these are the imbalance, politics and distributed-systems senses.
const OTHER_SENSES = new Set([
  'class', 'classes', 'sample', 'samples', 'sampling', 'oversampling', 'oversample', 'undersampling', 'instances',
  'examples', 'label', 'labels', 'partition', 'partitions', 'quorum', 'node', 'nodes', 'replica', 'replicas',
  'leader', 'party', 'government', 'stake', 'stakes', 'shareholder', 'shareholders', 'interest', 'interests',
  'owner', 'owned', 'report', 'opinion', 'vote', 'votes', 'game', 'carrier', 'carriers', 'allele', 'count', 'ratio',
]);

const CJK_PERSON_CUES = /检测|识别|判断|分类|预警|告警|是否|标签|属性|人员|人脸/;

/** Index of a "minority" word used of a person in a split name, or -1. */
function englishHit(words: readonly Word[]): number {
  for (const hit of lexicon().minority.match(words, true)) {
    if (words[hit.firstWord]?.script) continue; // 少数民族 is judged with its CJK cues
    const outside = (k: number): boolean => k < hit.firstWord || k > hit.lastWord;
    const neighbours = words.filter((_, k) => outside(k) && k >= hit.firstWord - 2 && k <= hit.lastWord + 2);
    if (neighbours.some((w) => OTHER_SENSES.has(w.text))) continue;
    if (words.some((w, k) => outside(k) && PERSON_CUES.has(w.text))) return hit.firstWord;
  }
  return -1;
}

function judgeName(doc: Document, tw: TokenWords): { start: number; end: number } | undefined {
  const i = englishHit(tw.words);
  if (i < 0) return undefined;
  // A resampling module talks about minority classes throughout; a person context overrides.
  const word = tw.words[i] as Word;
  if (hasContext(doc, 'imbalance') && !contextNear(doc, 'person', word.start, 20) && !contextNear(doc, 'face', word.start, 20)) return undefined;
  if (hasContext(doc, 'fairness')) return undefined;
  return { start: tw.token.start, end: tw.token.end };
}

/** 少数民族 with a detection, flag or alert cue in the same run of text: 少数民族检测, 是否少数民族. */
function cjkHit(tw: TokenWords): { start: number; end: number } | undefined {
  for (const hit of lexicon().minority.match(tw.words)) {
    const w = tw.words[hit.firstWord] as Word;
    if (w.script && CJK_PERSON_CUES.test(w.text)) return { start: w.start, end: w.end };
  }
  return undefined;
}

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
  triggers: triggersOf(lexicon().entries.filter((e) => e.category === 'minority')),
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'labels', 'csv', 'pbtxt', 'source', 'markdown', 'text'],
  check(doc, context) {
    const prose = isProseDocument(doc);
    const phrases = lexicon().phrases;
    for (const tw of tokenWords(doc)) {
      let found = tw.isName ? judgeName(doc, tw) : undefined;
      found ??= cjkHit(tw);
      if (!found && (tw.isProse || tw.token.type === 'string')) {
        const phrase = phrases.match(tw.words).find((h) => h.entry.term === '少数民族检测');
        if (phrase && !hasContext(doc, 'imbalance') && !contextNear(doc, 'policy', phrase.start, 1)) found = tw.isProse ? phrase : { start: tw.token.start, end: tw.token.end };
      }
      if (!found) continue;
      const downgrade = tw.isProse || prose;
      context.report({
        message: `"${doc.text.slice(found.start, found.end)}" classifies a person as an ethnic minority${downgrade ? ' (evidence only in a comment or prose)' : ''}.`,
        start: found.start,
        end: found.end,
        evidence: doc.text.slice(found.start, found.end).toLowerCase(),
        downgrade,
      });
    }
  },
};

export default rule;
