// Python string escapes. Decoding is done over a source range so callers can also ask for a
// map from decoded code units back to source offsets (used for exact csv-string members).

const SIMPLE: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isOctal(c: number): boolean {
  return c >= 48 && c <= 55;
}

/** Reads `len` hex digits at `at` (not past `to`); undefined unless all are hex. */
function hexAt(text: string, at: number, len: number, to: number): number | undefined {
  if (at + len > to) return undefined;
  for (let k = at; k < at + len; k++) if (!isHex(text.charCodeAt(k))) return undefined;
  return parseInt(text.slice(at, at + len), 16);
}

/**
 * Decodes the escape whose backslash is at `at` (`at + 1 < to`). Returns the decoded text and
 * the offset after the escape. Unknown or malformed escapes are kept as written, like Python.
 */
export function decodeEscape(text: string, at: number, to: number, bytes: boolean): [string, number] {
  const next = text[at + 1] as string;
  const c = next.charCodeAt(0);
  if (next === '\n') return ['', at + 2];
  if (next === '\r') return ['', text[at + 2] === '\n' && at + 2 < to ? at + 3 : at + 2];
  const simple = SIMPLE[next];
  if (simple !== undefined) return [simple, at + 2];
  if (isOctal(c)) {
    let end = at + 2;
    while (end < to && end < at + 4 && isOctal(text.charCodeAt(end))) end++;
    return [String.fromCharCode(parseInt(text.slice(at + 1, end), 8)), end];
  }
  const width = next === 'x' ? 2 : bytes ? 0 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (width > 0) {
    const cp = hexAt(text, at + 2, width, to);
    if (cp !== undefined && cp <= 0x10ffff) return [String.fromCodePoint(cp), at + 2 + width];
  }
  // \N{NAME} needs the Unicode name table: keep it as written (and never split it).
  if (next === 'N' && !bytes && text[at + 2] === '{') {
    const close = text.indexOf('}', at + 3);
    if (close !== -1 && close < to) return [text.slice(at, close + 1), close + 1];
  }
  return [text.slice(at, at + 2), at + 2];
}

/** Bounded scan: indexOf would search to the end of the file for every string. */
function hasBackslash(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 92) return true;
  return false;
}

/**
 * Decodes the contents of a non-f string literal between `from` and `to`. When `map` is given,
 * it receives the source offset of every decoded code unit (map.length === result.length).
 */
export function decodeRange(
  text: string, from: number, to: number, raw: boolean, bytes: boolean, map?: number[],
): string {
  if (raw || !hasBackslash(text, from, to)) {
    if (map) for (let k = from; k < to; k++) map.push(k);
    return text.slice(from, to);
  }
  const parts: string[] = [];
  let i = from;
  let run = from;
  while (i < to) {
    if (text.charCodeAt(i) !== 92 || i + 1 >= to) {
      i++;
      continue;
    }
    parts.push(text.slice(run, i));
    if (map) for (let k = run; k < i; k++) map.push(k);
    const [decoded, next] = decodeEscape(text, i, to, bytes);
    parts.push(decoded);
    if (map) for (let k = 0; k < decoded.length; k++) map.push(i);
    i = next;
    run = next;
  }
  parts.push(text.slice(run, to));
  if (map) for (let k = run; k < to; k++) map.push(k);
  return parts.join('');
}
