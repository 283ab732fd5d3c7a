// Signatures are data: a new dataset is a YAML entry, matched by the generic matcher without
// code changes; a malformed signature file fails with a message naming the file and entry.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSignatures, firstMatch, loadSignatureFile } from '../rules/lib/pattern-signatures.js';
import { parseDocument } from '../src/parse.js';

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ethnolint-sig-')), name);
  writeFileSync(path, text);
  return path;
}

const NEW_DATASET = `
- id: example-faces
  name: ExampleFaces
  source: "a made-up dataset for this test"
  triggers: [examplefaces]
  tokens: ['ExampleFaces[\\\\/]labels\\.csv']
  headers: [[image, skin_group]]
  race_fields: [skin_group]
`;

describe('pattern signatures from a data file', () => {
  it('matches a new dataset signature loaded from a temporary YAML file', async () => {
    const [sig] = loadSignatureFile(writeTemp('datasets.yaml', NEW_DATASET));
    expect(sig?.id).toBe('example-faces');
    expect(sig?.triggers).toEqual(['examplefaces']);

    const code = 'import pandas as pd\n# ExampleFaces/labels.csv in a comment does not count\ndf = pd.read_csv("data/ExampleFaces/labels.csv")\n';
    const py = await parseDocument('load.py', 'python', 'python', code);
    const m = firstMatch(py, sig!);
    expect(m?.text).toBe('data/ExampleFaces/labels.csv');
    expect(code.slice(m!.start, m!.end)).toBe('"data/ExampleFaces/labels.csv"');

    const csv = await parseDocument('labels.csv', 'csv', 'csv', 'image,skin_group\na.jpg,2\n');
    expect(firstMatch(csv, sig!)?.text).toBe('image,skin_group');

    const other = await parseDocument('other.py', 'python', 'python', 'df = pd.read_csv("data/celeba/list_attr.csv")\n');
    expect(firstMatch(other, sig!)).toBeUndefined();
  });

  it.each([
    ['not a list', 'id: x\n', /expected a list of signatures/],
    ['a missing source', '- id: x\n  name: X\n  triggers: [x]\n  tokens: [x]\n', /entry 1 \(x\): "source" is required/],
    ['a bad regular expression', '- id: x\n  name: X\n  source: s\n  triggers: [x]\n  tokens: ["(unclosed"]\n', /entry 1 \(x\): tokens\[0\] is not a valid regular expression/],
    ['an unknown field', '- id: x\n  name: X\n  source: s\n  triggers: [x]\n  token: [x]\n', /unknown field "token"/],
    ['no match field', '- id: x\n  name: X\n  source: s\n  triggers: [x]\n', /needs at least one of/],
    ['a trigger that is not a word', '- id: x\n  name: X\n  source: s\n  triggers: [Fair-Face]\n  tokens: [x]\n', /"triggers" must list lower-case words or phrases/],
    ['invalid YAML', '- id: [x\n', /cannot read signatures/],
  ])('rejects %s with a clear error', (_what, text, message) => {
    const path = writeTemp('bad.yaml', text);
    expect(() => loadSignatureFile(path)).toThrow(message);
    expect(() => loadSignatureFile(path)).toThrow(path);
  });

  it('ships valid built-in signature files, each entry with a source', () => {
    for (const file of ['datasets', 'name-inference']) {
      const sigs = builtinSignatures(file);
      expect(sigs.length).toBeGreaterThan(0);
      for (const s of sigs) expect(s.source.length, `${file}: ${s.id}`).toBeGreaterThan(10);
    }
  });
});
