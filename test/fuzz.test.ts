// Property-based fuzzing (fast-check) of every parser and of the whole file-to-findings path,
// on random input and on fixtures mutated by byte flips, truncation, duplication and inserted
// NULs, brackets and quotes. Properties: nothing escapes scanFile, every call finishes in
// bounded time, and every position lies inside the file. FUZZ_RUNS scales the runs up
// (`FUZZ_RUNS=2000 vitest run test/fuzz.test.ts`); the default keeps this file under ~40 s.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { classify } from '../src/classify.js';
import { runTextPrefilter } from '../src/engine.js';
import { textPass } from '../src/large-file.js';
import { parseCsv } from '../src/parsers/csv.js';
import { parseGeneric } from '../src/parsers/generic.js';
import { parseJavaScript } from '../src/parsers/javascript.js';
import { parseJson } from '../src/parsers/json.js';
import { parseLabels } from '../src/parsers/labels.js';
import { parseMarkdown } from '../src/parsers/markdown.js';
import { parseNotebook } from '../src/parsers/notebook.js';
import { parsePbtxt } from '../src/parsers/pbtxt.js';
import { parsePython } from '../src/parsers/python.js';
import { parseYaml } from '../src/parsers/yaml.js';
import { computeLineStarts, lineText } from '../src/positions.js';
import { decode } from '../src/read-file.js';
import { fileOptions, scanFile } from '../src/scan.js';
import type { Finding, ParseResult, Rule } from '../src/types.js';

/** Scale: runs per parser property; the file-to-findings properties run a multiple of it. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SLOW_MS = 5000; // one input; generous for a loaded CI machine
const TIMEOUT = Math.max(60_000, RUNS * 1500);

const ROOT = join(import.meta.dirname, '..');
const active = rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));

/** Fixture files by extension: realistic seeds for mutation. */
const FIXTURES = new Map<string, Buffer[]>();
(function collect(dir: string): void {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) collect(abs);
    else if (!name.endsWith('.expect') && statSync(abs).size <= 64 * 1024) {
      const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
      FIXTURES.set(ext, [...(FIXTURES.get(ext) ?? []), readFileSync(abs)]);
    }
  }
})(join(ROOT, 'fixtures'));
const ALL_SEEDS = [...FIXTURES.values()].flat();

function seeds(...exts: string[]): Buffer[] {
  const found = exts.flatMap((e) => FIXTURES.get(e) ?? []);
  return found.length > 0 ? found : ALL_SEEDS;
}

const INSERTS = ['\0', '{', '[', '(', '"', "'", '`', '"""', "'''", '\n', '\r', '\\', '#', '//', '/*', '*/', '<!--', '```', ': &a', '*a', '\u202e', '\ufeff', '\ud800', '维族', '\x1b[31m'];

type Mutation =
  | { op: 'flip'; at: number; value: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate'; from: number; length: number; at: number }
  | { op: 'insert'; at: number; text: string; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), from: fc.nat(), length: fc.integer({ min: 1, max: 4096 }), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(...INSERTS),
    // Mostly a few; sometimes thousands, for deep nesting.
    times: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: 500, max: 20_000 }) }),
  }),
);

function mutate(input: Buffer, mutations: readonly Mutation[]): Buffer {
  let b = input;
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    if (m.op === 'flip') {
      if (b.length === 0) continue;
      b = Buffer.from(b);
      b[at % b.length] = m.value;
    } else if (m.op === 'truncate') b = b.subarray(0, at);
    else if (m.op === 'duplicate') {
      const from = b.length === 0 ? 0 : m.from % b.length;
      b = Buffer.concat([b.subarray(0, at), b.subarray(from, from + m.length), b.subarray(at)]);
    } else b = Buffer.concat([b.subarray(0, at), Buffer.from(m.text.repeat(m.times), 'utf8'), b.subarray(at)]);
  }
  return b;
}

/** Random bytes, random text, or a mutated seed. */
function content(pool: readonly Buffer[]): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2048 }).map((s) => Buffer.from(s, 'utf8')) },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...pool), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([seed, ms]) => mutate(seed, ms)) },
  );
}

const text = (pool: readonly Buffer[]): fc.Arbitrary<string> => content(pool).map((b) => b.toString('utf8'));

function assertRanges(result: ParseResult, length: number): void {
  const inside = (start: number, end: number): boolean => Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length;
  for (const t of result.tokens) expect(inside(t.start, t.end), `token ${t.type} ${t.start}..${t.end} of ${length}`).toBe(true);
  for (const c of result.collections) {
    for (const m of c.members) expect(inside(m.start, m.end), `member ${m.start}..${m.end} of ${length}`).toBe(true);
  }
  for (const p of result.pairs) expect(inside(p.keyStart, p.keyEnd), `pair key ${p.keyStart}..${p.keyEnd} of ${length}`).toBe(true);
  for (const c of result.calls) for (const a of c.args) expect(inside(a.start, a.end), `arg ${a.start}..${a.end}`).toBe(true);
}

function timed<T>(work: () => T): T {
  const start = performance.now();
  const out = work();
  expect(performance.now() - start).toBeLessThan(SLOW_MS);
  return out;
}

interface ParserCase {
  name: string;
  parse: (text: string) => ParseResult;
  seeds: Buffer[];
  /** Parsers that reject bad input throw an Error, which parseDocument turns into a text scan. */
  mayThrow: boolean;
}

const PARSERS: ParserCase[] = [
  { name: 'parsePython', parse: parsePython, seeds: seeds('py'), mayThrow: false },
  { name: 'parseJavaScript (ts)', parse: (t) => parseJavaScript(t, 'typescript'), seeds: seeds('ts', 'tsx', 'js'), mayThrow: true },
  { name: 'parseJavaScript (js)', parse: (t) => parseJavaScript(t, 'javascript'), seeds: seeds('js', 'tsx'), mayThrow: true },
  { name: 'parseGeneric (go)', parse: (t) => parseGeneric(t, 'go'), seeds: seeds('go'), mayThrow: false },
  { name: 'parseGeneric (java)', parse: (t) => parseGeneric(t, 'java'), seeds: seeds('java', 'kt', 'cs'), mayThrow: false },
  { name: 'parseGeneric (c)', parse: (t) => parseGeneric(t, 'c'), seeds: seeds('c', 'h', 'cpp'), mayThrow: false },
  { name: 'parseGeneric (shell)', parse: (t) => parseGeneric(t, 'shell'), seeds: seeds('sh'), mayThrow: false },
  { name: 'parseGeneric (sql)', parse: (t) => parseGeneric(t, 'sql'), seeds: seeds('sql'), mayThrow: false },
  { name: 'parseJson', parse: parseJson, seeds: seeds('json'), mayThrow: true },
  { name: 'parseYaml', parse: parseYaml, seeds: seeds('yaml', 'yml'), mayThrow: true },
  { name: 'parsePbtxt', parse: parsePbtxt, seeds: seeds('pbtxt'), mayThrow: true },
  { name: 'parseCsv', parse: (t) => parseCsv(t), seeds: seeds('csv', 'tsv'), mayThrow: false },
  { name: 'parseLabels', parse: parseLabels, seeds: seeds('names', 'labels', 'txt'), mayThrow: false },
  { name: 'parseNotebook', parse: parseNotebook, seeds: seeds('ipynb'), mayThrow: true },
  { name: 'parseMarkdown', parse: parseMarkdown, seeds: seeds('md'), mayThrow: false },
];

describe('parsers on random and mutated input', () => {
  it.each(PARSERS)('$name: returns ranges inside the text, or throws an Error', ({ parse, seeds: pool, mayThrow }) => {
    fc.assert(
      fc.property(text(pool), (input) => {
        let result: ParseResult | undefined;
        try {
          result = timed(() => parse(input));
        } catch (error) {
          if (!mayThrow) throw error;
          expect(error).toBeInstanceOf(Error);
          return;
        }
        assertRanges(result, input.length);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

/** Every finding lies inside the decoded file, and its snippet is the file's own lines. */
function assertFindingsInside(findings: readonly Finding[], fileText: string): void {
  const starts = computeLineStarts(fileText);
  const lines = starts.length;
  for (const f of findings) {
    const where = `${f.ruleId} ${f.line}:${f.column}-${f.endLine}:${f.endColumn} of ${lines} lines`;
    expect(f.line >= 1 && f.line <= lines && f.endLine >= f.line && f.endLine <= lines, where).toBe(true);
    expect(f.column >= 1 && f.column <= lineText(fileText, starts, f.line).length + 1, where).toBe(true);
    expect(f.endColumn >= 1 && f.endColumn <= lineText(fileText, starts, f.endLine).length + 1, where).toBe(true);
    if (f.line === f.endLine) expect(f.endColumn >= f.column, where).toBe(true);
    if (f.snippet !== '') {
      const own = Array.from({ length: f.endLine - f.line + 1 }, (_, i) => lineText(fileText, starts, f.line + i));
      // The engine's snippet drops an empty last line (a range that ends at column 1).
      if (own.length > 1 && own[own.length - 1] === '' && f.endColumn === 1) own.pop();
      expect(f.snippet.split(/\r\n|\r|\n/), where).toEqual(own);
    }
  }
}

/**
 * A test rule that reports tokens with their exact source text as evidence, so a finding's
 * mapped range can be checked against the file character for character.
 */
const exact: Rule = {
  id: 'exact-token',
  meta: { ...(rules[0] as Rule).meta, name: 'ExactToken' },
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'labels', 'csv', 'pbtxt', 'source', 'markdown', 'text'],
  check(doc, context) {
    for (const t of doc.tokens.slice(0, 300)) {
      if (t.end > t.start) context.report({ message: 'token', start: t.start, end: t.end, evidence: doc.text.slice(t.start, t.end) });
    }
  },
};
const withExact = [...active, { rule: exact, severity: 'note' as const }];
const textPrefilter = runTextPrefilter(active);

/** The file's text from a finding's start to its end (1-based lines, columns in UTF-16 units). */
function textAt(fileText: string, starts: readonly number[], f: Finding): string {
  return fileText.slice((starts[f.line - 1] as number) + f.column - 1, (starts[f.endLine - 1] as number) + f.endColumn - 1);
}

function assertExact(findings: readonly Finding[], fileText: string): void {
  const starts = computeLineStarts(fileText);
  for (const f of findings) {
    if (f.ruleId === exact.id) expect(textAt(fileText, starts, f), `${f.line}:${f.column}-${f.endLine}:${f.endColumn}`).toBe(f.evidence);
  }
}

const EXTENSIONS = ['py', 'ts', 'tsx', 'js', 'json', 'yaml', 'ipynb', 'csv', 'tsv', 'pbtxt', 'names', 'txt', 'md', 'go', 'java', 'c', 'rs', 'sh', 'sql'];
const dir = mkdtempSync(join(tmpdir(), 'ethnolint-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

describe('the file-to-findings path on random and mutated files', () => {
  const options = fileOptions(10 * 1024 * 1024, active);

  it('scanFile never throws or fails internally, finishes in bounded time, and keeps findings inside the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXTENSIONS), content(ALL_SEEDS), fc.boolean(), fc.boolean(), async (ext, bytes, large, checkExact) => {
        const name = `f${serial++}.${ext}`;
        writeFileSync(join(dir, name), bytes);
        // Sometimes through the streaming text pass instead of the structural parse; sometimes
        // with the exact-token rule (and so without prefilters).
        const base = checkExact ? fileOptions(options.maxFileSize, withExact) : options;
        const started = performance.now();
        const result = await scanFile(name, join(dir, name), large ? { ...base, largeFileBytes: 1 } : base);
        expect(performance.now() - started).toBeLessThan(SLOW_MS);
        expect(result.notices.filter((n) => n.reason === 'internal-error' || n.reason === 'rule-error')).toEqual([]);
        const read = decode(bytes);
        if (read.status === 'ok') {
          assertFindingsInside(result.findings, read.text);
          assertExact(result.findings, read.text);
        } else expect(result.findings).toEqual([]);
      }),
      { numRuns: RUNS * 4 },
    );
  }, TIMEOUT);

  it('the windowed text pass maps positions back exactly, whatever the window sizes', async () => {
    // Tiny windows multiply the work (every window runs every rule), so no time bound here.
    // With the prefilter, windows are linted only around the triggers' words (`radius` either side).
    const windowing = fc.record({ window: fc.integer({ min: 8, max: 600 }), overlap: fc.integer({ min: 0, max: 200 }), lineBackup: fc.integer({ min: 0, max: 200 }), radius: fc.integer({ min: 1, max: 300 }) });
    // Seeds with findings, so that positions are actually checked.
    const pool = ALL_SEEDS.filter((b) => /race|ethnic|uyghur|asian/i.test(b.toString('utf8')));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXTENSIONS), content(pool), windowing, fc.integer({ min: 1, max: 64 }), fc.boolean(), async (ext, bytes, windows, pieceSize, prefiltered) => {
        // Small windows over a long file are slow; a few KiB cross enough window boundaries.
        const read = decode(bytes.subarray(0, 6000));
        if (read.status !== 'ok') return;
        const kind = classify(`x.${ext}`) ?? { kind: 'text' as const, language: 'text' };
        const pieces = Array.from({ length: Math.ceil(read.text.length / pieceSize) }, (_, i) => read.text.slice(i * pieceSize, (i + 1) * pieceSize));
        const out = await textPass(`x.${ext}`, kind, pieces, { rules: withExact, timeBudgetMs: 10_000, windowing: windows, textPrefilter: prefiltered ? textPrefilter : undefined });
        assertFindingsInside(out.findings, read.text);
        assertExact(out.findings, read.text);
        expect(out.notices.filter((n) => n.reason === 'rule-error')).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
