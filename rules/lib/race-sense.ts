// Telling the demographic "race" from its everyday senses: a contest, a concurrency bug, a
// fantasy species. Shared by the rules that read attribute names.
import type { Document } from '../../src/types.js';
import { contextNear, hasContext } from './doc-words.js';
import type { TermHit } from './lexicon.js';
import type { Word } from './words.js';

// Words that, right beside "race", make it the concurrency sense ("race condition", "data race").
const CONCURRENCY_NEIGHBOURS = new Set([
  'condition', 'conditions', 'data', 'free', 'safe', 'lock', 'mutex', 'toctou', 'hazard', 'window', 'atomic',
  'thread', 'threads', 'goroutine', 'sem', 'semaphore', 'async', 'promise', 'resistance', 'prevented', 'prevention',
]);

/** Whether an attribute hit needs the demographic sense established (race, complexion). */
export function isAmbiguous(hit: TermHit): boolean {
  return hit.entry.tier === 'ambiguous';
}

/** The concurrency sense: a neighbouring word (two either side) or a `-race`/`--race` flag. */
export function concurrencySense(doc: Document, words: readonly Word[], hit: TermHit): boolean {
  for (let i = Math.max(0, hit.firstWord - 2); i <= Math.min(words.length - 1, hit.lastWord + 2); i++) {
    if (i >= hit.firstWord && i <= hit.lastWord) continue;
    if (CONCURRENCY_NEIGHBOURS.has((words[i] as Word).text)) return true;
  }
  const before = doc.text.slice(Math.max(0, hit.start - 2), hit.start);
  return /(^|\s)-$|--$/.test(before);
}

/**
 * Whether an ambiguous attribute word at `offset` is meant demographically: a face, person or
 * demographic context near it, and no sports or game context in the file.
 */
export function demographicSense(doc: Document, offset: number): boolean {
  if (hasContext(doc, 'sports') || hasContext(doc, 'games')) return false;
  return (
    contextNear(doc, 'demographics', offset, 40) ||
    contextNear(doc, 'face', offset, 40) ||
    contextNear(doc, 'person', offset, 40)
  );
}
