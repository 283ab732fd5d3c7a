// The rule runner: routing by kind, containment of a failing rule, report validation, severity
// downgrade, and fingerprints that survive edits above a finding.
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../src/engine.js';
import { parseDocument } from '../src/parse.js';
import type { Rule } from '../src/types.js';
import { testRuleMeta } from './helpers/test-rule.js';

const meta = testRuleMeta;

function ruleReporting(word: string, id = 'finds-word', downgrade = false): Rule {
  return {
    id,
    meta,
    kinds: ['python'],
    check(doc, context) {
      let at = doc.text.indexOf(word);
      while (at >= 0) {
        context.report({ message: `Found ${word}.`, start: at, end: at + word.length, evidence: word, downgrade });
        at = doc.text.indexOf(word, at + 1);
      }
    },
  };
}

describe('lintDocument', () => {
  it('turns a rule that throws into a notice for that file and keeps other rules’ findings', async () => {
    const doc = await parseDocument('a.py', 'python', 'python', 'x = "needle"\n');
    const broken: Rule = { id: 'broken', meta, kinds: ['python'], check: () => { throw new Error('boom'); } };
    const out = lintDocument(doc, [{ rule: broken, severity: 'error' }, { rule: ruleReporting('needle'), severity: 'error' }]);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['finds-word']);
    expect(out.notices).toEqual([{ path: 'a.py', level: 'error', reason: 'rule-error', message: 'Rule broken failed on this file: boom' }]);
  });

  it('rejects a report whose range lies outside the file', async () => {
    const doc = await parseDocument('a.py', 'python', 'python', 'x = 1\n');
    const bad: Rule = { id: 'bad-range', meta, kinds: ['python'], check: (_d, c) => c.report({ message: 'x', start: 3, end: 999, evidence: 'x' }) };
    const out = lintDocument(doc, [{ rule: bad, severity: 'error' }]);
    expect(out.findings).toEqual([]);
    expect(out.notices[0]?.reason).toBe('rule-error');
  });

  it('runs a rule only on the kinds it declares', async () => {
    const doc = await parseDocument('a.json', 'json', 'json', '{"needle": 1}\n');
    expect(lintDocument(doc, [{ rule: ruleReporting('needle'), severity: 'error' }]).findings).toEqual([]);
  });

  it('lowers the severity one step for evidence only in prose', async () => {
    const doc = await parseDocument('a.py', 'python', 'python', '# needle\n');
    const out = lintDocument(doc, [{ rule: ruleReporting('needle', 'finds-word', true), severity: 'error' }]);
    expect(out.findings[0]?.severity).toBe('warning');
  });

  it('gives fingerprints that survive lines added above and differ per occurrence', async () => {
    const rules = [{ rule: ruleReporting('needle'), severity: 'error' as const }];
    const before = lintDocument(await parseDocument('a.py', 'python', 'python', 'a = "needle"\nb = "needle"\n'), rules).findings;
    const after = lintDocument(await parseDocument('a.py', 'python', 'python', 'import os\n\n\na = "needle"\nb = "needle"\n'), rules).findings;
    expect(after.map((f) => f.line)).toEqual([4, 5]);
    expect(after.map((f) => f.fingerprint)).toEqual(before.map((f) => f.fingerprint));
    expect(new Set(before.map((f) => f.fingerprint)).size).toBe(2);
  });
});
