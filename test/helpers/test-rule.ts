// Metadata for rules that exist only in tests (engine behaviour, time budgets).
import type { RuleMeta } from '../../src/types.js';

export const testRuleMeta: RuleMeta = {
  name: 'Test',
  shortDescription: 'Test rule.',
  fullDescription: 'A rule for tests.',
  defaultSeverity: 'error',
  securitySeverity: 5,
  precision: 'high',
  tags: [],
  references: [],
  docs: 'rules/test.md',
};
