// The lexicon is data: every entry is complete, and the compiled JSON the build ships says
// exactly what the YAML sources say.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ruleModules } from '../rules/index.js';
import { readLexiconSources } from '../rules/lib/lexicon.js';

const CATEGORIES = ['ethnic-group', 'race-category', 'filler', 'attribute-key', 'minority', 'task-phrase', 'anchor', 'suppressor', 'other-sense'];

it('every entry has a term, a known category, a language and a note', () => {
  for (const e of readLexiconSources()) {
    expect(e.term, JSON.stringify(e)).toBeTruthy();
    expect(CATEGORIES, e.term).toContain(e.category);
    expect(e.note.length, e.term).toBeGreaterThan(10);
    if (e.category === 'anchor' || e.category === 'suppressor') expect(e.context, e.term).toBeTruthy();
  }
});

it('the triggers the build wrote to dist equal those the rules derive from the sources', () => {
  const built = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'dist', 'rules', 'data', 'triggers.json'), 'utf8')) as Record<string, string[] | null>;
  expect(built).toEqual(Object.fromEntries(ruleModules.map((r) => [r.id, r.triggers ?? null])));
});

it('the compiled lexicon in dist equals the YAML sources', () => {
  const compiled = join(import.meta.dirname, '..', 'dist', 'rules', 'data', 'lexicon.json');
  expect(existsSync(compiled)).toBe(true);
  expect(JSON.parse(readFileSync(compiled, 'utf8'))).toEqual(readLexiconSources());
});
