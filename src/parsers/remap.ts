// Moves every offset of a ParseResult through an offset map, e.g. from a notebook cell's
// concatenated source into the .ipynb file. Returns new objects: parsers may share Member
// objects between collections, pairs and calls, and mutating in place would remap twice.

import type { Call, Collection, DataNode, Member, Pair, ParseResult, Table, Token } from '../types.js';

/**
 * `map(offset, isEnd)`: isEnd is true for exclusive ends, so a map can send an end to the
 * raw end of the previous character (which differs from the next character's start when
 * characters come from escapes or from separate JSON strings).
 */
export type OffsetMap = (offset: number, isEnd: boolean) => number;

export function remapParseResult(result: ParseResult, map: OffsetMap): ParseResult {
  const range = <T extends { start: number; end: number }>(x: T): T => {
    const start = map(x.start, false);
    const end = x.end <= x.start ? start : Math.max(start, map(x.end, true));
    return { ...x, start, end };
  };
  const members = (list: Member[] | undefined): Member[] | undefined => list?.map(range);
  const out: ParseResult = {
    tokens: result.tokens.map((t: Token) => range(t)),
    collections: result.collections.map((c: Collection) => ({ ...range(c), members: c.members.map(range) })),
    pairs: result.pairs.map((p: Pair) => {
      const keyStart = map(p.keyStart, false);
      const keyEnd = p.keyEnd <= p.keyStart ? keyStart : Math.max(keyStart, map(p.keyEnd, true));
      const pair: Pair = { ...range(p), keyStart, keyEnd };
      if (p.values) pair.values = members(p.values);
      return pair;
    }),
    calls: result.calls.map((c: Call) => ({
      ...range(c),
      args: c.args.map((a) => {
        const arg = range(a);
        if (a.members) arg.members = members(a.members);
        return arg;
      }),
    })),
  };
  if (result.tree) out.tree = remapTree(result.tree, range);
  if (result.table) out.table = remapTable(result.table, range);
  if (result.parseError !== undefined) out.parseError = result.parseError;
  return out;
}

type RangeMap = <T extends { start: number; end: number }>(x: T) => T;

/** Copies a DataNode tree with an explicit stack (trees may be very deep). */
function remapTree(root: DataNode, range: RangeMap): DataNode {
  const copy = (node: DataNode): DataNode => {
    const c = range(node);
    if (node.items) c.items = node.items.slice();
    if (node.entries) c.entries = node.entries.map((e) => ({ ...e }));
    return c;
  };
  const out = copy(root);
  const stack: DataNode[] = [out];
  while (stack.length > 0) {
    const node = stack.pop() as DataNode;
    if (node.items) {
      node.items = node.items.map(copy);
      for (const item of node.items) stack.push(item); // no spread: arrays can be huge
    }
    for (const entry of node.entries ?? []) {
      const key = range({ start: entry.keyStart, end: entry.keyEnd });
      entry.keyStart = key.start;
      entry.keyEnd = key.end;
      entry.value = copy(entry.value);
      stack.push(entry.value);
    }
  }
  return out;
}

function remapTable(table: Table, range: RangeMap): Table {
  return { delimiter: table.delimiter, header: table.header.map(range), rows: table.rows.map((row) => row.map(range)) };
}
