// The SARIF output must pass Microsoft's SARIF Multitool validator with the SARIF spec rules and
// GitHub code scanning's ingestion rules ("Sarif;Gh") with zero errors and zero warnings.

import { describe, expect, it } from 'vitest';
import { formatSarif } from '../src/formatters/sarif.js';
import type { Finding, RunRule } from '../src/types.js';
import { ETHNICITY_LABEL, FINDINGS, sampleResult } from './helpers/sample-result.js';
import { validateSarif } from './helpers/sarif-validator.js';

const TIMEOUT = 180_000;

async function expectValid(sarif: string): Promise<void> {
  const report = await validateSarif(sarif);
  if (report.errors.length + report.warnings.length > 0) {
    console.error(['SARIF validation failed:', ...report.errors, ...report.warnings].join('\n'));
  }
  expect(report.errors).toEqual([]);
  expect(report.warnings).toEqual([]);
}

describe('SARIF Multitool validation (--rule-kind "Sarif;Gh")', () => {
  it('accepts the sample scan', async () => {
    await expectValid(formatSarif(sampleResult(), { category: 'ethnolint' }));
  }, TIMEOUT);

  it('accepts an empty scan', async () => {
    await expectValid(formatSarif(sampleResult({ findings: [], notices: [], vcs: undefined })));
  }, TIMEOUT);

  it('accepts awkward paths, messages, rules and notices', async () => {
    const f = FINDINGS[0] as Finding;
    const noisy: RunRule = {
      ...ETHNICITY_LABEL,
      id: 'noisy-rule',
      severity: 'note',
      helpMarkdown: '',
      meta: {
        ...ETHNICITY_LABEL.meta,
        shortDescription: 'No period',
        fullDescription: `${'word '.repeat(400)}end`,
        tags: Array.from({ length: 15 }, (_, i) => `t${i}`),
        securitySeverity: 0.1,
        docs: 'rules/with space#x.md',
      },
    };
    const result = sampleResult({
      rules: [ETHNICITY_LABEL, noisy, ETHNICITY_LABEL],
      vcs: { repositoryUri: 'https://u:secret@github.com/o/r.git', revisionId: 'abc' },
      findings: [
        { ...f, path: '../outside/x.py', message: 'No period here' },
        { ...f, path: 'a/b#c?d%e;f=g@h:i/[x] (1).py', message: 'Ends with a question?' },
        { ...f, path: 'ctrl\u0001\u001b[31m\u202e.py', message: 'Ends with "quote"', ruleId: 'noisy-rule', severity: 'note' },
        { ...f, path: 'C:colon/first.py', message: '' },
        { ...f, path: './dot/./seg.py', line: 1, column: 1, endLine: 1, endColumn: 1, snippet: '' },
        { ...f, path: 'multi.py', line: 1, column: 5, endLine: 3, endColumn: 2, snippet: 'abc\r\n' },
        { ...f, path: 'unknown-rule.py', ruleId: 'not-in-rules' },
      ],
      notices: [
        { path: '', level: 'error', reason: 'fatal', message: 'Something broke' },
        { path: 'x y.bin', level: 'note', reason: 'too-large', message: 'Skipped: too large (12 MB > 1 MB)' },
      ],
    });
    await expectValid(formatSarif(result, { category: 'sub/dir' }));
  }, TIMEOUT);
});
