// Which items of a signature list can match in a document, by their own prefilter triggers: one
// pass over the text for the whole list, cached per document. A rule with many signatures then
// runs only those whose words occur, instead of every matcher over every token.
import { compilePrefilter, type Prefilter } from '../../src/prefilter.js';
import type { Document } from '../../src/types.js';

interface Gate {
  prefilter: Prefilter;
  /** The item each compiled trigger belongs to. */
  itemOf: object[];
}

const gates = new WeakMap<readonly object[], Gate>();
const results = new WeakMap<Document, WeakMap<readonly object[], Set<object>>>();

/** The items of `list` (a list kept for the run, such as loaded signatures) whose triggers hold in the document. */
export function itemsThatMayMatch<T extends object>(doc: Document, list: readonly T[], triggersOf: (item: T) => readonly string[]): Set<T> {
  let gate = gates.get(list);
  if (!gate) {
    const tagged = list.flatMap((item) => triggersOf(item).map((t) => [item, t] as const));
    gate = { prefilter: compilePrefilter(tagged.map(([, t]) => t)), itemOf: tagged.map(([item]) => item) };
    gates.set(list, gate);
  }
  let byList = results.get(doc);
  if (!byList) results.set(doc, (byList = new WeakMap()));
  let items = byList.get(list);
  if (!items) {
    items = new Set();
    for (const t of gate.prefilter.holding(doc.text, doc.path)) items.add(gate.itemOf[t] as object);
    byList.set(list, items);
  }
  return items as Set<T>;
}
