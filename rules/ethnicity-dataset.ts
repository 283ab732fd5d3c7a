// ethnicity-dataset: loading or preparing a race-labelled face dataset (FairFace, UTKFace, RFW,
// BFW, DiveFace, MORPH, VMER …), and training on its race label. The datasets are data
// (rules/signatures/datasets.yaml); this rule decides severity from how the file uses them.
import type { Rule } from '../src/types.js';
import { hasContext, lineAt } from './lib/doc-words.js';
import { builtinSignatures, firstMatch, signatureTriggers, type SignatureMatch } from './lib/pattern-signatures.js';
import { itemsThatMayMatch } from './lib/trigger-gate.js';
import { folderLoads } from './lib/folder-loaders.js';
import { raceTargets } from './lib/race-targets.js';

const DEFAULT_RACE_FIELDS = ['race', 'ethnicity'];

function shown(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

let triggers: string[] | undefined;

const rule: Rule = {
  id: 'ethnicity-dataset',
  meta: {
    name: 'EthnicityDataset',
    shortDescription: 'A race-labelled face dataset is loaded or prepared, or its race label is the training target.',
    fullDescription:
      'Loading or preparing a face dataset whose labels include race or ethnicity: FairFace (label CSV, HuggingFaceM4/FairFace, fairface_alldata*.pt), UTKFace (the race field of age_gender_race_date file names), RFW and BUPT-Balancedface, BFW, DiveFace, MORPH, VMER and the Kaggle age_gender.csv. Reported as a warning; as an error when the same file makes the race label the training target. Inside a fairness evaluation only the training target is reported.',
    defaultSeverity: 'error',
    securitySeverity: 7.0,
    precision: 'high',
    tags: ['security', 'ethnicity', 'biometric-categorisation', 'dataset'],
    references: [
      'https://eur-lex.europa.eu/eli/reg/2024/1689/oj (EU AI Act, Article 5(1)(g))',
      'https://github.com/dchen236/FairFace',
      'https://susanqq.github.io/UTKFace/',
      'http://www.whdeng.cn/RFW/',
      'https://github.com/visionjo/facerec-bias-bfw',
      'https://github.com/BiDAlab/DiveFace',
    ],
    docs: 'rules/ethnicity-dataset.md',
  },
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'csv', 'source'],
  // A getter, so the signature file is read on first use; cached, as the engine reads it per file.
  get triggers() {
    triggers ??= signatureTriggers(builtinSignatures('datasets'));
    return triggers;
  },
  check(doc, context) {
    const sigs = builtinSignatures('datasets');
    const live = itemsThatMayMatch(doc, sigs, (s) => s.triggers);
    const matches = sigs
      .map((sig) => (live.has(sig) ? firstMatch(doc, sig) : undefined))
      .filter((m): m is SignatureMatch => m !== undefined);
    if (matches.length === 0) return;
    const names = matches.map((m) => m.signature.name).join(', ');

    // Training on the race label is reported even inside a fairness evaluation.
    const fields = [...new Set(matches.flatMap((m) => (m.signature.raceFields.length > 0 ? m.signature.raceFields : DEFAULT_RACE_FIELDS)))];
    const targetLines = new Set<number>();
    for (const t of raceTargets(doc, fields)) {
      const line = lineAt(doc, t.start);
      if (targetLines.has(line)) continue;
      targetLines.add(line);
      context.report({
        message: `Trains on the race label of ${names}: "${shown(t.text)}" makes race or ethnicity the training target.`,
        start: t.start,
        end: t.end,
        evidence: `target:${shown(t.text).toLowerCase().replace(/\s+/g, '')}`,
      });
    }

    // A folder loader over the dataset's per-race folders learns the races as its classes; a
    // verification benchmark reads the same folders only to embed their images.
    for (const load of hasContext(doc, 'fairness') ? [] : folderLoads(doc)) {
      const sig = matches.map((m) => m.signature).find((g) => g.raceFolders.some((re) => re.test(load.path)));
      const line = lineAt(doc, load.start);
      if (!sig || targetLines.has(line)) continue;
      targetLines.add(line);
      context.report({
        message: `Trains on the race label of ${sig.name}: ${load.loader}() reads "${shown(load.path)}", whose sub-folders are its race groups.`,
        start: load.start,
        end: load.end,
        evidence: `target:folder:${sig.id}`,
      });
    }

    // Loading a dataset to measure a model's bias across its groups is what these sets are for.
    if (hasContext(doc, 'fairness') && targetLines.size === 0) return;
    for (const m of matches) {
      context.report({
        message: `Loads or prepares ${m.signature.name}, a face dataset labelled with race or ethnicity ("${shown(m.text)}").`,
        start: m.start,
        end: m.end,
        evidence: `dataset:${m.signature.id}`,
        downgrade: true,
      });
    }
  },
};

export default rule;
