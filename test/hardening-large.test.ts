// Large files: over --max-file-size, or too large for a structural parse, a file still gets a
// streaming text pass that finds violations anywhere in it, with the file's own lines and
// columns, while memory stays bounded.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { classify } from '../src/classify.js';
import { runTextPrefilter } from '../src/engine.js';
import { CHUNK_BYTES, regionsOf, textPass } from '../src/large-file.js';
import { fileOptions, scanFile } from '../src/scan.js';
import { BIN, runCli } from './helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ethnolint-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const active = rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));
const MIB = 1024 * 1024;

const FILLER = 'value = compute(alpha, beta, gamma)  # an ordinary line of code, long enough\n';
const VIOLATION = 'race_labels = ["asian", "black", "white", "indian"]\n';

/** `lines` filler lines, the violation, then a few more: returns the violation's line number. */
function bigPython(name: string, lines: number, eol = '\n'): number {
  const filler = FILLER.replace('\n', eol);
  writeFileSync(join(dir, name), filler.repeat(lines) + VIOLATION.replace('\n', eol) + filler.repeat(5));
  return lines + 1;
}

interface Report {
  findings: { path: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; snippet: string }[];
  skipped: { path: string; reason: string; message: string }[];
  notices: { reason: string }[];
  stats: { filesScanned: number };
}

describe('a file over --max-file-size', () => {
  it('gets a streaming text pass: a violation near the end of 12 MB is found at its real line and column', () => {
    const line = bigPython('big.py', Math.ceil((12 * MIB) / FILLER.length));
    const r = runCli(['-f', 'json', '--max-file-size', '1M', 'big.py'], { cwd: dir });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.ruleId}`)).toEqual([`${line}:15-${line}:51 ethnicity-label`]);
    expect(report.findings[0]?.snippet).toBe(VIOLATION.trimEnd());
    // Scanned by the streaming pass, so it is a notice, not a skipped file.
    expect(report.skipped).toEqual([]);
    expect(report.notices).toEqual([{ path: 'big.py', level: 'warning', reason: 'text-pass-only', message: expect.stringMatching(/structural parse was skipped and a streaming text pass was run/) }]);
    expect(report.stats.filesScanned).toBe(1);
  });

  it('finds a term split across two chunks of a single-line file, at the right column', async () => {
    // One line: "uyghur" straddles the first 1 MiB chunk boundary (three letters on each side).
    const open = '{"pad": "';
    const head = `${open}${'x'.repeat(CHUNK_BYTES - 4 - open.length - '", "target": '.length)}", "target": `;
    const text = `${head}"uyghur", "more": "${'y'.repeat(2 * MIB)}"}\n`;
    expect(text.slice(CHUNK_BYTES - 3, CHUNK_BYTES + 3)).toBe('uyghur');
    writeFileSync(join(dir, 'split.json'), text);
    const result = await scanFile('split.json', join(dir, 'split.json'), { ...fileOptions(MIB, active) });
    expect(result.notices.map((n) => n.reason)).toEqual(['text-pass-only']);
    const finding = result.findings.find((f) => f.ruleId === 'ethnic-group-targeting');
    // The window starts inside the "pad" string, so the tokenizer may see the word with or
    // without its quotes; either way the range is the word's place in the file.
    expect(finding?.line).toBe(1);
    expect([head.length + 1, head.length + 2]).toContain(finding?.column);
    expect([head.length + 8, head.length + 9]).toContain(finding?.endColumn);
    // A snippet cut at a window's start would misplace the underline: it is left out instead.
    expect(finding?.snippet).toBe('');
  });

  it('keeps lines right with CRLF line ends and in UTF-16', async () => {
    const line = bigPython('crlf.py', Math.ceil((3 * MIB) / FILLER.length), '\r\n');
    const crlf = await scanFile('crlf.py', join(dir, 'crlf.py'), fileOptions(MIB, active));
    expect(crlf.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([`${line}:15 ethnicity-label`]);
    const lines = Math.ceil((3 * MIB) / FILLER.length / 2);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FILLER.repeat(lines) + VIOLATION, 'utf16le')]);
    writeFileSync(join(dir, 'wide.py'), utf16);
    const wide = await scanFile('wide.py', join(dir, 'wide.py'), fileOptions(MIB, active));
    expect(wide.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([`${lines + 1}:15 ethnicity-label`]);
    expect(wide.notices.map((n) => n.reason)).toEqual(['text-pass-only']);
  });

  it('reports each occurrence once, with distinct fingerprints, across windows', async () => {
    const per = Math.ceil(MIB / FILLER.length);
    writeFileSync(join(dir, 'twice.py'), FILLER.repeat(per) + VIOLATION + FILLER.repeat(per) + VIOLATION);
    const result = await scanFile('twice.py', join(dir, 'twice.py'), fileOptions(MIB, active));
    expect(result.findings.map((f) => f.line)).toEqual([per + 1, 2 * per + 2]);
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(2);
  });
});

describe('a file too large for a structural parse but under the limit', () => {
  it('skips the structural parse and runs the text pass, with a large-file notice', async () => {
    const line = bigPython('mid.py', Math.ceil((6 * MIB) / FILLER.length));
    const result = await scanFile('mid.py', join(dir, 'mid.py'), fileOptions(10 * MIB, active));
    expect(result.notices.map((n) => `${n.level} ${n.reason}`)).toEqual(['note large-file']);
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([`${line}:15 ethnicity-label`]);
  });
});

describe('in a window, only the text around the triggers\' words is linted', () => {
  it('spans are the radius either side of each word, widened to whole lines nearby, and merged', () => {
    const text = `${'a'.repeat(99)}\n`.repeat(100); // 100 lines of 100 characters
    expect(regionsOf(text, [550], 30)).toEqual([[500, 600]]);
    expect(regionsOf(text, [550, 660], 30)).toEqual([[500, 700]]);
    expect(regionsOf(text, [550, 5050], 30)).toEqual([
      [500, 600],
      [5000, 5100],
    ]);
    // A line longer than the radius is cut: a minified bundle is one line.
    const minified = 'x'.repeat(10_000);
    expect(regionsOf(minified, [5000], 100)).toEqual([[4900, 5100]]);
    // Spans that would cover half of the text give way to the whole of it.
    expect(regionsOf(text, [1000, 3000, 5000, 7000, 9000], 600)).toEqual([[0, 10_000]]);
  });

  it('finds in a large single-line bundle what whole windows find, at the same places', async () => {
    // Minified-looking JavaScript: one long line with a label map and a class list far apart.
    const filler = 'function f(a,b){return a+b*2}var q=[1,2,3];'.repeat(20_000);
    const text = `${filler}var RACES={0:"asian",1:"black",2:"white",3:"indian"};${filler}model.classes=["uyghur","han","tibetan"];${filler}`;
    const kind = classify('bundle.js') ?? { kind: 'javascript' as const, language: 'javascript' };
    const textPrefilter = runTextPrefilter(active);
    const pieces = Array.from({ length: Math.ceil(text.length / CHUNK_BYTES) }, (_, i) => text.slice(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
    const around = await textPass('bundle.js', kind, pieces, { rules: active, textPrefilter, timeBudgetMs: 60_000 });
    const whole = await textPass('bundle.js', kind, pieces, { rules: active, textPrefilter, timeBudgetMs: 60_000, windowing: { window: 1024 * 1024, overlap: 4096, lineBackup: 65_536, radius: 1e9 } });
    expect(around.findings.length).toBeGreaterThan(0);
    const places = (out: typeof around): string[] => out.findings.map((f) => `${f.line}:${f.column}-${f.endColumn} ${f.ruleId}`);
    expect(places(around)).toEqual(places(whole));
    expect(around.findings.map((f) => f.fingerprint)).toEqual(whole.findings.map((f) => f.fingerprint));
  });
});

describe.runIf(existsSync('/usr/bin/time'))('memory', () => {
  it('stays bounded on a 200 MB file: it is never read whole', () => {
    bigPython('huge.py', Math.ceil((200 * MIB) / FILLER.length));
    const r = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kib %M', process.execPath, BIN, '-f', 'json', '--max-file-size', '1M', 'huge.py'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as Report).findings).toHaveLength(1);
    const peakKiB = Number(/peak-rss-kib (\d+)/.exec(r.stderr)?.[1]);
    // The file alone would take 200 MB as bytes and as much again as a string.
    expect(peakKiB).toBeLessThan(300 * 1024);
  }, 120_000);
});
