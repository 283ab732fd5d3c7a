// Offsets ↔ 1-based line/column. Columns count UTF-16 code units, as SARIF's default
// columnKind does, and a line ends at \n, \r\n or a lone \r.

export interface Position {
  line: number;
  column: number;
}

/** Offsets at which each line starts; computed once per document. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * Binary search over `sorted`, ordered so that `before` holds for a prefix of it: the index of
 * the first item for which `before` is false (`sorted.length` when it holds for all).
 */
export function firstIndexAfter<T>(sorted: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(sorted[mid] as T)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Line (1-based) containing `offset`, by binary search over line starts. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  return Math.max(1, firstIndexAfter(lineStarts, (start) => start <= offset));
}

export function positionAt(lineStarts: readonly number[], offset: number): Position {
  const line = lineOf(lineStarts, offset);
  return { line, column: offset - (lineStarts[line - 1] as number) + 1 };
}

/** The text of 1-based line `line`, without its line break. */
export function lineText(text: string, lineStarts: readonly number[], line: number): string {
  const start = lineStarts[line - 1] ?? text.length;
  const next = lineStarts[line] ?? text.length;
  return text.slice(start, next).replace(/\r?\n$|\r$/, '');
}
