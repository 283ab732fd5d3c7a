import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT, FORMATS, format, isFormatName } from '../src/formatters/index.js';
import { formatJson, SKIP_REASONS } from '../src/formatters/json.js';
import { sanitizeForTerminal } from '../src/formatters/sanitize.js';
import { asSentence, formatSarif, markdownToText, pathToRelativeUri, truncate } from '../src/formatters/sarif.js';
import { formatText, sourceFrame } from '../src/formatters/text.js';
import type { Finding, RunRule, ScanResult } from '../src/types.js';
import { ETHNICITY_LABEL, FINDINGS, sampleResult } from './helpers/sample-result.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/;
// eslint-disable-next-line no-control-regex
const RAW_DANGEROUS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function finding(overrides: Partial<Finding>): Finding {
  return { ...(FINDINGS[0] as Finding), ...overrides };
}

/** Column (0-based) of the first caret on the line after `source` in `text`, and the caret count. */
function underlineUnder(text: string, source: string): { sourceLine: string; col: number; width: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(source));
  expect(i).toBeGreaterThanOrEqual(0);
  const carets = lines[i + 1] as string;
  const col = carets.indexOf('^');
  return { sourceLine: lines[i] as string, col, width: carets.lastIndexOf('^') - col + 1 };
}

describe('sanitizeForTerminal', () => {
  it('escapes C0, C1, DEL, ESC sequences and bidi controls visibly', () => {
    expect(sanitizeForTerminal('a\x1b[31mred\x1b[0m')).toBe('a\\x1b[31mred\\x1b[0m');
    expect(sanitizeForTerminal('\x1b]8;;http://evil\x07link\x1b]8;;\x07')).toBe(
      '\\x1b]8;;http://evil\\x07link\\x1b]8;;\\x07',
    );
    expect(sanitizeForTerminal('x\u009b31my\u007f')).toBe('x\\x9b31my\\x7f');
    expect(sanitizeForTerminal('a\rb\nc\td\0')).toBe('a\\x0db\\x0ac\\x09d\\x00');
    expect(sanitizeForTerminal('abc\u202edcba\u2066\u2069\u200e\u200f\u061c')).toBe(
      'abc\\u202edcba\\u2066\\u2069\\u200e\\u200f\\u061c',
    );
  });

  it('keeps ordinary text, non-ASCII and astral characters untouched', () => {
    for (const s of ['plain text', 'données/étiquettes', '人种 🙂 ethnicité', '']) expect(sanitizeForTerminal(s)).toBe(s);
  });
});

describe('text format', () => {
  const text = formatText(sampleResult(), { color: false });

  it('groups findings by file in order and ends with the summary line', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('data/label maps/races.py');
    expect(lines.indexOf('données/étiquettes.yaml')).toBeGreaterThan(0);
    expect(lines.filter((l) => l === 'data/label maps/races.py')).toHaveLength(1);
    expect(text.endsWith('\n')).toBe(true);
    expect(lines.at(-2)).toBe('2 errors, 1 warning, 0 notes in 2 files · 5 files scanned, 1 skipped');
  });

  it('aligns the position, severity, message and rule columns within a file', () => {
    const rows = text.split('\n').filter((l) => /^ {2}\d+:\d+/.test(l));
    expect(rows[0]).toBe('  3:9   error    Label set "asian, black, white" classifies people by race  ethnicity-label');
    expect(rows[1]).toBe('  7:39  warning  DeepFace.analyze requests the \'race\' action.               face-api-race');
  });

  it('underlines the match under the right columns, with tabs expanded', () => {
    const first = underlineUnder(text, 'RACES = ');
    expect(first.sourceLine.slice(first.col, first.col + first.width)).toBe('["asian", "black", "white"]');
    const tabbed = underlineUnder(text, 'DeepFace.analyze(img');
    expect(tabbed.sourceLine).not.toContain('\t');
    expect(tabbed.sourceLine.slice(tabbed.col, tabbed.col + tabbed.width)).toBe('"race"');
    // A multi-line finding shows its first line, underlined to the end of it.
    const multi = underlineUnder(text, 'target:');
    expect(multi.sourceLine.slice(multi.col, multi.col + multi.width)).toBe('ethnicité');
  });

  it('lists notices after the findings', () => {
    const notices = text.slice(text.indexOf('Notices:'));
    expect(text.indexOf('Notices:')).toBeGreaterThan(text.indexOf('données/étiquettes.yaml'));
    expect(notices).toContain('config/model.json: Could not parse JSON');
    expect(notices).toContain('assets/face #1.png: Skipped: binary file  binary');
  });

  it('uses no ANSI escapes without color, and colours with color', () => {
    expect(text).not.toMatch(ANSI);
    expect(text).not.toMatch(RAW_DANGEROUS);
    const coloured = formatText(sampleResult(), { color: true });
    expect(coloured).toMatch(ANSI);
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(text);
  });

  it('uses singular forms and the no-problems summary', () => {
    const one = sampleResult({
      findings: [FINDINGS[0] as Finding],
      notices: [],
      stats: { filesScanned: 1, filesSkipped: 0, filesWithFindings: 1 },
    });
    expect(formatText(one, { color: false }).trimEnd().split('\n').at(-1)).toBe(
      '1 error, 0 warnings, 0 notes in 1 file · 1 file scanned, 0 skipped',
    );
    const none = sampleResult({ findings: [], notices: [] });
    expect(formatText(none, { color: false })).toBe('No problems found · 5 files scanned, 1 skipped\n');
  });

  it('neutralises escape sequences and bidi controls from scanned files', () => {
    const evil = finding({
      path: 'evil\x1b[31m\u202e.py',
      message: 'Label \x1b[31mred\x1b[0m \u202eesrever',
      snippet: 'x = ["\x1b[31m", "\u202eabc"]\x1b]0;title\x07',
      column: 5,
      endColumn: 22,
    });
    const out = formatText(
      sampleResult({ findings: [evil], notices: [{ path: 'n\x1b[2J.bin', level: 'note', reason: 'binary', message: 'm\u2066' }] }),
      { color: false },
    );
    expect(out).not.toMatch(RAW_DANGEROUS);
    expect(out).toContain('evil\\x1b[31m\\u202e.py');
    expect(out).toContain('Label \\x1b[31mred\\x1b[0m \\u202eesrever');
    expect(out).toContain('x = ["\\x1b[31m", "\\u202eabc"]\\x1b]0;title\\x07');
    expect(out).toContain('n\\x1b[2J.bin: m\\u2066');
    // The underline still covers the whole (escaped) match.
    const u = underlineUnder(out, 'x = [');
    expect(u.sourceLine.slice(u.col, u.col + u.width)).toBe('["\\x1b[31m", "\\u202eabc"]');
  });

  it('windows long lines around the match with ellipses', () => {
    const line = `${'a'.repeat(300)} race ${'b'.repeat(300)}`;
    const f = finding({ snippet: line, column: 302, endColumn: 306 });
    const frame = sourceFrame(f);
    expect(frame).toBeDefined();
    expect(frame!.line.startsWith('…')).toBe(true);
    expect(frame!.line.endsWith('…')).toBe(true);
    expect([...frame!.line].length).toBeLessThanOrEqual(200);
    expect(frame!.line.slice(frame!.underlineStart, frame!.underlineStart + frame!.underlineWidth)).toBe('race');
    // Match near the start: no left ellipsis.
    const early = sourceFrame(finding({ snippet: line.slice(296), column: 6, endColumn: 10 }))!;
    expect(early.line.startsWith('…')).toBe(false);
    expect(early.line.endsWith('…')).toBe(true);
    expect(early.line.slice(early.underlineStart, early.underlineStart + early.underlineWidth)).toBe('race');
  });

  it('accounts for wide characters and zero-length matches', () => {
    const wide = sourceFrame(finding({ snippet: '人种 = "race"', column: 6, endColumn: 12 }))!;
    expect(wide.underlineStart).toBe(7); // 人种 occupy 4 columns
    expect(wide.underlineWidth).toBe(6);
    const empty = sourceFrame(finding({ snippet: 'abc', column: 4, endColumn: 4 }))!;
    expect(empty).toEqual({ line: 'abc', underlineStart: 3, underlineWidth: 1 });
  });

  it('caps the list of skipped files', () => {
    const notices = Array.from({ length: 15 }, (_, i) => ({
      path: `img/${i}.png`,
      level: 'note' as const,
      reason: 'binary',
      message: 'Skipped: binary file',
    }));
    const out = formatText(sampleResult({ notices }), { color: false });
    expect(out).toContain('img/9.png');
    expect(out).not.toContain('img/10.png');
    expect(out).toContain('… and 5 more skipped files');
  });
});

describe('json format', () => {
  const json = formatJson(sampleResult());
  const doc = JSON.parse(json) as Record<string, unknown>;

  it('has the documented top-level keys in order', () => {
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'tool', 'findings', 'skipped', 'notices', 'stats', 'rules', 'suppressed', 'suppressions']);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tool).toEqual({ name: 'ethnolint', version: '0.1.0' });
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toContain('\n  "schemaVersion": 1,');
  });

  it('lists findings with every field in order', () => {
    const findings = doc.findings as Record<string, unknown>[];
    expect(findings).toHaveLength(3);
    expect(Object.keys(findings[0]!)).toEqual([
      'ruleId', 'severity', 'message', 'path', 'line', 'column', 'endLine', 'endColumn', 'snippet', 'evidence', 'fingerprint',
    ]);
    expect(findings[2]!.path).toBe('données/étiquettes.yaml');
  });

  it('splits skipped files from other notices', () => {
    expect(doc.skipped).toEqual([{ path: 'assets/face #1.png', reason: 'binary', message: 'Skipped: binary file' }]);
    expect(doc.notices).toEqual([
      {
        path: 'config/model.json',
        level: 'warning',
        reason: 'parse-error',
        message: 'Could not parse JSON (Unexpected token at 4:2); scanned as text',
      },
    ]);
    for (const reason of ['binary', 'too-large', 'unreadable', 'not-found', 'symlink', 'special-file']) {
      expect(SKIP_REASONS.has(reason)).toBe(true);
    }
  });

  it('has stats and rules', () => {
    expect(doc.stats).toEqual({
      filesScanned: 5, filesSkipped: 1, filesWithFindings: 2, findings: 3, errors: 2, warnings: 1, notes: 0, suppressed: 0,
    });
    expect(doc.rules).toEqual([
      { id: 'ethnicity-label', name: 'EthnicityLabel', severity: 'error' },
      { id: 'face-api-race', name: 'FaceApiRaceAttribute', severity: 'warning' },
    ]);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF is navigated as untyped JSON in these tests */
describe('sarif format', () => {
  const sarif = formatSarif(sampleResult(), { category: 'ethnolint' });
  const log = JSON.parse(sarif) as any;
  const run = log.runs[0];

  it('has the SARIF 2.1.0 envelope and a single run', () => {
    expect(Object.keys(log)).toEqual(['$schema', 'version', 'runs']);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.automationDetails).toEqual({ id: 'ethnolint/' });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBeUndefined();
    expect(sarif.endsWith('\n')).toBe(true);
  });

  it('describes the driver and its rules', () => {
    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'ethnolint', version: '0.1.0', semanticVersion: '0.1.0' });
    expect(driver.rules.map((r: any) => r.id)).toEqual(['ethnicity-label', 'face-api-race']);
    const rule = driver.rules[0];
    expect(rule.name).toBe('EthnicityLabel');
    expect(rule.shortDescription.text).toBe('Ethnicity or race used as a classification label.');
    expect(rule.helpUri).toBe('https://github.com/ethnolint/ethnolint/blob/main/rules/ethnicity-label.md');
    expect(rule.defaultConfiguration).toEqual({ level: 'error' });
    expect(rule.properties).toEqual({
      tags: ['security', 'ai-act', 'biometric-categorisation', 'external/cwe/cwe-359'],
      precision: 'high',
      'problem.severity': 'error',
      'security-severity': '9.0',
    });
    expect(rule.help.markdown).toBe(ETHNICITY_LABEL.helpMarkdown);
    expect(rule.help.text).not.toMatch(/[`#*]|\]\(/);
    expect(rule.help.text).toContain('Article 5 of the AI Act (https://eur-lex.europa.eu/eli/reg/2024/1689/oj)');
    expect(driver.rules[1].properties['problem.severity']).toBe('warning');
  });

  it('dedupes rules, caps tags and long descriptions, maps note to recommendation', () => {
    const noisy: RunRule = {
      ...ETHNICITY_LABEL,
      severity: 'note',
      meta: {
        ...ETHNICITY_LABEL.meta,
        fullDescription: `${'word '.repeat(400)}end`,
        tags: Array.from({ length: 15 }, (_, i) => `t${i}`),
        securitySeverity: 4,
      },
    };
    const r = JSON.parse(formatSarif(sampleResult({ rules: [noisy, noisy] }))).runs[0];
    expect(r.tool.driver.rules).toHaveLength(1);
    const d = r.tool.driver.rules[0];
    expect(d.fullDescription.text.length).toBeLessThanOrEqual(1024);
    expect(d.fullDescription.text.endsWith('…')).toBe(true);
    expect(d.properties.tags).toHaveLength(10);
    expect(d.properties.tags[0]).toBe('security');
    expect(d.properties['problem.severity']).toBe('recommendation');
    expect(d.properties['security-severity']).toBe('4.0');
    expect(d.defaultConfiguration.level).toBe('note');
  });

  it('emits results with relative, percent-encoded locations and fingerprints', () => {
    expect(run.results).toHaveLength(3);
    const [a, b, c] = run.results;
    expect(Object.keys(a)).toEqual(['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'partialFingerprints', 'fingerprints']);
    expect(a.ruleIndex).toBe(0);
    expect(b.ruleIndex).toBe(1);
    expect(c.ruleIndex).toBe(0);
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(res.message.text.endsWith('.')).toBe(true);
    }
    expect(a.message.text).toBe('Label set "asian, black, white" classifies people by race.');
    expect(b.message.text).toBe("DeepFace.analyze requests the 'race' action.");
    const loc = a.locations[0].physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: 'data/label%20maps/races.py', uriBaseId: '%SRCROOT%' });
    expect(loc.region).toEqual({
      startLine: 3, startColumn: 9, endLine: 3, endColumn: 36, snippet: { text: '["asian", "black", "white"]' },
    });
    expect(loc.contextRegion.snippet.text).toBe('RACES = ["asian", "black", "white"]');
    expect(c.locations[0].physicalLocation.artifactLocation.uri).toBe('donn%C3%A9es/%C3%A9tiquettes.yaml');
    expect(c.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, endLine: 3, endColumn: 6 });
    expect(a.partialFingerprints).toEqual({ primaryLocationLineHash: 'a1b2c3d4e5f60718' });
    expect(a.fingerprints).toEqual({ 'ethnolint/v1': 'a1b2c3d4e5f60718' });
  });

  it('percent-encodes awkward path segments', () => {
    expect(pathToRelativeUri('a b/c#d?e%f/ü.py')).toBe('a%20b/c%23d%3Fe%25f/%C3%BC.py');
    expect(pathToRelativeUri('x\u0001\u001b/(1)[2].py')).toBe('x%01%1B/%281%29%5B2%5D.py');
    expect(pathToRelativeUri('./a//b')).toBe('a/b');
    expect(pathToRelativeUri('c:x/y')).toBe('c%3Ax/y');
    expect(pathToRelativeUri('bad\ud800.py')).toBe('bad%EF%BF%BD.py');
    expect(pathToRelativeUri('/abs/path')).toBeUndefined();
  });

  it('reports notices as tool execution notifications', () => {
    const inv = run.invocations[0];
    expect(inv.executionSuccessful).toBe(true);
    expect(inv.toolExecutionNotifications).toEqual([
      {
        level: 'note',
        message: { text: 'Skipped: binary file.' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'assets/face%20%231.png', uriBaseId: '%SRCROOT%' } } }],
        descriptor: { id: 'binary' },
      },
      {
        level: 'warning',
        message: { text: 'Could not parse JSON (Unexpected token at 4:2); scanned as text.' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'config/model.json', uriBaseId: '%SRCROOT%' } } }],
        descriptor: { id: 'parse-error' },
      },
    ]);
    const fatal = JSON.parse(
      formatSarif(sampleResult({ notices: [{ path: '', level: 'error', reason: 'fatal', message: 'Crashed' }] })),
    ).runs[0].invocations[0];
    expect(fatal.executionSuccessful).toBe(false);
    expect(fatal.toolExecutionNotifications[0].locations).toBeUndefined();
  });

  it('writes version control provenance only with an absolute, credential-free repository uri', () => {
    expect(run.versionControlProvenance).toEqual([
      {
        repositoryUri: 'https://github.com/example/face-model',
        revisionId: '0123456789abcdef0123456789abcdef01234567',
        branch: 'main',
        mappedTo: { uriBaseId: '%SRCROOT%' },
      },
    ]);
    const leaky = JSON.parse(
      formatSarif(sampleResult({ vcs: { repositoryUri: 'https://u:tok@github.com/o/r?x=1', branch: 'main' } })),
    ).runs[0];
    expect(leaky.versionControlProvenance[0].repositoryUri).toBe('https://github.com/o/r');
    for (const vcs of [{ repositoryUri: 'o/r', branch: 'main' }, { branch: 'main' }, undefined]) {
      expect(JSON.parse(formatSarif(sampleResult({ vcs }))).runs[0].versionControlProvenance).toBeUndefined();
    }
    expect(JSON.parse(formatSarif(sampleResult())).runs[0].automationDetails).toBeUndefined();
  });

  it('helpers: sentences, truncation, markdown', () => {
    expect(asSentence('  Hello  ')).toBe('Hello.');
    expect(asSentence('Done.')).toBe('Done.');
    expect(asSentence('')).toBe('No message.');
    const t = truncate(`${'x'.repeat(1022)}🙂🙂`, 1024);
    expect(t.length).toBeLessThanOrEqual(1024);
    expect(t).not.toMatch(/[\ud800-\udbff]…$/);
    expect(markdownToText('## Title\n\nUse **bold** and `code`, see [docs](https://x.y/z).\n')).toBe(
      'Title\n\nUse bold and code, see docs (https://x.y/z).',
    );
    expect(markdownToText('snake_case_name stays')).toBe('snake_case_name stays');
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('format dispatch and determinism', () => {
  it('lists the formats, text first', async () => {
    expect(FORMATS).toEqual(['text', 'json', 'sarif', 'github', 'junit', 'gitlab']);
    expect(DEFAULT_FORMAT).toBe('text');
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
    await expect(format('xml' as 'text', sampleResult())).rejects.toThrow(/Unknown format/);
  });

  it('dispatches to the formatters', async () => {
    const r = sampleResult();
    expect(await format('text', r)).toBe(formatText(r, { color: false }));
    expect(await format('text', r, { color: true })).toBe(formatText(r, { color: true }));
    expect(await format('json', r)).toBe(formatJson(r));
    expect(await format('sarif', r, { category: 'c' })).toBe(formatSarif(r, { category: 'c' }));
  });

  it('gives byte-identical output for equal results, without absolute paths', async () => {
    for (const name of FORMATS) {
      for (const color of [false, true]) {
        const a = await format(name, sampleResult(), { color, category: 'ci' });
        const b = await format(name, structuredClone(sampleResult()) as ScanResult, { color, category: 'ci' });
        expect(b).toBe(a);
        expect(a).not.toContain(process.cwd());
      }
    }
  });
});
