// Inline suppressions: the directive parser in every comment syntax the parsers know, and the
// command line's behaviour (reasons, next-line / line / block / enable, unknown ids, unused
// suppressions, --no-inline-suppressions, --list-suppressions, SARIF, workers, large files).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { classify } from '../src/classify.js';
import { parseFile } from '../src/parse.js';
import { computeLineStarts } from '../src/positions.js';
import { textPass } from '../src/large-file.js';
import { fileOptions, POOL_AFTER_FILES, scanBuffer, suppressionSettings } from '../src/scan.js';
import { applySuppressions } from '../src/suppress/apply.js';
import { parseDirectiveBody, parseDirectives, type Directive } from '../src/suppress/directive.js';
import type { Finding } from '../src/types.js';
import { runCli } from './helpers/run-cli.js';
import { validateSarif } from './helpers/sarif-validator.js';

async function directivesOf(filename: string, code: string): Promise<Directive[]> {
  const kind = classify(filename, code.slice(0, 256));
  if (!kind) throw new Error(`not classified: ${filename}`);
  const { directiveComments } = await parseFile(filename, kind.kind, kind.language, code);
  return parseDirectives(directiveComments, computeLineStarts(code));
}

const brief = (d: Directive): Partial<Directive> => ({ kind: d.kind, rules: d.rules, reason: d.reason, line: d.line });

describe('parseDirectiveBody', () => {
  it.each([
    [' ethnicity-label -- legacy data', { rules: ['ethnicity-label'], reason: 'legacy data' }],
    [' ethnicity-label, ethnicity-attribute -- a -- b', { rules: ['ethnicity-label', 'ethnicity-attribute'], reason: 'a -- b' }],
    [' ethnicity-label,ethnicity-attribute--x', { rules: ['ethnicity-label,ethnicity-attribute--x'].flatMap((s) => s.split(',')) }],
    [' -- whole file reviewed', { rules: [], reason: 'whole file reviewed' }],
    ['', { rules: [] }],
    [' ethnicity-label', { rules: ['ethnicity-label'] }],
    [' ethnicity-label --', { rules: ['ethnicity-label'] }],
    [' ethnicity-label --    ', { rules: ['ethnicity-label'] }],
    [' ethnicity-label -- reviewed -->', { rules: ['ethnicity-label'], reason: 'reviewed' }],
    [' ethnicity-label -- reviewed */', { rules: ['ethnicity-label'], reason: 'reviewed' }],
    [' -- */', { rules: [] }],
  ])('%j', (body, expected) => {
    expect(parseDirectiveBody(body)).toEqual(expected);
  });
});

describe('directives in every comment syntax', () => {
  const cases: [string, string, string, Partial<Directive>[]][] = [
    ['Python #', 'a.py', 'x = 1  # ethnolint-disable-line ethnicity-label -- legacy data\n', [{ kind: 'disable-line', rules: ['ethnicity-label'], reason: 'legacy data', line: 1 }]],
    ['JavaScript //', 'a.ts', '// ethnolint-disable-next-line ethnicity-label, ethnicity-attribute -- audit\nconst x = 1;\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label', 'ethnicity-attribute'], reason: 'audit', line: 1 }]],
    ['JavaScript /* */', 'a.js', 'const a = 1;\n/* ethnolint-disable -- whole file reviewed */\n', [{ kind: 'disable', rules: [], reason: 'whole file reviewed', line: 2 }]],
    ['JSDoc block over lines', 'a.js', '/**\n * ethnolint-disable-next-line ethnicity-label -- why\n */\nconst a = 1;\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label'], reason: 'why', line: 2 }]],
    ['Markdown <!-- -->', 'README.md', '# Data\n\n<!-- ethnolint-disable-next-line ethnicity-label -- table from a published study -->\n| a |\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label'], reason: 'table from a published study', line: 3 }]],
    ['SQL --', 'q.sql', 'SELECT 1; -- ethnolint-disable-line ethnicity-attribute -- census columns\n', [{ kind: 'disable-line', rules: ['ethnicity-attribute'], reason: 'census columns', line: 1 }]],
    ['Lua --', 'a.lua', '-- ethnolint-disable ethnicity-label -- fixture\nlocal x = 1\n-- ethnolint-enable\n', [{ kind: 'disable', rules: ['ethnicity-label'], reason: 'fixture', line: 1 }, { kind: 'enable', rules: [], reason: undefined, line: 3 }]],
    ['Lua --[[ ]]', 'a.lua', '--[[ ethnolint-disable-next-line ethnicity-label -- fixture ]]\nlocal x = 1\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label'], reason: 'fixture', line: 1 }]],
    ['INI ;', 'model.ini', '; ethnolint-disable-next-line ethnicity-label -- reviewed config\nlabels = a\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label'], reason: 'reviewed config', line: 1 }]],
    ['MATLAB %', 'train.m', 'x = 1; % ethnolint-disable-line ethnicity-label -- legacy\n', [{ kind: 'disable-line', rules: ['ethnicity-label'], reason: 'legacy', line: 1 }]],
    ['TeX % in a Markdown fence', 'paper.md', '```tex\n% ethnolint-disable-next-line ethnicity-label -- quoted from the survey\n\\item x\n```\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label'], reason: 'quoted from the survey', line: 2 }]],
    ['Lisp ; in a Markdown fence', 'notes.md', '```clojure\n; ethnolint-disable-next-line ethnicity-label -- example\n(def x 1)\n```\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label'], reason: 'example', line: 2 }]],
    ['YAML #', 'data.yaml', '# ethnolint-disable-next-line ethnicity-label -- public benchmark\nnames: [a, b]\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label'], reason: 'public benchmark', line: 1 }]],
    ['JSON with comments //', 'tsconfig.json', '{\n  // ethnolint-disable-next-line ethnicity-label -- reviewed\n  "a": 1\n}\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label'], reason: 'reviewed', line: 2 }]],
    ['C /* */', 'a.c', 'int a; /* ethnolint-disable-line ethnicity-label -- vendor header */\n', [{ kind: 'disable-line', rules: ['ethnicity-label'], reason: 'vendor header', line: 1 }]],
    ['shell #', 'run.sh', 'echo hi # ethnolint-disable-line -- demo script\n', [{ kind: 'disable-line', rules: [], reason: 'demo script', line: 1 }]],
    ['PowerShell <# #>', 'a.ps1', '<# ethnolint-disable-next-line ethnicity-label -- vendor sample #>\n$x = 1\n', [{ kind: 'disable-next-line', rules: ['ethnicity-label'], reason: 'vendor sample', line: 1 }]],
    ['class list #', 'classes.names', '# ethnolint-disable -- kept for a bias audit\nasian\nwhite\n', [{ kind: 'disable', rules: [], reason: 'kept for a bias audit', line: 1 }]],
    ['Haskell --', 'README.md', '```haskell\nx = 1 -- ethnolint-disable-line ethnicity-label -- demo\n```\n', [{ kind: 'disable-line', rules: ['ethnicity-label'], reason: 'demo', line: 2 }]],
  ];

  it.each(cases)('%s', async (_name, filename, code, expected) => {
    expect((await directivesOf(filename, code)).map(brief)).toEqual(expected);
  });

  it('keeps a directive without a reason, with reason undefined', async () => {
    expect((await directivesOf('a.py', '# ethnolint-disable-line ethnicity-label\n# ethnolint-disable-line ethnicity-label --\n')).map(brief)).toEqual([
      { kind: 'disable-line', rules: ['ethnicity-label'], reason: undefined, line: 1 },
      { kind: 'disable-line', rules: ['ethnicity-label'], reason: undefined, line: 2 },
    ]);
  });

  it('ignores prose that mentions a directive, near-miss keywords, fixture markers and strings', async () => {
    const code = [
      '# see ethnolint-disable-line in the docs',
      '# ethnolint-disabled ethnicity-label -- no',
      '# ethnolint-disable-lines ethnicity-label -- no',
      '# ethnolint-expect: ethnicity-label',
      's = "# ethnolint-disable-line ethnicity-label -- in a string"',
      '',
    ].join('\n');
    expect(await directivesOf('a.py', code)).toEqual([]);
  });

  it('gives the line on which a block comment ends, for next-line', async () => {
    const [d] = await directivesOf('a.js', '/* ethnolint-disable-next-line ethnicity-label -- why\n   (second line) */\nconst a = 1;\n');
    expect(d).toMatchObject({ line: 1, endLine: 2, column: 4 });
  });
});

// ---------------------------------------------------------------------------------------------
// End to end
// ---------------------------------------------------------------------------------------------

const LABELS = 'id2label = {0: "White", 1: "Black", 2: "East Asian", 3: "Indian"}';
const roots: string[] = [];
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ethnolint-suppress-'));
  roots.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface JsonFinding {
  ruleId: string;
  line: number;
  column: number;
  severity: string;
  path: string;
  message: string;
  suppression?: { kind: string; path: string; line: number; reason: string };
}
interface JsonReport {
  findings: JsonFinding[];
  suppressed: JsonFinding[];
  suppressions: { kind: string; path: string; line: number; rules: string[]; reason: string; matched: number }[];
  notices: { path: string; reason: string; message: string }[];
  skipped: { path: string; reason: string }[];
  rules: { id: string }[];
  stats: { suppressed: number };
}

function scanJson(dir: string, ...args: string[]): { status: number | null; report: JsonReport; stderr: string } {
  const r = runCli(['-f', 'json', ...args, '.'], { cwd: dir });
  return { status: r.status, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

const at = (f: JsonFinding): string => `${f.path}:${f.line} ${f.ruleId}`;

describe('inline suppressions on the command line', () => {
  it('a directive with a reason suppresses, and the suppressed finding is listed with it', () => {
    const dir = project({ 'a.py': `# ethnolint-disable-next-line ethnicity-label -- bias audit of the 2019 model\n${LABELS}\n` });
    const { status, report } = scanJson(dir);
    expect(status).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map(at)).toEqual(['a.py:2 ethnicity-label']);
    expect(report.suppressed[0]?.suppression).toEqual({ kind: 'inline', path: 'a.py', line: 1, reason: 'bias audit of the 2019 model' });
    expect(report.suppressions).toEqual([{ kind: 'inline', path: 'a.py', line: 1, column: 3, rules: ['ethnicity-label'], reason: 'bias audit of the 2019 model', matched: 1 }]);
    expect(report.stats.suppressed).toBe(1);
  });

  it('a directive without a reason suppresses nothing and is reported itself', () => {
    const dir = project({ 'a.py': `# ethnolint-disable-next-line ethnicity-label\n${LABELS}\n` });
    const { status, report } = scanJson(dir);
    expect(status).toBe(1);
    expect(report.findings.map(at)).toEqual(['a.py:1 suppression-without-reason', 'a.py:2 ethnicity-label']);
    expect(report.findings[0]).toMatchObject({ column: 3, severity: 'error' });
    expect(report.rules.map((r) => r.id)).toContain('suppression-without-reason');
    expect(report.suppressed).toEqual([]);
  });

  it('disable-line covers its own line only', () => {
    const dir = project({ 'a.py': `${LABELS}  # ethnolint-disable-line ethnicity-label -- legacy\n${LABELS.replace('id2label', 'label_map')}\n` });
    const { status, report } = scanJson(dir);
    expect(status).toBe(1);
    expect(report.findings.map(at)).toEqual(['a.py:2 ethnicity-label']);
    expect(report.suppressed.map(at)).toEqual(['a.py:1 ethnicity-label']);
  });

  it('a block runs to ethnolint-enable, or to the end of the file', () => {
    const code = [
      '# ethnolint-disable ethnicity-label -- fixtures for the audit',
      LABELS,
      '# ethnolint-enable ethnicity-label',
      LABELS.replace('id2label', 'label_map'),
      '# ethnolint-disable -- the rest is quoted from the dataset card',
      LABELS.replace('id2label', 'race_labels'),
      '',
    ].join('\n');
    const { report } = scanJson(project({ 'a.py': code }));
    expect(report.findings.map(at)).toEqual(['a.py:4 ethnicity-label']);
    expect(report.suppressed.map(at)).toEqual(['a.py:2 ethnicity-label', 'a.py:6 ethnicity-label']);
    expect(report.suppressions.map((s) => [s.line, s.rules, s.matched])).toEqual([
      [1, ['ethnicity-label'], 1],
      [5, [], 1],
    ]);
  });

  it('a directive for another rule does not suppress', () => {
    const dir = project({ 'a.py': `# ethnolint-disable-next-line face-api-ethnicity -- not this one\n${LABELS}\n` });
    const { status, report } = scanJson(dir);
    expect(status).toBe(1);
    expect(report.findings.map(at)).toEqual(['a.py:2 ethnicity-label']);
  });

  it('reports an unknown rule id and suppresses nothing for it', () => {
    const dir = project({ 'a.py': `# ethnolint-disable-next-line ethnicty-label -- typo\n${LABELS}\n` });
    const { status, report } = scanJson(dir);
    expect(status).toBe(1);
    expect(report.findings.map(at)).toEqual(['a.py:2 ethnicity-label']);
    expect(report.notices).toEqual([
      { path: 'a.py', level: 'warning', reason: 'unknown-rule-id', message: 'Line 1: ethnolint-disable-next-line names an unknown rule id "ethnicty-label" (see --list-rules); nothing is suppressed for it.' },
    ]);
  });

  it('--report-unused-suppressions reports a directive that matched nothing', () => {
    const dir = project({ 'a.py': `# ethnolint-disable-next-line ethnicity-label -- stale\nx = 1\n# ethnolint-disable-next-line ethnicity-label -- used\n${LABELS}\n` });
    expect(scanJson(dir).report.findings).toEqual([]);
    const { status, report } = scanJson(dir, '--report-unused-suppressions');
    expect(status).toBe(0); // a warning does not fail the default --fail-on error
    expect(report.findings.map(at)).toEqual(['a.py:1 unused-suppression']);
    expect(report.findings[0]).toMatchObject({ severity: 'warning', column: 3 });
    expect(report.rules.map((r) => r.id)).toContain('unused-suppression');
    expect(scanJson(dir, '--report-unused-suppressions', '--fail-on', 'warning').status).toBe(1);
  });

  it('--no-inline-suppressions reports findings as if no directive existed', () => {
    const dir = project({ 'a.py': `# ethnolint-disable-next-line ethnicity-label -- reviewed\n${LABELS}\n# ethnolint-disable-line\n` });
    const { status, report } = scanJson(dir, '--no-inline-suppressions');
    expect(status).toBe(1);
    expect(report.findings.map(at)).toEqual(['a.py:2 ethnicity-label']);
    expect(report.suppressed).toEqual([]);
    expect(report.suppressions).toEqual([]);
  });

  it('suppresses in Markdown, Lua, MATLAB and TypeScript comments too', () => {
    const dir = project({
      'README.md': `# Labels\n\n<!-- ethnolint-disable ethnicity-label -- quoted from the FairFace paper -->\n\n\`\`\`python\n${LABELS}\n\`\`\`\n\n<!-- ethnolint-enable -->\n`,
      'a.lua': '-- ethnolint-disable-next-line ethnicity-label -- port of the reference implementation\nlocal id2label = {"White", "Black", "East Asian", "Indian"}\n',
      'a.m': 'id2label = {"White", "Black", "East Asian", "Indian"} % ethnolint-disable-line ethnicity-label -- replication of a published study\n',
      'labels.ts': `// ethnolint-disable-next-line ethnicity-label -- test fixture\nexport const ${LABELS};\n`,
    });
    const { status, report } = scanJson(dir);
    expect(report.findings).toEqual([]);
    expect([...new Set(report.suppressed.map((f) => f.path))].sort()).toEqual(['README.md', 'a.lua', 'a.m', 'labels.ts']);
    expect(status).toBe(0);
  });

  it('text output omits suppressed findings and counts them', () => {
    const dir = project({ 'a.py': `# ethnolint-disable-next-line ethnicity-label -- reviewed\n${LABELS}\n` });
    const r = runCli(['.'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/ethnicity-label/);
    expect(r.stdout).toMatch(/1 finding suppressed/);
  });
});

describe('--list-suppressions', () => {
  const files = {
    'a.py': `# ethnolint-disable-next-line ethnicity-label -- bias audit\n${LABELS}\n`,
    'b.py': '# ethnolint-disable -- unused block\nx = 1\n',
  };

  it('prints each suppression with its reason and match count, and exits 0', () => {
    const r = runCli(['--list-suppressions', '.'], { cwd: project(files) });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        'a.py:1  inline  ethnicity-label  (1 finding)',
        '    bias audit',
        'b.py:1  inline  all rules  (0 findings)',
        '    unused block',
        '',
        '2 suppressions (2 inline, 0 exceptions)',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with -f json', () => {
    const r = runCli(['--list-suppressions', '-f', 'json', '.'], { cwd: project(files) });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      schemaVersion: 1,
      suppressions: [
        { kind: 'inline', path: 'a.py', line: 1, column: 3, rules: ['ethnicity-label'], reason: 'bias audit', matched: 1 },
        { kind: 'inline', path: 'b.py', line: 1, column: 3, rules: [], reason: 'unused block', matched: 0 },
      ],
      stats: { suppressions: 2, matched: 1 },
    });
  });
});

describe('SARIF', () => {
  it('emits suppressed findings as results with an inSource suppression, and validates', async () => {
    const dir = project({
      'a.py': `# ethnolint-disable-next-line ethnicity-label -- bias audit\n${LABELS}\n# ethnolint-disable-next-line ethnicity-label\n${LABELS.replace('id2label', 'label_map')}\n`,
    });
    const r = runCli(['-f', 'sarif', '.'], { cwd: dir });
    expect(r.status).toBe(1); // the finding under the reasonless directive
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; suppressions?: unknown[] }[]; tool: { driver: { rules: { id: string; help: { text: string } }[] } } }[] };
    const run = log.runs[0] as (typeof log.runs)[number];
    const suppressed = run.results.filter((x) => x.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]?.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'bias audit (a.py:1)' }]);
    const descriptor = run.tool.driver.rules.find((x) => x.id === 'suppression-without-reason');
    expect(descriptor?.help.text).toMatch(/suppresses nothing/);
    const report = await validateSarif(r.stdout);
    expect([...report.errors, ...report.warnings]).toEqual([]);
  }, 180_000);

  it('suppressed findings alone do not fail the build', () => {
    const dir = project({ 'a.py': `${LABELS}  # ethnolint-disable-line ethnicity-label -- reviewed\n` });
    expect(runCli(['-f', 'sarif', '.'], { cwd: dir }).status).toBe(0);
  });
});

describe('rules and explain', () => {
  it('--list-rules lists the detection rules and the two diagnostics', () => {
    const r = runCli(['--list-rules']);
    expect(r.status).toBe(0);
    for (const rule of rules) expect(r.stdout).toContain(rule.id);
    expect(r.stdout).toMatch(/suppression-without-reason\s+error/);
    expect(r.stdout).toMatch(/unused-suppression\s+warning/);
  });

  it('explain prints the diagnostics docs', () => {
    for (const id of ['suppression-without-reason', 'unused-suppression']) {
      const r = runCli(['explain', id]);
      expect(r.status).toBe(0);
      expect(r.stdout.startsWith(`# ${id}\n`)).toBe(true);
    }
  });
});

describe('other scan paths', () => {
  it('worker threads carry suppressions, exceptions and records back', () => {
    const files: Record<string, string> = {
      'z.py': `# ethnolint-disable-next-line ethnicity-label -- reviewed\n${LABELS}\n`,
      'labels.json': '{"id2label": {"0": "White", "1": "Black", "2": "East Asian", "3": "Indian"}}\n',
      '.ethnolint.yaml': 'exceptions:\n  - paths: labels.json\n    text: east asian\n    reason: audit copy\n',
    };
    // Enough files that -j 2 starts the worker pool.
    for (let i = 0; i < POOL_AFTER_FILES + 20; i++) files[`pad/f${i}.py`] = `x = ${i}  # race\n`;
    const { status, report } = scanJson(project(files), '-j', '2');
    expect(status).toBe(0);
    expect(report.suppressed.map(at)).toEqual(['labels.json:1 ethnicity-label', 'z.py:2 ethnicity-label']);
    expect(report.suppressions.map((s) => [s.path, s.matched])).toEqual([['.ethnolint.yaml', 1], ['z.py', 1]]);
  });

  it('exceptions with text apply in the streaming pass too', () => {
    const entries = Array.from({ length: 100 }, (_, i) => `"k${i}": ${i}`).join(', ');
    const json = `{${entries}, "id2label": {"0": "White", "1": "Black", "2": "East Asian", "3": "Indian"}}\n`;
    const dir = project({ 'big.json': json, '.ethnolint.yaml': 'exceptions:\n  - paths: big.json\n    text: EAST ASIAN\n    reason: archived label map\n' });
    const { status, report } = scanJson(dir, '--max-file-size', '1K');
    expect(report.skipped).toEqual([]); // streamed, so scanned: not a skipped file
    expect(report.suppressed.map((f) => f.path)).toEqual(['big.json']);
    expect(status).toBe(0);
  });

  it('the diagnostics take their severity from the configuration', () => {
    const dir = project({
      'a.py': `# ethnolint-disable-next-line ethnicity-label\nx = 1\n# ethnolint-disable-next-line face-api-ethnicity -- stale\ny = 2\n`,
      '.ethnolint.yaml': 'rules:\n  suppression-without-reason: warning\n  unused-suppression: off\n',
    });
    const { status, report } = scanJson(dir, '--report-unused-suppressions');
    expect(status).toBe(0);
    expect(report.findings.map((f) => `${at(f)} ${f.severity}`)).toEqual(['a.py:1 suppression-without-reason warning']);
  });

  it('a suppression for a rule that did not run is not judged unused', () => {
    const dir = project({ 'a.py': '# ethnolint-disable-next-line face-api-ethnicity -- vendor sample\nx = 1\n' });
    expect(scanJson(dir, '--report-unused-suppressions', '--rule', 'ethnicity-label').report.findings).toEqual([]);
    expect(scanJson(dir, '--report-unused-suppressions').report.findings.map(at)).toEqual(['a.py:1 unused-suppression']);
  });

  const filler = Array.from({ length: 200 }, (_, i) => `x${i} = ${i}`).join('\n');
  const big = `# ethnolint-disable ethnicity-label -- archived copy of the original dataset loader\n${filler}\n${LABELS}\n# ethnolint-enable\n${LABELS}\n`;

  it('the streaming pass of a large file honours directives', () => {
    const { status, report } = scanJson(project({ 'big.py': big }), '--max-file-size', '1K');
    expect(report.suppressed.map(at)).toEqual(['big.py:202 ethnicity-label']);
    expect(report.findings.map(at)).toEqual(['big.py:204 ethnicity-label']);
    expect(status).toBe(1);
  });

  it('a block opened in one window of the streaming pass holds in the next', async () => {
    const active = rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));
    const kind = classify('big.py');
    if (!kind) throw new Error('not classified');
    const settings = suppressionSettings({ knownRuleIds: rules.map((r) => r.id) });
    const out = await textPass('big.py', kind, [big], { rules: active, timeBudgetMs: 10_000, windowing: { window: 400, overlap: 100, lineBackup: 100 }, suppression: settings });
    expect(out.suppressed.map((f) => f.line)).toEqual([202]);
    expect(out.findings.map((f) => f.line)).toEqual([204]);
    expect(out.suppressions.map((s) => [s.line, s.matched])).toEqual([[1, 1]]);
  });

  it('scanBuffer applies directives, and inlineSuppressions: false turns them off', async () => {
    const active = rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));
    const content = Buffer.from(`# ethnolint-disable-next-line ethnicity-label -- reviewed\n${LABELS}\n`);
    const on = await scanBuffer('a.py', content, fileOptions(10_000_000, active, { knownRuleIds: rules.map((r) => r.id) }));
    expect(on.findings).toEqual([]);
    expect(on.suppressed.map((f) => f.suppressedBy.reason)).toEqual(['reviewed']);
    expect(on.suppressions).toHaveLength(1);
    const off = await scanBuffer('a.py', content, fileOptions(10_000_000, active, { inlineSuppressions: false }));
    expect(off.findings.map((f) => f.ruleId)).toEqual(['ethnicity-label']);
    expect(off.suppressions).toEqual([]);
  });
});

describe('applySuppressions', () => {
  const finding = (ruleId: string, line: number): Finding => ({
    ruleId, severity: 'error', message: 'm', path: 'a.py', line, column: 1, endLine: line, endColumn: 2, snippet: '', evidence: ruleId, fingerprint: '',
  });
  const directive = (kind: Directive['kind'], line: number, rules: string[], reason?: string): Directive => ({ kind, line, column: 1, endLine: line, rules, ...(reason !== undefined ? { reason } : {}) });
  const settings = { inline: true, knownRuleIds: ['r1', 'r2'], missingReasonSeverity: 'error' as const, exceptions: [] };
  const run = (findings: Finding[], directives: Directive[], overrides: Partial<typeof settings> = {}) =>
    applySuppressions({ path: 'a.py', findings, directives, regionOf: () => '', lineOf: () => '' }, { ...settings, ...overrides });
  const lines = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.line} ${f.ruleId}`);

  it('ethnolint-enable of one rule ends it in an all-rules block, the others stay disabled', () => {
    const out = run(
      [finding('r1', 2), finding('r2', 2), finding('r1', 4), finding('r2', 4)],
      [directive('disable', 1, [], 'block'), directive('enable', 3, ['r1'])],
    );
    expect(lines(out.findings)).toEqual(['4 r1']);
    expect(lines(out.suppressed)).toEqual(['2 r1', '2 r2', '4 r2']);
    expect(out.suppressions.map((s) => s.matched)).toEqual([3]);
  });

  it('ethnolint-enable of one rule of a two-rule block keeps the other', () => {
    const out = run([finding('r1', 4), finding('r2', 4)], [directive('disable', 1, ['r1', 'r2'], 'block'), directive('enable', 3, ['r2'])]);
    expect(lines(out.findings)).toEqual(['4 r2']);
    expect(lines(out.suppressed)).toEqual(['4 r1']);
  });

  it('a line directive wins over a block, and each counts its own matches', () => {
    const out = run([finding('r1', 2), finding('r1', 5)], [directive('disable', 1, ['r1'], 'block'), directive('disable-line', 2, ['r1'], 'line')]);
    expect(out.suppressed.map((f) => f.suppressedBy.reason)).toEqual(['line', 'block']);
    expect(out.suppressions.map((s) => [s.reason, s.matched])).toEqual([['block', 1], ['line', 1]]);
  });

  it('a directive naming only unknown ids suppresses nothing (not everything)', () => {
    const out = run([finding('r1', 2)], [directive('disable-next-line', 1, ['nope'], 'typo')]);
    expect(lines(out.findings)).toEqual(['2 r1']);
    expect(out.notices.map((n) => n.reason)).toEqual(['unknown-rule-id']);
  });

  it('missingReasonSeverity off hides the diagnostic but still suppresses nothing', () => {
    const out = run([finding('r1', 2)], [directive('disable-next-line', 1, ['r1'])], { missingReasonSeverity: 'off' });
    expect(lines(out.findings)).toEqual(['2 r1']);
    expect(out.suppressions).toEqual([]);
  });

  it('inline: false ignores directives, diagnostics included', () => {
    const out = run([finding('r1', 2)], [directive('disable-next-line', 1, ['r1']), directive('disable', 1, [], 'x')], { inline: false });
    expect(lines(out.findings)).toEqual(['2 r1']);
    expect(out.notices).toEqual([]);
  });
});
