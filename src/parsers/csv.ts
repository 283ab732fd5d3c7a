// CSV/TSV (RFC 4180, tolerant: never throws). Memory stays bounded on huge files: the table
// keeps the first rows only, columns keep distinct values only, and reading stops once the
// column collections have seen enough rows.

import type { Collection, Member, ParseResult, Table, Token } from '../types.js';

const MAX_TABLE_ROWS = 10_000;
const MAX_SCAN_ROWS = 200_000;
const MAX_DISTINCT = 1_000;
const DELIMITERS = [',', '\t', ';', '|'];

export function parseCsv(text: string, delimiter?: string): ParseResult {
  const delim = delimiter ?? sniffDelimiter(text);
  const reader = new RecordReader(text, delim);
  const tokens: Token[] = [];
  const collections: Collection[] = [];
  const header = reader.next() ?? [];
  const table: Table = { delimiter: delim, header, rows: [] };
  for (const cell of header) if (cell.value) tokens.push({ type: 'key', ...cell });
  const headerMembers = header.filter((c) => c.value !== '');
  if (headerMembers.length > 0) {
    collections.push({ form: 'list', name: 'header', path: [], members: headerMembers, ...spanOf(headerMembers) });
  }
  const columns = header.map((cell) => ({ cell, seen: new Set<string>(), members: [] as Member[], end: cell.end }));

  for (let row = 0; row < MAX_SCAN_ROWS; row++) {
    const cells = reader.next();
    if (!cells) break;
    const keep = row < MAX_TABLE_ROWS;
    if (keep) table.rows.push(cells);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as Member;
      if (!cell.value) continue;
      const column = columns[i];
      let first = false;
      if (column) {
        column.end = cell.end;
        if (!column.seen.has(cell.value) && column.seen.size < MAX_DISTINCT) {
          column.seen.add(cell.value);
          column.members.push(cell);
          first = true;
        }
      }
      // Past the kept rows, only a column's first occurrence of a value still becomes a token.
      if (keep || first) tokens.push({ type: 'string', ...cell });
    }
  }
  for (const { cell, members, end } of columns) {
    if (members.length === 0) continue;
    collections.push({ form: 'column', name: cell.value || undefined, path: [], members, start: cell.start, end });
  }
  return { tokens, collections, pairs: [], calls: [], table };
}

function spanOf(members: Member[]): { start: number; end: number } {
  return { start: (members[0] as Member).start, end: (members[members.length - 1] as Member).end };
}

/** The candidate delimiter occurring most often outside quotes in the first line; ',' if none. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = 0; i < text.length && i < 65_536; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && DELIMITERS.includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = counts.get(d) ?? 0;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/** Reads one record at a time; cells are decoded, with raw ranges (quotes included). */
class RecordReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly delimiter: string,
  ) {}

  /** The next non-blank record, or undefined at the end of input. */
  next(): Member[] | undefined {
    const { text } = this;
    while (this.pos < text.length) {
      const cells = this.record();
      if (cells.length > 1 || (cells[0] && cells[0].end > cells[0].start)) return cells;
    }
    return undefined;
  }

  private record(): Member[] {
    const cells: Member[] = [];
    for (;;) {
      const cell = this.cell();
      cells.push(cell);
      const c = this.text[this.pos];
      if (c === this.delimiter) {
        this.pos++;
        continue;
      }
      if (c === '\r') this.pos += this.text[this.pos + 1] === '\n' ? 2 : 1;
      else if (c === '\n') this.pos++;
      return cells; // end of line or input
    }
  }

  /** One cell; leaves pos on the delimiter, the line break or the end of input. */
  private cell(): Member {
    const { text, delimiter } = this;
    let p = this.pos;
    while (p < text.length && (text[p] === ' ' || text[p] === '\t') && text[p] !== delimiter) p++;
    if (text[p] !== '"') return this.plainCell();
    const start = p;
    let value = '';
    let seg = p + 1;
    for (;;) {
      const q = text.indexOf('"', seg);
      if (q < 0) {
        // Unterminated quote: the cell runs to the end of input.
        value += text.slice(seg);
        this.pos = text.length;
        return { value, start, end: text.length };
      }
      value += text.slice(seg, q);
      if (text[q + 1] === '"') {
        value += '"';
        seg = q + 2;
        continue;
      }
      this.pos = q + 1;
      break;
    }
    // Anything between the closing quote and the delimiter is kept, as lenient readers do.
    const closed = this.pos;
    const rest = this.plainCell();
    return rest.value ? { value: value + rest.value, start, end: rest.end } : { value, start, end: closed };
  }

  /** An unquoted cell from pos: trimmed value and trimmed range. */
  private plainCell(): Member {
    const { text, delimiter } = this;
    const from = this.pos;
    let e = from;
    while (e < text.length) {
      const c = text[e];
      if (c === delimiter || c === '\n' || c === '\r') break;
      e++;
    }
    this.pos = e;
    let s = from;
    let t = e;
    while (s < t && (text[s] === ' ' || text[s] === '\t') && text[s] !== delimiter) s++;
    while (t > s && (text[t - 1] === ' ' || text[t - 1] === '\t') && text[t - 1] !== delimiter) t--;
    return { value: text.slice(s, t), start: s, end: t };
  }
}
