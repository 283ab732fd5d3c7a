// Signatures are data: a new vendor is a YAML entry matched by the generic matcher, with no
// engine or rule code. Also checks that a broken signature file fails with a clear message.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSignatures, matchSignatures, signaturesDir, signatureTriggers } from '../rules/lib/signatures.js';
import { parseDocument } from '../src/parse.js';
import { compilePrefilter } from '../src/prefilter.js';
import { formTrigger } from '../rules/lib/triggers.js';

const dir = mkdtempSync(join(tmpdir(), 'ethnolint-signatures-'));

function writeYaml(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('signature files', () => {
  it('loads a new vendor from a temporary file and matches it in a document', async () => {
    const path = writeYaml(
      'acme.yaml',
      [
        '- id: acme-vision-ethnicity',
        '  vendor: Acme Vision',
        '  source: hypothetical vendor for this test',
        '  message: Acme Vision asks for {value}',
        '  params:',
        '    - names: [wanted_traits]',
        '      values: [ethnicity]',
        '  reads: [traits.ethnicity]',
      ].join('\n'),
    );
    const sigs = loadSignatures(path);
    expect(sigs.map((s) => s.id)).toEqual(['acme-vision-ethnicity']);
    expect(signatureTriggers(sigs[0]!)).toEqual(['ethnicity']);

    const code = 'r = acme.analyze(img, wanted_traits="age,ethnicity")\nprint(r.traits.ethnicity)\nacme.analyze(img, wanted_traits="age")\n';
    const doc = await parseDocument('acme_client.py', 'python', 'python', code);
    const hits = matchSignatures(doc, sigs);
    const lines = [...new Set(hits.map((h) => code.slice(0, h.start).split('\n').length))];
    expect(lines).toEqual([1, 2]);
    expect(hits.every((h) => h.signature.vendor === 'Acme Vision')).toBe(true);
    expect(hits.map((h) => h.value)).toContain('ethnicity');
  });

  it('names the file and the entry when a signature is invalid', () => {
    const path = writeYaml('broken.yaml', '- id: good-one\n  vendor: A\n  source: s\n  identifiers: [X]\n- id: no-source\n  vendor: B\n  identifiers: [Y]\n');
    expect(() => loadSignatures(path)).toThrow(`${path}: entry 2 (no-source): needs a non-empty "source"`);
    const typo = writeYaml('typo.yaml', '- id: typo\n  vendor: C\n  source: s\n  idenifiers: [Z]\n');
    expect(() => loadSignatures(typo)).toThrow(/typo\.yaml: entry 1 \(typo\): unknown field "idenifiers"/);
    const empty = writeYaml('empty.yaml', '- id: nothing\n  vendor: D\n  source: s\n');
    expect(() => loadSignatures(empty)).toThrow(/needs at least one of "calls", "params", "reads", "identifiers"/);
  });

  it('gives every built-in signature a source and prefilter triggers', () => {
    const sigs = loadSignatures(join(signaturesDir(), 'face-api.yaml'));
    expect(sigs.length).toBeGreaterThan(20);
    for (const sig of sigs) {
      expect(sig.source.length, sig.id).toBeGreaterThan(10);
      const triggers = signatureTriggers(sig);
      expect(triggers.length, sig.id).toBeGreaterThan(0);
      for (const t of triggers) expect(t, sig.id).toMatch(/^[a-z0-9]+(?: ?(?:[|&!] ?)?[a-z0-9]+)*$/);
      // A vendor's required names and the ways it matches must both occur: a conjunction.
      // A conjunction's first clause is the vendor's required names.
      for (const t of triggers.filter((x) => x.includes('&'))) {
        expect(t.split('&')[0]!.split('|').every((a) => sig.requires.some((r) => formTrigger(r) === a.trim())), sig.id).toBe(true);
      }
      expect(() => compilePrefilter(triggers), sig.id).not.toThrow();
    }
  });
});
