// The prefilter must never cost recall: every file with a fixture finding passes it, and the
// word-boundary forms accept the spellings splitting produces while rejecting substrings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { rulesThatMayMatch, runPrefilter } from '../src/engine.js';
import type { Rule } from '../src/types.js';
import { compilePrefilter } from '../src/prefilter.js';
import { scan } from '../src/scan.js';

const ROOT = join(import.meta.dirname, '..');
const active = rules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity }));

describe('compilePrefilter', () => {
  const p = compilePrefilter(['race', 'races', '维族']);
  it.each(['race', 'raceOutput', 'EM_RACE_TYPE', 'emRace', 'RACEOutput', 'race4', 'Races', '是否是维族'])('passes %s', (s) => {
    expect(p.test(s)).toBe(true);
  });
  it.each(['trace', 'embrace', 'GemRacer', 'semrace', 'EMRACE', 'braces'])('rejects %s', (s) => {
    expect(p.test(s)).toBe(false);
  });
  it('works on raw UTF-8 bytes read as Latin-1', () => {
    const bytes = compilePrefilter(['维族'], { utf8Bytes: true });
    expect(bytes.test(Buffer.from('x = "维族"', 'utf8').toString('latin1'))).toBe(true);
    expect(bytes.test(Buffer.from('x = "汉族"', 'utf8').toString('latin1'))).toBe(false);
  });
});

describe('phrases and clauses', () => {
  const p = compilePrefilter(['last name', 'hc net sdk', 'facepp | megvii & white | black', 'fair face']);
  it.each([
    'df["last_name"]',
    'lastName = row[1]',
    'LAST-NAME',
    '"last\\nname"', // an escaped newline in a JSON string between the words
    '#include "HCNetSDK.h"',
    'HcNetSdk.init()',
    'from facepp import API\nif r["ethnicity"]["value"] == "BLACK":',
    'FairFaceDataset(root)',
  ])('passes %s', (s) => {
    expect(p.test(s)).toBe(true);
  });
  it.each([
    'x = xs[-1]  # last',
    'name = "last"',
    'net = ResNet50()',
    'color = "black"',
    'plt.plot(x, color="white")  # not a vendor',
    'fair = True\nface = detect(img)',
  ])('rejects %s', (s) => {
    expect(p.test(s)).toBe(false);
  });
  it('counts the path toward a clause', () => {
    expect(p.test('if v == "WHITE":', 'vendors/megvii/compare.py')).toBe(true);
    expect(p.test('if v == "WHITE":', 'src/compare.py')).toBe(false);
  });
  it('tells which triggers hold', () => {
    expect([...p.holding('LastName; HCNetSDK')].sort()).toEqual([0, 1]);
  });
});

describe('other senses', () => {
  const p = compilePrefilter(['race ! race condition ! promise race ! data race']);
  it.each(['# guard against a race condition', 'await Promise.race([a, b])', 'a data race on the counter', 'RACE_CONDITION = True'])('does not count %s', (s) => {
    expect(p.test(s)).toBe(false);
  });
  it.each(['df["race"]', 'race condition; label = race', 'Promise.race([a]); y = row.race'])('counts %s', (s) => {
    expect(p.test(s)).toBe(true);
  });
});

describe('masks take away only the phrase itself', () => {
  const p = compilePrefilter(['race ! race condition ! data race ! promise race ! race car', 'minority ! minority class']);
  it.each([
    'y = data["race"]',
    'model.fit(X, metadata["race"])',
    'const label = faceData.race;',
    '{"face_attributes": ["age", "gender", "race", "condition"]}',
    'heads: [age, gender, race]\ncar_detector: false',
    'def minority_classification(face): ...',
    'self.minority_classifier = nn.Linear(512, 2)',
  ])('counts %s', (s) => {
    expect(p.test(s)).toBe(true);
  });
  it.each(['if race_condition: retry()', 'raceCondition = true', 'Promise.race(tasks)', 'a data race', 'RACE_CAR = 3', 'minority_class = 1'])('does not count %s', (s) => {
    expect(p.test(s)).toBe(false);
  });
});

describe('escapes in strings', () => {
  const bytes = compilePrefilter(['维族', 'ethnicity', 'skin tone', 'race'], { utf8Bytes: true });
  it.each([
    '{"alarm_on": "\\u7ef4\\u65cf"}',
    '{"outputs": ["eth\\u006eicity"]}',
    '{"face_attributes": ["skin\\u00a0tone"]}',
    '"x = backbone(face)\\nrace_head = Dense(5)(x)\\n"',
    'labels = ["\\x41sian", "\\x42lack"]; y = "eth\\x6eicity"',
    'const k = "\\u{65}thnicity"',
    'k = "\\145thnicity"',
    'k = "\\U00000065thnicity"',
    'k: "\\eethnicity"',
  ])('decodes %s', (s) => {
    expect(bytes.test(s)).toBe(true);
  });
  it('still rejects escapes of other text', () => {
    expect(bytes.test('{"name": "\\u6c49\\u65cf"}')).toBe(false);
    expect(bytes.test('"\\ntrace"')).toBe(false);
  });
});

describe('letters found anywhere (~)', () => {
  const p = compilePrefilter(['~hcnetsdk', '~hikvision']);
  it.each(['sdk = ctypes.CDLL("./lib/HCnetSDK.dll")', 'HikVision-SDK==0.3.1', 'libhcnetsdk.so', 'race_HCNETSDK'])('passes %s', (s) => {
    expect(p.test(s)).toBe(true);
  });
  it('rejects other text', () => {
    expect(p.test('hc_net = load("sdk")')).toBe(false);
  });
});

describe('clauses with a count (#N)', () => {
  const p = compilePrefilter(['white | black | east asian | 维族 #3', 'namsor']);
  it.each([
    'SURNAMES = {"Smith": "White", "Jones": "White", "Lee": "East Asian"}',
    '{"Garcia": "black", "Kim": "white", "Ali": "black"}',
    'a = "维族"; b = "维族"; c = "维族"',
    'import namsor',
  ])('passes %s', (s) => {
    expect(p.test(s)).toBe(true);
  });
  it.each(['plt.plot(x, color="black")\nax.set_facecolor("white")', 'background: white'])('rejects %s', (s) => {
    expect(p.test(s)).toBe(false);
  });
});

it('every fixture finding passes the run prefilter and its rule\'s own triggers', async () => {
  const prefilter = runPrefilter(active);
  expect(prefilter).toBeDefined();
  // Scanned with trigger-less copies of the rules, so that no prefilter decides what is found.
  const unfiltered = rules.map((rule) => ({ rule: Object.create(rule, { triggers: { value: undefined } }) as Rule, severity: rule.meta.defaultSeverity }));
  const { findings } = await scan({ cwd: ROOT, paths: ['fixtures'], gitignore: false, include: [], exclude: ['**/*.expect'], followSymlinks: false, maxFileSize: 10 << 20, rules: unfiltered, jobs: 1 });
  const files = [...new Set(findings.map((f) => f.path))];
  expect(files.length).toBeGreaterThan(50);
  const missed = files.filter((f) => !prefilter!.test(readFileSync(join(ROOT, f)).toString('latin1'), f));
  expect(missed).toEqual([]);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const ruleMissed = findings
    .filter((f) => byId.has(f.ruleId) && !rulesThatMayMatch(active, readFileSync(join(ROOT, f.path), 'utf8'), f.path).has(byId.get(f.ruleId) as Rule))
    .map((f) => `${f.ruleId} ${f.path}:${f.line}`);
  expect(ruleMissed).toEqual([]);
});

describe('locating the words of the triggers that hold', () => {
  const p = compilePrefilter(['facepp & ethnicity', 'race', 'asian | black | white #3']);
  it('gives every offset of the words of the holding triggers, ascending', () => {
    const text = 'x = 1\nrace = 2\nfacepp.ethnicity; y = row.race\n';
    expect(p.locate(text)).toEqual({ offsets: [6, 15, 22, 41], escaped: false });
  });
  it('leaves out the words of a trigger that does not hold', () => {
    // Two race labels are one short of three: "white" is no lead, "race" is.
    const text = 'color = "white"\nbg = "black"\nrace = 1\n';
    expect(p.locate(text)).toEqual({ offsets: [29], escaped: false });
  });
  it('counts the path toward the triggers, with no place in the text', () => {
    expect(p.locate('ethnicity = 1', 'vendors/facepp/call.py')).toEqual({ offsets: [0], escaped: false });
    expect(p.locate('ethnicity = 1', 'src/call.py')).toBeUndefined();
  });
  it('tells when a word is spelled with code escapes', () => {
    expect(p.locate('label = "\\x72ace"')?.escaped).toBe(true);
    expect(p.locate('label = "race\\n"')?.escaped).toBe(false);
  });
  it('is undefined when no trigger holds', () => {
    expect(p.locate('nothing to see here')).toBeUndefined();
  });
});
