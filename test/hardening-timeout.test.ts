// The per-file time budget: JS cannot preempt a rule, so the engine checks the clock between
// rules. A file whose work runs over ends with a 'timeout' notice; findings of the rules that
// did run are kept, and other files are unaffected.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintDocument, type ActiveRule } from '../src/engine.js';
import { parseDocument } from '../src/parse.js';
import { scanFile } from '../src/scan.js';
import type { Rule } from '../src/types.js';
import { testRuleMeta } from './helpers/test-rule.js';

const meta = testRuleMeta;

/** A rule that reports `word` where it occurs, after busy-waiting `ms` on files containing "slow". */
function rule(id: string, word: string, ms: number): ActiveRule {
  const r: Rule = {
    id,
    meta,
    kinds: ['python'],
    check(doc, context) {
      if (doc.text.includes('slow')) {
        const until = performance.now() + ms;
        while (performance.now() < until) {
          // busy: a rule stuck in a long loop
        }
      }
      const at = doc.text.indexOf(word);
      if (at >= 0) context.report({ message: `Found ${word}.`, start: at, end: at + word.length, evidence: word });
    },
  };
  return { rule: r, severity: 'error' };
}

const dir = mkdtempSync(join(tmpdir(), 'ethnolint-timeout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Load the Python parser first: its first import should not eat the tests' short budgets.
beforeAll(async () => void (await parseDocument('warm.py', 'python', 'python', 'x = 1\n')));

describe('the per-file time budget', () => {
  it('stops starting rules once the deadline has passed and says which did not run', async () => {
    const doc = await parseDocument('a.py', 'python', 'python', 'slow = "needle haystack"\n');
    const rules = [rule('first', 'needle', 60), rule('second', 'haystack', 0), rule('third', 'slow', 0)];
    const out = lintDocument(doc, rules, { deadline: performance.now() + 20 });
    expect(out.findings.map((f) => f.ruleId)).toEqual(['first']);
    expect(out.notices).toEqual([{ path: 'a.py', level: 'warning', reason: 'timeout', message: 'The per-file time budget ran out; rules not run on this file: second, third.' }]);
    // Without a deadline every rule runs.
    expect(lintDocument(doc, rules).findings.map((f) => f.ruleId).sort()).toEqual(['first', 'second', 'third']);
  });

  it('ends only the slow file: the next file is scanned in full', async () => {
    writeFileSync(join(dir, 'slow.py'), 'slow = "needle haystack"\n');
    writeFileSync(join(dir, 'fast.py'), 'x = "needle haystack"\n');
    const options = { maxFileSize: 1 << 20, rules: [rule('first', 'needle', 100), rule('second', 'haystack', 0)], timeBudgetMs: 30 };
    const slow = await scanFile('slow.py', join(dir, 'slow.py'), options);
    expect(slow.scanned).toBe(true);
    expect(slow.notices.map((n) => n.reason)).toEqual(['timeout']);
    expect(slow.findings.map((f) => f.ruleId)).toEqual(['first']);
    const fast = await scanFile('fast.py', join(dir, 'fast.py'), options);
    expect(fast.notices).toEqual([]);
    expect(fast.findings.map((f) => f.ruleId)).toEqual(['first', 'second']);
  });
});
