// The structural pass: one iterative walk over the code tokens with an explicit bracket stack,
// a class/def scope stack driven by indentation, and the current simple statement. Groups are
// analysed when they close (children first), so each level is read once.

import type { Call, CallArg, Collection, Member, Pair, Token } from '../../types.js';
import {
  type Group, type GroupKind, type Operand, type Stream, type Unit,
  dottedName, findPunct, groupOf, isIdent, plainToken, isNumericLooking, isPunct, memberOf, operand, scalar,
  splitCommas, splitString, stringMembers, csvMembers, unitEnd, unitIsPunct, unitStart, unitsOf,
} from './operands.js';

/** Paths stop growing here, so adversarial nesting cannot make path copies quadratic. */
const MAX_PATH = 32;
/** How many open brackets a mismatched closer may skip to find its opener. */
const MISMATCH_SEARCH = 8;

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const COMPOUND: ReadonlySet<string> = new Set([
  'if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'class', 'def', 'async',
]);
/** Calls whose first argument is the value being bound: `LABELS = np.array([...])`. */
const WRAPPERS: ReadonlySet<string> = new Set([
  'list', 'tuple', 'set', 'frozenset', 'sorted', 'array', 'asarray', 'Series', 'Index', 'Categorical',
  'CategoricalDtype', 'OrderedDict', 'dict', 'constant', 'tensor', 'Tensor',
]);
const DICT_CALLS: ReadonlySet<string> = new Set(['dict', 'OrderedDict']);
const ENUM_BASE = /^(Enum|IntEnum|StrEnum|Flag|IntFlag|ReprEnum|Choices|TextChoices|IntegerChoices)$|Enum$/;

type Role = 'group' | 'call' | 'subscript' | 'params' | 'bases';

interface Frame {
  open: number;
  bracket: string;
  role: Role;
  callee?: string;
  calleeStart?: number;
  /** The binding of this literal (or of a dict() call / Literal[...]). */
  name?: string;
  path: string[];
  /** Path for what is nested inside: `path` plus `name` when this is a collection. */
  childPath: string[];
  /** Token index where the current comma-separated element starts. */
  elemStart: number;
  /** First ':' of the current element at this level (dict key separator), or -1. */
  colonAt: number;
  keyName?: string | null;
  wrapName?: string;
  dictCall: boolean;
  literal: boolean;
  scope?: Scope;
}

interface Scope {
  name: string;
  indent: number;
  start: number;
  /** Path inside the scope, including its name. */
  path: string[];
  enum: boolean;
  members: Member[];
}

interface Target {
  name?: string;
  start: number;
  end: number;
  /** A single identifier (what an enum member needs). */
  plain: boolean;
}

interface Statement {
  start: number;
  indent: number;
  compound: boolean;
  headerColon: number;
  lastEq: number;
  targetFrom: number;
  first?: Target;
  last?: Target;
  path: string[];
  scope?: Scope;
}

export interface Structure {
  collections: Collection[];
  pairs: Pair[];
  calls: Call[];
}

function extend(path: string[], name: string | undefined): string[] {
  return name === undefined || path.length >= MAX_PATH ? path : [...path, name];
}

function lastSegment(dotted: string | undefined): string {
  if (dotted === undefined) return '';
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

function byStart(a: { start: number }, b: { start: number }): number {
  return a.start - b.start;
}

export class Analyzer {
  private readonly collections: Collection[] = [];
  private readonly pairs: Pair[] = [];
  private readonly calls: Call[] = [];
  private readonly stack: Frame[] = [];
  private readonly scopes: Scope[] = [];
  private stmt: Statement;

  constructor(private readonly s: Stream, private readonly layout: number[]) {
    this.stmt = this.newStatement(0, 0);
  }

  run(): Structure {
    const tokens = this.s.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const indent = this.layout[i] ?? -1;
      if (indent >= 0) {
        if (this.stack.length > 0) this.stack.length = 0; // brackets left open by broken code end with the line
        this.endStatement(i);
        this.popScopes(indent, i);
        this.beginStatement(i, indent);
      } else if (this.stack.length === 0 && i > this.stmt.start && this.boundaryBefore(i)) {
        this.endStatement(i);
        this.beginStatement(i, this.stmt.indent);
      }
      this.visit(i, tokens[i] as Token);
    }
    this.stack.length = 0;
    this.endStatement(tokens.length);
    this.popScopes(-1, tokens.length);
    return {
      collections: this.collections.sort(byStart),
      pairs: this.pairs.sort(byStart),
      calls: this.calls.sort(byStart),
    };
  }

  private visit(i: number, t: Token): void {
    if (t.type === 'string') return this.csvString(i, t);
    if (t.type !== 'punct') return;
    const top = this.stack[this.stack.length - 1];
    switch (t.value) {
      case '(': case '[': case '{':
        return this.openFrame(i, t.value);
      case ')': case ']': case '}':
        return this.closeFrame(i, CLOSERS[t.value] as string);
      case ',':
        if (top) {
          top.elemStart = i + 1;
          top.colonAt = -1;
          top.keyName = undefined;
        }
        return;
      case '=':
        if (!top) this.assignTarget(i);
        return;
      case ':':
        if (top) {
          if (top.colonAt < 0) top.colonAt = i;
        } else if (this.stmt.compound && this.stmt.headerColon < 0) this.stmt.headerColon = i;
        return;
      default:
    }
  }

  // --- statements and scopes -------------------------------------------------------------

  private newStatement(start: number, indent: number): Statement {
    const scope = this.scopes[this.scopes.length - 1];
    return {
      start, indent, compound: false, headerColon: -1, lastEq: -1, targetFrom: start,
      path: scope?.path ?? [], scope,
    };
  }

  /** A `;` or the `:` ending a compound header separates statements on one line. */
  private boundaryBefore(i: number): boolean {
    return isPunct(this.s, i - 1, ';') || i - 1 === this.stmt.headerColon;
  }

  private beginStatement(i: number, indent: number): void {
    this.stmt = this.newStatement(i, indent);
    const t = this.s.tokens[i] as Token;
    const next = this.s.tokens[i + 1];
    if (t.type === 'keyword' && COMPOUND.has(t.value)) this.stmt.compound = true;
    // Soft keywords: `match x:` / `case 'a':`, but not `match = ...` or `case.x`.
    if (t.type === 'identifier' && (t.value === 'match' || t.value === 'case') && next !== undefined &&
      (next.type !== 'punct' || ['(', '[', '{', '-'].includes(next.value))) this.stmt.compound = true;
    const k = t.value === 'async' ? i + 1 : i;
    const kw = this.s.tokens[k];
    if (kw?.type === 'keyword' && (kw.value === 'class' || kw.value === 'def') && isIdent(this.s, k + 1)) {
      const name = (this.s.tokens[k + 1] as Token).value;
      const parent = this.scopes[this.scopes.length - 1];
      this.scopes.push({
        name, indent, start: t.start, path: extend(parent?.path ?? [], name),
        enum: false, members: [],
      });
    }
  }

  private popScopes(indent: number, next: number): void {
    const end = this.s.tokens[next - 1]?.end ?? 0;
    for (let top = this.scopes.at(-1); top !== undefined && top.indent >= indent; top = this.scopes.at(-1)) {
      this.scopes.pop();
      if (top.enum && top.members.length > 0) {
        this.collections.push({
          form: 'enum', name: top.name, path: top.path.slice(0, -1), members: top.members, start: top.start, end,
        });
      }
    }
  }

  /** At a depth-0 `=`: what the left side binds. */
  private assignTarget(eq: number): void {
    const stmt = this.stmt;
    let units = unitsOf(this.s, stmt.targetFrom, eq);
    stmt.targetFrom = eq + 1;
    stmt.lastEq = eq;
    const colon = findPunct(this.s, units, ':');
    if (colon >= 0) units = units.slice(0, colon);
    // `type Alias = ...` (Python 3.12)
    if (units.length === 2 && plainToken(this.s, units[0])?.value === 'type') units = units.slice(1);
    const target = this.targetOf(units);
    stmt.first ??= target;
    stmt.last = target;
  }

  private targetOf(units: Unit[]): Target {
    const last = units[units.length - 1];
    if (last === undefined) return { start: 0, end: 0, plain: false };
    const name = dottedName(this.s, units);
    if (name !== undefined) {
      const t = this.s.tokens[last] as Token;
      return { name: t.value, start: t.start, end: t.end, plain: units.length === 1 };
    }
    // config['labels'] = ... binds 'labels'.
    const group = groupOf(this.s, last);
    const inner = group?.kind === 'subscript' ? group.inner : undefined;
    if (inner?.kind === 'string' && dottedName(this.s, units.slice(0, -1)) !== undefined) {
      return { name: inner.value, start: inner.start, end: inner.end, plain: false };
    }
    return { start: unitStart(this.s, last), end: unitEnd(this.s, last), plain: false };
  }

  private endStatement(end: number): void {
    const stmt = this.stmt;
    if (stmt.lastEq < 0 || stmt.lastEq >= end) return;
    let to = end;
    while (to > stmt.lastEq + 1 && isPunct(this.s, to - 1, ';')) to--;
    const units = unitsOf(this.s, stmt.lastEq + 1, to);
    const { elements, trailing } = splitCommas(this.s, units);
    const ops = elements.map((el) => operand(this.s, el));
    const target = stmt.last;
    const first = units[0];
    const last = units[units.length - 1];
    if (first === undefined || last === undefined) return;
    const rhsStart = unitStart(this.s, first);
    const rhsEnd = unitEnd(this.s, last);
    if (ops.length >= 2 || trailing) {
      // A bare tuple: LABELS = 'white', 'black'
      const members = ops.map(memberOf).filter((m): m is Member => m !== undefined);
      if (members.length > 0) {
        this.collections.push({ form: 'list', name: target?.name, path: stmt.path, members, start: rhsStart, end: rhsEnd });
        if (target?.name !== undefined) this.pushPair(target, undefined, members, stmt.path, rhsEnd);
      }
    } else if (ops[0] !== undefined && target?.name !== undefined) {
      const op = ops[0];
      const values = stringMembers(this.s, op);
      if (op.kind === 'string' || (op.kind === 'group' && values !== undefined)) {
        this.pushPair(target, scalar(op), values, stmt.path, rhsEnd);
      }
    }
    this.enumMember(stmt, ops);
  }

  private pushPair(key: Target, value: string | undefined, values: Member[] | undefined, path: string[], end: number): void {
    if (key.name === undefined) return;
    const pair: Pair = { key: key.name, keyStart: key.start, keyEnd: key.end, path, start: key.start, end };
    if (value !== undefined) pair.value = value;
    if (values !== undefined) pair.values = values;
    this.pairs.push(pair);
  }

  /** `WHITE = 'white'` directly in an Enum class body: the name and its string values. */
  private enumMember(stmt: Statement, ops: Operand[]): void {
    const scope = stmt.scope;
    const target = stmt.first;
    if (!scope?.enum || !target?.plain || target.name === undefined || target.name.startsWith('_')) return;
    scope.members.push({ value: target.name, start: target.start, end: target.end });
    for (const op of ops) {
      if (op.kind === 'string') scope.members.push({ value: op.value, start: op.start, end: op.end });
      else if (op.kind === 'group' && (op.group.kind === 'tuple' || op.group.kind === 'list')) scope.members.push(...op.group.members);
      else if (op.kind === 'call' && op.group.firstString) scope.members.push(op.group.firstString);
    }
  }

  // --- bindings ---------------------------------------------------------------------------

  private currentPath(): string[] {
    const top = this.stack[this.stack.length - 1];
    return top ? top.childPath : (this.scopes[this.scopes.length - 1]?.path ?? []);
  }

  /** Is token i-1 part of the same statement as token i? */
  private adjacent(i: number): boolean {
    return i > 0 && (this.stack.length > 0 || i > this.stmt.start);
  }

  /** The name a value starting at token i is bound to: target, keyword, dict key, parameter. */
  private bindingBefore(i: number): string | undefined {
    if (!this.adjacent(i)) return undefined;
    const s = this.s;
    const top = this.stack[this.stack.length - 1];
    if (isPunct(s, i - 1, '=')) {
      if (!top) return i - 1 === this.stmt.lastEq ? this.stmt.last?.name : undefined;
      if (top.role === 'call' || top.role === 'params') return this.elementName(top);
      return undefined;
    }
    if (isPunct(s, i - 1, ':')) {
      if (!top) {
        const k = this.stmt.start;
        return !this.stmt.compound && i - 2 === k && isIdent(s, k) ? s.tokens[k]?.value : undefined;
      }
      if (top.role === 'params') return this.elementName(top);
      if (top.bracket === '{' && top.role === 'group' && i - 1 === top.colonAt) return this.keyName(top) ?? undefined;
      return undefined;
    }
    if (top && i - 1 === top.open && top.wrapName !== undefined) return top.wrapName;
    return undefined;
  }

  /** `name=` / `name:` at the start of the current element of a call or parameter list. */
  private elementName(frame: Frame): string | undefined {
    const k = frame.elemStart;
    if (!isIdent(this.s, k)) return undefined;
    return isPunct(this.s, k + 1, '=') || (frame.role === 'params' && isPunct(this.s, k + 1, ':'))
      ? this.s.tokens[k]?.value : undefined;
  }

  private keyName(frame: Frame): string | null {
    if (frame.keyName === undefined) {
      frame.keyName = scalar(operand(this.s, unitsOf(this.s, frame.elemStart, frame.colonAt))) ?? null;
    }
    return frame.keyName;
  }

  // --- brackets ---------------------------------------------------------------------------

  private roleOf(i: number, bracket: string): Role {
    if (!this.adjacent(i)) return 'group';
    const prev = this.s.tokens[i - 1] as Token;
    const closesExpr = prev.type === 'punct' && (prev.value === ')' || prev.value === ']');
    if (bracket === '(') {
      if (prev.type === 'identifier') {
        const before = this.s.tokens[i - 2];
        if (before?.type === 'keyword' && before.value === 'def' && this.adjacent(i - 1)) return 'params';
        if (before?.type === 'keyword' && before.value === 'class' && this.adjacent(i - 1)) return 'bases';
        return 'call';
      }
      return closesExpr ? 'call' : 'group';
    }
    if (bracket === '[') {
      const indexable = prev.type === 'identifier' || prev.type === 'string' || closesExpr ||
        (prev.type === 'punct' && prev.value === '}');
      return indexable ? 'subscript' : 'group';
    }
    return 'group';
  }

  /** Start index of the dotted identifier run ending at token `end`: `a.b.c`. */
  private dottedStart(end: number): number {
    let j = end;
    while (j >= 2 && isPunct(this.s, j - 1, '.') && isIdent(this.s, j - 2)) j -= 2;
    return j;
  }

  private openFrame(i: number, bracket: string): void {
    const role = this.roleOf(i, bracket);
    const path = this.currentPath();
    const frame: Frame = {
      open: i, bracket, role, path, childPath: path, elemStart: i + 1, colonAt: -1, dictCall: false, literal: false,
    };
    if ((role === 'call' || role === 'subscript') && isIdent(this.s, i - 1)) {
      const start = this.dottedStart(i - 1);
      frame.calleeStart = start;
      let callee = (this.s.tokens[start] as Token).value;
      for (let k = start + 2; k < i; k += 2) callee += '.' + (this.s.tokens[k] as Token).value;
      frame.callee = callee;
    }
    const last = lastSegment(frame.callee);
    const calleeStart = frame.calleeStart ?? i;
    if (role === 'call' && WRAPPERS.has(last)) frame.wrapName = this.bindingBefore(calleeStart);
    if (role === 'call' && DICT_CALLS.has(last)) {
      frame.dictCall = true;
      frame.name = frame.wrapName ?? this.bindingBefore(calleeStart);
    }
    if (role === 'subscript' && last === 'Literal') {
      frame.literal = true;
      frame.name = this.bindingBefore(calleeStart);
    }
    if (role === 'group') frame.name = this.bindingBefore(i);
    if (role === 'bases') frame.scope = this.scopes[this.scopes.length - 1];
    if (role === 'group' || frame.dictCall || frame.literal) frame.childPath = extend(path, frame.name);
    this.stack.push(frame);
  }

  private closeFrame(i: number, opener: string): void {
    const stack = this.stack;
    let k = stack.length - 1;
    while (k >= 0 && k >= stack.length - MISMATCH_SEARCH && stack[k]?.bracket !== opener) k--;
    if (k < 0 || stack[k]?.bracket !== opener) return; // a stray closer
    stack.length = k + 1; // brackets left open inside are abandoned
    const frame = stack.pop() as Frame;
    this.analyze(frame, i);
  }

  private analyze(f: Frame, close: number): void {
    const s = this.s;
    const units = unitsOf(s, f.open + 1, close);
    const { elements, trailing } = splitCommas(s, units);
    const group: Group = {
      kind: 'paren', open: f.open, close, start: (s.tokens[f.open] as Token).start,
      end: (s.tokens[close] as Token).end, members: [],
    };
    if (f.role === 'group') this.analyzeLiteral(f, group, units, elements, trailing);
    else if (f.role === 'subscript') this.analyzeSubscript(f, group, elements, trailing);
    else this.analyzeArgs(f, group, elements);
    s.groups[f.open] = group;
  }

  private literalKind(f: Frame, units: Unit[], count: number, trailing: boolean): GroupKind {
    const s = this.s;
    if (units.some((u) => plainToken(s, u)?.type === 'keyword' && s.tokens[u]?.value === 'for')) {
      return 'comp';
    }
    if (f.bracket === '[') return 'list';
    if (f.bracket === '{') return count === 0 || findPunct(s, units, ':') >= 0 ? 'dict' : 'set';
    return count === 1 && !trailing ? 'paren' : 'tuple';
  }

  private analyzeLiteral(f: Frame, group: Group, units: Unit[], elements: Unit[][], trailing: boolean): void {
    const s = this.s;
    group.kind = this.literalKind(f, units, elements.length, trailing);
    if (group.kind === 'comp') return;
    if (group.kind === 'paren') {
      group.inner = operand(s, elements[0] ?? []);
      return;
    }
    if (group.kind === 'dict') this.dictEntries(f, group, elements);
    else {
      for (const el of elements) {
        const m = memberOf(operand(s, el));
        if (m) group.members.push(m);
      }
    }
    if (group.members.length > 0) {
      this.collections.push({
        form: group.kind === 'dict' ? 'map' : 'list', name: f.name, path: f.path, members: group.members,
        start: group.start, end: group.end,
      });
    }
  }

  private dictEntries(f: Frame, group: Group, elements: Unit[][]): void {
    const s = this.s;
    for (const el of elements) {
      const colon = findPunct(s, el, ':');
      if (colon < 0 || unitIsPunct(s, el[0], '**')) continue;
      const key = operand(s, el.slice(0, colon));
      const value = operand(s, el.slice(colon + 1));
      if (key.kind === 'string' && !isNumericLooking(key.value)) group.members.push({ value: key.value, start: key.start, end: key.end });
      const vm = memberOf(value);
      if (vm) group.members.push(vm);
      if (key.kind === 'string') {
        const end = value.kind === 'none' ? unitEnd(s, el[colon] as Unit) : value.end;
        const k: Target = { name: key.value, start: key.start, end: key.end, plain: false };
        this.pushPair(k, scalar(value), stringMembers(s, value), f.childPath, end);
      }
    }
  }

  private analyzeSubscript(f: Frame, group: Group, elements: Unit[][], trailing: boolean): void {
    group.kind = 'subscript';
    const ops = elements.map((el) => operand(this.s, el));
    if (ops.length === 1 && !trailing) group.inner = ops[0];
    if (!f.literal) return;
    // Literal['white', 'black'] is a closed set of labels, like an enum.
    group.members = ops.map(memberOf).filter((m): m is Member => m !== undefined);
    if (group.members.length > 0) {
      const start = (this.s.tokens[f.calleeStart ?? f.open] as Token).start;
      this.collections.push({ form: 'enum', name: f.name, path: f.path, members: group.members, start, end: group.end });
    }
  }

  private analyzeArgs(f: Frame, group: Group, elements: Unit[][]): void {
    const s = this.s;
    group.kind = f.role === 'params' || f.role === 'bases' ? f.role : 'call';
    const args: CallArg[] = [];
    const names: string[] = [];
    const dictMembers: Member[] = [];
    for (const el of elements) {
      const head = el[0];
      if (head === undefined) continue;
      let valueUnits = el;
      let key: Token | undefined;
      const eq = findPunct(s, el, '=');
      const headToken = plainToken(s, head);
      if (headToken?.type === 'identifier' &&
        (eq === 1 || (f.role === 'params' && eq > 1 && unitIsPunct(s, el[1], ':')))) {
        key = headToken;
        valueUnits = el.slice(eq + 1);
      } else if (f.role === 'params') continue; // no default value
      const op = operand(s, valueUnits);
      if (f.role === 'bases' && op.kind === 'name') names.push(op.value);
      const arg: CallArg = { start: key ? key.start : unitStart(s, head), end: unitEnd(s, el[el.length - 1] as Unit) };
      if (key) arg.name = key.value;
      const value = scalar(op);
      if (value !== undefined) arg.value = value;
      const members = stringMembers(s, op);
      if (members !== undefined) arg.members = members;
      args.push(arg);
      if (!key && op.kind === 'string' && group.firstString === undefined) group.firstString = memberOf(op);
      if (key && f.role !== 'bases') {
        this.pushPair({ name: key.value, start: key.start, end: key.end, plain: false }, value, members,
          f.dictCall ? f.childPath : f.path, arg.end);
        if (f.dictCall) {
          dictMembers.push({ value: key.value, start: key.start, end: key.end });
          const vm = memberOf(op);
          if (vm) dictMembers.push(vm);
        }
      }
    }
    if (f.role === 'bases') {
      if (f.scope && names.some((n) => ENUM_BASE.test(lastSegment(n)))) f.scope.enum = true;
      return;
    }
    if (f.role !== 'call' || f.callee === undefined || f.calleeStart === undefined) return;
    const start = (s.tokens[f.calleeStart] as Token).start;
    this.calls.push({ callee: f.callee, args, start, end: group.end });
    if (f.dictCall && dictMembers.length > 0) {
      this.collections.push({ form: 'map', name: f.name, path: f.path, members: dictMembers, start, end: group.end });
    }
    this.functionalEnum(f, args, elements, start, group.end);
  }

  /** `Enum('Race', ['WHITE', 'BLACK'])` or `Enum('Race', 'WHITE BLACK')`. */
  private functionalEnum(f: Frame, args: CallArg[], elements: Unit[][], start: number, end: number): void {
    const [nameArg, membersArg] = args;
    if (!ENUM_BASE.test(lastSegment(f.callee)) || nameArg?.name !== undefined || membersArg === undefined) return;
    const nameOp = operand(this.s, elements[0] ?? []);
    const op = operand(this.s, elements[1] ?? []);
    if (nameOp.kind !== 'string') return;
    let members = op.kind === 'group' ? stringMembers(this.s, op) : undefined;
    if (op.kind === 'string' && op.count === 1) {
      members = splitString(this.s, op.index, (c) => c === 44 || c === 32 || c === 9);
    }
    if (members !== undefined && members.length > 0) {
      this.collections.push({ form: 'enum', name: nameOp.value, path: f.path, members, start, end });
    }
  }

  // --- strings ----------------------------------------------------------------------------

  private csvString(i: number, t: Token): void {
    // A string opening a statement is a docstring or a bare expression, not data.
    if (this.stack.length === 0 && i === this.stmt.start) return;
    const members = csvMembers(this.s, i);
    if (members === undefined) return;
    this.collections.push({
      form: 'csv-string', name: this.bindingBefore(i), path: this.currentPath(), members, start: t.start, end: t.end,
    });
  }
}
