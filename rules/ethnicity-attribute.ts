// ethnicity-attribute: ethnicity or race as something a model outputs or a pipeline predicts —
// output heads, training targets, task names, attribute lists, predict_race-style functions.
import type { Collection, Document, Member, Rule, RuleContext, Token } from '../src/types.js';
import { contextNear, hasContext, isNameLikeString, isProseDocument, lineAt, namesInContext, tokensIn, tokenWords, type TokenWords } from './lib/doc-words.js';
import { folderLoads } from './lib/folder-loaders.js';
import { lexicon, type TermHit } from './lib/lexicon.js';
import { concurrencySense, demographicSense, isAmbiguous } from './lib/race-sense.js';
import { once } from './lib/once.js';
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

/** A short string written like a name: a dict key, tensor or output name ("race_output"), not prose. */
function isShortName(token: Token): boolean {
  return token.value.length <= 48 && isNameLikeString(token);
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

const RACE_DETECTOR = /^race[ _-]?detect/;

/** Task phrases anywhere: "race classification", "ethnicity recognition", 民族识别. */
function checkPhrases(doc: Document, tw: TokenWords, out: Reporter): void {
  for (const hit of lexicon().phrases.match(tw.words, tw.isName, tw.isProse ? 1 : Infinity)) {
    if (hit.entry.term.startsWith('uyghur') || hit.entry.term.startsWith('维族') || hit.entry.term.startsWith('少数民族')) continue;
    if (/\brace\b/.test(hit.form) && (concurrencySense(doc, tw.words, hit) || !demographicSense(doc, hit.start))) continue;
    // ThreadSanitizer's and Go's "race detector" in code about threads and atomics, with no face near.
    if (RACE_DETECTOR.test(hit.form) && hasContext(doc, 'concurrency') && !contextNear(doc, 'face', hit.start, 40)) continue;
    if (tw.isProse && namesInContext([doc.text.slice(Math.max(0, hit.start - 80), hit.end + 80)], 'policy')) continue;
    const start = tw.isName || tw.isProse ? hit.start : tw.token.start;
    const end = tw.isName || tw.isProse ? hit.end : tw.token.end;
    // A whole string literal is shown without its own quotes.
    const shown = doc.text.slice(hit.start, hit.end).replace(/^["'`]+|["'`]+$/g, '');
    out.report(start, end, `"${shown}" names a race or ethnicity classification task`, `task:${hit.entry.term}`, tw.isProse);
  }
}

// 人种/种族/民族/肤色 followed closely by a prediction word: 年龄、人种、性别预测, 民族属性识别.
const CJK_ATTRIBUTES = '(?:年龄|性别|表情|颜值|眼镜|口罩|人种|种族|肤色|民族|属性)';
const CJK_TASK = new RegExp(`(人种|种族|民族|肤色)(?:[、，,和与及/ ]*${CJK_ATTRIBUTES})*[、，,和与及/ ]*(预测|识别|分类|检测)`);
// The verb first: 识别年龄、性别、肤色 ("recognise age, gender, skin colour").
const CJK_TASK_VERB_FIRST = new RegExp(`(预测|识别|分类|检测)(?:[、，,和与及/ ]*${CJK_ATTRIBUTES})*?[、，,和与及/ ]*(人种|种族|民族|肤色)`);

function checkCjkTasks(doc: Document, tw: TokenWords, out: Reporter): void {
  // A comment keeps its source text, where the words of a list are not cut apart at 、 and ，.
  if (tw.token.type === 'comment') {
    const m = CJK_TASK_VERB_FIRST.exec(tw.token.value);
    if (m && !/少数民族/.test(m[0]) && !contextNear(doc, 'policy', tw.token.start, 1)) {
      const start = tw.token.start + m.index;
      out.report(start, start + m[0].length, `"${m[0]}" names a race or ethnicity classification task`, `task:${m[2]}${m[1]}`, true);
    }
  }
  for (const w of tw.words) {
    if (!w.script) continue;
    const m = CJK_TASK.exec(w.text);
    if (!m || /少数民族/.test(w.text)) continue;
    if (tw.isProse && contextNear(doc, 'policy', w.start, 1)) continue;
    const exact = tw.isName || tw.isProse;
    const start = exact ? w.start + m.index : tw.token.start;
    const end = exact ? start + m[0].length : tw.token.end;
    out.report(start, end, `"${m[0]}" names a race or ethnicity classification task`, `task:${m[1]}${m[2]}`, tw.isProse);
  }
}

/** In prose documents the tokenizer cuts CJK text at 、 and ，, so the phrase is sought in the text itself. */
function checkCjkTasksInProse(doc: Document, out: Reporter): void {
  const forms = [new RegExp(CJK_TASK.source, 'g'), new RegExp(CJK_TASK_VERB_FIRST.source, 'g')];
  for (const m of forms.flatMap((re) => [...doc.text.matchAll(re)])) {
    const start = m.index as number;
    if (/少数民族/.test(doc.text.slice(Math.max(0, start - 2), start + 4)) || contextNear(doc, 'policy', start, 1)) continue;
    out.report(start, start + m[0].length, `"${m[0]}" names a race or ethnicity classification task`, `task:${m[1]}${m[2]}`, true);
  }
}

// The UTKFace file-name idiom: age, gender and race parsed from "25_0_2_2017….jpg".
function checkFileNameParsing(doc: Document, out: Reporter): void {
  const tokens = doc.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const name = tokens[i] as Token;
    if (name.type !== 'identifier' || (tokens[i + 1] as Token).value !== '=') continue;
    const hit = lexicon().attributes.whole(name.value, true);
    if (!hit || !demographicSense(doc, name.start)) continue;
    const lineEnd = doc.text.indexOf('\n', name.end);
    const rest = doc.text.slice(name.end, lineEnd < 0 ? doc.text.length : lineEnd);
    if (!/\bparts\b|\bsplit\s*\(|\[\s*2\s*\]/.test(rest)) continue;
    out.report(name.start, name.end, `"${name.value}" is parsed from a face image's file name (the UTKFace age_gender_race_date pattern) as a label`, `filename:${name.value.toLowerCase()}`, false, name.value);
  }
}

/**
 * The target an assignment at tokens[i] (`=` or `<-` at i + 1) writes: a name (`y = …`) or a
 * column (`batch["labels"] = …`, `train['y'] = …`); undefined for a keyword argument.
 */
function assignedName(tokens: readonly Token[], i: number): Token | undefined {
  const name = tokens[i] as Token;
  if (name.type === 'identifier') {
    const before = tokens[i - 1];
    return before && before.type === 'punct' && (before.value === '(' || before.value === ',') ? undefined : name;
  }
  if (name.type !== 'punct' || name.value !== ']') return undefined;
  const column = tokens[i - 1];
  const open = tokens[i - 2];
  return column?.type === 'string' && open?.type === 'punct' && open.value === '[' ? column : undefined;
}

/** `y = df["ethnicity"]`, `labels = data.race.values`, `batch["labels"] = batch["race"]`: the training target is race or ethnicity. */
function checkTargetAssignments(doc: Document, out: Reporter): void {
  const tokens = doc.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const eq = tokens[i + 1] as Token;
    if (eq.type !== 'punct' || (eq.value !== '=' && eq.value !== '<-')) continue;
    const name = assignedName(tokens, i);
    if (!name || !isTargetName(splitWords(name.value))) continue;
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
      if (!hit || (isAmbiguous(hit) && !demographicSense(doc, t.start))) continue;
      out.report(name.start, t.end, `Training target "${name.value}" is the ${hit.entry.term} column "${t.value}"`, `target:${t.value.toLowerCase()}`, false);
      break;
    }
  }
}

// Column renames: Hugging Face datasets' rename_column("race", "labels"), pandas' rename(columns={…}).
const RENAME_CALLEE = /(?:^|\.)rename_columns?$/;

/** `ds.rename_column("race", "labels")`: the race column becomes the training target. */
function checkTargetRenames(doc: Document, out: Reporter): void {
  for (const call of doc.calls) {
    if (!RENAME_CALLEE.test(call.callee)) continue;
    const [from, to] = call.args;
    if (from?.value === undefined || to?.value === undefined || from.name !== undefined) continue;
    const hit = attributeIn(from.value);
    if (!hit || !isTargetName(splitWords(to.value)) || (isAmbiguous(hit) && !demographicSense(doc, call.start))) continue;
    out.report(call.start, call.end, `Training target "${to.value}" is the ${hit.entry.term} column "${from.value}"`, `target:${from.value.toLowerCase()}`, false);
  }
}

/** `label_column: race`, `target: ethnicity`, `target_type="race"`. */
function checkTargetPairs(doc: Document, out: Reporter): void {
  for (const pair of doc.pairs) {
    // A bare y= is a plot axis as often as a target (sns.countplot(y='race')); fit(X, y=…) is checked apart.
    if (pair.key === 'y' || pair.key === 'Y' || !isTargetName(splitWords(pair.key))) continue;
    // One value is a target; several are a selection of columns (df.drop(labels=["race", "sex"])).
    if (pair.values && pair.values.length > 1) continue;
    const values = pair.values?.map((m) => ({ value: m.value, start: m.start })) ?? (pair.value !== undefined ? [{ value: pair.value, start: pair.keyStart }] : []);
    for (const v of values) {
      const hit = attributeIn(v.value);
      if (!hit || (isAmbiguous(hit) && !demographicSense(doc, pair.keyStart))) continue;
      out.report(pair.keyStart, pair.end, `"${pair.key}" sets the prediction target to ${hit.entry.term} ("${v.value}")`, `target:${pair.key.toLowerCase()}=${v.value.toLowerCase()}`, false);
      break;
    }
  }
}

// Keywords that declare a record type: Go/C/Rust struct, TS interface, proto message, Kotlin data class, SQL table.
const TYPE_KEYWORDS = new Set(['struct', 'interface', 'message', 'class', 'record', 'type', 'table']);
// A type whose name says it describes a face or a person: FaceResult, FaceAttributes, PersonInfo.
const SUBJECT_WORDS = new Set(['face', 'faces', 'person', 'pedestrian', 'human', 'portrait', 'subject']);
// In a file about faces, a type named for attributes or results describes the face too.
const RESULT_WORDS = new Set(['attributes', 'attribute', 'attrs', 'attr', 'result', 'results', 'info', 'detection']);

function isSubjectType(doc: Document, name: string): boolean {
  const words = splitWords(name);
  if (words.some((w) => SUBJECT_WORDS.has(w.text))) return true;
  return words.some((w) => RESULT_WORDS.has(w.text)) && hasContext(doc, 'face');
}

// Hungarian-notation prefixes of C-style SDK struct fields: byRace (BYTE), emRace (enum), nRace
// (int), dwRace (DWORD), szNation (string); Go bindings export them capitalised (ByRace, EmEthnic).
const HUNGARIAN_PREFIX = /^(?:by|em|n|dw|w|sz|b|u|i|By|Em|N|Dw|Sz)(?=[A-Z])/;

/** The attribute a struct field names, with or without a Hungarian prefix: race, byRace, EmEthnic. */
function fieldAttribute(doc: Document, name: string): TermHit | undefined {
  const bare = name.replace(HUNGARIAN_PREFIX, '');
  const hit = lexicon().attributes.whole(name, true) ?? (bare !== name ? lexicon().attributes.whole(bare, true) : undefined);
  // A character's race in a game's struct (BYTE byRace) is a fantasy species.
  if (hit && isAmbiguous(hit) && (hasContext(doc, 'games') || hasContext(doc, 'sports'))) return undefined;
  return hit;
}

function reportField(out: Reporter, typeName: string, field: Token | Member, hit: TermHit): void {
  out.report(field.start, field.end, `Field "${field.value}" of ${typeName} holds a person's ${hit.entry.term}`, `field:${typeName.toLowerCase()}.${field.value.toLowerCase()}`, false, field.value);
}

/** Python ctypes structures: `_fields_ = [("byRace", c_ubyte), …]` in `class NET_VCA_HUMAN_ATTRIBUTE(Structure)`. */
function checkCtypesFields(doc: Document, out: Reporter): void {
  for (const c of doc.collections) {
    const typeName = c.path[c.path.length - 2];
    const field = c.members[0];
    if (c.path[c.path.length - 1] !== '_fields_' || typeName === undefined || !field || !isSubjectType(doc, typeName)) continue;
    const hit = fieldAttribute(doc, field.value);
    if (hit) reportField(out, typeName, field, hit);
  }
}

/**
 * Fields named for the attribute in a face or person result type: Go `Ethnicity string`,
 * proto `string race = 3`, Rust `pub race: Race`, Kotlin `val skinColor`, SDK `BYTE byRace`.
 */
function checkSubjectTypes(doc: Document, out: Reporter): void {
  const tokens = doc.tokens;
  for (let i = 1; i < tokens.length; i++) {
    const name = tokens[i] as Token;
    const keyword = tokens[i - 1] as Token;
    // SQL writes CREATE TABLE in capitals.
    if (name.type !== 'identifier' || !TYPE_KEYWORDS.has(keyword.value.toLowerCase())) continue;
    // A database table of people is a record store (CRM, OMOP `person`); of face captures, a model's output.
    if (keyword.value.toLowerCase() === 'table' && !hasContext(doc, 'face') && !hasContext(doc, 'ml')) continue;
    const subject = isSubjectType(doc, name.value);
    if (!subject && !isPredictionType(name.value)) continue;
    // Go writes `type FaceResult struct {`: the body opens after the name within a few tokens.
    let open = i + 1;
    while (open < tokens.length && open <= i + 8 && !['{', '('].includes((tokens[open] as Token).value)) open++;
    if (open >= tokens.length || open > i + 8) continue;
    const close = (tokens[open] as Token).value === '{' ? '}' : ')';
    const fields: Token[] = [];
    let depth = 0;
    for (let j = open; j < tokens.length; j++) {
      const t = tokens[j] as Token;
      if (t.type === 'punct' && (t.value === '{' || t.value === '(')) depth++;
      else if (t.type === 'punct' && (t.value === '}' || t.value === ')')) {
        if (--depth === 0 && t.value === close) break;
      } else if ((depth === 1 && t.type === 'identifier') || (t.type === 'string' && isShortName(t))) {
        const before = tokens[j - 1] as Token;
        if (before.type === 'punct' && (before.value === ':' || before.value === '->' || before.value === '>')) continue; // a type, not a field
        fields.push(t);
      }
    }
    // A prediction's result type (GearResult) holds a person's attributes when age or gender stand beside race.
    if (!subject && !fields.some((f) => DEMOGRAPHIC_SIBLINGS.has(f.value.toLowerCase()))) continue;
    for (const t of fields) {
      const hit = fieldAttribute(doc, t.value);
      if (hit) reportField(out, name.value, t, hit);
    }
  }
}

// Names of a model's result type: GearResult, AttributePrediction, FaceOutput (not Record or Info).
const PREDICTION_TYPE_WORDS = new Set(['result', 'results', 'prediction', 'predictions', 'output', 'outputs', 'estimate', 'estimation', 'analysis', 'detection', 'inference']);

function isPredictionType(name: string): boolean {
  return splitWords(name).some((w) => PREDICTION_TYPE_WORDS.has(w.text));
}

// Calls whose later positional arguments are training targets: fit(X, y), train_test_split(X, y).
const FIT_CALLEE = /^(?:fit|fit_transform|fit_predict|partial_fit|train_test_split|cross_val_score|cross_val_predict|cross_validate|learning_curve)$/;

/** `LogisticRegression().fit(X, df.ethnicity)`, `train_test_split(X, df["race"])`. */
function checkFitTargets(doc: Document, out: Reporter): void {
  for (const call of doc.calls) {
    if (!FIT_CALLEE.test(call.callee.split('.').pop() ?? '')) continue;
    for (const arg of call.args.slice(1)) {
      if (arg.name !== undefined && arg.name !== 'y') continue; // sensitive_features= and friends are not targets
      for (const t of tokensIn(doc, arg.start, arg.end)) {
        if (t.type !== 'string' && t.type !== 'identifier') continue;
        const hit = attributeIn(t.value);
        if (!hit || t.start === arg.start || (isAmbiguous(hit) && !demographicSense(doc, t.start))) continue;
        out.report(arg.start, arg.end, `${call.callee.split('.').pop()}() trains on the ${hit.entry.term} column "${t.value}" as its target`, `target:${t.value.toLowerCase()}`, false);
      }
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

// Model calls whose list argument names the outputs: model.execute(input, ['age_output', 'race_output']).
const OUTPUT_CALLEE = /^(?:execute|executeAsync|predict|run|analyze|analyse|detect)$/;

/** `attributes: [{name: gender}, {name: ethnicity}]`: the `name` values of a list of mappings, as one list. */
function namedEntryLists(doc: Document): Collection[] {
  const byList = new Map<string, Collection>();
  for (const pair of doc.pairs) {
    if (pair.key !== 'name' || pair.value === undefined || pair.path.length < 2) continue;
    const index = pair.path[pair.path.length - 1] as string;
    if (!/^\d+$/.test(index)) continue;
    const listPath = pair.path.slice(0, -1);
    const key = listPath.join('\0');
    const list = byList.get(key) ?? { form: 'list', name: listPath[listPath.length - 1], path: listPath.slice(0, -1), members: [], start: pair.keyStart, end: pair.end };
    list.members.push({ value: pair.value, start: pair.keyStart, end: pair.end });
    byList.set(key, list);
  }
  return [...byList.values()];
}

/** Lists passed to a model call, as collections named by the call (they have no binding of their own). */
function outputNameLists(doc: Document): Collection[] {
  const lists: Collection[] = [];
  for (const call of doc.calls) {
    const callee = call.callee.split('.').pop() ?? '';
    if (!OUTPUT_CALLEE.test(callee)) continue;
    for (const arg of call.args) {
      if (arg.members && arg.members.length >= 2 && arg.name === undefined) {
        lists.push({ form: 'list', name: 'outputs', path: [callee], members: arg.members, start: arg.start, end: arg.end });
      }
    }
  }
  return lists;
}

/** `attributes: [age, gender, ethnicity]`, `actions=['age', 'race']`, `model.execute(x, ['age', 'ethnicity'])`. */
function checkAttributeLists(doc: Document, out: Reporter): void {
  // Selecting columns of census data (fields = ['age', 'race', …]) is not asking a model for race.
  if (!hasContext(doc, 'ml') && !hasContext(doc, 'face')) return;
  if ((hasContext(doc, 'tabular') || hasContext(doc, 'records')) && !hasContext(doc, 'face')) return;
  for (const c of [...doc.collections, ...outputNameLists(doc), ...namedEntryLists(doc)]) {
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

// Words beside the attribute in a folder name that leave it naming the classes: `race`, `by_race`, `ethnicity_faces`.
const FOLDER_WORDS = new Set([
  'data', 'dataset', 'datasets', 'image', 'images', 'img', 'imgs', 'face', 'faces', 'photo', 'photos', 'crops',
  'cropped', 'aligned', 'train', 'training', 'val', 'valid', 'validation', 'test', 'by', 'per', 'split', 'balanced',
  'class', 'classes', 'folder', 'folders', 'dir', 'sorted',
]);

/**
 * The folder of a path named for the attribute: `data/race/train` → race. Only generic folders
 * (splits, `images`) may follow it, since the classes are the sub-folders of the last one:
 * in `data/nations/flags` they are kinds of flag.
 */
function folderAttribute(path: string): { hit: TermHit; folder: string } | undefined {
  const generic = (folder: string): boolean => splitWords(folder).every((w) => FOLDER_WORDS.has(w.text) || /^\d+$/.test(w.text));
  const folders = path.split(/[\\/]+/).filter(Boolean);
  while (folders.length > 0 && generic(folders[folders.length - 1] as string)) folders.pop();
  const folder = folders[folders.length - 1];
  if (folder === undefined) return undefined;
  const words = splitWords(folder).filter((w) => !/^\d+$/.test(w.text));
  const hit = lexicon().attributes.match(words, true)[0];
  if (!hit) return undefined;
  const rest = words.filter((_, i) => i < hit.firstWord || i > hit.lastWord);
  return rest.every((w) => FOLDER_WORDS.has(w.text) || OUTPUT_CUES.has(w.text)) ? { hit, folder } : undefined;
}

/** `ImageFolder("data/race/train")`, `class_names = sorted(os.listdir("faces/by_ethnicity"))`: the sub-folders are the classes. */
function checkFolderClasses(doc: Document, out: Reporter): void {
  for (const load of folderLoads(doc)) {
    const found = folderAttribute(load.path);
    if (!found) continue;
    // A folder of race photos in a racing or game project, or of nations' flags, is not about people;
    // skin types and tones in skincare or dermatology describe skin.
    if (isAmbiguous(found.hit) && (hasContext(doc, 'sports') || hasContext(doc, 'games') || hasContext(doc, 'locale'))) continue;
    if (hasContext(doc, 'skincare')) continue;
    out.report(
      load.start,
      load.end,
      `${load.loader}() reads "${load.path}", whose sub-folders, under "${found.folder}", make ${found.hit.entry.term} the classes the model learns`,
      `folder:${found.folder.toLowerCase()}`,
      false,
    );
  }
}

const triggers = once(() => triggersOf(lexicon().entries.filter((e) => e.category === 'attribute-key' || e.category === 'task-phrase')));

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
  get triggers() {
    return triggers();
  },
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'csv', 'pbtxt', 'source', 'markdown', 'text'],
  check(doc, context) {
    const out = new Reporter(doc, context);
    // Training on race is reported even inside a fairness study; everything else there is measurement.
    checkTargetAssignments(doc, out);
    checkTargetRenames(doc, out);
    checkTargetPairs(doc, out);
    checkFitTargets(doc, out);
    checkFileNameParsing(doc, out);
    if (isProseDocument(doc)) checkCjkTasksInProse(doc, out);
    if (hasContext(doc, 'fairness')) return;
    checkFolderClasses(doc, out);
    checkLayers(doc, out);
    checkAttributeLists(doc, out);
    if (!hasContext(doc, 'records')) {
      checkSubjectTypes(doc, out);
      checkCtypesFields(doc, out);
    }
    for (const tw of tokenWords(doc)) {
      if (tw.isName || isShortName(tw.token)) checkNames(doc, tw, out);
      checkPhrases(doc, tw, out);
      checkCjkTasks(doc, tw, out);
    }
  },
};

export default rule;
