// Files that change between the walk listing them and the scan reading them: deleted, replaced
// by a FIFO or a symlink, or shrunk. Each costs only itself: a notice, never a hang or a crash.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { fileOptions, scanFile } from '../src/scan.js';

const VIOLATION = 'race_labels = ["asian", "black", "white", "indian"]\n';
const options = fileOptions(10 * 1024 * 1024, rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity })));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ethnolint-races-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lists a file (as the walker would have), lets `change` happen, then scans the listed path. */
async function scanAfter(name: string, change: (abs: string) => void) {
  const abs = join(dir, name);
  writeFileSync(abs, VIOLATION);
  change(abs);
  return scanFile(name, abs, options);
}

it('a file deleted after listing is reported as unreadable', async () => {
  const result = await scanAfter('gone.py', (abs) => unlinkSync(abs));
  expect(result.findings).toEqual([]);
  expect(result.notices).toEqual([expect.objectContaining({ path: 'gone.py', level: 'warning', reason: 'unreadable' })]);
});

it('a file replaced by a FIFO after listing is not read, so the scan does not hang', async () => {
  const result = await scanAfter('pipe.py', (abs) => {
    unlinkSync(abs);
    execFileSync('mkfifo', [abs]);
  });
  expect(result.findings).toEqual([]);
  expect(result.notices.map((n) => n.reason)).toEqual(['unreadable']);
  expect(result.notices[0]?.message).toMatch(/not a regular file/);
});

it('a file replaced by a symbolic link after listing is not followed', async () => {
  const target = join(dir, 'elsewhere.py');
  writeFileSync(target, VIOLATION);
  const result = await scanAfter('link.py', (abs) => {
    unlinkSync(abs);
    symlinkSync(target, abs);
  });
  expect(result.findings).toEqual([]);
  expect(result.notices.map((n) => n.reason)).toEqual(['unreadable']);
});

it('a file truncated after listing is scanned as it now is', async () => {
  const result = await scanAfter('short.py', (abs) => writeFileSync(abs, 'x = 1\n'));
  expect(result).toEqual({ findings: [], notices: [], scanned: true, suppressed: [], suppressions: [] });
  const grown = await scanAfter('grown.py', (abs) => writeFileSync(abs, `# padding\n${VIOLATION}`));
  expect(grown.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['2 ethnicity-label']);
});
