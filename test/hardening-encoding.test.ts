// Encodings through the whole file-to-findings path, with the run prefilters on as in a real
// scan: GB18030 label files without a BOM, UTF-16 with a BOM, and invalid UTF-8.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { decode } from '../src/read-file.js';
import { fileOptions, scanFile } from '../src/scan.js';

const dir = mkdtempSync(join(tmpdir(), 'ethnolint-enc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = fileOptions(10 * 1024 * 1024, rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity })));

// GB18030 bytes by hand: TextEncoder only encodes UTF-8.
const GB = { 维族: [0xce, 0xac, 0xd7, 0xe5], 汉族: [0xba, 0xba, 0xd7, 0xe5], 其他: [0xc6, 0xe4, 0xcb, 0xfb] } as const;
const NL = [0x0a];

function scanBytes(name: string, bytes: Buffer) {
  writeFileSync(join(dir, name), bytes);
  return scanFile(name, join(dir, name), options);
}

const summary = (findings: { line: number; column: number; ruleId: string }[]): string[] => findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);

describe('GB18030', () => {
  const labels = Buffer.from([...GB.维族, ...NL, ...GB.汉族, ...NL, ...GB.其他, ...NL]);

  it('decodes bytes that are not UTF-8 but are clean GB18030', () => {
    expect(decode(labels)).toEqual({ status: 'ok', text: '维族\n汉族\n其他\n', encoding: 'gb18030', bytes: 15, replaced: false });
  });

  it('finds the label set and the targeted group in a GB18030 labels file, on the right lines', async () => {
    const result = await scanBytes('labels.txt', labels);
    expect(result.notices).toEqual([]);
    expect(summary(result.findings)).toEqual(['1:1 ethnic-group-targeting', '1:1 ethnicity-label']);
    // The targeted group on a later line keeps its own line.
    const later = await scanBytes('classes.txt', Buffer.from([...GB.其他, ...NL, ...GB.汉族, ...NL, ...GB.维族, ...NL]));
    expect(summary(later.findings)).toContain('3:1 ethnic-group-targeting');
    expect(later.findings.find((f) => f.ruleId === 'ethnic-group-targeting')?.snippet).toBe('维族');
  });

  it('keeps Latin-1 and random high bytes as UTF-8 with replacement and a decode notice', async () => {
    const latin1 = decode(Buffer.from('race: "caf\xe9 au lait"\n', 'latin1'));
    expect(latin1).toMatchObject({ encoding: 'utf-8', replaced: true });
    const result = await scanBytes('cafe.py', Buffer.from('race_labels = ["asian", "black", "white", "indian"]  # caf\xe9\n', 'latin1'));
    expect(summary(result.findings)).toEqual(['1:15 ethnicity-label']);
    expect(result.notices.map((n) => n.reason)).toEqual(['decode']);
  });

  it('does not parse a GB18030 file that holds no trigger word', async () => {
    const result = await scanBytes('plain.txt', Buffer.from([...GB.其他, ...NL]));
    expect(result).toEqual({ findings: [], suppressed: [], suppressions: [], notices: [], scanned: true });
  });
});

describe('UTF-16 with a BOM', () => {
  const text = 'x = 1\nrace_labels = ["asian", "black", "white", "indian"]\n';
  it.each([
    ['le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
  ])('finds violations in UTF-16 %s, positions in characters of the decoded text', async (name, bytes) => {
    const result = await scanBytes(`utf16${name}.py`, bytes);
    expect(summary(result.findings)).toEqual(['2:15 ethnicity-label']);
    expect(result.notices).toEqual([]);
  });
});
