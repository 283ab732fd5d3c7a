// The built-in rules, sorted by id. The engine loads exactly this list; a test checks it
// matches the rule files on disk and their docs. Their triggers come from the build when current.
import type { Rule } from '../src/types.js';
import { withBuiltTriggers } from './lib/built-triggers.js';
import ethnicGroupTargeting from './ethnic-group-targeting.js';
import ethnicityAttribute from './ethnicity-attribute.js';
import ethnicityDataset from './ethnicity-dataset.js';
import ethnicityLabel from './ethnicity-label.js';
import faceApiEthnicity from './face-api-ethnicity.js';
import minorityClassification from './minority-classification.js';
import nameEthnicityInference from './name-ethnicity-inference.js';
import surveillanceSdkDependency from './surveillance-sdk-dependency.js';

/** The rules as their modules define them, each deriving its triggers. */
export const ruleModules: readonly Rule[] = [ethnicGroupTargeting, ethnicityAttribute, ethnicityDataset, ethnicityLabel, faceApiEthnicity, minorityClassification, nameEthnicityInference, surveillanceSdkDependency];

export const rules: readonly Rule[] = withBuiltTriggers(ruleModules);
