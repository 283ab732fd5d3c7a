// Lookups into a ParseResult for the parser tests: fail with the whole list when a name is missing.
import type { Call, Collection, Pair, ParseResult } from '../../src/types.js';

export function collection(r: ParseResult, name: string | undefined, form?: Collection['form']): Collection {
  const found = r.collections.find((c) => c.name === name && (form === undefined || c.form === form));
  if (!found) throw new Error(`no collection ${String(name)} ${form ?? ''}: ${JSON.stringify(r.collections)}`);
  return found;
}

export function pair(r: ParseResult, key: string): Pair {
  const found = r.pairs.find((p) => p.key === key);
  if (!found) throw new Error(`no pair ${key}: ${JSON.stringify(r.pairs)}`);
  return found;
}

export function call(r: ParseResult, callee: string): Call {
  const found = r.calls.find((c) => c.callee === callee);
  if (!found) throw new Error(`no call ${callee}: ${JSON.stringify(r.calls.map((c) => c.callee))}`);
  return found;
}
