// Reads the expectations a fixture carries, for the fixture test and `npm run eval`:
// `ethnolint-expect: rule-id[@severity], …` markers on the line they refer to, or, for formats
// without comments, a sidecar `<file>.expect` with lines `<line> <rule-id>[@severity]`
// (`#` starts a comment).
import { existsSync, readFileSync } from 'node:fs';

export interface Expectation {
  line: number;
  ruleId: string;
  severity?: string;
}

const MARKER = /ethnolint-expect:\s*([a-z][a-z0-9-]*(?:@[a-z]+)?(?:\s*,\s*[a-z][a-z0-9-]*(?:@[a-z]+)?)*)/g;

function parseIds(list: string, line: number): Expectation[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [ruleId, severity] = item.split('@') as [string, string | undefined];
      return severity ? { line, ruleId, severity } : { line, ruleId };
    });
}

export function readExpectations(absPath: string): Expectation[] {
  const out: Expectation[] = [];
  const sidecar = `${absPath}.expect`;
  if (existsSync(sidecar)) {
    for (const raw of readFileSync(sidecar, 'utf8').split('\n')) {
      const text = raw.replace(/#.*/, '').trim();
      if (!text) continue;
      const m = /^(\d+)\s+(.+)$/.exec(text);
      if (!m) throw new Error(`${sidecar}: cannot read "${raw}" (expected "<line> <rule-id>")`);
      out.push(...parseIds(m[2] as string, Number(m[1])));
    }
  }
  const text = readFileSync(absPath, 'utf8');
  text.split(/\r?\n/).forEach((lineText, i) => {
    for (const m of lineText.matchAll(MARKER)) out.push(...parseIds(m[1] as string, i + 1));
  });
  return out;
}

export function expectationKey(e: Expectation): string {
  return `${e.line} ${e.ruleId}${e.severity ? `@${e.severity}` : ''}`;
}
