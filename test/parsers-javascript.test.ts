import { describe, expect, it } from 'vitest';
import { ESTREE_MAX_LENGTH, parseJavaScript } from '../src/parsers/javascript.js';
import { parseGeneric } from '../src/parsers/generic.js';
import type { Call, Collection, Member, Pair, ParseResult } from '../src/types.js';
import { call, collection, pair } from './helpers/parse-lookup.js';

const values = (members: readonly Member[] | undefined): string[] => (members ?? []).map((m) => m.value);
const slices = (text: string, members: readonly Member[] | undefined): string[] =>
  (members ?? []).map((m) => text.slice(m.start, m.end));


describe('parseJavaScript tokens', () => {
  const text = "// race labels\nconst s = 'q\\'s' /* block */ + `a\\n${x}b`; let n = 0x1F;\n";
  const r = parseJavaScript(text, 'javascript');

  it('keeps comments as exact source slices, delimiters included', () => {
    const comments = r.tokens.filter((t) => t.type === 'comment');
    expect(comments.map((t) => t.value)).toEqual(['// race labels', '/* block */']);
    for (const t of comments) expect(text.slice(t.start, t.end)).toBe(t.value);
  });

  it('decodes strings and template chunks; ranges include the quotes', () => {
    const strings = r.tokens.filter((t) => t.type === 'string');
    expect(strings.map((t) => t.value)).toEqual(["q's", 'a\n', 'b']);
    expect(strings.map((t) => text.slice(t.start, t.end))).toEqual(["'q\\'s'", '`a\\n${', '}b`']);
  });

  it('classifies identifiers, keywords, numbers and punctuation in source order', () => {
    expect(r.tokens.filter((t) => t.type === 'identifier').map((t) => text.slice(t.start, t.end))).toEqual(['s', 'x', 'n']);
    expect(r.tokens.filter((t) => t.type === 'keyword').map((t) => t.value)).toEqual(['const', 'let']);
    expect(r.tokens.find((t) => t.type === 'number')?.value).toBe('0x1F');
    expect(r.tokens.filter((t) => t.type === 'punct').map((t) => t.value)).toEqual(['=', '+', ';', '=', ';']);
    const starts = r.tokens.map((t) => t.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('reads JSX text and attribute strings as strings', () => {
    const jsx = 'const el = <Face label="race" />;\nconst t = <p>Ethnicity</p>;';
    const result = parseJavaScript(jsx, 'jsx');
    const strings = result.tokens.filter((t) => t.type === 'string');
    expect(strings.map((t) => t.value)).toEqual(['race', 'Ethnicity']);
    expect(jsx.slice(strings[0]?.start, strings[0]?.end)).toBe('"race"');
    expect(pair(result, 'label').value).toBe('race');
  });
});

describe('parseJavaScript collections', () => {
  it('names an array literal after its variable (vladmandic/human raceNames)', () => {
    const text = "const raceNames = ['white', 'black', 'asian', 'indian', 'other'];";
    const c = collection(parseJavaScript(text, 'javascript'), 'raceNames', 'list');
    expect(values(c.members)).toEqual(['white', 'black', 'asian', 'indian', 'other']);
    expect(slices(text, c.members)).toEqual(["'white'", "'black'", "'asian'", "'indian'", "'other'"]);
    expect(text.slice(c.start, c.end)).toBe("['white', 'black', 'asian', 'indian', 'other']");
  });

  it('reads a union of string literals as an enum', () => {
    const text = "export type Race = 'white' | 'black' | 'asian' | 'indian' | 'other';";
    const c = collection(parseJavaScript(text, 'typescript'), 'Race', 'enum');
    expect(values(c.members)).toEqual(['white', 'black', 'asian', 'indian', 'other']);
    expect(slices(text, c.members)[4]).toBe("'other'");
  });

  it('reads TS enums: member names and string initializers', () => {
    const text = "enum Ethnicity { White = 'white', Black = 'black', Other }";
    const c = collection(parseJavaScript(text, 'typescript'), 'Ethnicity', 'enum');
    expect(values(c.members)).toEqual(['White', 'white', 'Black', 'black', 'Other']);
    expect(slices(text, c.members)).toEqual(['White', "'white'", 'Black', "'black'", 'Other']);
  });

  it('reads objects as maps of keys and string values, named by binding, with paths', () => {
    const text = "class Human { detect() { const cfg = { face: { ethnicity: 'asian', 0: 'x', n: 3 } }; } }";
    const r = parseJavaScript(text, 'typescript');
    const face = collection(r, 'face', 'map');
    expect(values(face.members)).toEqual(['ethnicity', 'asian', 'x', 'n']);
    expect(face.path).toEqual(['Human', 'detect', 'cfg']);
    expect(collection(r, 'cfg', 'map').path).toEqual(['Human', 'detect']);
  });

  it('sees through `as const`, Object.freeze and new Set', () => {
    const text = "const A = ['a', 'b'] as const;\nconst B = Object.freeze(['c']);\nconst C = new Set(['d']);";
    const r = parseJavaScript(text, 'typescript');
    expect(values(collection(r, 'A').members)).toEqual(['a', 'b']);
    expect(values(collection(r, 'B').members)).toEqual(['c']);
    expect(values(collection(r, 'C').members)).toEqual(['d']);
  });

  it('splits comma-separated strings into members with exact ranges', () => {
    const text = "const opts = { returnAttributes: 'gender, age,ethnicity' };";
    const c = collection(parseJavaScript(text, 'javascript'), 'returnAttributes', 'csv-string');
    expect(values(c.members)).toEqual(['gender', 'age', 'ethnicity']);
    expect(slices(text, c.members)).toEqual(['gender', 'age', 'ethnicity']);
    expect(c.path).toEqual(['opts']);
  });

  it('maps csv members through escapes', () => {
    const text = "const a = 'x\\u0041,race';";
    const c = collection(parseJavaScript(text, 'javascript'), 'a', 'csv-string');
    expect(values(c.members)).toEqual(['xA', 'race']);
    expect(slices(text, c.members)).toEqual(['x\\u0041', 'race']);
  });

  it('does not treat long or multi-line strings as csv', () => {
    const text = `const a = 'one, ${'x'.repeat(41)}'; const b = \`a,\nb\`;`;
    expect(parseJavaScript(text, 'javascript').collections.filter((c) => c.form === 'csv-string')).toEqual([]);
  });
});

describe('parseJavaScript pairs', () => {
  it('reports object properties with scalar, list and csv values', () => {
    const text = "const cfg = { return_attributes: 'ethnicity', attrs: ['race', 'age'], n: 2, on: true, f: g() };";
    const r = parseJavaScript(text, 'javascript');
    const p = pair(r, 'return_attributes');
    expect(p.value).toBe('ethnicity');
    expect(p.path).toEqual(['cfg']);
    expect(text.slice(p.keyStart, p.keyEnd)).toBe('return_attributes');
    expect(text.slice(p.start, p.end)).toBe("return_attributes: 'ethnicity'");
    expect(values(pair(r, 'attrs').values)).toEqual(['race', 'age']);
    expect(pair(r, 'n').value).toBe('2');
    expect(pair(r, 'on').value).toBe('true');
    expect(r.pairs.find((x) => x.key === 'f')).toBeUndefined();
  });

  it('reports variable declarators and assignments', () => {
    const text = "const TARGET = 'race';\nthis.attributes = 'gender,age,ethnicity';";
    const r = parseJavaScript(text, 'javascript');
    expect(pair(r, 'TARGET').value).toBe('race');
    const p = pair(r, 'this.attributes');
    expect(values(p.values)).toEqual(['gender', 'age', 'ethnicity']);
    expect(slices(text, p.values)).toEqual(['gender', 'age', 'ethnicity']);
  });
});

describe('parseJavaScript calls', () => {
  it('reports Promise.race with its array argument', () => {
    const text = 'await Promise.race([a, b]);';
    const c = call(parseJavaScript(text, 'javascript'), 'Promise.race');
    expect(c.args).toHaveLength(1);
    expect(text.slice(c.args[0]?.start, c.args[0]?.end)).toBe('[a, b]');
    expect(c.args[0]?.members).toEqual([]);
    expect(text.slice(c.start, c.end)).toBe('Promise.race([a, b])');
  });

  it('reports FormData appends with positional string arguments', () => {
    const text = "const form = new FormData();\nform.append('return_attributes', 'gender,age,ethnicity');";
    const r = parseJavaScript(text, 'javascript');
    expect(call(r, 'FormData').args).toEqual([]);
    const append = call(r, 'form.append');
    expect(append.args.map((a) => a.value)).toEqual(['return_attributes', 'gender,age,ethnicity']);
    expect(slices(text, append.args[1]?.members)).toEqual(['gender', 'age', 'ethnicity']);
  });

  it('expands an object-literal argument into named arguments', () => {
    const text = "app.models.predict({ actions: ['race', 'age'], model: cfg.name, k: 3 });";
    const c = call(parseJavaScript(text, 'javascript'), 'app.models.predict');
    expect(c.args.map((a) => a.name)).toEqual(['actions', 'model', 'k']);
    expect(values(c.args[0]?.members)).toEqual(['race', 'age']);
    expect(c.args[1]?.value).toBe('cfg.name');
    expect(c.args[2]?.value).toBe('3');
  });

  it('renders chained and optional callees as dotted names', () => {
    const text = "axios.create().post(url); client?.faces.detect(img); fetch('/api');";
    const callees = parseJavaScript(text, 'javascript').calls.map((c) => c.callee);
    expect(callees).toEqual(['axios.create().post', 'axios.create', 'client.faces.detect', 'fetch']);
  });
});

describe('parseJavaScript errors and limits', () => {
  const broken = "const raceNames = ['white', 'black'];\nPromise.race([a, b]);\nlet x: = 3;\n";

  it('throws a one-line Error with line:column on a syntax error', () => {
    expect(() => parseJavaScript(broken, 'typescript')).toThrowError(/^[^\n]*\(3:\d+\)$/);
  });

  it('leaves the same text readable by the generic tokenizer', () => {
    const r = parseGeneric(broken, 'typescript');
    expect(values(collection(r, 'raceNames').members)).toEqual(['white', 'black']);
    expect(call(r, 'Promise.race').args).toHaveLength(1);
  });

  it('reads minified code (long lines) with the generic tokenizer, which never throws', () => {
    const unit = 'var a=["asian","white","black"];function f(b){return b+1}';
    const minified = `${unit.repeat(Math.ceil(40_000 / unit.length))}let broken = ;`;
    expect(minified.includes('\n')).toBe(false);
    const r = parseJavaScript(minified, 'javascript');
    expect(r.collections.some((c) => c.members.map((m) => m.value).join(',') === 'asian,white,black')).toBe(true);
  });

  it('turns stack exhaustion on 50,000-deep nesting into an ordinary Error', () => {
    // One bracket a line: a single line this long would read as minified and skip the AST.
    const deep = `x = ${'[\n'.repeat(50_000)}${']\n'.repeat(50_000)};`;
    let error: unknown;
    try {
      parseJavaScript(deep, 'javascript');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(RangeError);
  });

  it('reads files above the estree size limit with the generic tokenizer', () => {
    const unit = "const raceNames = ['white', 'black'];\n";
    const text = unit.repeat(Math.ceil((ESTREE_MAX_LENGTH + 1) / unit.length)) + 'let broken = ;';
    const r = parseJavaScript(text, 'javascript');
    expect(r.collections.length).toBeGreaterThan(1000);
    expect(values(r.collections[0]?.members)).toEqual(['white', 'black']);
  });
});
