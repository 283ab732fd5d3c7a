// ethnic-group-targeting: a specific ethnic group (Uyghur, 维族, Tibetan …) used as a class,
// attribute value, alert, flag or identifier.
import { firstIndexAfter } from '../src/positions.js';
import type { Collection, Document, Rule } from '../src/types.js';
import { contextNear, hasContext, isNameLikeString, isProseDocument, lineAt, namesInContext, tokenWords, wordsInContext, type TokenWords } from './lib/doc-words.js';
import { labelSet } from './lib/labels.js';
import { contextMatcher, lexicon, type TermHit } from './lib/lexicon.js';
import { aboutLanguageOrText, isNationalityReference } from './lib/records.js';
import { once } from './lib/once.js';
import { triggersOf } from './lib/triggers.js';
import { splitWords, type Word } from './lib/words.js';

// Words in a name or phrase that make a group mention a flag, class or alert about a person.
const FLAG_CUES = new Set([
  'is', 'has', 'if', 'flag', 'flags', 'alarm', 'alarms', 'alert', 'alerts', 'warning', 'warn', 'detect', 'detected',
  'detection', 'detector', 'recognition', 'recognize', 'recognise', 'identify', 'identification', 'classify',
  'classifier', 'classification', 'class', 'classes', 'label', 'labels', 'tag', 'tags', 'tagged', 'tagging',
  'score', 'prob', 'probability', 'predict', 'prediction', 'count', 'track', 'tracking', 'watchlist', 'blacklist',
  'face', 'faces', 'person', 'people', 'target', 'targets', 'attribute', 'attributes', 'filter', 'monitor',
  'monitoring', 'surveillance', 'camera', 'analytics', 'analysis', 'mode', 'type',
]);
const CJK_CUES = /告警|预警|报警|识别|检测|是否|判断|分类|标签|标注|类别|属性|布控|抓拍|人脸|摄像|监控|比对|追踪|筛选/;

/** A locale code next to the term: ug, ug_CN, bo-CN, kk_KZ. */
const LOCALE_CODE = /^(?:ug|bo|kk|ky|uz|tg|ku|rom|rmn)(?:[-_][A-Za-z]{2,4})?$/;

function localeNearby(tw: TokenWords, hit: TermHit, doc: Document): boolean {
  if (wordsInContext(tw.words, 'locale')) return true;
  // 维吾尔语, 藏文: a CJK group name followed by 语 (language) or 文 (script) names a language.
  if (/^[语文]/.test(doc.text.slice(hit.end, hit.end + 1)) && /[\u4e00-\u9fff]$/.test(doc.text.slice(hit.start, hit.end))) return true;
  // Language menus and locale tables: the group's name sits next to a locale code or in a locale folder.
  const around = doc.text.slice(Math.max(0, hit.start - 40), Math.min(doc.text.length, hit.end + 40));
  // Also inside snake_case words: fastText language-ID labels are `__label__ug`.
  const words = around.split(/[^A-Za-z_-]+/);
  if ([...words, ...words.flatMap((w) => w.split('_'))].some((w) => LOCALE_CODE.test(w))) return true;
  // A member of a language or locale table (LANG_ENCODINGS, SUPPORTED_LOCALES).
  if (namesInContext(collectionsAt(doc, tw.token.start).flatMap((c) => [c.name, ...c.path]), 'locale')) return true;
  // Whole files of locale data: paths under locales/, i18n/, fonts/ …
  return wordsInContext(splitWords(doc.path), 'locale');
}

/** Characters either side of a group's name searched for other writing systems' names. */
const SCRIPT_TABLE_RADIUS = 300;
/** Distinct writing systems that make a table of scripts: a class list with a script or two in a comment stays a class list. */
const SCRIPT_TABLE_NAMES = 6;

/** Where the file names writing systems (Latn, Cyrillic, Old_Uyghur's "Ougr" …), ascending. */
const scriptNamesCache = new WeakMap<Document, { at: number; form: string }[]>();

function scriptNames(doc: Document): { at: number; form: string }[] {
  let names = scriptNamesCache.get(doc);
  if (!names) {
    names = [];
    const systems = contextMatcher('writing-systems');
    for (const tw of tokenWords(doc)) {
      const hits = systems.match(tw.words, true);
      if (hits.length === 0) continue;
      // A name that is also a group's (Tibetan, Mongolian) never counts: a class list stays one.
      const groupWords = new Set(lexicon().groups.match(tw.words, true).flatMap((h) => tw.words.slice(h.firstWord, h.lastWord + 1).map((w) => w.start)));
      for (const h of hits) if (!groupWords.has(tw.words[h.firstWord]?.start ?? -1)) names.push({ at: h.start, form: h.form });
    }
    names.sort((x, y) => x.at - y.at);
    scriptNamesCache.set(doc, names);
  }
  return names;
}

/**
 * A Unicode script or block table (`Adlm`, `Adlam`, … `Ougr`, `Old_Uyghur`; `"Tibetan":
 * range(3840, 4096)`), as regular-expression engines, font tools and charset detectors ship: six
 * or more distinct writing systems around the name, not counting names that are also groups'.
 * The file's names are found once; each group name then costs a binary search.
 */
function inScriptTable(hit: TermHit, doc: Document): boolean {
  const names = scriptNames(doc);
  const seen = new Set<string>();
  for (let i = firstIndexAfter(names, (n) => n.at < hit.start - SCRIPT_TABLE_RADIUS); i < names.length; i++) {
    const name = names[i] as { at: number; form: string };
    if (name.at > hit.end + SCRIPT_TABLE_RADIUS) break;
    seen.add(name.form);
    if (seen.size >= SCRIPT_TABLE_NAMES) return true;
  }
  return false;
}

/** Words either side of a group's name in prose that may cue a flag. */
const NEAR_WORDS = 8;

/** A flag cue among `words`, other than the name's own, within `radius` words of it. */
function hasFlagCue(words: readonly Word[], except: TermHit, radius = Infinity): boolean {
  return words.some(
    (w, i) =>
      (i < except.firstWord || i > except.lastWord) &&
      i >= except.firstWord - radius &&
      i <= except.lastWord + radius &&
      (FLAG_CUES.has(w.text) || (w.script && CJK_CUES.test(w.text))),
  );
}

/** Collections that hold a given offset: the label sets a string member belongs to. */
function collectionsAt(doc: Document, start: number): Collection[] {
  return doc.collections.filter((c) => c.members.some((m) => m.start === start));
}

function inHumanLabelSet(doc: Document, start: number): boolean {
  return collectionsAt(doc, start).some((c) => labelSet(c).labels.length >= 2);
}

function labelLike(value: string): boolean {
  return value.length <= 48 && splitWords(value).length <= 5;
}

function policyNearby(doc: Document, offset: number): boolean {
  return contextNear(doc, 'policy', offset, 1);
}

function judge(doc: Document, tw: TokenWords, hit: TermHit): boolean {
  if (hasContext(doc, 'fairness') || aboutLanguageOrText(doc)) return false;
  const strong = hit.entry.tier === 'strong';
  const { token } = tw;
  if (localeNearby(tw, hit, doc) || inScriptTable(hit, doc)) return false;
  if (isNationalityReference(doc)) return false;
  if (tw.isProse) {
    // Prose names groups all the time (news, policy): only a flag/alert/classification phrase counts.
    // Only the words next to the name count, by position in the word list: a docstring's words
    // all carry the string's offset, so "This class stores …" must not cue a name 40 words on.
    return hasFlagCue(tw.words, hit, NEAR_WORDS) && !policyNearby(doc, hit.start);
  }
  if (tw.isName) return strong || hasFlagCue(tw.words, hit) || inHumanLabelSet(doc, token.start);
  // A string: a class name or attribute value is short; sentences in data are content, not labels.
  if (!labelLike(token.value)) return false;
  if (strong) return true;
  return inHumanLabelSet(doc, token.start) || hasFlagCue(tw.words, hit);
}

const triggers = once(() => triggersOf(lexicon().entries.filter((e) => e.category === 'ethnic-group')));

const rule: Rule = {
  id: 'ethnic-group-targeting',
  meta: {
    name: 'EthnicGroupTargeting',
    shortDescription: 'A specific ethnic group used as a class, flag or alert.',
    fullDescription:
      'A specific ethnic group, such as Uyghurs (维族), Tibetans, Kazakhs, Hui or Rohingya, named as a class, attribute value, alert, flag or identifier: the pattern of the "Uyghur alarm" and "是否是维族" face attributes exposed in 2019–2020.',
    defaultSeverity: 'error',
    securitySeverity: 9.5,
    precision: 'high',
    tags: ['security', 'ethnicity', 'targeting', 'surveillance'],
    references: [
      'https://eur-lex.europa.eu/eli/reg/2024/1689/oj (EU AI Act, Article 5(1)(g))',
      'https://ipvm.com/reports/alibaba-uyghur',
      'https://ipvm.com/reports/dahua-uyghur-warning',
      'https://ipvm.com/reports/hikvision-uyghur',
    ],
    docs: 'rules/ethnic-group-targeting.md',
  },
  get triggers() {
    return triggers();
  },
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'labels', 'csv', 'pbtxt', 'source', 'markdown', 'text'],
  check(doc, context) {
    const groups = lexicon().groups;
    const prose = isProseDocument(doc);
    // One finding per line: `uyghurAlert: label === '维族'` is one flag, however many names it has.
    const lines = new Set<number>();
    for (const tw of tokenWords(doc)) {
      // Pinyin (weizu) counts inside names, including names written as strings ("weizu_alarm").
      const nameLike = tw.isName || isNameLikeString(tw.token);
      for (const hit of groups.match(tw.words, nameLike)) {
        if (!judge(doc, tw, hit)) continue;
        const line = lineAt(doc, hit.start);
        if (lines.has(line)) continue;
        lines.add(line);
        const where = tw.isName ? 'identifier' : tw.isProse ? 'text' : 'value';
        const shown = tw.isName || tw.isProse ? doc.text.slice(hit.start, hit.end) : tw.token.value;
        context.report({
          message: `Ethnic group "${shown}" (${hit.entry.term}) used as a ${where === 'identifier' ? 'name of a flag, class or attribute' : where === 'value' ? 'class or attribute value' : 'flag or alert in text'}${tw.isProse || prose ? ' (evidence only in a comment or prose)' : ''}.`,
          start: tw.isName || tw.isProse ? hit.start : tw.token.start,
          end: tw.isName || tw.isProse ? hit.end : tw.token.end,
          evidence: hit.entry.term,
          downgrade: tw.isProse || prose,
        });
      }
    }
  },
};

export default rule;
