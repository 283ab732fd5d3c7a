// Configuration comes from the repository being scanned, so an exception's `pattern` is
// untrusted: JavaScript regular expressions backtrack, and a pattern like (a+)+ can take
// exponential time on a short text. This module parses a pattern into a small tree and
// rejects the shapes that cause catastrophic backtracking, before the pattern is compiled:
//   - nested quantifiers: a repeated part that itself holds a repetition, (a+)+, (\w+\s?)* or
//     (a?a)*, unless both are bounded, as in (\d{1,3}\.){3};
//   - repeated alternations whose branches can start with the same character, (a|a)* or (a|ab)*;
//   - a repeated part that can match the empty string, (a?)*;
//   - backreferences and lookarounds (not needed to match a label, and hard to bound);
//   - more than MAX_UNBOUNDED unbounded quantifiers (polynomial blow-up, .*a.*b.*c).
// Together with the caps on pattern length and on the length of the text matched, the worst
// case stays polynomial of low degree over at most MAX_MATCHED_TEXT characters.

export const MAX_PATTERN_LENGTH = 256;
/** Texts longer than this are cut before matching. */
export const MAX_MATCHED_TEXT = 256;
const MAX_UNBOUNDED = 2;
/** A bounded repetition {n,m} with m above this counts as unbounded. */
const LARGE_REPEAT = 16;
export const PATTERN_FLAGS = 'iu';

type Node =
  | { t: 'char'; source: string }
  | { t: 'assert' }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; branches: Node[] }
  | { t: 'repeat'; body: Node; min: number; max: number };

class PatternError extends Error {}

/** A recursive-descent parser for the JavaScript pattern syntax (with the `u` flag). */
class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.src.length) throw new PatternError(`unbalanced ")" at position ${this.pos + 1}`);
    return node;
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? (branches[0] as Node) : { t: 'alt', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified(this.atom()));
    return items.length === 1 ? (items[0] as Node) : { t: 'seq', items };
  }

  private quantified(atom: Node): Node {
    let min: number;
    let max: number;
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new PatternError(`lone "{" at position ${this.pos + 1} (write \\{ for a literal brace)`);
      this.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) throw new PatternError('numbers out of order in {} quantifier');
    } else return atom;
    if (this.peek() === '?') this.pos++; // lazy: same worst case
    if (atom.t === 'assert') throw new PatternError('nothing to repeat');
    return { t: 'repeat', body: atom, min, max };
  }

  private atom(): Node {
    const start = this.pos;
    const c = this.peek();
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      case '^':
      case '$':
        this.pos++;
        return { t: 'assert' };
      case '*':
      case '+':
      case '?':
      case '{':
        throw new PatternError(`nothing to repeat at position ${start + 1}`);
      case ']':
      case '}':
        throw new PatternError(`lone "${c}" at position ${start + 1} (escape it with a backslash)`);
      default: {
        const cp = this.src.codePointAt(this.pos) as number;
        this.pos += cp > 0xffff ? 2 : 1;
        return { t: 'char', source: this.src.slice(start, this.pos) };
      }
    }
  }

  private group(): Node {
    this.pos++; // (
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === '=' || next === '!' || (next === '<' && (this.peek(2) === '=' || this.peek(2) === '!'))) {
        throw new PatternError('lookaround assertions are not allowed');
      }
      if (next === ':') this.pos += 2;
      else if (next === '<') {
        const m = /^\?<[A-Za-z_$][\w$]*>/.exec(this.src.slice(this.pos));
        if (!m) throw new PatternError('invalid group name');
        this.pos += m[0].length;
      } else throw new PatternError(`unsupported group "(?${next}"`);
    }
    const body = this.alternation();
    if (this.peek() !== ')') throw new PatternError('unterminated group');
    this.pos++;
    return body;
  }

  private charClass(): Node {
    const start = this.pos++;
    if (this.peek() === '^') this.pos++;
    while (this.pos < this.src.length && this.peek() !== ']') {
      if (this.peek() === '\\') this.pos++;
      this.pos++;
    }
    if (this.peek() !== ']') throw new PatternError('unterminated character class');
    this.pos++;
    return { t: 'char', source: this.src.slice(start, this.pos) };
  }

  private escape(): Node {
    const start = this.pos++;
    const c = this.peek();
    if (c === '') throw new PatternError('pattern ends with a backslash');
    if (/[1-9]/.test(c) || c === 'k') throw new PatternError('backreferences are not allowed');
    if (c === 'b' || c === 'B') {
      this.pos++;
      return { t: 'assert' };
    }
    const long = /^(?:[pP]\{[^}]*\}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|c[A-Za-z])/.exec(this.src.slice(this.pos));
    this.pos += long ? long[0].length : (this.src.codePointAt(this.pos) as number) > 0xffff ? 2 : 1;
    return { t: 'char', source: this.src.slice(start, this.pos) };
  }
}

/** Characters every single-character matcher is tested on, to tell whether two matchers overlap. */
const SAMPLES: string[] = (() => {
  const out: string[] = ['\t', '\n', '\r', '\u00a0', 'é', 'ß', 'Ж', 'ж', '中', '😀', '\u2028'];
  for (let c = 0x20; c < 0x7f; c++) out.push(String.fromCharCode(c));
  return out;
})();

const CONTROL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

/**
 * The characters a matcher's source names itself: its literals, decoded escapes and range
 * ends. Added to the samples, they make the overlap test exact for literals and for ranges
 * (two overlapping ranges share an end point), whatever the script.
 */
function representatives(source: string): string[] {
  const out: string[] = [];
  const body = source.startsWith('[') ? source.slice(source[1] === '^' ? 2 : 1, -1) : source;
  const escape = /\\(?:u\{([0-9A-Fa-f]+)\}|u([0-9A-Fa-f]{4})|x([0-9A-Fa-f]{2})|[pP]\{[^}]*\}|c[A-Za-z]|([\s\S]))/y;
  for (let i = 0; i < body.length; ) {
    escape.lastIndex = i;
    const m = body[i] === '\\' ? escape.exec(body) : null;
    if (m) {
      const hex = m[1] ?? m[2] ?? m[3];
      const single = m[4];
      if (hex !== undefined) out.push(String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)));
      else if (single !== undefined && CONTROL_ESCAPES[single] !== undefined) out.push(CONTROL_ESCAPES[single] as string);
      else if (single !== undefined && !/[A-Za-z0-9]/.test(single)) out.push(single);
      i = escape.lastIndex;
      continue;
    }
    const cp = body.codePointAt(i) as number;
    out.push(String.fromCodePoint(cp));
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

/** Tells which sample characters each single-character matcher of one pattern accepts. */
class CharSets {
  private readonly samples: string[];
  private readonly cache = new Map<string, Set<string>>();

  constructor(sources: readonly string[]) {
    this.samples = [...new Set([...SAMPLES, ...sources.flatMap(representatives)])];
  }

  of(source: string): Set<string> {
    let set = this.cache.get(source);
    if (!set) {
      const re = new RegExp(`^(?:${source})$`, PATTERN_FLAGS);
      set = new Set(this.samples.filter((s) => re.test(s)));
      this.cache.set(source, set);
    }
    return set;
  }
}

function nullable(node: Node): boolean {
  switch (node.t) {
    case 'char':
      return false;
    case 'assert':
      return true;
    case 'seq':
      return node.items.every(nullable);
    case 'alt':
      return node.branches.some(nullable);
    case 'repeat':
      return node.min === 0 || nullable(node.body);
  }
}

/** The sample characters a match of `node` can start with. */
function first(node: Node, sets: CharSets): Set<string> {
  switch (node.t) {
    case 'char':
      return sets.of(node.source);
    case 'assert':
      return new Set();
    case 'seq': {
      const out = new Set<string>();
      for (const item of node.items) {
        for (const c of first(item, sets)) out.add(c);
        if (!nullable(item)) break;
      }
      return out;
    }
    case 'alt':
      return new Set(node.branches.flatMap((b) => [...first(b, sets)]));
    case 'repeat':
      return first(node.body, sets);
  }
}

function children(node: Node): Node[] {
  return node.t === 'seq' ? node.items : node.t === 'alt' ? node.branches : node.t === 'repeat' ? [node.body] : [];
}

function descendants(node: Node): Node[] {
  const out: Node[] = [];
  const stack = children(node);
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    out.push(n);
    stack.push(...children(n));
  }
  return out;
}

const unbounded = (n: Node): boolean => n.t === 'repeat' && n.max > LARGE_REPEAT;
/** A quantifier that leaves a choice of how much it matches: ?, *, +, {n,m} with n < m. */
const variable = (n: Node): boolean => n.t === 'repeat' && n.min !== n.max;

/** Why `node` (or a part of it) can backtrack catastrophically; undefined when it cannot. */
function danger(root: Node): string | undefined {
  const all = [root, ...descendants(root)];
  if (all.filter(unbounded).length > MAX_UNBOUNDED) return `more than ${MAX_UNBOUNDED} unbounded quantifiers (*, +, {n,})`;
  const sets = new CharSets(all.flatMap((n) => (n.t === 'char' ? [n.source] : [])));
  for (const node of all) {
    if (node.t !== 'repeat' || node.max <= 1) continue;
    const inner = descendants(node);
    // (a?a)* splits "aaaa" in exponentially many ways; (\d{1,3}\.){3} has a bounded number.
    if ((unbounded(node) && inner.some(variable)) || inner.some(unbounded)) return 'nested quantifiers such as (a+)+';
    if (nullable(node.body)) return 'a repeated part that can match the empty string, such as (a?)*';
    for (const alt of [node.body, ...inner]) {
      if (alt.t !== 'alt') continue;
      const seen = new Set<string>();
      for (const branch of alt.branches) {
        const chars = first(branch, sets);
        if ([...chars].some((c) => seen.has(c))) return 'a repeated alternation whose branches overlap, such as (a|ab)*';
        for (const c of chars) seen.add(c);
      }
    }
  }
  return undefined;
}

/** Why `pattern` is refused (too long, invalid, or prone to catastrophic backtracking); undefined when it is safe. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  let tree: Node;
  try {
    tree = new Parser(pattern).parse();
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
  try {
    new RegExp(pattern, PATTERN_FLAGS);
  } catch (error) {
    return `invalid regular expression: ${error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error)}`;
  }
  const problem = danger(tree);
  return problem ? `the pattern could take exponential time: ${problem}` : undefined;
}

/** Compiles a pattern that passed patternProblem; tests at most MAX_MATCHED_TEXT characters of a text. */
export function compileSafePattern(pattern: string): (text: string) => boolean {
  const problem = patternProblem(pattern);
  if (problem) throw new Error(problem);
  const re = new RegExp(pattern, PATTERN_FLAGS);
  return (text) => re.test(text.slice(0, MAX_MATCHED_TEXT));
}
