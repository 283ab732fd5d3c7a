import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parsers/markdown.js';
import type { Collection, Member, ParseResult, Token } from '../src/types.js';

const values = (members: readonly Member[] | undefined): string[] => (members ?? []).map((m) => m.value);
const slices = (text: string, members: readonly Member[] | undefined): string[] =>
  (members ?? []).map((m) => text.slice(m.start, m.end));
const ofType = (r: ParseResult, type: Token['type']): Token[] => r.tokens.filter((t) => t.type === type);

function collection(r: ParseResult, name: string | undefined, form?: Collection['form']): Collection {
  const found = r.collections.find((c) => c.name === name && (form === undefined || c.form === form));
  if (!found) throw new Error(`no collection ${String(name)}: ${JSON.stringify(r.collections)}`);
  return found;
}

describe('parseMarkdown prose', () => {
  const text = '# Dataset\r\n\r\n- Labels *race* and ethnicity\r\n  second line\nlast';
  const r = parseMarkdown(text);

  it('emits one text token per non-blank line, as the raw slice', () => {
    const lines = ofType(r, 'text');
    expect(lines.map((t) => t.value)).toEqual(['# Dataset', '- Labels *race* and ethnicity', '  second line', 'last']);
    for (const t of lines) expect(text.slice(t.start, t.end)).toBe(t.value);
    const word = lines[1] as Token;
    const i = word.value.indexOf('ethnicity');
    expect(text.slice(word.start + i, word.start + i + 9)).toBe('ethnicity');
  });

  it('makes HTML comments comment tokens, also across lines, and keeps the prose around them', () => {
    const md = 'before <!-- race --> after\n<!-- multi\nline --> tail\n<!-- unclosed\nrest';
    const result = parseMarkdown(md);
    const comments = ofType(result, 'comment');
    expect(comments.map((t) => t.value)).toEqual(['<!-- race -->', '<!-- multi\nline -->', '<!-- unclosed\nrest']);
    for (const t of comments) expect(md.slice(t.start, t.end)).toBe(t.value);
    expect(ofType(result, 'text').map((t) => t.value)).toEqual(['before ', ' after', ' tail']);
  });
});

describe('parseMarkdown fenced code', () => {
  it('parses a python fence with the python parser, offsets in file coordinates', () => {
    const text = "Intro\n\n```python\nRACES = ['white', 'black']\n# a comment\nDeepFace.analyze(img, actions=['race'])\n```\nOutro\n";
    const r = parseMarkdown(text);
    const races = collection(r, 'RACES');
    expect(values(races.members)).toEqual(['white', 'black']);
    expect(slices(text, races.members)).toEqual(["'white'", "'black'"]);
    const comment = ofType(r, 'comment')[0] as Token;
    expect(text.slice(comment.start, comment.end)).toBe('# a comment');
    const analyze = r.calls.find((c) => c.callee === 'DeepFace.analyze');
    expect(analyze?.args.find((a) => a.name === 'actions')?.members?.map((m) => text.slice(m.start, m.end))).toEqual(["'race'"]);
    expect(ofType(r, 'text').map((t) => t.value)).toEqual(['Intro', 'Outro']);
  });

  it('parses ts fences with typescript-estree and falls back to the generic tokenizer on a syntax error', () => {
    const text = "```ts\nexport type Race = 'white' | 'black';\n```\n\n```js\nconst broken = ;\nconst raceNames = ['asian'];\n```\n";
    const r = parseMarkdown(text);
    expect(values(collection(r, 'Race', 'enum').members)).toEqual(['white', 'black']);
    const names = collection(r, 'raceNames', 'list');
    expect(slices(text, names.members)).toEqual(["'asian'"]);
  });

  it('parses json and yaml fences with the data parsers', () => {
    const text = '```json\n{"classes": ["asian", "white"]}\n```\n~~~yaml\nlabels:\n  - black\n~~~\n';
    const r = parseMarkdown(text);
    expect(slices(text, collection(r, 'classes').members)).toEqual(['"asian"', '"white"']);
    expect(slices(text, collection(r, 'labels').members)).toEqual(['black']);
  });

  it('reads shell fences through the generic tokenizer (curl -F)', () => {
    const text = 'Call it:\n\n```bash\ncurl -F "return_attributes=gender,age,ethnicity" $URL\n```\n';
    const p = parseMarkdown(text).pairs.find((x) => x.key === 'return_attributes');
    expect(slices(text, p?.values)).toEqual(['gender', 'age', 'ethnicity']);
  });

  it('runs an unclosed fence to the end of the file and needs a long enough closing fence', () => {
    const text = '````c\nenum Race { WHITE, BLACK };\n```\nconst char *s = "race";\n';
    const r = parseMarkdown(text);
    expect(values(collection(r, 'Race', 'enum').members)).toEqual(['WHITE', 'BLACK']);
    expect(ofType(r, 'string').map((t) => t.value)).toEqual(['race']);
    expect(ofType(r, 'text')).toEqual([]);
  });

  it('reads YAML front matter', () => {
    const text = '---\nlabels: [white, black]\n---\n# Title\n';
    const r = parseMarkdown(text);
    expect(slices(text, collection(r, 'labels').members)).toEqual(['white', 'black']);
    expect(ofType(r, 'text').map((t) => t.value)).toEqual(['# Title']);
  });
});

describe('parseMarkdown tables', () => {
  const text = [
    '# Data',
    '## Labels',
    '',
    '| id | Race | note |',
    '|---:|:-----|------|',
    '| 0 | `white` | a \\| b |',
    '| 1 | **black** | |',
    '',
    'after',
  ].join('\n');
  const r = parseMarkdown(text);

  it('makes one column collection per header cell, named and placed under its headings', () => {
    const race = collection(r, 'Race', 'column');
    expect(values(race.members)).toEqual(['white', 'black']);
    expect(slices(text, race.members)).toEqual(['`white`', '**black**']);
    expect(race.path).toEqual(['Data', 'Labels']);
    expect(text.slice(race.start, race.start + 4)).toBe('Race');
    expect(values(collection(r, 'id', 'column').members)).toEqual(['0', '1']);
  });

  it('splits only at unescaped pipes and skips empty cells', () => {
    const note = collection(r, 'note', 'column');
    expect(values(note.members)).toEqual(['a | b']);
    expect(slices(text, note.members)).toEqual(['a \\| b']);
  });

  it('still reports table lines as prose, and ignores pipes without a delimiter row', () => {
    expect(ofType(r, 'text').map((t) => t.value)).toContain('| 0 | `white` | a \\| b |');
    expect(parseMarkdown('a | b\nc | d\n').collections).toEqual([]);
  });

  it('stays linear on a large document', () => {
    const big = '| race | n |\n|---|---|\n' + '| white | 1 |\n'.repeat(100_000) + '<!-- x\n'.repeat(50_000);
    const t0 = performance.now();
    const result = parseMarkdown(big);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(collection(result, 'race', 'column').members).toHaveLength(100_000);
  });
});

describe('parseMarkdown inline enumerations', () => {
  it('makes a name with three or more short items in brackets a list named by that word', () => {
    const text = '- 人种（黄种人 / 白种人 / 黑种人 / 棕色人种）\n- race (asian / white,  black | indian)\n';
    const r = parseMarkdown(text);
    expect(values(collection(r, '人种', 'list').members)).toEqual(['黄种人', '白种人', '黑种人', '棕色人种']);
    expect(slices(text, collection(r, 'race', 'list').members)).toEqual(['asian', 'white', 'black', 'indian']);
  });

  it('leaves prose in brackets alone: two items, or items that are phrases', () => {
    const r = parseMarkdown('see the docs (setup / usage)\nnotes (this is a longer aside, with commas, and more words in it)\n');
    expect(r.collections).toEqual([]);
  });

  it('stays linear on long runs of letters and brackets', () => {
    const start = performance.now();
    for (const text of ['a'.repeat(200_000), 'x('.repeat(50_000), `${'ab'.repeat(30)} (`.repeat(5_000)]) parseMarkdown(text);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
