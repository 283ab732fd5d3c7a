// Languages without a dedicated parser: a table-driven tokenizer (generic-tokenizer.ts) and
// one linear pass over its tokens that tracks brackets with an explicit stack. The pass
// recognises enough shape to find label sets (string lists, enums, Go iota blocks), key/value
// pairs, calls with their arguments, and shell options (`curl -F key=a,b`). It never throws
// and never recurses, so hostile nesting or unbalanced brackets only cost linear time.

import type { Call, CallArg, Collection, Member, Pair, ParseResult, Token } from '../types.js';
import { csvMembers, isCsvString } from './generic-literals.js';
import { languageFamily, syntaxFor, type Syntax } from './generic-syntax.js';
import { Tokenizer } from './generic-tokenizer.js';
import { link, materialize, type PathLink } from './path-link.js';

export function parseGeneric(text: string, language: string): ParseResult {
  const syntax = syntaxFor(language);
  let tokens: Token[] = [];
  try {
    tokens = new Tokenizer(text, syntax).run();
  } catch {
    // Defensive only: the tokenizer has no throwing paths we know of.
  }
  const structure = new Structure(text, tokens, syntax, languageFamily(language));
  try {
    structure.run();
  } catch {
    // Keep whatever structure was found; tokens alone are still useful.
  }
  return {
    tokens,
    collections: structure.collections.sort(byStart),
    pairs: structure.pairs.sort(byStart),
    calls: structure.calls.sort(byStart),
  };
}

function byStart(a: { start: number }, b: { start: number }): number {
  return a.start - b.start;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Tokens that bind a name to the value after them. */
const SEPARATORS = new Set(['=', ':=', ':', '=>', '<-', '<<-']);
/** Keywords whose parenthesised part is a condition or header, not a call. */
const CONTROL = new Set([
  'if', 'elif', 'elsif', 'for', 'foreach', 'while', 'switch', 'catch', 'until', 'unless', 'when', 'synchronized', 'using',
  'lock', 'fixed', 'with', 'match', 'guard', 'function', 'fun', 'func', 'fn', 'def', 'lambda', 'sub', 'return', 'and', 'or',
  'not', 'in', 'is', 'of', 'typeof', 'sizeof', 'elseif',
]);
/** Keywords that introduce a function definition by name. */
const DEF_MARKERS = new Set(['def', 'fun', 'func', 'fn', 'function', 'sub', 'proc', 'macro', 'method']);
/** Keywords that may precede a definition's name in C-family languages. */
const DEF_PREFIX_KEYWORDS = new Set([
  'void', 'public', 'private', 'protected', 'static', 'final', 'const', 'inline', 'virtual', 'override', 'abstract',
  'extern', 'async', 'internal', 'readonly', 'volatile',
]);
const SCOPE_KEYWORDS = new Set([
  'class', 'struct', 'interface', 'namespace', 'object', 'trait', 'impl', 'module', 'record', 'protocol', 'extension',
  'union', 'package',
]);
const DECLARATIONS = new Set(['val', 'var', 'let', 'const', 'mut', 'static', 'final', 'readonly', 'local', 'my', 'our', 'lateinit']);
/** Callees whose arguments are the elements of a list: `listOf("a")`, `c("a")`, `List.of("a")`. */
const LIST_CONSTRUCTORS = new Set([
  'c', 'list', 'listOf', 'arrayOf', 'setOf', 'mutableListOf', 'mutableSetOf', 'hashSetOf', 'linkedSetOf', 'of', 'asList',
  'array', 'vec', 'tuple', 'set', 'frozenset', 'Array', 'Set', 'List', 'Seq', 'Vector', 'vector', 'make_tuple', 'qw',
  'ImmutableList', 'ImmutableSet', 'copyOf', 'Stream', 'Arrays', 'listOfNotNull', 'sequenceOf', 'factor', 'levels',
]);
const MEMBER_ACCESS = new Set(['.', '::', '->', '?.']);
/** A line ending in one of these continues on the next (no item break at the newline). */
const CONTINUATION = new Set(['=', ':', '+', '-', '*', '/', '|', '&', '.', ',', '=>', '&&', '||', '::', '->', '<-', ':=']);
const MAX_CHAIN = 32;
const FIRST_ELEMS = 8;

type Role =
  | 'root' | 'block' | 'data' | 'list' | 'tuple' | 'call' | 'params' | 'control' | 'index' | 'enum' | 'const'
  | 'shellArray' | 'other';

/** One element of a comma-separated item: a token, or a whole bracketed group. */
interface Elem {
  tok: number;
  end: number;
  group?: { strings: Member[]; listy: boolean; ctor: boolean; entries: CallArg[] };
}

interface Item {
  elems: Elem[];
  count: number;
  firstTok: number;
  lastEnd: number;
  afterComma: boolean;
  isCase: boolean;
}

interface Pending {
  scope?: string;
  scopeNext: boolean;
  enumState: 0 | 1 | 2; // none, awaiting the name, named
  enumName?: string;
  enumBudget: number;
  typedef: boolean;
}

interface Binding {
  name: string;
  keyStart: number;
  keyEnd: number;
}

interface Frame {
  role: Role;
  open: number;
  openChar: string;
  start: number;
  outerPath: PathLink | undefined;
  path: PathLink | undefined;
  binding?: Binding;
  enumName?: string;
  typedef: boolean;
  callee?: string;
  ctor: boolean;
  item: Item;
  items: number;
  args: CallArg[];
  /** Keyed entries of a data literal (`{k: v}`, PHP `array('k' => v)`), as named call arguments. */
  entries: CallArg[];
  strings: Member[];
  mapMembers: Member[];
  enumMembers: Member[];
  enumDone: boolean;
  caseMode: boolean;
  constType?: string;
  pending: Pending;
}

function newItem(afterComma = false): Item {
  return { elems: [], count: 0, firstTok: -1, lastEnd: -1, afterComma, isCase: false };
}

function newPending(): Pending {
  return { scopeNext: false, enumState: 0, enumBudget: 0, typedef: false };
}

type NameToken = Token & { type: 'identifier' | 'keyword' };
type PunctToken = Token & { type: 'punct' };

function isName(token: Token | undefined): token is NameToken {
  return token !== undefined && (token.type === 'identifier' || token.type === 'keyword');
}

function isPunct(token: Token | undefined, value?: string): token is PunctToken {
  return token !== undefined && token.type === 'punct' && (value === undefined || token.value === value);
}

// ---------------------------------------------------------------------------------------------
// The structure pass
// ---------------------------------------------------------------------------------------------

class Structure {
  readonly collections: Collection[] = [];
  readonly pairs: Pair[] = [];
  readonly calls: Call[] = [];
  private readonly stack: Frame[] = [];
  private readonly shellLike: boolean;
  /** Start offsets of csv-string collections already reported (shell words report some again). */
  private readonly csvStarts = new Set<number>();

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly syntax: Syntax,
    private readonly family: string,
  ) {
    this.shellLike = family === 'shell' || family === 'powershell';
  }

  run(): void {
    const root = this.frame('root', -1, '', 0, undefined);
    this.stack.push(root);
    const { tokens } = this;
    let previous = -1;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.type === 'comment') continue;
      this.maybeBreakLine(previous, i);
      this.step(i, token);
      previous = i;
    }
    while (this.stack.length > 1) this.close(this.stack.pop() as Frame, this.text.length, -1);
    this.finishItem(root, '');
    if (this.shellLike) new ShellWords(this.text, tokens, this).run();
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1] as Frame;
  }

  private step(i: number, token: Token): void {
    const frame = this.top;
    if (token.type === 'punct') {
      switch (token.value) {
        case '(': case '[': case '{': return this.open(i, token.value);
        case ')': case ']': case '}': return this.closeAt(i, token.value);
        case ',':
          this.finishItem(frame, ',');
          // `enum Race: String, CaseIterable {` — a comma in an enum's header keeps the enum pending.
          if (frame.pending.enumState === 0) this.resetPending(frame);
          return;
        case ';':
          this.finishItem(frame, ';');
          if (frame.role === 'enum' && !frame.caseMode) frame.enumDone = true;
          this.resetPending(frame);
          return;
      }
    }
    if (frame.role === 'enum' && isName(token) && token.value === 'case') {
      this.finishItem(frame, 'case');
      frame.caseMode = true;
      frame.item.isCase = true;
      return;
    }
    this.trackPending(frame, token);
    this.addElem(frame, { tok: i, end: token.end });
    if (token.type === 'string') {
      const csv = token.value.indexOf(',') >= 0 ? this.csvOf(token) : undefined;
      if (csv) this.csvCollection(i, csv);
      if (this.family !== 'shell') this.scalarPair(i, csv);
    } else if (token.type === 'number' || (token.type === 'keyword' && /^(true|false|TRUE|FALSE|True|False)$/.test(token.value))) {
      if (this.family !== 'shell') this.scalarPair(i, undefined);
    }
  }

  /** Enum bodies, Go const blocks and shell arrays separate their items by newlines too. */
  private maybeBreakLine(previous: number, i: number): void {
    const frame = this.top;
    if (previous < 0 || frame.item.count === 0) return;
    if (frame.role !== 'enum' && frame.role !== 'const') return;
    const last = this.tokens[previous] as Token;
    if (last.type === 'punct' && CONTINUATION.has(last.value)) return;
    const token = this.tokens[i] as Token;
    if (token.type === 'punct' && /^[)\]},;]$/.test(token.value)) return;
    if (this.newlineBetween(last.end, token.start)) this.finishItem(frame, '\n');
  }

  private newlineBetween(from: number, to: number): boolean {
    for (let k = from; k < to; k++) {
      const c = this.text.charCodeAt(k);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  private frame(role: Role, open: number, openChar: string, start: number, outerPath: PathLink | undefined): Frame {
    return {
      role, open, openChar, start, outerPath, path: outerPath, typedef: false, ctor: false, item: newItem(), items: 0,
      args: [], entries: [], strings: [], mapMembers: [], enumMembers: [], enumDone: false, caseMode: false, pending: newPending(),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Token navigation
  // -------------------------------------------------------------------------------------------

  private prevSig(i: number): number {
    for (let k = i - 1; k >= 0; k--) if ((this.tokens[k] as Token).type !== 'comment') return k;
    return -1;
  }

  private nextSig(i: number): number {
    for (let k = i + 1; k < this.tokens.length; k++) if ((this.tokens[k] as Token).type !== 'comment') return k;
    return -1;
  }

  // -------------------------------------------------------------------------------------------
  // Opening and closing brackets
  // -------------------------------------------------------------------------------------------

  private open(i: number, char: string): void {
    const parent = this.top;
    const token = this.tokens[i] as Token;
    const frame = this.frame('other', i, char, token.start, parent.path);
    if (char === '(') this.classifyParen(frame, i);
    else if (char === '[') frame.role = this.isIndex(i) ? 'index' : 'list';
    else this.classifyBrace(frame, parent, i);
    if (frame.role === 'list' || frame.role === 'data' || frame.role === 'tuple' || frame.ctor || frame.role === 'shellArray') {
      frame.binding = this.bindingBefore(frame.ctor ? this.calleeStartTok(i) : i);
    }
    const ownName = frame.role === 'enum' ? frame.enumName : frame.role === 'block' ? parent.pending.scope : frame.binding?.name;
    frame.path = link(parent.path, ownName);
    this.stack.push(frame);
  }

  private classifyParen(frame: Frame, i: number): void {
    const prevIndex = this.prevSig(i);
    const prev = this.tokens[prevIndex];
    if (this.family === 'go' && isName(prev) && prev.value === 'const') {
      frame.role = 'const';
      return;
    }
    if (this.family === 'shell' && isPunct(prev, '=') && prev.end === (this.tokens[i] as Token).start) {
      frame.role = 'shellArray';
      return;
    }
    const callee = this.calleeBefore(i);
    if (!callee) {
      frame.role = isPunct(prev, ')') || isPunct(prev, ']') ? 'other' : 'tuple';
      return;
    }
    if (CONTROL.has(callee.name)) frame.role = prev && DEF_MARKERS.has(prev.value) ? 'params' : 'control';
    else if (this.isDefinition(callee.startTok)) {
      frame.role = 'params';
      frame.callee = callee.name;
    } else {
      frame.role = 'call';
      frame.callee = callee.name;
      frame.start = (this.tokens[callee.startTok] as Token).start;
      const last = callee.name.slice(callee.name.lastIndexOf('.') + 1);
      frame.ctor = LIST_CONSTRUCTORS.has(last);
    }
  }

  /** `a[0]`, `f()[0]`, `"s"[0]` index; `= [`, `([`, `return [` open a list. */
  private isIndex(i: number): boolean {
    const prevIndex = this.prevSig(i);
    const prev = this.tokens[prevIndex];
    if (!prev) return false;
    if (prev.type === 'identifier' || prev.type === 'string') return true;
    if (prev.type === 'keyword') return prev.value === 'this' || prev.value === 'self' || prev.value === 'super';
    if (isPunct(prev, '!')) return !isName(this.tokens[this.prevSig(prevIndex)]); // vec![…] is a list
    return isPunct(prev) && (prev.value === ')' || prev.value === ']' || prev.value === '?');
  }

  private classifyBrace(frame: Frame, parent: Frame, i: number): void {
    const pending = parent.pending;
    if (pending.enumState !== 0) {
      frame.role = 'enum';
      frame.enumName = pending.enumName;
      frame.typedef = pending.typedef;
      return;
    }
    const prev = this.tokens[this.prevSig(i)];
    if (this.family === 'lua') frame.role = 'data';
    else if (!prev) frame.role = 'block';
    else if ((prev.type === 'punct' && /^(=|:=|\(|\[|,|:|<-|\?|\?\?|\|\||&&|\{)$/.test(prev.value) && !(prev.value === '{' && parent.role === 'block'))
      || (prev.type === 'keyword' && prev.value === 'return')) frame.role = 'data';
    else if ((prev.type === 'identifier' || isPunct(prev, ']') || isPunct(prev, '>')) && this.prefixSeparator(i) >= 0) frame.role = 'data';
    else frame.role = 'block';
  }

  private closeAt(i: number, char: string): void {
    const want = char === ')' ? '(' : char === ']' ? '[' : '{';
    // Look only a few frames down so unbalanced input cannot cost O(depth) per token.
    for (let d = 0; d < 8 && d < this.stack.length - 1; d++) {
      const frame = this.stack[this.stack.length - 1 - d] as Frame;
      if (frame.openChar !== want) continue;
      const token = this.tokens[i] as Token;
      for (let k = 0; k < d; k++) this.close(this.stack.pop() as Frame, token.start, -1);
      this.close(this.stack.pop() as Frame, token.end, i);
      return;
    }
  }

  private close(frame: Frame, end: number, closeTok: number): void {
    this.finishItem(frame, '');
    const parent = this.top;
    switch (frame.role) {
      case 'call': this.emitCall(frame, end); break;
      case 'list': case 'data': case 'tuple': this.emitList(frame, end, closeTok); break;
      case 'enum': this.emitEnum(frame, end, closeTok); break;
      case 'const':
        if (frame.enumMembers.length > 0) this.collect('enum', frame.constType, frame.outerPath, frame.enumMembers, frame.start, end);
        break;
      case 'shellArray': this.emitList(frame, end, closeTok); break;
    }
    const listy = frame.role === 'list' || frame.role === 'data' || frame.role === 'tuple' || frame.role === 'shellArray' || frame.ctor;
    const entries = frame.ctor ? frame.args.filter((arg) => arg.name !== undefined) : frame.entries;
    this.addElem(parent, { tok: frame.open, end, group: { strings: frame.strings, listy, ctor: frame.ctor, entries } });
    if (frame.role === 'params' && frame.callee !== undefined) {
      parent.pending.scope = frame.callee.slice(frame.callee.lastIndexOf('.') + 1);
    } else if (frame.role === 'block' || frame.role === 'data' || frame.role === 'enum') this.resetPending(parent);
  }

  // -------------------------------------------------------------------------------------------
  // Items
  // -------------------------------------------------------------------------------------------

  private addElem(frame: Frame, elem: Elem): void {
    const item = frame.item;
    if (item.count === 0) item.firstTok = elem.tok;
    item.count++;
    if (item.elems.length < FIRST_ELEMS) item.elems.push(elem);
    item.lastEnd = elem.end;
    if (frame.pending.enumState !== 0 && --frame.pending.enumBudget <= 0) frame.pending.enumState = 0;
    if (frame.role === 'shellArray' && !elem.group) {
      const token = this.tokens[elem.tok] as Token;
      if (token.type === 'string' || token.type === 'identifier') frame.strings.push(this.member(token));
    }
  }

  private finishItem(frame: Frame, separator: string): void {
    const item = frame.item;
    if (item.count > 0) {
      frame.items++;
      if (item.count === 1) {
        const token = this.tokens[item.firstTok] as Token;
        if (token.type === 'string' && !(item.elems[0] as Elem).group && frame.role !== 'shellArray') frame.strings.push(this.member(token));
      }
      switch (frame.role) {
        case 'call': frame.args.push(...this.argument(item)); break;
        case 'list': case 'data': case 'tuple': this.mapItem(frame, item); break;
        case 'enum': this.enumItem(frame, item); break;
        case 'const': this.constItem(frame, item); break;
      }
    }
    frame.item = newItem(separator === ',');
  }

  private member(token: Token): Member {
    return { value: token.value, start: token.start, end: token.end };
  }

  private tokenOf(elem: Elem | undefined): Token | undefined {
    return elem && !elem.group ? this.tokens[elem.tok] : undefined;
  }

  /** `key: "v"`, `"key" => "v"`, `key = "v"` items of a data literal: keys and string values. */
  private mapItem(frame: Frame, item: Item): void {
    const key = this.tokenOf(item.elems[0]);
    const sep = this.tokenOf(item.elems[1]);
    if (!key || !isPunct(sep) || !SEPARATORS.has(sep.value)) return;
    if (!isName(key) && key.type !== 'string' && key.type !== 'number') return;
    if (key.type !== 'number' && !/^\d+$/.test(key.value)) frame.mapMembers.push(this.member(key));
    const value = this.tokenOf(item.elems[2]);
    if (item.count === 3 && value?.type === 'string') frame.mapMembers.push(this.member(value));
    const info = item.count === item.elems.length ? this.valueInfo(item.elems.slice(2)) : {};
    frame.entries.push({ name: key.value, ...info, start: key.start, end: item.lastEnd });
  }

  private enumItem(frame: Frame, item: Item): void {
    if (frame.enumDone || (frame.caseMode && !item.isCase && !item.afterComma)) return;
    const elems = item.elems;
    let k = 0;
    // Skip annotations: C# [Attr], Java @Ann("x"), Rust #[derive].
    while (k < elems.length) {
      const token = this.tokenOf(elems[k]);
      if (!token) k++;
      else if (isPunct(token, '@')) k += elems[k + 2]?.group ? 3 : 2;
      else if (isPunct(token, '#')) k++;
      else break;
    }
    const name = this.tokenOf(elems[k]);
    if (!isName(name)) return;
    frame.enumMembers.push(this.member(name));
    for (let j = k + 1; j < elems.length; j++) {
      const elem = elems[j] as Elem;
      const token = this.tokenOf(elem);
      if (elem.group) frame.enumMembers.push(...elem.group.strings);
      else if (token?.type === 'string' && isPunct(this.tokenOf(elems[j - 1])) && SEPARATORS.has(this.tokenOf(elems[j - 1])?.value ?? '')) {
        frame.enumMembers.push(this.member(token));
      }
    }
  }

  /** Go: `const ( A Type = iota; B; C )` — members are the names, the enum is named by the type. */
  private constItem(frame: Frame, item: Item): void {
    const [first, second, third, fourth] = item.elems.map((e) => this.tokenOf(e));
    if (!isName(first) || first.value === '_') return;
    frame.enumMembers.push(this.member(first));
    if (isName(second) && second.type === 'identifier' && isPunct(third, '=')) frame.constType ??= second.value;
    const value = isPunct(second, '=') ? third : isPunct(third, '=') ? fourth : undefined;
    if (value?.type === 'string') frame.enumMembers.push(this.member(value));
  }

  /**
   * A call argument: positional value, named `k = v` / `k: v` / `'k' => v`, list members. An
   * object-like literal argument (`f({k: v})`, PHP `f(array('k' => v))`) becomes one named
   * argument per entry, as the JavaScript parser reports `f({k: v})`.
   */
  private argument(item: Item): CallArg[] {
    const start = (this.tokens[item.firstTok] as Token).start;
    const range = { start, end: item.lastEnd };
    const elems = item.elems;
    const complete = item.count === elems.length;
    const first = this.tokenOf(elems[0]);
    const second = this.tokenOf(elems[1]);
    const last = elems[elems.length - 1];
    if (item.count >= 3 && complete && (isName(first) || first?.type === 'string') && isPunct(second) && SEPARATORS.has(second.value)) {
      return [{ name: first.value, ...this.valueInfo(elems.slice(2)), ...range }];
    }
    if (complete && last?.group && last.group.entries.length > 0 && (elems.length === 1 || last.group.ctor)) return last.group.entries;
    return [complete ? { ...this.valueInfo(elems), ...range } : range];
  }

  private valueInfo(elems: Elem[]): { value?: string; members?: Member[] } {
    const last = elems[elems.length - 1];
    if (last?.group) {
      if (elems.length === 1 && last.group.listy) return { members: last.group.strings };
      if (last.group.ctor) return { members: last.group.strings };
      return {};
    }
    if (elems.length === 1) {
      const token = this.tokenOf(last) as Token;
      if (token.type === 'string') {
        const members = this.csvOf(token);
        return members ? { value: token.value, members } : { value: token.value };
      }
      return token.type === 'punct' ? {} : { value: token.value };
    }
    const dotted = this.dottedElems(elems);
    if (dotted !== undefined) return { value: dotted };
    const sign = this.tokenOf(elems[0]);
    const number = this.tokenOf(elems[1]);
    if (elems.length === 2 && isPunct(sign, '-') && number?.type === 'number') return { value: `-${number.value}` };
    return {};
  }

  /** `a.b.c`, `A::B`, `$obj->prop` as a dotted name. */
  private dottedElems(elems: Elem[]): string | undefined {
    const tokens = elems.map((elem) => this.tokenOf(elem));
    if (tokens[0] && this.syntax.sigils.includes(tokens[0].value)) tokens.shift();
    if (tokens.length % 2 === 0) return undefined;
    const parts: string[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k];
      if (k % 2 === 0 && isName(token)) parts.push(token.value);
      else if (k % 2 === 0 || !isPunct(token) || !MEMBER_ACCESS.has(token.value)) return undefined;
    }
    return parts.join('.');
  }

  // -------------------------------------------------------------------------------------------
  // Emitting
  // -------------------------------------------------------------------------------------------

  private emitCall(frame: Frame, end: number): void {
    this.calls.push({ callee: frame.callee ?? '', args: frame.args, start: frame.start, end });
    if (frame.ctor) this.emitList(frame, end, -1);
  }

  private emitList(frame: Frame, end: number, closeTok: number): void {
    if (frame.role === 'tuple' && frame.items < 2) return;
    const members = frame.mapMembers.length > 0 ? mergeByStart(frame.mapMembers, frame.strings) : frame.strings;
    if (members.length === 0) return;
    const form = frame.mapMembers.length > 0 ? 'map' : 'list';
    this.collect(form, frame.binding?.name, frame.outerPath, members, frame.start, end);
    // `races = ["a", "b"]` is also a pair, when the list is the whole value.
    if (frame.binding && form === 'list' && this.endsValue(closeTok)) {
      const { name, keyStart, keyEnd } = frame.binding;
      this.pairs.push({ key: name, keyStart, keyEnd, values: members, path: materialize(frame.outerPath), start: keyStart, end });
    }
  }

  private emitEnum(frame: Frame, end: number, closeTok: number): void {
    let name = frame.enumName;
    // `typedef enum [tag] { … } name;` — the typedef name is what code uses.
    let next = closeTok >= 0 ? this.nextSig(closeTok) : -1;
    if (isPunct(this.tokens[next], '*')) next = this.nextSig(next);
    const after = this.tokens[this.nextSig(next)];
    if ((frame.typedef || name === undefined) && isName(this.tokens[next]) && (isPunct(after, ';') || isPunct(after, ','))) {
      name = (this.tokens[next] as Token).value;
    }
    if (frame.enumMembers.length > 0) this.collect('enum', name, frame.outerPath, frame.enumMembers, frame.start, end);
  }

  private collect(form: Collection['form'], name: string | undefined, path: PathLink | undefined, members: Member[], start: number, end: number): void {
    this.collections.push({ form, ...(name !== undefined ? { name } : {}), path: materialize(path), members, start, end });
  }

  /** Whether the token after `closeTok` ends a value (so the group is a whole right-hand side). */
  private endsValue(closeTok: number): boolean {
    if (closeTok < 0) return true;
    const next = this.nextSig(closeTok);
    const token = this.tokens[next];
    if (!token) return true;
    if (token.type === 'punct' && /^[,;)\]}]$/.test(token.value)) return true;
    if (token.type === 'punct' && (token.value === '.' || token.value === '?.')) return false;
    return this.newlineBetween((this.tokens[closeTok] as Token).end, token.start);
  }

  private csvOf(token: Token): Member[] | undefined {
    if (!isCsvString(token.value)) return undefined;
    const bodyStart = token.end - 1 - token.value.length;
    if (bodyStart > token.start && this.text.slice(bodyStart, token.end - 1) === token.value) {
      const offsets = new Array<number>(token.value.length + 1);
      for (let k = 0; k <= token.value.length; k++) offsets[k] = bodyStart + k;
      return csvMembers(token.value, offsets);
    }
    // Escapes inside: members get the whole literal's range.
    return csvMembers(token.value, new Array<number>(token.value.length + 1).fill(token.start).map((v, k) => (k === token.value.length ? token.end : v)));
  }

  private csvCollection(i: number, members: Member[]): void {
    const token = this.tokens[i] as Token;
    if (this.shellLike && /^[\w.-]+=/.test(token.value)) return; // shell words yield these as pairs
    this.collect('csv-string', this.literalBinding(i)?.name, this.top.path, members, token.start, token.end);
    if (members[0]) this.csvStarts.add(members[0].start);
  }

  /** The name a literal at `i` is bound to: `key = lit`, `key: lit`, `"k" => lit`, `#define KEY lit`. */
  private literalBinding(i: number): Binding | undefined {
    const sepIndex = this.prevSig(i);
    const sep = this.tokens[sepIndex];
    if (isPunct(sep) && SEPARATORS.has(sep.value)) return this.nameBefore(sepIndex);
    const define = this.prevSig(sepIndex);
    if (isName(sep) && this.tokens[define]?.value === 'define' && isPunct(this.tokens[this.prevSig(define)], '#')) {
      return { name: sep.value, keyStart: sep.start, keyEnd: sep.end };
    }
    return undefined;
  }

  /** A pair when a literal is the whole value bound to a name. */
  private scalarPair(i: number, values: Member[] | undefined): void {
    const token = this.tokens[i] as Token;
    const binding = this.endsValue(i) ? this.literalBinding(i) : undefined;
    if (!binding) return;
    const pair: Pair = {
      key: binding.name, keyStart: binding.keyStart, keyEnd: binding.keyEnd, value: token.value, path: materialize(this.top.path),
      start: binding.keyStart, end: token.end,
    };
    this.pairs.push(values ? { ...pair, values } : pair);
  }

  /** Lets ShellWords report pairs (and their csv values, unless already seen) through the same lists. */
  addPair(pair: Pair, csvCollection: boolean): void {
    this.pairs.push(pair);
    const first = pair.values?.[0];
    if (!csvCollection || !pair.values || !first) return;
    if (!this.csvStarts.has(first.start)) this.collections.push({ form: 'csv-string', name: pair.key, path: [], members: pair.values, start: first.start, end: pair.end });
  }

  // -------------------------------------------------------------------------------------------
  // Names before things
  // -------------------------------------------------------------------------------------------

  /** The dotted chain `a.b.c` whose last name is token `j`: its names in order and its first token. */
  private chainEndingAt(j: number): { parts: string[]; start: number } {
    const parts = [(this.tokens[j] as Token).value];
    let start = j;
    for (let n = 0; n < MAX_CHAIN; n++) {
      const access = this.prevSig(start);
      const owner = this.prevSig(access);
      if (!isPunct(this.tokens[access]) || !MEMBER_ACCESS.has((this.tokens[access] as Token).value) || !isName(this.tokens[owner])) break;
      parts.push((this.tokens[owner] as Token).value);
      start = owner;
    }
    return { parts: parts.reverse(), start };
  }

  /** Dotted callee before `(` at `open`: `obj.method`, `Foo::bar`, `$client->detect`, `vec!`. */
  private calleeBefore(open: number): { name: string; startTok: number } | undefined {
    let j = this.prevSig(open);
    if (isPunct(this.tokens[j], '!') && this.family === 'rust') j = this.prevSig(j);
    const last = this.tokens[j];
    if (!isName(last)) return undefined;
    const { parts, start } = this.chainEndingAt(j);
    return { name: parts.join('.'), startTok: start };
  }

  private calleeStartTok(open: number): number {
    return this.calleeBefore(open)?.startTok ?? open;
  }

  /** `void foo(`, `def foo(`, `func (r T) Foo(` declare rather than call. */
  private isDefinition(chainStart: number): boolean {
    const prev = this.tokens[this.prevSig(chainStart)];
    if (!prev) return false;
    if (isName(prev) && DEF_MARKERS.has(prev.value)) return true;
    if (isName(prev) && SCOPE_KEYWORDS.has(prev.value)) return true;
    if (this.syntax.goDefs && isPunct(prev, ')')) return true;
    if (!this.syntax.typedDefs) return false;
    if (prev.type === 'identifier') return true;
    if (prev.type === 'keyword') return DEF_PREFIX_KEYWORDS.has(prev.value);
    return isPunct(prev, '>') || isPunct(prev, ']');
  }

  /**
   * The binding of a literal that opens at token `at`: walks back over a constructor prefix
   * (`new String[]`, `[]string`, `List.of`, `vec!`) to `=`/`:`/`<-` and names what is before it.
   */
  private bindingBefore(at: number): Binding | undefined {
    const sep = this.prefixSeparator(at);
    return sep >= 0 ? this.nameBefore(sep) : undefined;
  }

  private prefixSeparator(at: number): number {
    let j = this.prevSig(at);
    let angle = 0;
    for (let n = 0; n < 16 && j >= 0; n++, j = this.prevSig(j)) {
      const token = this.tokens[j] as Token;
      if (token.type === 'punct') {
        if (SEPARATORS.has(token.value) && angle === 0) return j;
        if (token.value === '>') angle++;
        else if (token.value === '<') angle--;
        else if (!/^(\[|\]|\*|&|!|::|\.|\?|,)$/.test(token.value) || (token.value === ',' && angle <= 0)) return -1;
      } else if (token.type === 'keyword' && token.value !== 'new') return -1;
      else if (token.type === 'string') return -1;
    }
    return -1;
  }

  /** The key before separator `sep`: `x`, `self.x`, `"k"`, `x[]` (C arrays), `val x: T`. */
  private nameBefore(sep: number): Binding | undefined {
    const sepToken = this.tokens[sep] as Token;
    if (sepToken.value === '=' || sepToken.value === ':=') {
      const annotated = this.typeAnnotated(sep);
      if (annotated) return annotated;
    }
    let j = this.prevSig(sep);
    let token = this.tokens[j];
    if (!token) return undefined;
    if (token.type === 'string') return this.keyPrefixOk(this.prevSig(j)) ? { name: token.value, keyStart: token.start, keyEnd: token.end } : undefined;
    if (isPunct(token, ']')) {
      for (let n = 0; n < 8 && j >= 0 && !isPunct(this.tokens[j], '['); n++) j = this.prevSig(j);
      j = this.prevSig(j);
      token = this.tokens[j];
    }
    if (!isName(token)) return undefined;
    const { parts, start } = this.chainEndingAt(j);
    if (!this.keyPrefixOk(this.prevSig(start))) return undefined;
    return { name: parts.join('.'), keyStart: (this.tokens[start] as Token).start, keyEnd: token.end };
  }

  /** `val x: List<String> =`, `let x: [String] =` — the name before the type annotation. */
  private typeAnnotated(sep: number): Binding | undefined {
    let j = this.prevSig(sep);
    for (let n = 0; n < 16 && j > 0; n++, j = this.prevSig(j)) {
      const token = this.tokens[j] as Token;
      if (token.type === 'punct' && /^[;{}()=]$/.test(token.value)) return undefined;
      if (!isPunct(token, ':')) continue;
      const nameIndex = this.prevSig(j);
      const name = this.tokens[nameIndex];
      const before = this.tokens[this.prevSig(nameIndex)];
      if (isName(name) && (before === undefined || (isName(before) && DECLARATIONS.has(before.value)))) {
        return { name: name.value, keyStart: name.start, keyEnd: name.end };
      }
      return undefined;
    }
    return undefined;
  }

  /** A key cannot follow `?` (ternary) or an arithmetic operator. */
  private keyPrefixOk(index: number): boolean {
    const token = this.tokens[index];
    return !(isPunct(token) && /^(\?|\+|-|\/|%|==|!=|<|>|<=|>=)$/.test(token.value));
  }

  // -------------------------------------------------------------------------------------------
  // Enclosing names
  // -------------------------------------------------------------------------------------------

  private trackPending(frame: Frame, token: Token): void {
    const pending = frame.pending;
    if (!isName(token)) return;
    const value = token.value;
    if (pending.enumState === 1) {
      if (value === 'class' || value === 'struct') return;
      pending.enumName = value;
      pending.scope = value;
      pending.enumState = 2;
      return;
    }
    if (value === 'enum') {
      Object.assign(pending, { enumState: 1, enumBudget: 24, enumName: undefined });
    } else if (value === 'typedef') pending.typedef = true;
    else if (SCOPE_KEYWORDS.has(value)) pending.scopeNext = true;
    else if (pending.scopeNext) {
      pending.scope = value;
      pending.scopeNext = false;
    }
  }

  private resetPending(frame: Frame): void {
    const pending = frame.pending;
    if (pending.enumState === 0 && !pending.typedef && !pending.scopeNext && pending.scope === undefined) return;
    Object.assign(pending, newPending());
  }
}

function mergeByStart(a: Member[], b: Member[]): Member[] {
  return [...a, ...b].sort((x, y) => x.start - y.start);
}

// ---------------------------------------------------------------------------------------------
// Shell words: `curl -F "return_attributes=gender,age"`, `--attrs race`, `ATTRS=a,b`
// ---------------------------------------------------------------------------------------------

interface Word {
  text: string;
  /** starts[i] / ends[i] = source range of text[i] (a char may come from an escape or a quote). */
  starts: number[];
  ends: number[];
  start: number;
  end: number;
}

/** Punctuation that separates shell words even without whitespace. */
const SHELL_BREAKS = new Set([';', '|', '&', '&&', '||', '(', ')', '{', '}', '<', '>', '`', '<<', '>>']);

interface PairSink {
  addPair(pair: Pair, csvCollection: boolean): void;
}

class ShellWords {
  constructor(private readonly text: string, private readonly tokens: Token[], private readonly sink: PairSink) {}

  run(): void {
    const words = this.words();
    for (let w = 0; w < words.length; w++) {
      const word = words[w] as Word;
      const option = /^(--?)([A-Za-z][\w.-]*)(?:=(.*))?$/s.exec(word.text);
      if (option) {
        const keyFrom = (option[1] as string).length;
        const keyTo = keyFrom + (option[2] as string).length;
        if (option[3] !== undefined) this.pair(word, keyFrom, keyTo, word, keyTo + 1, word.text.length);
        else {
          const next = words[w + 1];
          if (next && !next.text.startsWith('-') && this.sameCommand(word, next)) this.pair(word, keyFrom, keyTo, next, 0, next.text.length);
        }
        continue;
      }
      this.assignments(word);
    }
  }

  /** `key=value` and `a=1&b=2` inside one word. */
  private assignments(word: Word): void {
    let from = 0;
    for (const segment of word.text.split('&')) {
      const m = /^([A-Za-z_][\w.[\]-]*)=/.exec(segment);
      if (m) this.pair(word, from, from + (m[1] as string).length, word, from + m[0].length, from + segment.length);
      from += segment.length + 1;
    }
  }

  private pair(keyWord: Word, keyFrom: number, keyTo: number, valueWord: Word, valueFrom: number, valueTo: number): void {
    const value = valueWord.text.slice(valueFrom, valueTo);
    if (value === '') return;
    const key = keyWord.text.slice(keyFrom, keyTo);
    const keyStart = keyWord.starts[keyFrom] as number;
    const keyEnd = keyWord.ends[keyTo - 1] as number;
    // `-F key=a,b`: the option's value is itself a pair, reported on its own.
    const nested = /^[\w.-]+=/.test(value);
    const values = nested ? undefined : csvMembers(value, valueWord.starts.slice(valueFrom, valueTo + 1), valueWord.ends.slice(valueFrom, valueTo));
    const end = valueWord.ends[valueTo - 1] as number;
    const base = { key, keyStart, keyEnd, value, path: [], start: keyStart, end };
    this.sink.addPair(values ? { ...base, values } : base, values !== undefined);
  }

  /** Adjacent words on one line, or across a `\` line continuation. */
  private sameCommand(a: Word, b: Word): boolean {
    const gap = this.text.slice(a.end, b.start);
    return !/[\r\n]/.test(gap.replace(/\\\r?\n/g, ''));
  }

  private words(): Word[] {
    const words: Word[] = [];
    let current: Word | undefined;
    for (const token of this.tokens) {
      if (token.type === 'comment' || (token.type === 'punct' && SHELL_BREAKS.has(token.value))) {
        current = undefined;
        continue;
      }
      if (!current || current.end !== token.start) {
        current = { text: '', starts: [], ends: [], start: token.start, end: token.start };
        words.push(current);
      }
      this.append(current, token);
    }
    return words;
  }

  private append(word: Word, token: Token): void {
    const { text } = this;
    if (token.type === 'string') {
      const bodyStart = token.end - 1 - token.value.length;
      const exact = bodyStart > token.start && text.slice(bodyStart, token.end - 1) === token.value;
      for (let k = 0; k < token.value.length; k++) {
        word.starts.push(exact ? bodyStart + k : token.start);
        word.ends.push(exact ? bodyStart + k + 1 : token.end);
      }
      word.text += token.value;
    } else {
      for (let k = token.start; k < token.end; k++) {
        word.starts.push(k);
        word.ends.push(k + 1);
      }
      word.text += text.slice(token.start, token.end);
    }
    word.end = token.end;
  }
}
