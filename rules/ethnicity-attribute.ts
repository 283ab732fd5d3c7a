// ethnicity-attribute: ethnicity or race as something a model outputs or a pipeline predicts —
// output heads, training targets, task names, attribute lists, predict_race-style functions.
import type { Document, Rule, RuleContext, Token } from '../src/types.js';
import { hasContext, isProseDocument, lineAt, namesInContext, tokenWords, type TokenWords } from './lib/doc-words.js';
import { lexicon, type TermHit } from './lib/lexicon.js';
import { concurrencySense, demographicSense, isAmbiguous } from './lib/race-sense.js';
import { triggersOf } from './lib/triggers.js';
import { splitWords, type Word } from './lib/words.js';

// Words that, in the same name as the attribute, make it a model output or a prediction task.
const OUTPUT_CUES = new Set([
  'output', 'outputs', 'out', 'logits', 'logit', 'head', 'heads', 'pred', 'preds', 'prediction', 'predictions',
  'predict', 'predicted', 'predictor', 'classifier', 'classification', 'classify', 'recognition',
  'recognize', 'recognise', 'recognizer', 'detect', 'detection', 'detector', 'estimate', 'estimation', 'estimator',
  'infer', 'inference', 'inferred', 'score', 'scores', 'prob', 'probs', 'probability', 'probabilities', 'num', 'n',
  'dominant', 'predominant', 'model', 'net', 'network', 'branch', 'layer', 'loss', 'acc', 'accuracy', 'label', 'target',
  'targets', 'task', 'confidence', 'softmax', 'analyze', 'analyse', 'analysis', 'guess', 'identify', 'identification',
  'classifies', 'classified',
]);
// Not cues: labels, classes, names, tags. They name a label set, which ethnicity-label judges by its members.

// Names that hold the training target (`y`, `target`, `label_column`).
const TARGET_WORDS = new Set(['y', 'target', 'targets', 'label', 'labels', 'outcome', 'class', 'task', 'predict', 'prediction', 'objective']);
const TARGET_NAME_WORDS = new Set([...TARGET_WORDS, 'train', 'test', 'val', 'valid', 'column', 'col', 'cols', 'columns', 'name', 'names', 'key', 'field', 'type', 'attribute', 'var', 'variable', 'data', 'true']);

// Collections named like a list of predicted attributes: `attributes: [age, gender, ethnicity]`.
const ATTRIBUTE_LIST_WORDS = new Set(['attributes', 'attribute', 'attrs', 'attr', 'outputs', 'heads', 'tasks', 'targets', 'actions', 'analyses', 'field', 'fields']);
const DEMOGRAPHIC_SIBLINGS = new Set(['age', 'gender', 'sex', 'emotion', 'expression', 'beauty', 'glasses', 'smile', 'smiling', 'headpose', 'mask', 'mood']);

const LAYER_CALLEE = /^(?:Dense|Linear|Conv[123][dD]|Activation|Softmax|Output|Head|Embedding|Lambda|Sequential|TimeDistributed)$/;

function isTargetName(words: readonly Word[]): boolean {
  return words.length > 0 && words.every((w) => TARGET_NAME_WORDS.has(w.text)) && words.some((w) => TARGET_WORDS.has(w.text));
}

/** The attribute term a value names as a whole or with output cues: "race", "ethnicity_label". */
function attributeIn(value: string): TermHit | undefined {
  const words = splitWords(value);
  if (words.length === 0 || words.length > 4) return undefined;
  const hit = lexicon().attributes.match(words, true)[0];
  if (!hit) return undefined;
  const rest = words.filter((_, i) => i < hit.firstWord || i > hit.lastWord);
  return rest.every((w) => OUTPUT_CUES.has(w.text) || w.text === 'id' || w.text === 'type') ? hit : undefined;
}

/**
 * One finding per line (Dense(name="race_output") is one problem), and one per name per file:
 * the head is reported where it first appears, not at every loss or metric that refers to it.
 */
class Reporter {
  private readonly seen = new Set<number>();
  private readonly names = new Set<string>();
  constructor(
    private readonly doc: Document,
    private readonly context: RuleContext,
  ) {}

  report(start: number, end: number, what: string, evidence: string, prose: boolean, name?: string): void {
    const line = lineAt(this.doc, start);
    const key = name?.toLowerCase();
    if (this.seen.has(line) || (key !== undefined && this.names.has(key))) return;
    this.seen.add(line);
    if (key !== undefined) this.names.add(key);
    const proseDoc = prose || isProseDocument(this.doc);
    this.context.report({
      message: `${what}${proseDoc ? ' (evidence only in a comment or prose)' : ''}.`,
      start,
      end,
      evidence,
      downgrade: proseDoc,
    });
  }
}

/** A string that is a name: a dict key, tensor or output name ("race_output"), not prose. */
function isNameLikeString(token: Token): boolean {
  return token.type === 'string' && token.value.length <= 48 && /^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(token.value);
}

/** `race_output`, `ethnicity_logits`, `num_races`, `predict_race`, `detectEthnicity`. */
function checkNames(doc: Document, tw: TokenWords, out: Reporter): void {
  for (const hit of lexicon().attributes.match(tw.words, true)) {
    const cue = tw.words.find((w, i) => (i < hit.firstWord || i > hit.lastWord) && OUTPUT_CUES.has(w.text));
    if (!cue) continue;
    if (isAmbiguous(hit) && (concurrencySense(doc, tw.words, hit) || !demographicSense(doc, hit.start))) continue;
    const name = tw.token.value;
    out.report(tw.token.start, tw.token.end, `"${name}" names ${hit.entry.term} as a model output or prediction`, `name:${name.toLowerCase()}`, false, name);
  }
}

/** Task phrases anywhere: "race classification", "ethnicity recognition", 民族识别. */
function checkPhrases(doc: Document, tw: TokenWords, out: Reporter): void {
  for (const hit of lexicon().phrases.match(tw.words, tw.isName, tw.isProse ? 1 : Infinity)) {
    if (hit.entry.term.startsWith('uyghur') || hit.entry.term.startsWith('维族') || hit.entry.term.startsWith('少数民族')) continue;
    if (/\brace\b/.test(hit.form) && (concurrencySense(doc, tw.words, hit) || !demographicSense(doc, hit.start))) continue;
    if (tw.isProse && namesInContext([doc.text.slice(Math.max(0, hit.start - 80), hit.end + 80)], 'policy')) continue;
    const start = tw.isName || tw.isProse ? hit.start : tw.token.start;
    const end = tw.isName || tw.isProse ? hit.end : tw.token.end;
    out.report(start, end, `"${doc.text.slice(hit.start, hit.end)}" names a race or ethnicity classification task`, `task:${hit.entry.term}`, tw.isProse);
  }
}

/** `y = df["ethnicity"]`, `labels = data.race.values`: the training target is race or ethnicity. */
function checkTargetAssignments(doc: Document, out: Reporter): void {
  const tokens = doc.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const name = tokens[i] as Token;
    const eq = tokens[i + 1] as Token;
    if (name.type !== 'identifier' || eq.type !== 'punct' || (eq.value !== '=' && eq.value !== '<-')) continue;
    if (!isTargetName(splitWords(name.value))) continue;
    const before = tokens[i - 1];
    if (before && before.type === 'punct' && (before.value === '(' || before.value === ',')) continue; // a keyword argument
    const lineEnd = doc.text.indexOf('\n', eq.end);
    let depth = 0;
    for (let j = i + 2; j < tokens.length && (lineEnd < 0 || (tokens[j] as Token).start < lineEnd); j++) {
      const t = tokens[j] as Token;
      const prev = tokens[j - 1] as Token;
      if (t.type === 'punct') {
        if ('([{'.includes(t.value)) depth++;
        else if (')]}'.includes(t.value)) depth--;
        else if ((t.value === ',' || t.value === ';') && depth <= 0) break;
      }
      if (prev.type !== 'punct' || !['[', '.', '$', '('].includes(prev.value)) continue;
      if (t.type !== 'string' && t.type !== 'identifier') continue;
      const hit = attributeIn(t.value);
      if (!hit || (isAmbiguous(hit) && hasContext(doc, 'sports'))) continue;
      out.report(name.start, t.end, `Training target "${name.value}" is the ${hit.entry.term} column "${t.value}"`, `target:${t.value.toLowerCase()}`, false);
      break;
    }
  }
}

/** `label_column: race`, `target: ethnicity`, `target_type="race"`. */
function checkTargetPairs(doc: Document, out: Reporter): void {
  for (const pair of doc.pairs) {
    if (!isTargetName(splitWords(pair.key))) continue;
    // One value is a target; several are a selection of columns (df.drop(labels=["race", "sex"])).
    if (pair.values && pair.values.length > 1) continue;
    const values = pair.values?.map((m) => ({ value: m.value, start: m.start })) ?? (pair.value !== undefined ? [{ value: pair.value, start: pair.keyStart }] : []);
    for (const v of values) {
      const hit = attributeIn(v.value);
      if (!hit || (isAmbiguous(hit) && hasContext(doc, 'sports'))) continue;
      out.report(pair.keyStart, pair.end, `"${pair.key}" sets the prediction target to ${hit.entry.term} ("${v.value}")`, `target:${pair.key.toLowerCase()}=${v.value.toLowerCase()}`, false);
      break;
    }
  }
}

/** `Dense(5, activation="softmax", name="race")`. */
function checkLayers(doc: Document, out: Reporter): void {
  for (const call of doc.calls) {
    const callee = call.callee.split('.').pop() ?? '';
    if (!LAYER_CALLEE.test(callee)) continue;
    for (const arg of call.args) {
      if (arg.name !== 'name' && arg.name !== 'output_name') continue;
      const hit = arg.value !== undefined ? attributeIn(arg.value) : undefined;
      if (!hit || (isAmbiguous(hit) && !demographicSense(doc, call.start) && hasContext(doc, 'sports'))) continue;
      out.report(arg.start, arg.end, `Layer ${callee}(name="${arg.value}") is a ${hit.entry.term} output head`, `layer:${(arg.value ?? '').toLowerCase()}`, false, arg.value);
    }
  }
}

/** `attributes: [age, gender, ethnicity]`, `actions=['age', 'race']`. */
function checkAttributeLists(doc: Document, out: Reporter): void {
  // Selecting columns of census data (fields = ['age', 'race', …]) is not asking a model for race.
  if (!hasContext(doc, 'ml') && !hasContext(doc, 'face')) return;
  if ((hasContext(doc, 'tabular') || hasContext(doc, 'records')) && !hasContext(doc, 'face')) return;
  for (const c of doc.collections) {
    const nameWords = splitWords([c.name ?? '', ...c.path.slice(-1)].join(' '));
    if (!nameWords.some((w) => ATTRIBUTE_LIST_WORDS.has(w.text))) continue;
    const values = c.members.map((m) => m.value.toLowerCase().trim());
    if (!values.some((v) => DEMOGRAPHIC_SIBLINGS.has(v))) continue;
    for (const m of c.members) {
      const hit = lexicon().attributes.whole(m.value, true);
      if (!hit) continue;
      out.report(m.start, m.end, `Attribute list "${c.name ?? c.path.join('.')}" asks for ${hit.entry.term} beside ${values.filter((v) => DEMOGRAPHIC_SIBLINGS.has(v)).join(', ')}`, `attributes:${m.value.toLowerCase()}`, false);
    }
  }
}

const rule: Rule = {
  id: 'ethnicity-attribute',
  meta: {
    name: 'EthnicityAttribute',
    shortDescription: 'Race or ethnicity as a model output or prediction target.',
    fullDescription:
      'Ethnicity, race or skin colour as something a model outputs or a pipeline predicts: an output head or layer (race_output, Dense(name="race")), a training target (y = df["ethnicity"], label_column: race), a task name (ethnicity classification, 民族识别), a list of predicted face attributes, or a function named for it (predict_race).',
    defaultSeverity: 'error',
    securitySeverity: 8.0,
    precision: 'high',
    tags: ['security', 'ethnicity', 'biometric-categorisation', 'model-output'],
    references: [
      'https://eur-lex.europa.eu/eli/reg/2024/1689/oj (EU AI Act, Article 5(1)(g))',
      'https://ipvm.com/reports/hikvision-uyghur',
    ],
    docs: 'rules/ethnicity-attribute.md',
  },
  triggers: triggersOf(lexicon().entries.filter((e) => e.category === 'attribute-key' || e.category === 'task-phrase')),
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'csv', 'pbtxt', 'source', 'markdown', 'text'],
  check(doc, context) {
    const out = new Reporter(doc, context);
    // Training on race is reported even inside a fairness study; everything else there is measurement.
    checkTargetAssignments(doc, out);
    checkTargetPairs(doc, out);
    if (hasContext(doc, 'fairness')) return;
    checkLayers(doc, out);
    checkAttributeLists(doc, out);
    for (const tw of tokenWords(doc)) {
      if (tw.isName || isNameLikeString(tw.token)) checkNames(doc, tw, out);
      checkPhrases(doc, tw, out);
    }
  },
};

export default rule;
