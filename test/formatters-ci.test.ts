// The CI formats (github, junit, gitlab) read back the way their consumers read them: JUnit
// through an XML parser, GitLab Code Quality against its documented fields, GitHub workflow
// commands parsed and unescaped as the runner does. Hostile findings (markup, CDATA ends,
// quotes, control characters, lone surrogates, line breaks, commas and colons) must come back
// exactly, or as visible escapes where the format cannot carry a character.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { format } from '../src/formatters/index.js';
import { escapeData, escapeProperty, formatGithub } from '../src/formatters/github.js';
import { formatGitlab } from '../src/formatters/gitlab.js';
import { escapeXml, formatJunit } from '../src/formatters/junit.js';
import type { Finding, ScanResult } from '../src/types.js';
import { runCli } from './helpers/run-cli.js';
import { FINDINGS, sampleResult } from './helpers/sample-result.js';

const HOSTILE: Finding = {
  ruleId: 'ethnicity-label',
  severity: 'error',
  message: 'Label <b>"asian"</b> & \'white\' ]]> 50%, a:b\x1b[31m\x00\x07\ud800\uffff\nsecond line\r\nthird %0A',
  path: 'data/<x>&"y",z:w/a]]>b\nc\x01.json',
  line: 4,
  column: 2,
  endLine: 4,
  endColumn: 9,
  snippet: '  ["<asian>", "]]>", \'&amp;\']\t\x0b\ud83d\ude00',
  evidence: 'asian',
  fingerprint: 'ffeeddccbbaa9988',
};

function withFindings(findings: Finding[], overrides: Partial<ScanResult> = {}): ScanResult {
  return sampleResult({ findings, ...overrides });
}

// ---------------------------------------------------------------------------------------------
// JUnit
// ---------------------------------------------------------------------------------------------

/** XML 1.0 `Char`: what may appear in a document at all. */
function illegalXmlChars(xml: string): number[] {
  const bad: number[] = [];
  for (const ch of xml) {
    const cp = ch.codePointAt(0) as number;
    const ok =
      cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
    if (!ok) bad.push(cp);
  }
  return bad;
}

interface JunitCase {
  '@_name': string;
  '@_classname': string;
  '@_file'?: string;
  '@_line'?: string;
  failure?: { '#text': string; '@_message': string; '@_type': string };
  error?: { '#text': string; '@_message': string; '@_type': string };
}
interface JunitSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  testcase: JunitCase[];
  'system-out'?: string;
  'system-err'?: string;
}
interface JunitDoc {
  testsuites: { '@_tests': string; '@_failures': string; '@_errors': string; testsuite: JunitSuite[] };
}

function parseJunit(xml: string): JunitDoc {
  expect(XMLValidator.validate(xml)).toBe(true);
  // fast-xml-parser's validator does not check the Char production; check it here.
  expect(illegalXmlChars(xml)).toEqual([]);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    htmlEntities: true, // decode character references (&#10; …)
    alwaysCreateTextNode: true,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  const doc = parser.parse(xml) as JunitDoc;
  for (const suite of doc.testsuites.testsuite) {
    const out = suite['system-out'] as unknown as { '#text': string } | undefined;
    const err = suite['system-err'] as unknown as { '#text': string } | undefined;
    if (out) suite['system-out'] = out['#text'];
    if (err) suite['system-err'] = err['#text'];
  }
  return doc;
}

/** What the JUnit formatter is documented to make of a string: XML-illegal characters as visible escapes. */
function visibleIllegal(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    const ok = illegalXmlChars(ch).length === 0;
    out += ok ? ch : cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  }
  return out;
}

describe('junit', () => {
  it('gives one suite per file and one failing testcase per finding, after a passing scan testcase', () => {
    const doc = parseJunit(formatJunit(sampleResult()));
    const root = doc.testsuites;
    expect(root['@_tests']).toBe('4');
    expect(root['@_failures']).toBe('3');
    expect(root['@_errors']).toBe('0');
    const [scan, ...files] = root.testsuite;
    expect(scan?.['@_name']).toBe('ethnolint');
    expect(scan?.testcase).toHaveLength(1);
    expect(scan?.testcase[0]?.failure).toBeUndefined();
    expect(scan?.['system-out']).toBe('ethnolint 0.1.0: 5 files scanned, 1 skipped, 3 findings');
    expect(scan?.['system-err']).toContain('config/model.json: Could not parse JSON');
    expect(files.map((s) => [s['@_name'], s['@_tests'], s['@_failures']])).toEqual([
      ['data/label maps/races.py', '2', '2'],
      ['données/étiquettes.yaml', '1', '1'],
    ]);
    const cases = files.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(FINDINGS.length);
    cases.forEach((c, i) => {
      const f = FINDINGS[i] as Finding;
      expect(c['@_name']).toBe(`${f.ruleId} ${f.line}:${f.column}`);
      expect(c['@_classname']).toBe(f.path);
      expect(c['@_file']).toBe(f.path);
      expect(c['@_line']).toBe(String(f.line));
      expect(c.failure?.['@_message']).toBe(f.message);
      expect(c.failure?.['@_type']).toBe(f.severity);
      expect(c.failure?.['#text']).toBe(`${f.path}:${f.line}:${f.column}: ${f.severity}: ${f.message} (${f.ruleId})\n\n${f.snippet}`);
    });
  });

  it('still writes a valid document with one passing testcase for a clean run', () => {
    const doc = parseJunit(formatJunit(withFindings([], { notices: [] })));
    expect(doc.testsuites['@_tests']).toBe('1');
    expect(doc.testsuites['@_failures']).toBe('0');
    expect(doc.testsuites.testsuite).toHaveLength(1);
    const only = doc.testsuites.testsuite[0] as JunitSuite;
    expect(only.testcase).toHaveLength(1);
    expect(only.testcase[0]?.failure).toBeUndefined();
    expect(only.testcase[0]?.error).toBeUndefined();
    expect(only['system-err']).toBeUndefined();
  });

  it('reports a failed scan as an error testcase', () => {
    const doc = parseJunit(
      formatJunit(withFindings([], { notices: [{ path: '', level: 'error', reason: 'fatal', message: 'worker <crashed> & died' }] })),
    );
    expect(doc.testsuites['@_errors']).toBe('1');
    const scanCase = doc.testsuites.testsuite[0]?.testcase[0];
    expect(scanCase?.error?.['@_message']).toBe('worker <crashed> & died');
    expect(scanCase?.error?.['@_type']).toBe('fatal');
  });

  it('keeps hostile content well-formed and reads it back exactly, illegal characters as visible escapes', () => {
    const xml = formatJunit(withFindings([HOSTILE]));
    expect(xml).not.toContain('<b>');
    expect(xml).not.toContain(']]>');
    const doc = parseJunit(xml);
    const suite = doc.testsuites.testsuite[1] as JunitSuite;
    expect(suite['@_name']).toBe(visibleIllegal(HOSTILE.path));
    const c = suite.testcase[0] as JunitCase;
    expect(c['@_classname']).toBe(visibleIllegal(HOSTILE.path));
    expect(c.failure?.['@_message']).toBe(visibleIllegal(HOSTILE.message));
    // Line breaks in attributes survive (as character references), CR included.
    expect(c.failure?.['@_message']).toContain('second line\r\nthird');
    expect(c.failure?.['@_message']).toContain('\\x1b[31m\\x00\\x07\\ud800\\uffff');
    expect(c.failure?.['#text']).toBe(
      visibleIllegal(`${HOSTILE.path}:4:2: error: ${HOSTILE.message} (ethnicity-label)\n\n${HOSTILE.snippet}`),
    );
    // A valid surrogate pair is one character, kept as is.
    expect(c.failure?.['#text']).toContain('\ud83d\ude00');
  });

  it('escapes each special character', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('a\tb\nc\rd')).toBe('a\tb\nc&#13;d');
    expect(escapeXml('a\tb\nc\rd', true)).toBe('a&#9;b&#10;c&#13;d');
    expect(escapeXml('\x00\x1f\ufffe\udc00x')).toBe('\\x00\\x1f\\ufffe\\udc00x');
  });
});

// ---------------------------------------------------------------------------------------------
// GitLab Code Quality
// ---------------------------------------------------------------------------------------------

const GITLAB_SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

/** The fields GitLab documents for a Code Quality report entry, with their types. */
function checkCodeQualityIssue(issue: unknown): void {
  expect(issue).toBeTypeOf('object');
  const i = issue as Record<string, unknown>;
  expect(i.description).toBeTypeOf('string');
  expect(i.check_name).toBeTypeOf('string');
  expect(i.fingerprint).toBeTypeOf('string');
  expect((i.fingerprint as string).length).toBeGreaterThan(0);
  expect(GITLAB_SEVERITIES).toContain(i.severity);
  const location = i.location as Record<string, unknown>;
  expect(location.path).toBeTypeOf('string');
  expect((location.path as string).startsWith('/')).toBe(false);
  const lines = location.lines as Record<string, unknown>;
  expect(Number.isInteger(lines.begin)).toBe(true);
  expect(lines.begin as number).toBeGreaterThanOrEqual(1);
  if (lines.end !== undefined) {
    expect(Number.isInteger(lines.end)).toBe(true);
    expect(lines.end as number).toBeGreaterThanOrEqual(lines.begin as number);
  }
}

describe('gitlab', () => {
  it('writes an array of Code Quality issues with the documented fields', () => {
    const issues = JSON.parse(formatGitlab(sampleResult())) as Array<Record<string, unknown>>;
    expect(Array.isArray(issues)).toBe(true);
    expect(issues).toHaveLength(FINDINGS.length);
    issues.forEach(checkCodeQualityIssue);
    issues.forEach((issue, i) => {
      const f = FINDINGS[i] as Finding;
      expect(issue).toEqual({
        description: f.message,
        check_name: f.ruleId,
        fingerprint: f.fingerprint,
        severity: { error: 'critical', warning: 'major', note: 'info' }[f.severity],
        location: { path: f.path, lines: { begin: f.line, end: f.endLine } },
      });
    });
  });

  it('writes an empty array for a clean run', () => {
    expect(JSON.parse(formatGitlab(withFindings([])))).toEqual([]);
  });

  it('keeps fingerprints unique even when two findings share one', () => {
    const twin = { ...(FINDINGS[0] as Finding), line: 9, endLine: 9 };
    const issues = JSON.parse(formatGitlab(withFindings([FINDINGS[0] as Finding, twin, twin]))) as Array<{ fingerprint: string }>;
    const prints = issues.map((i) => i.fingerprint);
    expect(new Set(prints).size).toBe(3);
    expect(prints[0]).toBe((FINDINGS[0] as Finding).fingerprint);
  });

  it('carries hostile strings through JSON exactly', () => {
    const [issue] = JSON.parse(formatGitlab(withFindings([HOSTILE]))) as Array<Record<string, unknown>>;
    checkCodeQualityIssue(issue);
    expect(issue?.description).toBe(HOSTILE.message);
    expect((issue?.location as { path: string }).path).toBe(HOSTILE.path);
  });
});

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands
// ---------------------------------------------------------------------------------------------

interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Reverses the runner's escapes in one pass, so a literal "%0A" written as "%250A" stays literal. */
function unescape(s: string): string {
  const map: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };
  return s.replace(/%(25|0D|0A|3A|2C)/g, (m) => map[m] as string);
}

/** Parses workflow commands as the runner does: `::name k=v,k=v::message`, one per line. */
function parseCommands(output: string): WorkflowCommand[] {
  expect(output.endsWith('\n')).toBe(true);
  return output
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const properties: Record<string, string> = {};
      for (const pair of (m?.[2] ?? '').split(',').filter(Boolean)) {
        const eq = pair.indexOf('=');
        properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1));
      }
      return { command: m?.[1] as string, properties, message: unescape(m?.[3] as string) };
    });
}

describe('github', () => {
  it('annotates every finding with file, position and title, and round-trips', () => {
    const commands = parseCommands(formatGithub(sampleResult()));
    const findings = commands.slice(0, FINDINGS.length);
    findings.forEach((c, i) => {
      const f = FINDINGS[i] as Finding;
      expect(c.command).toBe({ error: 'error', warning: 'warning', note: 'notice' }[f.severity]);
      expect(c.message).toBe(f.message);
      expect(c.properties.file).toBe(f.path);
      expect(c.properties.line).toBe(String(f.line));
      expect(c.properties.endLine).toBe(String(f.endLine));
      expect(c.properties.title).toBe(`ethnolint(${f.ruleId})`);
      if (f.line === f.endLine) {
        expect(c.properties.col).toBe(String(f.column));
        expect(c.properties.endColumn).toBe(String(f.endColumn));
      } else {
        // GitHub accepts columns only on single-line annotations.
        expect(c.properties.col).toBeUndefined();
        expect(c.properties.endColumn).toBeUndefined();
      }
    });
    // The parse-error warning follows; the binary skip (a note) is left out.
    expect(commands.slice(FINDINGS.length)).toEqual([
      {
        command: 'warning',
        properties: { file: 'config/model.json', title: 'ethnolint: parse-error' },
        message: 'Could not parse JSON (Unexpected token at 4:2); scanned as text',
      },
    ]);
  });

  it('maps notes to ::notice and prints nothing for a clean run', () => {
    const note = { ...(FINDINGS[0] as Finding), severity: 'note' as const };
    expect(parseCommands(formatGithub(withFindings([note], { notices: [] })))[0]?.command).toBe('notice');
    expect(formatGithub(withFindings([], { notices: [] }))).toBe('');
  });

  it('keeps commas, colons, percent signs and line breaks in paths and messages, one command per line', () => {
    const tricky: Finding = {
      ...HOSTILE,
      message: 'first, second: 50% done\r\nnext line %0A stays literal\nend',
      path: 'dir,with/colons:here/new\nline.json',
    };
    const output = formatGithub(withFindings([tricky], { notices: [] }));
    expect(output.split('\n')).toHaveLength(2); // one line and the final newline
    const [c] = parseCommands(output);
    expect(c?.message).toBe(tricky.message);
    expect(c?.properties.file).toBe(tricky.path);
    expect(c?.properties.title).toBe('ethnolint(ethnicity-label)');
  });

  it('shows other control characters as visible escapes, so the job log interprets nothing', () => {
    const [c] = parseCommands(formatGithub(withFindings([HOSTILE], { notices: [] })));
    expect(c?.message).toBe(
      'Label <b>"asian"</b> & \'white\' ]]> 50%, a:b\\x1b[31m\\x00\\x07\\ud800\uffff\nsecond line\r\nthird %0A',
    );
    expect(c?.properties.file).toBe('data/<x>&"y",z:w/a]]>b\nc\\x01.json');
  });

  it('escapes exactly as the runner documents', () => {
    expect(escapeData('50%\r\nx: a, b')).toBe('50%25%0D%0Ax: a, b');
    expect(escapeProperty('50%\r\nx: a, b')).toBe('50%25%0D%0Ax%3A a%2C b');
  });
});

// ---------------------------------------------------------------------------------------------
// Through the CLI
// ---------------------------------------------------------------------------------------------

describe('the CLI writes each CI format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-ci-formats-'));
  writeFileSync(join(dir, 'classes.txt'), 'Latino_Hispanic\nEast Asian\nMiddle Eastern\nWhite\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('-f junit / gitlab / github agree with the JSON report', async () => {
    const json = runCli(['-f', 'json', '.'], { cwd: dir });
    const findings = (JSON.parse(json.stdout) as { findings: Finding[] }).findings;
    expect(findings.length).toBeGreaterThan(0);

    const junit = runCli(['-f', 'junit', '.'], { cwd: dir });
    expect(junit.status).toBe(1);
    const doc = parseJunit(junit.stdout);
    expect(doc.testsuites['@_failures']).toBe(String(findings.length));
    expect(doc.testsuites.testsuite[1]?.['@_name']).toBe('classes.txt');

    const gitlab = runCli(['-f', 'gitlab', '.'], { cwd: dir });
    expect(gitlab.status).toBe(1);
    const issues = JSON.parse(gitlab.stdout) as unknown[];
    issues.forEach(checkCodeQualityIssue);
    expect(issues.map((i) => (i as { fingerprint: string }).fingerprint)).toEqual(findings.map((f) => f.fingerprint));

    const github = runCli(['-f', 'github', '.'], { cwd: dir });
    expect(github.status).toBe(1);
    expect(parseCommands(github.stdout).map((c) => c.properties.file)).toEqual(findings.map((f) => f.path));

    expect(await format('gitlab', withFindings(findings))).toBe(gitlab.stdout);
  });
});
