// Build step: compiles the rules' YAML data into JSON under dist/rules/data/, so that a
// scan starts without parsing YAML: rules/lexicon/*.yaml → dist/rules/data/lexicon.json (merged
// entries), each rules/signatures/*.yaml → its twin under dist/rules/data/signatures/, and the
// rules' triggers → dist/rules/data/triggers.json. The YAML files stay the source of truth;
// tests check that both give the same data.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ruleModules } from '../rules/index.js';
import { builtTriggersPath } from '../rules/lib/built-triggers.js';
import { compiledTwin, dataDir, parseYaml } from '../rules/lib/data-files.js';
import { compiledLexiconPath, readLexiconSources } from '../rules/lib/lexicon.js';

const lexiconPath = compiledLexiconPath();
if (!lexiconPath) throw new Error('compile-data must run from dist/');
const entries = readLexiconSources();
mkdirSync(dirname(lexiconPath), { recursive: true });
writeFileSync(lexiconPath, `${JSON.stringify(entries)}\n`);
const written = [lexiconPath];

const signatures = dataDir('signatures');
for (const name of readdirSync(signatures).filter((n) => n.endsWith('.yaml')).sort()) {
  const source = join(signatures, name);
  const twin = compiledTwin(source);
  if (!twin) throw new Error('compile-data must run from dist/');
  mkdirSync(dirname(twin), { recursive: true });
  writeFileSync(twin, `${JSON.stringify(parseYaml(readFileSync(source, 'utf8')))}\n`);
  written.push(twin);
}
// The rules' triggers, derived from the data just written (the modules read the fresh twins).
const triggersPath = builtTriggersPath();
if (!triggersPath) throw new Error('compile-data must run from dist/');
writeFileSync(triggersPath, `${JSON.stringify(Object.fromEntries(ruleModules.map((r) => [r.id, r.triggers ?? null])))}\n`);
written.push(triggersPath);
process.stdout.write(`rule data: ${entries.length} lexicon entries; ${written.map((p) => relative(process.cwd(), p)).join(', ')}\n`);
