// The rule docs are executable: every example under "### Bad" must make its rule report, every
// example under "### Good" must pass all rules. Also checks each doc's section layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { classify } from '../src/classify.js';
import { lintDocument } from '../src/engine.js';
import { parseDocument } from '../src/parse.js';
import type { Finding } from '../src/types.js';

const ROOT = join(import.meta.dirname, '..');
const active = rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));

const SECTIONS = ['What it finds', 'Why it matters', 'How to fix', 'Examples', 'When the rule stays silent', 'References'];

interface Example {
  kind: 'Bad' | 'Good';
  language: string;
  filename: string;
  code: string;
  /** 1-based line of the opening fence in the doc, for failure messages. */
  line: number;
}

/** Fenced blocks under "### Bad" and "### Good" inside "## Examples". */
function examplesOf(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const out: Example[] = [];
  let h2 = '';
  let h3 = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = /^(`{3,}|~{3,})\s*(\S*)\s*(.*)$/.exec(line);
    if (fence) {
      const marker = fence[1] as string;
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] as string).startsWith(marker); i++) body.push(lines[i] as string);
      if (h2 === 'Examples' && (h3 === 'Bad' || h3 === 'Good')) {
        out.push({ kind: h3, language: fence[2] ?? '', filename: (fence[3] ?? '').trim(), code: `${body.join('\n')}\n`, line: start + 1 });
      }
      continue;
    }
    const heading = /^(#{2,3}) (.+?)\s*$/.exec(line);
    if (heading?.[1] === '##') {
      h2 = heading[2] as string;
      h3 = '';
    } else if (heading?.[1] === '###') {
      h3 = heading[2] as string;
    }
  }
  return out;
}

async function lint(example: Example): Promise<Finding[]> {
  const classified = classify(example.filename, example.code.slice(0, 256));
  expect(classified, `classify("${example.filename}") returned nothing`).toBeDefined();
  const { kind, language } = classified as NonNullable<typeof classified>;
  const doc = await parseDocument(example.filename, kind, language, example.code);
  const out = lintDocument(doc, active);
  expect(out.notices.filter((n) => n.reason === 'rule-error'), 'rule errors').toEqual([]);
  return out.findings;
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.ruleId} at ${f.line}:${f.column}: ${f.message}`).join('\n') || '(none)';
}

for (const rule of rules) {
  describe(`rules/${rule.id}.md`, () => {
    const path = join(ROOT, 'rules', `${rule.id}.md`);
    const markdown = readFileSync(path, 'utf8');
    const examples = examplesOf(markdown);

    it('starts with the rule id as its title and names the meta severity', () => {
      expect(markdown.split('\n')[0]).toBe(`# ${rule.id}`);
      expect(markdown).toContain(`Severity: ${rule.meta.defaultSeverity} · Security severity: ${rule.meta.securitySeverity.toFixed(1)} · Tags: ${rule.meta.tags.join(', ')}`);
      expect(rule.meta.docs).toBe(`rules/${rule.id}.md`);
    });

    it('has the required sections in order', () => {
      const h2 = markdown
        .split('\n')
        .filter((l) => /^## /.test(l))
        .map((l) => l.slice(3).trim());
      expect(h2).toEqual(SECTIONS);
    });

    it('cites EU AI Act Article 5(1)(g)', () => {
      expect(markdown).toContain('Article 5(1)(g)');
    });

    it('has Bad and Good examples, each with a language and a file name', () => {
      expect(examples.some((e) => e.kind === 'Bad')).toBe(true);
      expect(examples.some((e) => e.kind === 'Good')).toBe(true);
      for (const e of examples) {
        expect(e.language, `block at line ${e.line}`).not.toBe('');
        expect(e.filename, `block at line ${e.line}`).not.toBe('');
      }
    });

    for (const example of examples) {
      if (example.kind === 'Bad') {
        it(`Bad ${example.filename} (line ${example.line}) is reported by ${rule.id}`, async () => {
          const findings = await lint(example);
          expect(findings.some((f) => f.ruleId === rule.id), `${rule.id} did not report ${example.filename}; findings:\n${describeFindings(findings)}`).toBe(true);
        });
      } else {
        it(`Good ${example.filename} (line ${example.line}) has no finding from any rule`, async () => {
          const findings = await lint(example);
          expect(findings, `${rule.id} doc, Good ${example.filename}:\n${describeFindings(findings)}`).toEqual([]);
        });
      }
    }
  });
}
