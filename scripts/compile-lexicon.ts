// Build step: compiles rules/lexicon/*.yaml into one JSON file beside the compiled lexicon
// loader (dist/rules/lib/lexicon.json), so that a scan starts without parsing YAML. The YAML
// files stay the source of truth; a test checks that both give the same entries.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compiledLexiconPath, readLexiconSources } from '../rules/lib/lexicon.js';

const entries = readLexiconSources();
writeFileSync(compiledLexiconPath(), `${JSON.stringify(entries)}\n`);
process.stdout.write(`lexicon: ${entries.length} entries → ${join('dist', 'rules', 'lib', 'lexicon.json')}\n`);
