// Whether a file trains on a race field: `y = df["race"]`, `target_type="race"`,
// `label_column: ethnicity`, `clf.fit(X, df["race"])`. Used where a dataset's race label is
// known to be loaded, so the shapes can stay simple.
import type { Document } from '../../src/types.js';
import { codeMatches } from './pattern-signatures.js';

// Names that hold the training target. Not y_true/y_pred: those are evaluation.
const TARGET_VAR = '(?:y|Y|y_train|y_val|y_valid|y_test|train_y|target|targets|label|labels|train_labels|train_targets)';
// Keys or keyword arguments that choose the target column.
const TARGET_KEY = '(?:target_type|target|label|label_col|label_column|label_key|label_name|label_field|target_col|target_column|target_name|y_col|y_column)';
// A quote, optionally with the space a notebook's `\"` turns into (see codeText).
const Q = `\\s?["']`;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function targetPatterns(fields: readonly string[]): RegExp[] {
  const f = `(?:${fields.map(escape).join('|')})`;
  return [
    // y = df["race"] / labels = data.race.values (an assignment, not a comparison)
    new RegExp(`(?<![\\w.])(?:self\\.)?${TARGET_VAR}\\s*=(?!=)[^\\n=]*?(?:\\[${Q}${f}${Q}\\s*\\]|\\.${f}\\b)`, 'g'),
    // target_type="race", label_column: race, target_type=["age", "race"]
    new RegExp(`(?<![\\w.])${TARGET_KEY}${Q}?\\s*[=:]\\s*(?:\\[[^\\]\\n]*?)?(?:${Q})?${f}(?![\\w-])`, 'g'),
    // clf.fit(X, df["race"])
    new RegExp(`\\.fit\\([^)\\n]*,[^)\\n]*\\[${Q}${f}${Q}\\s*\\]`, 'g'),
  ];
}

/** Places in code where a race field is made the training target. */
export function raceTargets(doc: Document, fields: readonly string[]): { start: number; end: number; text: string }[] {
  return fields.length === 0 ? [] : codeMatches(doc, targetPatterns(fields));
}
