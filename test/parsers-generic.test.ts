import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseGeneric } from '../src/parsers/generic.js';
import type { Call, Collection, Member, Pair, ParseResult, Token } from '../src/types.js';
import { call, collection, pair } from './helpers/parse-lookup.js';

const values = (members: readonly Member[] | undefined): string[] => (members ?? []).map((m) => m.value);
const slices = (text: string, members: readonly Member[] | undefined): string[] =>
  (members ?? []).map((m) => text.slice(m.start, m.end));
const ofType = (r: ParseResult, type: Token['type']): Token[] => r.tokens.filter((t) => t.type === type);


/** Every range inside the text, tokens ordered and non-overlapping, comments exact. */
function checkInvariants(text: string, r: ParseResult): void {
  let last = 0;
  for (const t of r.tokens) {
    expect(t.start).toBeGreaterThanOrEqual(last);
    expect(t.end).toBeGreaterThan(t.start);
    expect(t.end).toBeLessThanOrEqual(text.length);
    if (t.type === 'comment' || t.type === 'identifier') expect(text.slice(t.start, t.end)).toBe(t.value);
    last = t.end;
  }
  const members = [...r.collections.flatMap((c) => c.members), ...r.pairs.flatMap((p) => p.values ?? [])];
  for (const m of members) expect(m.start >= 0 && m.end <= text.length && m.start <= m.end).toBe(true);
}

describe('parseGeneric comments', () => {
  const cases: Array<[string, string, string[]]> = [
    ['c', 'int a; // line\n/* block\n */ int b;', ['// line', '/* block\n */']],
    ['rust', '/* outer /* inner */ still */ fn f() {}', ['/* outer /* inner */ still */']],
    ['shell', 'echo $# ${#a} a#b # real\n', ['# real']],
    ['ruby', 'x = 1 # note', ['# note']],
    ['sql', "SELECT 1; -- why\n/* c */", ['-- why', '/* c */']],
    ['lua', '--[==[ long\n]==] x = 1 -- end', ['--[==[ long\n]==]', '-- end']],
    ['matlab', "x = a'; % note\n%{\nblock\n%}", ['% note', '%{\nblock\n%}']],
    ['lisp', '(defun f () 1) ; note', ['; note']],
    ['powershell', '<# block #> $x = 1 # note', ['<# block #>', '# note']],
    ['php', "<?php # hash\n// slash\n#[Attr]\n", ['# hash', '// slash']],
  ];
  for (const [language, text, expected] of cases) {
    it(`finds ${language} comments as exact slices`, () => {
      const comments = ofType(parseGeneric(text, language), 'comment');
      expect(comments.map((t) => t.value)).toEqual(expected);
      for (const t of comments) expect(text.slice(t.start, t.end)).toBe(t.value);
    });
  }

  it('has no comments or strings in plain text', () => {
    const r = parseGeneric('It\'s "race" // not a comment # nor this', 'text');
    expect(ofType(r, 'comment')).toEqual([]);
    expect(ofType(r, 'string')).toEqual([]);
    expect(ofType(r, 'identifier').map((t) => t.value)).toContain('race');
  });
});

describe('parseGeneric strings', () => {
  const cases: Array<[string, string, string[]]> = [
    ['c', String.raw`s = "a\"b\n"; c = '\''; w = L"wide";`, ['a"b\n', "'", 'wide']],
    ['go', 's := `raw\\n` + "x"', ['raw\\n', 'x']],
    ['csharp', 's = @"C:\\dir ""q"""; t = $"hi {name}";', ['C:\\dir "q"', 'hi {name}']],
    ['rust', String.raw`fn f<'a>(x: &'a str) { let r = r#"say "hi""#; let c = 'z'; }`, ['say "hi"', 'z']],
    ['python', `x = """multi\nline""" + r'\\d' + f"{a}"`, ['multi\nline', '\\d', '{a}']],
    ['shell', String.raw`echo 'no \n escape' $'tab\t' "q\"q"`, ['no \\n escape', 'tab\t', 'q"q']],
    ['sql', "WHERE name = 'it''s'", ["it's"]],
    ['kotlin', 'val s = """raw $x"""', ['raw $x']],
    ['javascript', 'x = a / b; r = /"[/]"/g; t = `a${"}"}b`', ['/"[/]"/g', 'a${"}"}b']],
    ['powershell', '$s = "a`tb"; $t = \'it\'\'s\'', ['a\tb', "it's"]],
    ['lua', 'local s = [[long "x"]]', ['long "x"']],
    ['cpp', 'auto s = R"delim(a)"b)delim";', ['a)"b']],
  ];
  for (const [language, text, expected] of cases) {
    it(`decodes ${language} strings`, () => {
      const strings = ofType(parseGeneric(text, language), 'string');
      expect(strings.map((t) => t.value)).toEqual(expected);
      for (const t of strings) expect(text.slice(t.start, t.end).length).toBeGreaterThanOrEqual(t.value.length > 0 ? 1 : 0);
    });
  }

  it('includes quotes and prefixes in string ranges', () => {
    const text = 's = @"x"; t = "y";';
    const strings = ofType(parseGeneric(text, 'csharp'), 'string');
    expect(strings.map((t) => text.slice(t.start, t.end))).toEqual(['@"x"', '"y"']);
  });

  it('treats an unclosed apostrophe as punctuation, not a string to the end of the file', () => {
    const text = "// ok\nint don't = 1;\nchar *s = \"race\";";
    const r = parseGeneric(text, 'c');
    expect(ofType(r, 'string').map((t) => t.value)).toEqual(['race']);
  });

  it('reads a heredoc body as one string token and tokenizes the rest', () => {
    const text = "cat <<EOF\nit's {\"race\": 1}\nEOF\necho done";
    const r = parseGeneric(text, 'shell');
    const body = ofType(r, 'string')[0];
    expect(body?.value).toBe('it\'s {"race": 1}\n');
    expect(ofType(r, 'identifier').map((t) => t.value)).toEqual(['cat', 'EOF', 'EOF', 'echo']);
  });
});

describe('parseGeneric identifiers', () => {
  it('reads Unicode identifiers, and keeps PHP/Ruby sigils out of the value', () => {
    const text = '$种族 = $row->ethnicity; @race = 1;';
    const r = parseGeneric(text, 'php');
    const ids = ofType(r, 'identifier');
    expect(ids.map((t) => t.value)).toEqual(['种族', 'row', 'ethnicity', 'race']);
    for (const t of ids) expect(text.slice(t.start, t.end)).toBe(t.value);
    expect(ofType(parseGeneric('@race = 1', 'ruby'), 'identifier').map((t) => t.value)).toEqual(['race']);
  });

  it('classifies keywords and numbers', () => {
    const r = parseGeneric('if (x) return 1.5e-3;', 'java');
    expect(ofType(r, 'keyword').map((t) => t.value)).toEqual(['if', 'return']);
    expect(ofType(r, 'number').map((t) => t.value)).toEqual(['1.5e-3']);
  });
});

describe('parseGeneric enums', () => {
  it('names a Dahua typedef enum by its typedef name', () => {
    const text = 'typedef enum tagEM_RACE_TYPE { EM_RACE_UNKNOWN, EM_RACE_NODISTI, EM_RACE_YELLOW, EM_RACE_BLACK, EM_RACE_WHITE } EM_RACE_TYPE;';
    const c = collection(parseGeneric(text, 'c'), 'EM_RACE_TYPE', 'enum');
    expect(values(c.members)).toEqual(['EM_RACE_UNKNOWN', 'EM_RACE_NODISTI', 'EM_RACE_YELLOW', 'EM_RACE_BLACK', 'EM_RACE_WHITE']);
    expect(slices(text, c.members)).toEqual(values(c.members));
  });

  it('names an anonymous typedef enum with initializers', () => {
    const text = 'typedef enum {\n  RACE_UNKNOWN = 0,\n  RACE_CAUCASIAN,\n  RACE_ASIAN = 2\n} cvai_face_race_e;';
    const c = collection(parseGeneric(text, 'c'), 'cvai_face_race_e', 'enum');
    expect(values(c.members)).toEqual(['RACE_UNKNOWN', 'RACE_CAUCASIAN', 'RACE_ASIAN']);
  });

  it('keeps a plain C enum name when a variable follows the brace', () => {
    const c = collection(parseGeneric('enum Race { WHITE, BLACK } current;', 'c'), 'Race', 'enum');
    expect(values(c.members)).toEqual(['WHITE', 'BLACK']);
  });

  it('reads a Go iota const block as an enum named by its type', () => {
    const text = 'const (\n\tEM_NATION_TYPE_UYGUR EM_NATION_TYPE = iota // 维吾尔族\n\tEM_NATION_TYPE_HAN\n\tEM_NATION_TYPE_ZHUANG\n)';
    const c = collection(parseGeneric(text, 'go'), 'EM_NATION_TYPE', 'enum');
    expect(values(c.members)).toEqual(['EM_NATION_TYPE_UYGUR', 'EM_NATION_TYPE_HAN', 'EM_NATION_TYPE_ZHUANG']);
    expect(slices(text, c.members)[1]).toBe('EM_NATION_TYPE_HAN');
  });

  it('reads a Java enum up to the first semicolon, skipping annotations', () => {
    const text = 'public enum Race implements Labeled { @JsonProperty("white") WHITE("White"), BLACK("Black"); private final String label; }';
    const c = collection(parseGeneric(text, 'java'), 'Race', 'enum');
    expect(values(c.members)).toEqual(['WHITE', 'White', 'BLACK', 'Black']);
  });

  it('reads a C# enum with attributes and a base type', () => {
    const text = 'public enum Ethnicity : byte { [Description("Caucasian")] White = 1, Black, Asian }';
    const c = collection(parseGeneric(text, 'csharp'), 'Ethnicity', 'enum');
    expect(values(c.members)).toEqual(['White', 'Black', 'Asian']);
  });

  it('reads Kotlin, Swift and Rust enums', () => {
    const kotlin = collection(parseGeneric('enum class Race(val s: String) { WHITE("w"), BLACK("b"); fun f() {} }', 'kotlin'), 'Race');
    expect(values(kotlin.members)).toEqual(['WHITE', 'w', 'BLACK', 'b']);
    const swift = collection(parseGeneric('enum Race: String {\n case white = "w", black\n case asian\n var x: Int { 1 }\n}', 'swift'), 'Race');
    expect(values(swift.members)).toEqual(['white', 'w', 'black', 'asian']);
    const rust = collection(parseGeneric('#[derive(Debug)]\npub enum Race { White, Black(u8), Other { code: i32 } }', 'rust'), 'Race');
    expect(values(rust.members)).toEqual(['White', 'Black', 'Other']);
  });
});

describe('parseGeneric lists and maps', () => {
  it('names R c(...) vectors after `<-`', () => {
    const text = 'races <- c("asian", "white")\ndf <- data.frame(race = c("a", "b"), n = 1)';
    const r = parseGeneric(text, 'r');
    const c = collection(r, 'races', 'list');
    expect(values(c.members)).toEqual(['asian', 'white']);
    expect(slices(text, c.members)).toEqual(['"asian"', '"white"']);
    const frame = call(r, 'data.frame');
    expect(frame.args.map((a) => a.name)).toEqual(['race', 'n']);
    expect(values(frame.args[0]?.members)).toEqual(['a', 'b']);
  });

  it('names brace and bracket lists in C-family languages', () => {
    const c = parseGeneric('static const char *races[] = {"asian", "white"};', 'c');
    expect(values(collection(c, 'races').members)).toEqual(['asian', 'white']);
    const java = parseGeneric('String[] races = new String[] {"a", "b"};', 'java');
    expect(values(collection(java, 'races').members)).toEqual(['a', 'b']);
    const go = parseGeneric('races := []string{"a", "b"}', 'go');
    expect(values(collection(go, 'races').members)).toEqual(['a', 'b']);
    const kotlin = parseGeneric('val races: List<String> = listOf("a", "b")', 'kotlin');
    expect(values(collection(kotlin, 'races').members)).toEqual(['a', 'b']);
    const swift = parseGeneric('let races: [String] = ["a", "b"]', 'swift');
    expect(values(collection(swift, 'races').members)).toEqual(['a', 'b']);
  });

  it('reads keyed literals as maps', () => {
    const text = "$labels = ['white' => 'Caucasian', 'black' => 'African', 0 => 'x'];";
    const c = collection(parseGeneric(text, 'php'), 'labels', 'map');
    expect(values(c.members)).toEqual(['white', 'Caucasian', 'black', 'African', 'x']);
  });

  it('does not read code blocks or index expressions as lists', () => {
    const r = parseGeneric('void f() { x = m["race"]; if (ok) { g("a"); } }', 'c');
    expect(r.collections).toEqual([]);
  });

  it('splits comma-separated strings and names them', () => {
    const text = '#define ATTRS "gender,race"\nString q = "age, ethnicity";';
    const r = parseGeneric(text, 'c');
    expect(slices(text, collection(r, 'ATTRS', 'csv-string').members)).toEqual(['gender', 'race']);
    expect(slices(text, collection(r, 'q', 'csv-string').members)).toEqual(['age', 'ethnicity']);
  });
});

describe('parseGeneric pairs', () => {
  it('reads key/value forms inside braces and statements', () => {
    const text = 'cfg = { "return_attributes": "ethnicity", mode: "fast", n = 2, "k" => "v" }';
    const r = parseGeneric(text, 'ruby');
    const p = pair(r, 'return_attributes');
    expect(p.value).toBe('ethnicity');
    expect(text.slice(p.keyStart, p.keyEnd)).toBe('"return_attributes"');
    expect(text.slice(p.start, p.end)).toBe('"return_attributes": "ethnicity"');
    expect(pair(r, 'mode').value).toBe('fast');
    expect(pair(r, 'n').value).toBe('2');
    expect(pair(r, 'k').value).toBe('v');
  });

  it('reports a path of enclosing names', () => {
    const r = parseGeneric('class Face { void detect() { String attr = "race"; } }', 'java');
    expect(pair(r, 'attr').path).toEqual(['Face', 'detect']);
  });

  it('does not take ternaries or expressions as pairs', () => {
    const r = parseGeneric('x = ok ? "a" : "b"; y = "c" + z;', 'c');
    expect(r.pairs).toEqual([]);
  });

  it('reads curl -F key=value words with csv members', () => {
    const text = 'curl -X POST "$URL" -F "return_attributes=gender,age,ethnicity" \\\n  -F api_key=$KEY --data-urlencode attrs=race';
    const r = parseGeneric(text, 'shell');
    const p = pair(r, 'return_attributes');
    expect(p.value).toBe('gender,age,ethnicity');
    expect(values(p.values)).toEqual(['gender', 'age', 'ethnicity']);
    expect(slices(text, p.values)).toEqual(['gender', 'age', 'ethnicity']);
    expect(text.slice(p.keyStart, p.keyEnd)).toBe('return_attributes');
    expect(pair(r, 'api_key').value).toBe('$KEY');
    expect(pair(r, 'X').value).toBe('POST');
    expect(pair(r, 'data-urlencode').value).toBe('attrs=race');
    expect(pair(r, 'attrs').value).toBe('race');
    expect(values(collection(r, 'return_attributes', 'csv-string').members)).toEqual(['gender', 'age', 'ethnicity']);
  });

  it('reads shell assignments and arrays', () => {
    const text = 'ATTRS="age,race"\nRACES=(asian "white")';
    const r = parseGeneric(text, 'shell');
    expect(slices(text, pair(r, 'ATTRS').values)).toEqual(['age', 'race']);
    expect(values(collection(r, 'RACES', 'list').members)).toEqual(['asian', 'white']);
    expect(r.collections.filter((c) => c.name === 'ATTRS')).toHaveLength(1);
  });
});

describe('parseGeneric calls', () => {
  it('reports dotted callees with positional, named and list arguments', () => {
    const text = 'client.detect(img, attributes = listOf("race", "age"), mode: FAST.x, "s", 3)';
    const c = call(parseGeneric(text, 'kotlin'), 'client.detect');
    expect(c.args.map((a) => a.name)).toEqual([undefined, 'attributes', 'mode', undefined, undefined]);
    expect(c.args.map((a) => a.value)).toEqual(['img', undefined, 'FAST.x', 's', '3']);
    expect(values(c.args[1]?.members)).toEqual(['race', 'age']);
    expect(text.slice(c.start, c.end)).toBe(text);
  });

  it('normalises -> and :: member access and expands PHP array arguments', () => {
    const text = "$client->detectFaces($img, array('returnFaceAttributes' => 'age,race'));";
    const c = call(parseGeneric(text, 'php'), 'client.detectFaces');
    expect(c.args.map((a) => a.name)).toEqual([undefined, 'returnFaceAttributes']);
    expect(c.args[0]?.value).toBe('img');
    expect(slices(text, c.args[1]?.members)).toEqual(['age', 'race']);
  });

  it('does not report definitions or control statements as calls', () => {
    const r = parseGeneric('int detect(int x) { if (x) { return analyze(x); } }\nstatic void run(void) {}', 'c');
    expect(r.calls.map((c) => c.callee)).toEqual(['analyze']);
    const go = parseGeneric('func (c *C) Run(n int) error { return c.work(n) }', 'go');
    expect(go.calls.map((c) => c.callee)).toEqual(['c.work']);
  });
});

describe('parseGeneric robustness', () => {
  it('handles 100,000-deep nesting of every bracket without overflowing', () => {
    for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']] as const) {
      const text = `x = ${open.repeat(100_000)}"a", "b"${close.repeat(100_000)}`;
      const r = parseGeneric(text, 'c');
      expect(r.tokens.length).toBe(200_005);
    }
    const unclosed = parseGeneric(`${'{a: ['.repeat(50_000)}"race"`, 'javascript');
    expect(unclosed.tokens.at(-1)?.value).toBe('race');
  });

  it('ignores stray closers', () => {
    const r = parseGeneric(')))]]]}}} races = ["a", "b"] )', 'python');
    expect(values(collection(r, 'races').members)).toEqual(['a', 'b']);
  });

  // A quadratic scan (e.g. an unbounded indexOf per literal) takes many seconds at this size.
  it('stays linear on hostile repetitions', { timeout: 120_000 }, () => {
    const hostile = ['"x" ', "'", '/*', '`${', '(/[', 'R"', '\\u{', 'enum ', 'a = ', 'f(a.b.c, "x")\n', '<!--', '$', '@"', 'x.'];
    for (const unit of hostile) {
      const text = unit.repeat(Math.ceil(100_000 / unit.length));
      for (const language of ['cpp', 'shell', 'javascript', 'csharp', 'lua']) {
        const t0 = performance.now();
        parseGeneric(text, language);
        expect(performance.now() - t0, `${language} ${JSON.stringify(unit)}`).toBeLessThan(1500);
      }
    }
  });

  it('reads a 1 MB file of short literals in linear time', { timeout: 60_000 }, () => {
    const text = '"x", '.repeat(200_000);
    const t0 = performance.now();
    const r = parseGeneric(text, 'c');
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(r.tokens).toHaveLength(400_000);
  });

  it('never throws and keeps ranges valid on arbitrary input', () => {
    const alphabet = fc.constantFrom(...'ab_1 \n\t"\'`#/*-;%(){}[],.:=<>$@!?\\|&r种'.split(''));
    const languages = ['c', 'go', 'rust', 'shell', 'sql', 'lua', 'matlab', 'php', 'ruby', 'csharp', 'python', 'javascript', 'text', 'unknown'];
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }).map((chars) => chars.join('')), fc.constantFrom(...languages), (text, language) => {
        checkInvariants(text, parseGeneric(text, language));
      }),
      { numRuns: 600 },
    );
  });
});
