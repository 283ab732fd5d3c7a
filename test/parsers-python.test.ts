import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePython } from '../src/parsers/python.js';
import type { Call, Collection, Member, Pair, ParseResult, Token } from '../src/types.js';
import { call, collection, pair } from './helpers/parse-lookup.js';

const values = (members: readonly Member[] | undefined): string[] => (members ?? []).map((m) => m.value);
const slices = (text: string, members: readonly Member[] | undefined): string[] =>
  (members ?? []).map((m) => text.slice(m.start, m.end));
const brief = (tokens: readonly Token[]): string[][] => tokens.map((t) => [t.type, t.value]);
const strings = (r: ParseResult): string[] => r.tokens.filter((t) => t.type === 'string').map((t) => t.value);


/** Invariants every parse must keep, whatever the input; returns the first violation. */
function violation(text: string, r: ParseResult): string | undefined {
  let previous = 0;
  for (const t of r.tokens) {
    if (t.start < previous || t.end < t.start || t.end > text.length) return `token ${JSON.stringify(t)}`;
    previous = t.start;
  }
  const ranges = [
    ...r.collections.flatMap((c) => [c, ...c.members]),
    ...r.pairs, ...r.calls.flatMap((c) => [c, ...c.args]),
  ];
  const bad = ranges.find((m) => m.start < 0 || m.end < m.start || m.end > text.length);
  return bad ? `range ${JSON.stringify(bad)}` : undefined;
}

describe('parsePython tokens', () => {
  it('tokenizes a subscript assignment with exact ranges', () => {
    const text = 'y = df["ethnicity"]';
    const r = parsePython(text);
    expect(brief(r.tokens)).toEqual([
      ['identifier', 'y'], ['punct', '='], ['identifier', 'df'], ['punct', '['], ['string', 'ethnicity'], ['punct', ']'],
    ]);
    expect(r.tokens.map((t) => text.slice(t.start, t.end))).toEqual(['y', '=', 'df', '[', '"ethnicity"', ']']);
  });

  it('separates keywords, identifiers, numbers and multi-character operators', () => {
    const r = parsePython('if x is not None and y >= 1e-5: z **= 0x1F + 3.14j - .5 + 1_000 // 2 -> a := b...');
    expect(brief(r.tokens)).toEqual([
      ['keyword', 'if'], ['identifier', 'x'], ['keyword', 'is'], ['keyword', 'not'], ['keyword', 'None'],
      ['keyword', 'and'], ['identifier', 'y'], ['punct', '>='], ['number', '1e-5'], ['punct', ':'],
      ['identifier', 'z'], ['punct', '**='], ['number', '0x1F'], ['punct', '+'], ['number', '3.14j'],
      ['punct', '-'], ['number', '.5'], ['punct', '+'], ['number', '1_000'], ['punct', '//'], ['number', '2'],
      ['punct', '->'], ['identifier', 'a'], ['punct', ':='], ['identifier', 'b'], ['punct', '...'],
    ]);
  });

  it('reads CJK and other Unicode identifiers whole', () => {
    const text = '民族识别 = 维族 + café_名 + 𠀀x';
    const r = parsePython(text);
    const ids = r.tokens.filter((t) => t.type === 'identifier');
    expect(ids.map((t) => t.value)).toEqual(['民族识别', '维族', 'café_名', '𠀀x']);
    for (const t of ids) expect(text.slice(t.start, t.end)).toBe(t.value);
  });

  it('keeps comments with their # and exact offsets', () => {
    const text = 'x = "# not a comment"  # race: see notes\n# second';
    const r = parsePython(text);
    const comments = r.tokens.filter((t) => t.type === 'comment');
    expect(comments.map((t) => t.value)).toEqual(['# race: see notes', '# second']);
    for (const t of comments) expect(text.slice(t.start, t.end)).toBe(t.value);
    const c = comments[0]!;
    const i = c.value.indexOf('race');
    expect(text.slice(c.start + i, c.start + i + 4)).toBe('race');
    expect(strings(r)).toEqual(['# not a comment']);
  });

  it('handles every string prefix, case-insensitively', () => {
    const text = [
      "a = r'\\d+'", 'b = b"x"', "c = u'x'", 'd = Rb"\\n"', "e = bR'q'", 'f = F"v"', "g = rF'{x}\\n'",
      'h = fr"y"', "i = t'z'", 'j = BR"w"', "k = U'\\x41'",
    ].join('\n');
    const r = parsePython(text);
    const toks = r.tokens.filter((t) => t.type === 'string');
    expect(toks.map((t) => t.value)).toEqual(['\\d+', 'x', 'x', '\\n', 'q', 'v', ' \\n', 'y', 'z', 'w', 'A']);
    expect(toks.map((t) => text.slice(t.start, t.end))).toEqual([
      "r'\\d+'", 'b"x"', "u'x'", 'Rb"\\n"', "bR'q'", 'F"v"', "rF'{x}\\n'", 'fr"y"', "t'z'", 'BR"w"', "U'\\x41'",
    ]);
    // No prefix letter leaks out as an identifier.
    expect(r.tokens.filter((t) => t.type === 'identifier').map((t) => t.value)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'x', 'h', 'i', 'j', 'k']);
  });

  it('decodes escapes in non-raw strings', () => {
    const r = parsePython(String.raw`s = "a\nb\tc\\d\'e\"f\x41\u00e9\U0001F600\101\N{EM DASH}\q"` + '\n' + String.raw`t = b"\u00e9\x41"`);
    expect(strings(r)).toEqual(['a\nb\tc\\d\'e"fAé\u{1F600}A\\N{EM DASH}\\q', '\\u00e9A']);
  });

  it('reads triple-quoted strings across lines and backslash continuations', () => {
    const text = 'doc = """Line "one"\nline \'\'two\'\'"""\ns = "abc\\\ndef"\nafter = 1';
    const r = parsePython(text);
    expect(strings(r)).toEqual(['Line "one"\nline \'\'two\'\'', 'abcdef']);
    const [first] = r.tokens.filter((t) => t.type === 'string');
    expect(text.slice(first!.start, first!.end)).toBe('"""Line "one"\nline \'\'two\'\'"""');
    expect(r.tokens.some((t) => t.type === 'identifier' && t.value === 'after')).toBe(true);
  });

  it('ends an unterminated string at the end of its line', () => {
    const text = 'x = "race\ny = \'ok\'';
    const r = parsePython(text);
    const [bad, good] = r.tokens.filter((t) => t.type === 'string');
    expect(bad).toEqual({ type: 'string', value: 'race', start: 4, end: 9 });
    expect(good!.value).toBe('ok');
    expect(pair(r, 'y').value).toBe('ok');
  });

  it('ends an unterminated triple-quoted string at EOF', () => {
    const text = 'x = 1\ns = """never\nclosed = "race"\n';
    const r = parsePython(text);
    const last = r.tokens[r.tokens.length - 1]!;
    expect(last.type).toBe('string');
    expect(last.value).toBe('never\nclosed = "race"\n');
    expect(last.end).toBe(text.length);
  });

  it('emits f-string literal text and the tokens of replacement fields', () => {
    const text = 'msg = f"id {df[\'race\']} {{x}} {n:>{width}} {v!r}!"';
    const r = parsePython(text);
    const fstring = r.tokens.find((t) => t.type === 'string' && t.start === 6)!;
    expect(fstring.value).toBe('id   {x}    !');
    expect(fstring.end).toBe(text.length);
    const inner = r.tokens.filter((t) => t.start > fstring.start);
    expect(brief(inner)).toEqual([
      ['identifier', 'df'], ['punct', '['], ['string', 'race'], ['punct', ']'],
      ['identifier', 'n'], ['identifier', 'width'], ['identifier', 'v'],
    ]);
    for (const t of inner) expect(text.slice(t.start, t.end)).toBe(t.type === 'string' ? "'race'" : t.value);
  });

  it('supports PEP 701 nesting with the same quotes', () => {
    const text = 'f"{f"{df["race"]}"}" + "tail"';
    const r = parsePython(text);
    expect(r.tokens.filter((t) => t.type === 'string').map((t) => text.slice(t.start, t.end))).toEqual([
      'f"{f"{df["race"]}"}"', 'f"{df["race"]}"', '"race"', '"tail"',
    ]);
  });

  it('ends an unterminated f-string at the end of the line', () => {
    const r = parsePython('a = f"{x\nb = "next"');
    expect(r.tokens.find((t) => t.value === 'next')?.type).toBe('string');
    expect(pair(r, 'b').value).toBe('next');
  });

  it('does not overflow on 100,000 nested brackets or f-strings', () => {
    const deep = '['.repeat(100_000);
    const r = parsePython(deep);
    expect(r.tokens).toHaveLength(100_000);
    expect(r.tokens[99_999]).toEqual({ type: 'punct', value: '[', start: 99_999, end: 100_000 });
    const closed = parsePython(`x = ${'['.repeat(100_000)}"race"${']'.repeat(100_000)}`);
    expect(closed.collections).toHaveLength(1);
    expect(values(closed.collections[0]!.members)).toEqual(['race']);
    const fs = parsePython('f"{'.repeat(50_000));
    expect(fs.tokens.filter((t) => t.type === 'string')).toHaveLength(50_000);
    const calls = parsePython(`${'f('.repeat(50_000)}'race'${')'.repeat(50_000)}`);
    expect(calls.calls).toHaveLength(50_000);
  }, 30_000);

  it('never throws and keeps ranges valid on arbitrary input', () => {
    const fragments = fc.constantFrom(
      '(', ')', '[', ']', '{', '}', '"', "'", '"""', "'''", 'f"', "rb'", 'f"{', '\\', '\n', '\r\n', ' ', '\t',
      '#', ':', '=', ',', ';', 'x', 'class A(Enum):', 'def f(', 'dict(', 'Literal[', '!r', '{{', '}}', '0x',
      '1e', '.', '维', '\ud800', '"a,b"', '**', 'for', '\\N{', '\0', '\u00a0', '\uFEFF',
    );
    const source = fc.oneof(
      fc.array(fragments, { maxLength: 80 }).map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    fc.assert(fc.property(source, (text) => violation(text, parsePython(text)) === undefined), { numRuns: 1000 });
  }, 30_000);

  it('stays linear on a large file', () => {
    const chunk = [
      'class Race(str, Enum):', '    WHITE = "white"  # note', '', 'COLUMNS = ["age", "gender", "race"]',
      'def f(x, t="a,b"):', '    return DeepFace.analyze(img_path=x, actions=("race",), opts={"k": f"{x!r}"})', '',
    ].join('\n');
    const text = chunk.repeat(Math.ceil(2_000_000 / chunk.length));
    const started = performance.now();
    const r = parsePython(text);
    // Generous bound: it only fails on super-linear behaviour (seconds become minutes).
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.calls.filter((c) => c.callee === 'DeepFace.analyze').length).toBe(Math.ceil(2_000_000 / chunk.length));
  }, 30_000);
});

describe('parsePython collections', () => {
  it('names lists by assignment target, attribute, annotation and keyword', () => {
    const text = [
      'race_list = ["white", "black", 3, other]',
      'self.races = ["asian"]',
      'LABELS: list[str] = ["a", "b"]',
      'model.fit(X, classes=["x", "y"])',
      'nums = [1, 2, 3]',
    ].join('\n');
    const r = parsePython(text);
    const list = collection(r, 'race_list', 'list');
    expect(values(list.members)).toEqual(['white', 'black']);
    expect(slices(text, list.members)).toEqual(['"white"', '"black"']);
    expect(text.slice(list.start, list.end)).toBe('["white", "black", 3, other]');
    expect(values(collection(r, 'races').members)).toEqual(['asian']);
    expect(values(collection(r, 'LABELS').members)).toEqual(['a', 'b']);
    expect(values(collection(r, 'classes').members)).toEqual(['x', 'y']);
    expect(r.collections.some((c) => c.name === 'nums')).toBe(false);
  });

  it('keeps tuples with two elements or a trailing comma, not parenthesized strings', () => {
    const r = parsePython('a = ("x", "y")\nb = ("z",)\nc = ("w")\nd = "p", "q"');
    expect(values(collection(r, 'a').members)).toEqual(['x', 'y']);
    expect(values(collection(r, 'b').members)).toEqual(['z']);
    expect(r.collections.some((c) => c.name === 'c')).toBe(false);
    expect(values(collection(r, 'd').members)).toEqual(['p', 'q']);
    expect(pair(r, 'c').value).toBe('w');
  });

  it('reads dicts: string keys and string values, nested dicts named by key with a path', () => {
    const text = 'CONFIG = {"race_id": {0: "white", "1": "black"}, "label_column": "race", 2: "x"}';
    const r = parsePython(text);
    const outer = collection(r, 'CONFIG', 'map');
    expect(values(outer.members)).toEqual(['race_id', 'label_column', 'race', 'x']);
    expect(slices(text, outer.members)).toEqual(['"race_id"', '"label_column"', '"race"', '"x"']);
    const inner = collection(r, 'race_id', 'map');
    expect(inner.path).toEqual(['CONFIG']);
    // "1" is numeric-looking: not a member, but its value is.
    expect(values(inner.members)).toEqual(['white', 'black']);
  });

  it('reads sets and dict() calls', () => {
    const text = 's = {"red", "green"}\nd = dict(white=0, black=1)';
    const r = parsePython(text);
    expect(values(collection(r, 's', 'list').members)).toEqual(['red', 'green']);
    const d = collection(r, 'd', 'map');
    expect(values(d.members)).toEqual(['white', 'black']);
    expect(slices(text, d.members)).toEqual(['white', 'black']);
    expect(text.slice(d.start, d.end)).toBe('dict(white=0, black=1)');
  });

  it('reads Enum classes: member names and string values, not methods or private names', () => {
    const text = [
      'from enum import Enum',
      'class Race(str, Enum):',
      '    """Race, as recorded."""',
      '    WHITE = "white"',
      '    BLACK: str = "black"',
      '    _ignore_ = ["x"]',
      '    def label(self):',
      '        OTHER = "not a member"',
      '        return OTHER',
      'class Group(IntEnum): A = 1',
      'class Plain(Base):',
      '    X = "x"',
    ].join('\n');
    const r = parsePython(text);
    const race = collection(r, 'Race', 'enum');
    expect(values(race.members)).toEqual(['WHITE', 'white', 'BLACK', 'black']);
    expect(slices(text, race.members)).toEqual(['WHITE', '"white"', 'BLACK', '"black"']);
    expect(text.slice(race.start, race.end)).toMatch(/^class Race[\s\S]*return OTHER$/);
    expect(values(collection(r, 'Group', 'enum').members)).toEqual(['A']);
    expect(r.collections.some((c) => c.name === 'Plain')).toBe(false);
  });

  it('reads functional enums and Literal types', () => {
    const r = parsePython('R = Enum("R", "WHITE BLACK")\nL = Literal["asian", "white"]');
    expect(values(collection(r, 'R', 'enum').members)).toEqual(['WHITE', 'BLACK']);
    expect(values(collection(r, 'L', 'enum').members)).toEqual(['asian', 'white']);
  });

  it('splits comma-separated strings with exact member offsets', () => {
    const text = 'COLS = "age,gender, race"\nraw = r"a,b"\nesc = "\\x41\\tb,y"\none = "solo"';
    const r = parsePython(text);
    const cols = collection(r, 'COLS', 'csv-string');
    expect(values(cols.members)).toEqual(['age', 'gender', 'race']);
    expect(slices(text, cols.members)).toEqual(['age', 'gender', 'race']);
    expect(values(collection(r, 'raw', 'csv-string').members)).toEqual(['a', 'b']);
    const esc = collection(r, 'esc', 'csv-string');
    expect(values(esc.members)).toEqual(['A\tb', 'y']);
    expect(slices(text, esc.members)).toEqual(['\\x41\\tb', 'y']);
    expect(r.collections.some((c) => c.name === 'one')).toBe(false);
  });

  it('skips comma strings that are prose: long parts, line breaks, docstrings', () => {
    const long = 'x'.repeat(41);
    const r = parsePython(`a = "${long},b"\nb = """x,\ny"""\ndef f():\n    "Returns age, gender"\n`);
    expect(r.collections.filter((c) => c.form === 'csv-string')).toEqual([]);
  });

  it('records enclosing class and function names as the path', () => {
    const text = 'class Model:\n    def labels(self):\n        names = ["white", "black"]\n        return names\nTOP = ["x"]';
    const r = parsePython(text);
    expect(collection(r, 'names').path).toEqual(['Model', 'labels']);
    expect(collection(r, 'TOP').path).toEqual([]);
  });
});

describe('parsePython pairs', () => {
  it('reads keyword arguments', () => {
    const text = 'ros = RandomOverSampler(sampling_strategy=\'minority\')\ntrain(target_type="race", epochs=3)';
    const r = parsePython(text);
    const p = pair(r, 'sampling_strategy');
    expect(p.value).toBe('minority');
    expect(text.slice(p.keyStart, p.keyEnd)).toBe('sampling_strategy');
    expect(text.slice(p.start, p.end)).toBe("sampling_strategy='minority'");
    expect(pair(r, 'target_type').value).toBe('race');
    expect(pair(r, 'epochs').value).toBe('3');
  });

  it('reads dict entries with string keys, with the dict name as path', () => {
    const r = parsePython('cfg = {"label_column": "race", "classes": ["a", "b"], 3: "n"}');
    const p = pair(r, 'label_column');
    expect(p.value).toBe('race');
    expect(p.path).toEqual(['cfg']);
    expect(values(pair(r, 'classes').values)).toEqual(['a', 'b']);
    expect(r.pairs.some((x) => x.key === '3')).toBe(false);
  });

  it('reads simple assignments of strings and string lists', () => {
    const text = 'TARGET = "ethnicity"\ny_col = \'race\'\nCLASSES = ["w", "b"]\nCOLS = "a,b"\nn = 5\nz = a + "x"';
    const r = parsePython(text);
    const t = pair(r, 'TARGET');
    expect(t.value).toBe('ethnicity');
    expect(text.slice(t.start, t.end)).toBe('TARGET = "ethnicity"');
    expect(pair(r, 'y_col').value).toBe('race');
    expect(values(pair(r, 'CLASSES').values)).toEqual(['w', 'b']);
    expect(pair(r, 'CLASSES').value).toBeUndefined();
    expect(values(pair(r, 'COLS').values)).toEqual(['a', 'b']);
    expect(r.pairs.some((x) => x.key === 'n' || x.key === 'z')).toBe(false);
  });

  it('separates statements on ; and after a compound header, and joins continuation lines', () => {
    const r = parsePython('if ok: a = "x"; b = "y"\nc = \\\n    "z"\nclass K: d = "w"');
    expect(['a', 'b', 'c', 'd'].map((k) => pair(r, k).value)).toEqual(['x', 'y', 'z', 'w']);
    expect(pair(r, 'd').path).toEqual(['K']);
  });
});

describe('parsePython calls', () => {
  it('reads DeepFace.analyze with keyword arguments and a tuple', () => {
    const text = 'obj = DeepFace.analyze(img_path="x.jpg", actions=("age", "gender", "race"))';
    const r = parsePython(text);
    const c = call(r, 'DeepFace.analyze');
    expect(text.slice(c.start, c.end)).toBe(text.slice(6));
    expect(c.args.map((a) => [a.name, a.value])).toEqual([['img_path', 'x.jpg'], ['actions', undefined]]);
    expect(values(c.args[1]!.members)).toEqual(['age', 'gender', 'race']);
    expect(text.slice(c.args[1]!.start, c.args[1]!.end)).toBe('actions=("age", "gender", "race")');
    expect(values(collection(r, 'actions').members)).toEqual(['age', 'gender', 'race']);
  });

  it('reads positional arguments: strings, lists, names and csv strings', () => {
    const text = 'DeepFace.analyze("x.jpg", [\'race\'], cfg.mode, -1, "age,race")';
    const r = parsePython(text);
    const c = call(r, 'DeepFace.analyze');
    expect(c.args.map((a) => a.value)).toEqual(['x.jpg', undefined, 'cfg.mode', '-1', 'age,race']);
    expect(values(c.args[1]!.members)).toEqual(['race']);
    expect(slices(text, c.args[1]!.members)).toEqual(["'race'"]);
    expect(values(c.args[4]!.members)).toEqual(['age', 'race']);
    expect(c.args.map((a) => text.slice(a.start, a.end))).toEqual(['"x.jpg"', "['race']", 'cfg.mode', '-1', '"age,race"']);
  });

  it('names callees as written, or by their last dotted run', () => {
    const text = 'client.detect(image)\nfoo().bar(x)\nself.api.v1.call()\nx[0](y)';
    const r = parsePython(text);
    expect(r.calls.map((c) => c.callee)).toEqual(['client.detect', 'foo', 'bar', 'self.api.v1.call']);
    const x = text.indexOf('(x)') + 1;
    expect(call(r, 'bar').args).toEqual([{ value: 'x', start: x, end: x + 1 }]);
    expect(text.slice(call(r, 'bar').start, call(r, 'bar').end)).toBe('bar(x)');
  });

  it('does not treat def parameters or class bases as calls', () => {
    const r = parsePython('class A(Base):\n    def f(self, race="x"):\n        pass\nprint(1)');
    expect(r.calls.map((c) => c.callee)).toEqual(['print']);
  });
});
