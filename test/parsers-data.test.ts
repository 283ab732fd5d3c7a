import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/parsers/csv.js';
import { parseJson, parseJsonTree, decodeJsonString } from '../src/parsers/json.js';
import { parseLabels } from '../src/parsers/labels.js';
import { parsePbtxt } from '../src/parsers/pbtxt.js';
import { parseYaml } from '../src/parsers/yaml.js';
import { remapParseResult } from '../src/parsers/remap.js';
import type { Collection, DataNode, Member, ParseResult } from '../src/types.js';

const slices = (text: string, members: readonly Member[]): string[] => members.map((m) => text.slice(m.start, m.end));
const values = (members: readonly Member[]): string[] => members.map((m) => m.value);

function collection(result: ParseResult, name: string | undefined, form?: Collection['form']): Collection {
  const found = result.collections.find((c) => c.name === name && (form === undefined || c.form === form));
  if (!found) throw new Error(`no collection ${String(name)} ${form ?? ''}`);
  return found;
}

/** Every token's range must cover text that represents its value. */
function expectTokensInOrder(result: ParseResult): void {
  for (let i = 1; i < result.tokens.length; i++) {
    expect(result.tokens[i]!.start).toBeGreaterThanOrEqual(result.tokens[i - 1]!.start);
  }
}

describe('parseJson', () => {
  const config = `{
  "architectures": ["ViTForImageClassification"],
  "id2label": {
    "0": "asian",
    "1": "white",
    "2": "black"
  },
  "label2id": {"asian": 0, "white": 1, "black": 2},
  "problem_type": "single_label_classification",
  "use_bias": true,
  "dropout": null
}`;

  it('builds id2label/label2id collections with exact member ranges', () => {
    const r = parseJson(config);
    const id2label = collection(r, 'id2label', 'map');
    expect(values(id2label.members)).toEqual(['asian', 'white', 'black']);
    expect(slices(config, id2label.members)).toEqual(['"asian"', '"white"', '"black"']);
    expect(id2label.path).toEqual([]);
    expect(config.slice(id2label.start, id2label.end)).toMatch(/^\{\n {4}"0": "asian",[\s\S]*\}$/);
    const label2id = collection(r, 'label2id', 'map');
    expect(values(label2id.members)).toEqual(['asian', 'white', 'black']);
    expect(slices(config, label2id.members)).toEqual(['"asian"', '"white"', '"black"']);
    expect(values(collection(r, 'architectures', 'list').members)).toEqual(['ViTForImageClassification']);
  });

  it('emits key/string/number/keyword tokens in document order', () => {
    const r = parseJson(config);
    expectTokensInOrder(r);
    const tok = (value: string) => r.tokens.find((t) => t.value === value)!;
    expect(tok('id2label').type).toBe('key');
    expect(config.slice(tok('id2label').start, tok('id2label').end)).toBe('"id2label"');
    expect(r.tokens.filter((t) => t.value === 'asian').map((t) => t.type)).toEqual(['string', 'key']);
    expect(tok('true').type).toBe('keyword');
    expect(tok('null').type).toBe('keyword');
    expect(r.tokens.filter((t) => t.type === 'number').map((t) => t.value)).toEqual(['0', '1', '2']);
  });

  it('emits pairs with key paths', () => {
    const r = parseJson(config);
    const p = r.pairs.find((x) => x.key === '0')!;
    expect(p).toMatchObject({ value: 'asian', path: ['id2label'] });
    expect(config.slice(p.keyStart, p.keyEnd)).toBe('"0"');
    expect(config.slice(p.start, p.end)).toBe('"0": "asian"');
    const arch = r.pairs.find((x) => x.key === 'architectures')!;
    expect(arch.value).toBeUndefined();
    expect(values(arch.values!)).toEqual(['ViTForImageClassification']);
    expect(r.pairs.find((x) => x.key === 'id2label')).toBeUndefined(); // object values are not pairs
    expect(r.pairs.find((x) => x.key === 'use_bias')!.value).toBe('true');
  });

  it('finds comma-separated strings with exact part ranges', () => {
    const text = '{"meta": {"columns": "gender, age,ethnicity"}, "escaped": "a\\u002cb,c"}';
    const r = parseJson(text);
    const csv = collection(r, 'columns', 'csv-string');
    expect(values(csv.members)).toEqual(['gender', 'age', 'ethnicity']);
    expect(slices(text, csv.members)).toEqual(['gender', 'age', 'ethnicity']);
    expect(csv.path).toEqual(['meta']);
    const pair = r.pairs.find((p) => p.key === 'columns')!;
    expect(pair.value).toBe('gender, age,ethnicity');
    expect(values(pair.values!)).toEqual(['gender', 'age', 'ethnicity']);
    // With escapes, parts fall back to the scalar's range.
    const esc = collection(r, 'escaped', 'csv-string');
    expect(values(esc.members)).toEqual(['a', 'b', 'c']);
    expect(slices(text, esc.members)[0]).toBe('"a\\u002cb,c"');
    expect(r.collections.some((c) => c.form === 'csv-string' && c.members.some((m) => m.value.includes(' ')))).toBe(false);
  });

  it('puts array indices in paths and names', () => {
    const text = '{"items": [{"name": "asian"}, {"name": "white"}]}';
    const r = parseJson(text);
    expect(r.pairs.map((p) => [p.path.join('/'), p.value])).toEqual([
      ['items/0', 'asian'],
      ['items/1', 'white'],
    ]);
  });

  it('tolerates JSONC comments and trailing commas, reporting comments', () => {
    const text = '// races\n{\n  /* block\n comment */ "a": [1, 2,], // trailing\n  "b": "x",\n}\n';
    const r = parseJson(text);
    const comments = r.tokens.filter((t) => t.type === 'comment');
    expect(comments.map((c) => text.slice(c.start, c.end))).toEqual(['// races', '/* block\n comment */', '// trailing']);
    // A comment's value is its exact source slice, so offsets inside it are exact.
    expect(comments.map((c) => c.value)).toEqual(['// races', '/* block\n comment */', '// trailing']);
    expectTokensInOrder(r);
    expect(r.tree!.entries!.map((e) => e.key)).toEqual(['a', 'b']);
  });

  it('throws one-line errors with line:column', () => {
    expect(() => parseJson('{"a": 1,\n  "b" 2}')).toThrow(/^JSON syntax error at 2:7: expected ':'/);
    expect(() => parseJson('[1, 2')).toThrow(/1:6/);
    expect(() => parseJson('{"a": "x\ny"}')).toThrow(/unterminated string/);
    expect(() => parseJson('')).toThrow(/unexpected end/);
    expect(() => parseJson('[1] 2')).toThrow(/after the JSON value/);
    expect(() => parseJson('[,]')).toThrow(/1:2/);
    expect(() => parseJson('{"a" : 1 /* x')).toThrow(/unterminated comment/);
    for (const bad of ['{"a": 1,\n  "b" 2}', '[1, 2']) {
      try {
        parseJson(bad);
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });

  it('parses numbers, NaN/Infinity and escapes', () => {
    const tree = parseJsonTree('[-1.5e3, 0, NaN, -Infinity, "\\u00e9\\n\\"", "\\ud83d\\ude00"]');
    expect(tree.items!.map((n) => [n.type, n.value])).toEqual([
      ['number', '-1.5e3'],
      ['number', '0'],
      ['number', 'NaN'],
      ['number', '-Infinity'],
      ['string', 'é\n"'],
      ['string', '😀'],
    ]);
    expect(() => parseJsonTree('[01]')).toThrow(/unexpected '01'/);
    expect(() => parseJsonTree('["\\x"]')).toThrow(/invalid escape/);
  });

  it('decodeJsonString maps decoded chars to raw offsets', () => {
    const text = 'xx"a\\nb\\u00e9c"';
    const { value, offsets } = decodeJsonString(text, 2, text.length);
    expect(value).toBe('a\nbéc');
    expect(offsets).toEqual([3, 4, 6, 7, 13, 14]);
    expect(text[offsets[value.length]!]).toBe('"');
  });

  it('survives 100,000 levels of nesting', () => {
    const depth = 100_000;
    const t0 = Date.now();
    const arrays = parseJsonTree('['.repeat(depth) + ']'.repeat(depth));
    let node: DataNode = arrays;
    let levels = 1;
    while (node.items && node.items.length > 0) {
      node = node.items[0]!;
      levels++;
    }
    expect(levels).toBe(depth);
    const objects = '{"a":'.repeat(depth) + '"asian"' + '}'.repeat(depth);
    const r = parseJson(objects);
    expect(r.pairs).toHaveLength(1);
    expect(r.pairs[0]!.path.length).toBeLessThanOrEqual(32);
    expect(r.collections.length).toBe(depth);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('parses large minified JSON in linear time', () => {
    const item = '{"id":12345,"label":"person","bbox":[1.5,2.5,3.5,4.5],"flag":true},';
    const big = '[' + item.repeat(Math.floor(20_000_000 / item.length)) + '0]';
    const t0 = Date.now();
    const tree = parseJsonTree(big);
    expect(tree.items!.length).toBeGreaterThan(250_000);
    const longString = '["' + 'ab\\n'.repeat(2_000_000) + '"]';
    expect(parseJsonTree(longString).items![0]!.value!.length).toBe(6_000_000);
    expect(Date.now() - t0).toBeLessThan(8000);
  });
});

describe('parseYaml', () => {
  it('reads a YOLO data.yaml names list and comment', () => {
    const text = 'path: ../datasets/faces\n# ethnicity (0: asian, 1: white)\nnames:\n  - asian   # east asian\n  - "white"\nnc: 2\n';
    const r = parseYaml(text);
    const names = collection(r, 'names', 'list');
    expect(values(names.members)).toEqual(['asian', 'white']);
    expect(slices(text, names.members)).toEqual(['asian', '"white"']);
    const comments = r.tokens.filter((t) => t.type === 'comment');
    expect(comments.map((c) => text.slice(c.start, c.end))).toEqual(['# ethnicity (0: asian, 1: white)', '# east asian']);
    expect(comments[0]!.value).toBe('# ethnicity (0: asian, 1: white)');
    expectTokensInOrder(r);
    expect(r.pairs.find((p) => p.key === 'nc')!.value).toBe('2');
    expect(values(r.pairs.find((p) => p.key === 'names')!.values!)).toEqual(['asian', 'white']);
  });

  it('reads names given as a mapping, block or flow', () => {
    for (const text of ['names: {0: person, 1: asian}\n', 'names:\n  0: person\n  1: asian\n']) {
      const r = parseYaml(text);
      const names = collection(r, 'names', 'map');
      expect(values(names.members)).toEqual(['person', 'asian']);
      expect(slices(text, names.members)).toEqual(['person', 'asian']);
      const key = r.tokens.find((t) => t.type === 'key' && t.value === '1')!;
      expect(text.slice(key.start, key.end)).toBe('1');
      expect(r.pairs.find((p) => p.key === '1')).toMatchObject({ value: 'asian', path: ['names'] });
    }
  });

  it('reads flow sequences and nested paths', () => {
    const text = 'model:\n  head:\n    classes: [asian, \'white\', "black"]\n';
    const r = parseYaml(text);
    const c = collection(r, 'classes', 'list');
    expect(values(c.members)).toEqual(['asian', 'white', 'black']);
    expect(slices(text, c.members)).toEqual(['asian', "'white'", '"black"']);
    expect(c.path).toEqual(['model', 'head']);
  });

  it('does not take # inside quoted or block scalars for comments', () => {
    const text = 'a: "x # no"\nb: |\n  text # no\nc: d # yes\n';
    const r = parseYaml(text);
    expect(r.tokens.filter((t) => t.type === 'comment').map((t) => text.slice(t.start, t.end))).toEqual(['# yes']);
    expect(r.tokens.find((t) => t.type === 'string' && t.value === 'x # no')).toBeDefined();
  });

  it('reads multi-document streams', () => {
    const text = 'names: [asian]\n---\n# second\nnames: [white]\n';
    const r = parseYaml(text);
    const lists = r.collections.filter((c) => c.name === 'names');
    expect(lists.map((c) => values(c.members))).toEqual([['asian'], ['white']]);
    expect(lists[1]!.path).toEqual([]);
    expect(r.tree!.type).toBe('array');
    expect(r.tree!.items).toHaveLength(2);
    expect(r.tokens.some((t) => t.type === 'comment' && t.value === '# second')).toBe(true);
  });

  it('does not expand alias bombs', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = lines.join('\n') + '\n';
    const t0 = Date.now();
    const r = parseYaml(text);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.tokens.filter((t) => t.value === 'lol')).toHaveLength(9);
    expect(r.tree!.entries![9]!.value.items).toHaveLength(9);
  });

  it('throws with line:column on YAML errors', () => {
    expect(() => parseYaml('a: 1\nb: [1, 2\n')).toThrow(/^YAML syntax error at \d+:\d+: /);
    expect(() => parseYaml('a:\n  - b\n c: d\n')).toThrow(/^YAML syntax error at 3:1: All mapping items/);
    expect(() => parseYaml('a: "x\n')).toThrow(/Missing closing/);
  });

  it('returns an empty result for an empty file', () => {
    expect(parseYaml('# only a comment\n')).toMatchObject({ collections: [], pairs: [] });
  });
});

describe('parsePbtxt', () => {
  const text = `# ethnicity label map
item {
  id: 1
  name: 'asian'
  display_name: "Asian"
}
item <
  id: 2;
  name: "white"
  display_name: "White" # comment
>
`;

  it('reads TF label maps into an items collection', () => {
    const r = parsePbtxt(text);
    const items = collection(r, 'item', 'items');
    expect(values(items.members)).toEqual(['asian', 'Asian', 'white', 'White']);
    expect(slices(text, items.members)).toEqual(["'asian'", '"Asian"', '"white"', '"White"']);
    expect(r.collections.filter((c) => c.form === 'items')).toHaveLength(1);
  });

  it('emits tokens, comments and pairs', () => {
    const r = parsePbtxt(text);
    expectTokensInOrder(r);
    expect(r.tokens.filter((t) => t.type === 'comment').map((t) => text.slice(t.start, t.end))).toEqual([
      '# ethnicity label map',
      '# comment',
    ]);
    const key = r.tokens.find((t) => t.type === 'key' && t.value === 'display_name')!;
    expect(text.slice(key.start, key.end)).toBe('display_name');
    expect(r.tokens.filter((t) => t.type === 'number').map((t) => t.value)).toEqual(['1', '2']);
    expect(r.pairs.filter((p) => p.key === 'name').map((p) => [p.value, p.path])).toEqual([
      ['asian', ['item']],
      ['white', ['item']],
    ]);
    expect(r.tree!.entries!.map((e) => e.key)).toEqual(['item', 'item']);
  });

  it('handles lists, enums, escapes, concatenation and repeated string fields', () => {
    const t = 'labels: "asian"\nlabels: "wh" \'ite\'\nlist: ["a\\tb", 3, ENUM_X]\nnested { deep { x: true } }\n';
    const r = parsePbtxt(t);
    expect(values(collection(r, 'labels', 'list').members)).toEqual(['asian', 'white']);
    expect(values(collection(r, 'list', 'list').members)).toEqual(['a\tb', 'ENUM_X']);
    expect(r.tokens.find((x) => x.value === 'true')!.type).toBe('keyword');
  });

  it('throws with line:column on syntax errors', () => {
    expect(() => parsePbtxt('item {\n  name: "x"\n')).toThrow(/^pbtxt syntax error at 3:1: unexpected end/);
    expect(() => parsePbtxt('item { name: "x }')).toThrow(/1:14: unterminated string/);
    expect(() => parsePbtxt('}')).toThrow(/1:1/);
  });
});

describe('parseCsv', () => {
  const fairface = 'file,age,gender,race,service_test\r\ntrain/1.jpg,50-59,Male,East Asian,True\r\ntrain/2.jpg,30-39,Female,Indian,False\r\ntrain/3.jpg,3-9,Female,East Asian,True\r\n';

  it('reads the FairFace header and distinct column values', () => {
    const r = parseCsv(fairface);
    expect(r.table!.delimiter).toBe(',');
    expect(values(r.table!.header)).toEqual(['file', 'age', 'gender', 'race', 'service_test']);
    expect(r.table!.rows).toHaveLength(3);
    const race = collection(r, 'race', 'column');
    expect(values(race.members)).toEqual(['East Asian', 'Indian']);
    expect(slices(fairface, race.members)).toEqual(['East Asian', 'Indian']);
    expect(race.members[0]!.start).toBe(fairface.indexOf('East Asian')); // first occurrence kept
    expect(values(collection(r, 'header', 'list').members)).toEqual(['file', 'age', 'gender', 'race', 'service_test']);
    expect(r.tokens.filter((t) => t.type === 'key')).toHaveLength(5);
    expect(r.tokens.filter((t) => t.type === 'string')).toHaveLength(15);
  });

  it('handles quotes, escaped quotes, embedded delimiters and newlines', () => {
    const text = 'id,"race, self-reported",note\n1,"Black or ""African"" American","line1\nline2"\n2,White,\n\n';
    const r = parseCsv(text);
    expect(values(r.table!.header)).toEqual(['id', 'race, self-reported', 'note']);
    expect(r.table!.rows.map((row) => values(row))).toEqual([
      ['1', 'Black or "African" American', 'line1\nline2'],
      ['2', 'White', ''],
    ]);
    const cell = r.table!.rows[0]![1]!;
    expect(text.slice(cell.start, cell.end)).toBe('"Black or ""African"" American"');
    expect(values(collection(r, 'race, self-reported').members)).toEqual(['Black or "African" American', 'White']);
  });

  it('sniffs delimiters and honours a given one', () => {
    expect(parseCsv('a;b;c\n1;2;3\n').table!.delimiter).toBe(';');
    expect(parseCsv('a|b\n1|2\n').table!.delimiter).toBe('|');
    expect(parseCsv('"x,y"\tb\tc\n').table!.delimiter).toBe('\t');
    const r = parseCsv('name, race\nx, asian\n', '\t');
    expect(values(r.table!.header)).toEqual(['name, race']);
  });

  it('trims unquoted cells and never throws', () => {
    const text = 'name , race\n a , asian \n';
    const r = parseCsv(text);
    expect(values(r.table!.header)).toEqual(['name', 'race']);
    expect(slices(text, r.table!.rows[0]!)).toEqual(['a', 'asian']);
    expect(parseCsv('a,"unterminated\nb').table!.header.map((c) => c.value)).toEqual(['a', 'unterminated\nb']);
    expect(parseCsv('').table).toEqual({ delimiter: ',', header: [], rows: [] });
    expect(parseCsv('"a"x,b\n').table!.header.map((c) => c.value)).toEqual(['ax', 'b']);
  });

  it('bounds memory and time on huge input', () => {
    const rows = ['id,race'];
    for (let i = 0; i < 30_000; i++) rows.push(`${i},${i === 25_000 ? 'asian' : 'white'}`);
    const r = parseCsv(rows.join('\n'));
    expect(r.table!.rows).toHaveLength(10_000);
    expect(values(collection(r, 'race').members)).toEqual(['white', 'asian']);
    expect(collection(r, 'id').members).toHaveLength(1000);
    expect(r.tokens.some((t) => t.value === 'asian')).toBe(true);
    const t0 = Date.now();
    const huge = 'a,b\n"' + 'x""y,'.repeat(2_000_000) + '",' + 'z'.repeat(10_000_000) + '\n';
    const h = parseCsv(huge);
    expect(h.table!.rows[0]![0]!.value.length).toBe(8_000_000);
    expect(h.table!.rows[0]![1]!.value.length).toBe(10_000_000);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});

describe('parseLabels', () => {
  it('reads every line form with exact ranges', () => {
    const lines = ['asian', '1 white', '2: black', 'east asian 3', '4,indian', 'latino,5', '"middle eastern"', "6: 'south asian'", '3d model', '"quoted",'];
    const text = `# classes\n${lines.join('\r\n')}\n\n  // trailing comment  \n`;
    const r = parseLabels(text);
    const expected = ['asian', 'white', 'black', 'east asian', 'indian', 'latino', 'middle eastern', 'south asian', '3d model', 'quoted'];
    const labels = r.tokens.filter((t) => t.type === 'string');
    expect(labels.map((t) => t.value)).toEqual(expected);
    expect(labels.map((t) => text.slice(t.start, t.end))).toEqual(expected);
    const c = collection(r, undefined, 'lines');
    expect(values(c.members)).toEqual(expected);
    expect(r.tokens.filter((t) => t.type === 'comment').map((t) => [text.slice(t.start, t.end), t.value])).toEqual([
      ['# classes', '# classes'],
      ['// trailing comment', '// trailing comment'],
    ]);
  });

  it('handles empty input and lone numbers', () => {
    expect(parseLabels('')).toEqual({ tokens: [], collections: [], pairs: [], calls: [] });
    expect(parseLabels('0\n').tokens.map((t) => t.value)).toEqual(['0']);
  });
});

describe('remapParseResult', () => {
  it('moves starts and ends through the map without mutating the input', () => {
    const r = parseLabels('a\nb\n');
    const moved = remapParseResult(r, (o, isEnd) => (isEnd ? o * 10 - 5 : o * 10));
    expect(moved.tokens.map((t) => [t.start, t.end])).toEqual([
      [0, 5],
      [20, 25],
    ]);
    expect(moved.collections[0]!.members.map((m) => m.start)).toEqual([0, 20]);
    expect(r.tokens[1]!.start).toBe(2);
  });
});
