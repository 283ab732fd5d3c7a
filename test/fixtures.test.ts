// The generic fixture test: scans every file under fixtures/ with all rules and checks that
// exactly the expected findings appear, at the expected lines (and severities, where given).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { scan, type ScanOutput } from '../src/scan.js';
import type { Finding } from '../src/types.js';
import { walk } from '../src/walker.js';
import { expectationKey, readExpectations } from '../scripts/lib/expectations.js';

const ROOT = join(import.meta.dirname, '..');
const active = rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));

async function fixtureFiles(): Promise<string[]> {
  const files: string[] = [];
  for await (const e of walk({ cwd: ROOT, paths: ['fixtures'], gitignore: false, include: [], exclude: ['**/*.expect'], followSymlinks: false })) {
    if (e.type === 'file') files.push(e.path);
  }
  return files;
}

const files = await fixtureFiles();
let output: ScanOutput;

beforeAll(async () => {
  output = await scan({ cwd: ROOT, paths: ['fixtures'], gitignore: false, include: [], exclude: ['**/*.expect'], followSymlinks: false, maxFileSize: 10 * 1024 * 1024, rules: active });
});

function actualKeys(findings: Finding[], withSeverity: Set<string>): string[] {
  return findings.map((f) => {
    const plain = `${f.line} ${f.ruleId}`;
    return withSeverity.has(plain) ? `${plain}@${f.severity}` : plain;
  });
}

describe('fixtures', () => {
  it('has fixtures to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s', (path) => {
    const expected = readExpectations(join(ROOT, path));
    const withSeverity = new Set(expected.filter((e) => e.severity).map((e) => `${e.line} ${e.ruleId}`));
    const found = output.findings.filter((f) => f.path === path);
    const want = expected.map(expectationKey).sort();
    // Compared as multisets: two findings on one line need two expectations there.
    const unmatched = [...want];
    const extra: string[] = [];
    for (const f of found) {
      const key = actualKeys([f], withSeverity)[0] as string;
      const at = unmatched.indexOf(key);
      if (at >= 0) unmatched.splice(at, 1);
      else extra.push(`extra   ${path}:${f.line} ${f.ruleId}@${f.severity} — ${f.message}`);
    }
    const missing = unmatched.map((k) => `missing ${path}:${k}`);
    const problems = [...missing, ...extra];
    expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
    const ruleErrors = output.notices.filter((n) => n.path === path && n.reason === 'rule-error');
    expect(ruleErrors).toEqual([]);
  });
});
