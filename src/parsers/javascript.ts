// JavaScript / TypeScript (and JSX/TSX) through @typescript-eslint/typescript-estree. The
// parser module is loaded lazily on first use: importing it costs ~100 ms of start-up, which
// scans without JS files should not pay. The AST walk is iterative (explicit stack) so a
// hostile file cannot exhaust the call stack in our code; the TypeScript parser itself
// recurses, and its RangeError on deep nesting is turned into an ordinary parse error.

import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Call, CallArg, Collection, Member, Pair, ParseResult, Token } from '../types.js';
import { parseGeneric } from './generic.js';
import { csvMembers, decodeBody, isCsvString } from './generic-literals.js';
import { link, materialize, type PathLink } from './path-link.js';

type Estree = typeof import('@typescript-eslint/typescript-estree');
type Node = TSESTree.Node;

let estree: Estree | undefined;

function loadEstree(): Estree {
  estree ??= createRequire(import.meta.url)('@typescript-eslint/typescript-estree') as Estree;
  return estree;
}

/**
 * typescript-estree reads about 0.2–0.5 MB/s and holds an AST of ~1 KB per 10 bytes of
 * source: a 300 KB bundle took 1.4–3 s and 400–600 MB of memory. Above this size, and for
 * minified code (see isMinified), the generic tokenizer (linear, ~1 s for 5 MB, small memory)
 * reads the file instead; such files are almost always bundled, minified or generated.
 */
export const ESTREE_MAX_LENGTH = 256_000;

/** Source of which the average line is this long is minified or bundled, not written by hand. */
const MINIFIED_LINE_LENGTH = 300;

/** Whether a file of some size reads as minified: few line breaks for its length. */
function isMinified(text: string): boolean {
  if (text.length < 32_768) return false;
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return text.length / lines > MINIFIED_LINE_LENGTH;
}

/**
 * Parses JS/TS source. Throws an Error ("message (line:column)") on a syntax error or when
 * the nesting is too deep for the TypeScript parser.
 */
export function parseJavaScript(text: string, language: string): ParseResult {
  if (text.length > ESTREE_MAX_LENGTH || isMinified(text)) return parseGeneric(text, language);
  const ast = parseAst(text, language);
  const walker = new Walker(text);
  walker.walk(ast);
  return {
    tokens: convertTokens(text, ast.tokens, ast.comments),
    collections: sortByStart(walker.collections),
    pairs: sortByStart(walker.pairs),
    calls: sortByStart(walker.calls),
  };
}

type Ast = TSESTree.Program & { tokens: TSESTree.Token[]; comments: TSESTree.Comment[] };

function parseAst(text: string, language: string): Ast {
  const { parse } = loadEstree();
  const attempt = (jsx: boolean): Ast =>
    parse(text, { range: true, loc: false, tokens: true, comment: true, jsx }) as Ast;
  const lang = language.toLowerCase();
  try {
    if (lang === 'typescript' || lang === 'ts' || lang === 'mts' || lang === 'cts') return attempt(false);
    if (lang === 'jsx' || lang === 'tsx') return attempt(true);
    // Plain .js files often contain JSX; if that reading fails, JSX-free parsing may still work.
    try {
      return attempt(true);
    } catch (jsxError) {
      try {
        return attempt(false);
      } catch {
        throw jsxError;
      }
    }
  } catch (error) {
    throw toParseError(error);
  }
}

function toParseError(error: unknown): Error {
  if (error instanceof RangeError) return new Error('nesting too deep to parse');
  const e = error as { message?: unknown; location?: { start?: { line?: number; column?: number } } };
  const message = String(e.message ?? error).split('\n')[0] ?? 'syntax error';
  const start = e.location?.start;
  if (start?.line !== undefined && start.column !== undefined) {
    return new Error(`${message} (${start.line}:${start.column + 1})`);
  }
  return new Error(message);
}

function sortByStart<T extends { start: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

function convertTokens(text: string, tokens: TSESTree.Token[], comments: TSESTree.Comment[]): Token[] {
  const out: Token[] = [];
  let c = 0;
  let previous: TSESTree.Token | undefined;
  for (const token of tokens) {
    while (c < comments.length && (comments[c] as TSESTree.Comment).range[0] < token.range[0]) {
      out.push(commentToken(text, comments[c++] as TSESTree.Comment));
    }
    const converted = convertToken(text, token, previous);
    if (converted) out.push(converted);
    previous = token;
  }
  while (c < comments.length) out.push(commentToken(text, comments[c++] as TSESTree.Comment));
  return out;
}

function commentToken(text: string, comment: TSESTree.Comment): Token {
  const [start, end] = comment.range;
  return { type: 'comment', value: text.slice(start, end), start, end };
}

function convertToken(text: string, token: TSESTree.Token, previous: TSESTree.Token | undefined): Token | undefined {
  const [start, end] = token.range;
  const kind: string = token.type;
  switch (kind) {
    case 'Identifier':
    case 'JSXIdentifier':
    case 'PrivateIdentifier':
      return { type: 'identifier', value: token.value, start, end };
    case 'Keyword':
    case 'Boolean':
    case 'Null':
      return { type: 'keyword', value: token.value, start, end };
    case 'Numeric':
      return { type: 'number', value: token.value, start, end };
    case 'String':
      return { type: 'string', value: decodeBody(text, start + 1, end - 1, 'backslash').value, start, end };
    case 'Template': {
      const close = token.value.endsWith('${') ? 2 : 1;
      return { type: 'string', value: decodeBody(text, start + 1, end - close, 'backslash').value, start, end };
    }
    case 'RegularExpression':
      return { type: 'string', value: token.value, start, end };
    case 'JSXText':
      return jsxTextToken(token.value, start, end, previous);
    default:
      return { type: 'punct', value: token.value, start, end };
  }
}

function jsxTextToken(raw: string, start: number, end: number, previous: TSESTree.Token | undefined): Token | undefined {
  // Attribute strings (`b="x"`) come as JSXText after '='; they have no escapes.
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
  if (quoted && previous?.value === '=') return { type: 'string', value: raw.slice(1, -1), start, end };
  if (raw.trim() === '') return undefined;
  return { type: 'string', value: raw, start, end };
}

// ---------------------------------------------------------------------------------------------
// AST walk: collections, pairs, calls
// ---------------------------------------------------------------------------------------------

interface Work {
  node: Node;
  path: PathLink | undefined;
  /** The name this node's value is bound to (variable, property key, assignment target). */
  bind: string | undefined;
}

const MAX_DOTTED_PARTS = 64;

/** Calls whose first argument is still "the value" of the binding: `const R = Object.freeze([...])`. */
const TRANSPARENT_CALLS = new Set(['Object.freeze', 'Object.seal', 'Set', 'WeakSet', 'Map', 'Array.from', 'List', 'Immutable.List', 'Immutable.Set', 'Immutable.Map']);

/** Expression wrappers that do not change which value a binding names. */
const TRANSPARENT_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSNonNullExpression']);

/** Declarations that name a scope for their children. */
const NAMED_SCOPES = new Set([
  'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassDeclaration', 'ClassExpression',
  'TSModuleDeclaration', 'TSInterfaceDeclaration', 'TSEnumDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction',
]);

const SKIPPED_KEYS = new Set(['parent', 'range', 'loc', 'type', 'tokens', 'comments']);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
    && Array.isArray((value as { range?: unknown }).range);
}

/** Strips TS-only wrappers: `x as const`, `x!`, `<T>x`, `x satisfies T`. */
function unwrap(node: Node): Node {
  let current = node;
  for (let n = 0; n < MAX_DOTTED_PARTS && TRANSPARENT_WRAPPERS.has(current.type); n++) {
    current = (current as TSESTree.TSAsExpression).expression;
  }
  return current;
}

/** Dotted text of a name expression (`app.models.predict`, `this.x`, `a().b`), or undefined. */
function dottedName(node: Node): string | undefined {
  const parts: string[] = [];
  let suffix = '';
  let current: Node = node;
  for (let n = 0; n < MAX_DOTTED_PARTS; n++) {
    const kind: string = current.type;
    if (kind === 'Identifier' || kind === 'JSXIdentifier') {
      parts.push((current as TSESTree.Identifier).name + suffix);
      return parts.reverse().join('.');
    }
    if (kind === 'ThisExpression' || kind === 'Super') {
      parts.push((kind === 'Super' ? 'super' : 'this') + suffix);
      return parts.reverse().join('.');
    }
    if (kind === 'MemberExpression') {
      const member = current as TSESTree.MemberExpression;
      const property = member.computed ? literalKey(member.property) : propertyName(member.property);
      if (property === undefined) return undefined;
      parts.push(property + suffix);
      suffix = '';
      current = member.object;
    } else if (kind === 'JSXMemberExpression') {
      const member = current as TSESTree.JSXMemberExpression;
      parts.push(member.property.name + suffix);
      suffix = '';
      current = member.object;
    } else if (kind === 'CallExpression' || kind === 'NewExpression') {
      suffix = '()';
      current = (current as TSESTree.CallExpression).callee;
    } else if (kind === 'ChainExpression') {
      current = (current as TSESTree.ChainExpression).expression;
    } else if (TRANSPARENT_WRAPPERS.has(kind)) {
      current = (current as TSESTree.TSNonNullExpression).expression;
    } else if (kind === 'MetaProperty') {
      const meta = current as TSESTree.MetaProperty;
      parts.push(`${meta.meta.name}.${meta.property.name}${suffix}`);
      return parts.reverse().join('.');
    } else return undefined;
  }
  return undefined;
}

function propertyName(node: Node): string | undefined {
  if (node.type === 'Identifier' || node.type === 'PrivateIdentifier') return node.name;
  return literalKey(node);
}

function literalKey(node: Node): string | undefined {
  if (node.type === 'Literal' && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return templateValue(node);
  return undefined;
}

/** Name of an object/class member key; undefined for computed non-literal keys. */
function keyName(key: Node, computed: boolean): string | undefined {
  return computed ? literalKey(key) : propertyName(key);
}

function templateValue(node: TSESTree.TemplateLiteral): string {
  const quasi = node.quasis[0];
  return quasi ? quasi.value.cooked ?? quasi.value.raw : '';
}

/** A string literal or an expression-free template literal. */
function stringValue(node: Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return templateValue(node);
  return undefined;
}

class Walker {
  readonly collections: Collection[] = [];
  readonly pairs: Pair[] = [];
  readonly calls: Call[] = [];
  private readonly stack: Work[] = [];

  constructor(private readonly text: string) {}

  walk(root: Node): void {
    this.stack.push({ node: root, path: undefined, bind: undefined });
    for (let work = this.stack.pop(); work; work = this.stack.pop()) this.visit(work);
  }

  private push(node: Node | null | undefined, path: PathLink | undefined, bind?: string): void {
    if (node) this.stack.push({ node, path, bind });
  }

  private visit({ node, path, bind }: Work): void {
    const kind: string = node.type;
    if (TRANSPARENT_WRAPPERS.has(kind)) {
      const wrapper = node as TSESTree.TSAsExpression;
      this.push(wrapper.expression, path, bind);
      if ('typeAnnotation' in wrapper) this.push(wrapper.typeAnnotation, path);
      return;
    }
    const own = NAMED_SCOPES.has(kind) ? ownName(node) ?? bind : bind;
    const inner = link(path, own);
    switch (kind) {
      case 'VariableDeclarator': return this.variable(node as TSESTree.VariableDeclarator, path);
      case 'Property':
      case 'PropertyDefinition':
      case 'AccessorProperty':
      case 'TSAbstractPropertyDefinition':
      case 'MethodDefinition':
      case 'TSAbstractMethodDefinition': return this.member(node as TSESTree.Property, path);
      case 'AssignmentExpression': return this.assignment(node as TSESTree.AssignmentExpression, path);
      case 'CallExpression':
      case 'NewExpression': return this.call(node as TSESTree.CallExpression, path, bind);
      case 'JSXAttribute': this.jsxAttribute(node as TSESTree.JSXAttribute, path); break;
      case 'ArrayExpression': this.array(node as TSESTree.ArrayExpression, path, bind); break;
      case 'ObjectExpression': this.object(node as TSESTree.ObjectExpression, path, bind); break;
      case 'TSEnumDeclaration': this.enumDeclaration(node as TSESTree.TSEnumDeclaration, path); break;
      case 'TSTypeAliasDeclaration': this.unionAlias(node as TSESTree.TSTypeAliasDeclaration, path); break;
      case 'Literal':
      case 'TemplateLiteral': this.csvCollection(node, path, bind); break;
    }
    this.pushChildren(node, inner);
  }

  private pushChildren(node: Node, path: PathLink | undefined): void {
    // Children are found by shape (any property holding nodes) rather than per-type visitor
    // keys, so node types added by future estree versions are still walked.
    const record = node as unknown as Record<string, unknown>;
    const keys = Object.keys(record);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k] as string;
      if (SKIPPED_KEYS.has(key)) continue;
      const value = record[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) this.push(value[i] as Node, path);
      } else if (isNode(value)) this.push(value, path);
    }
  }

  private variable(node: TSESTree.VariableDeclarator, path: PathLink | undefined): void {
    const name = node.id.type === 'Identifier' ? node.id.name : undefined;
    if (name !== undefined && node.init) this.pair(name, node.id.range, node.init, path);
    this.push(node.init, path, name);
    this.push(node.id, path);
  }

  /** Object properties and class members: the key names the value. */
  private member(node: TSESTree.Property, path: PathLink | undefined): void {
    const name = keyName(node.key, node.computed);
    const value = node.value as Node | null;
    const accessor = node.type === 'Property' && node.kind !== 'init';
    if (name !== undefined && value && !accessor) this.pair(name, node.key.range, value, path);
    this.push(value, path, name);
    if (node.computed) this.push(node.key, path);
    const decorators = (node as unknown as { decorators?: Node[] }).decorators; // not on every member type
    if (decorators) for (const decorator of decorators) this.push(decorator, path);
  }

  private assignment(node: TSESTree.AssignmentExpression, path: PathLink | undefined): void {
    const target = node.left.type === 'Identifier' || node.left.type === 'MemberExpression' ? dottedName(node.left) : undefined;
    if (target !== undefined && node.operator === '=') this.pair(target, node.left.range, node.right, path);
    this.push(node.right, path, target);
    this.push(node.left, path);
  }

  private call(node: TSESTree.CallExpression | TSESTree.NewExpression, path: PathLink | undefined, bind: string | undefined): void {
    const callee = dottedName(node.callee) ?? this.text.slice(node.callee.range[0], node.callee.range[1]).replace(/\s+/g, '').slice(0, 100);
    this.calls.push({ callee, args: node.arguments.map((arg) => this.callArgs(arg)).flat(), start: node.range[0], end: node.range[1] });
    // `Object.freeze([...])`, `new Set([...])`: the argument is the bound value itself.
    const transparent = TRANSPARENT_CALLS.has(callee);
    const inner = transparent ? path : link(path, bind);
    const args = node.arguments;
    for (let i = args.length - 1; i >= 0; i--) this.push(args[i], inner, transparent && i === 0 ? bind : undefined);
    if (node.typeArguments) this.push(node.typeArguments, inner);
    this.push(node.callee, inner);
  }

  private callArgs(arg: Node): CallArg[] {
    const value = unwrap(arg);
    if (value.type === 'ObjectExpression' && value.properties.length > 0) {
      return value.properties.map((property) => {
        if (property.type !== 'Property') return { start: property.range[0], end: property.range[1] };
        const name = keyName(property.key, property.computed);
        return { ...(name !== undefined ? { name } : {}), ...this.valueInfo(property.value), start: property.range[0], end: property.range[1] };
      });
    }
    return [{ ...this.valueInfo(value), start: arg.range[0], end: arg.range[1] }];
  }

  /** Scalar value and/or string members of an expression, as call arguments report them. */
  private valueInfo(node: Node): { value?: string; members?: Member[] } {
    const value = unwrap(node);
    const text = stringValue(value);
    if (text !== undefined) {
      const members = this.csv(value, text);
      return members ? { value: text, members } : { value: text };
    }
    if (value.type === 'Literal') return { value: value.raw };
    if (value.type === 'UnaryExpression' && value.argument.type === 'Literal') {
      return { value: this.text.slice(value.range[0], value.range[1]) };
    }
    if (value.type === 'Identifier' || value.type === 'MemberExpression' || value.type === 'ThisExpression') {
      const name = dottedName(value);
      return name === undefined ? {} : { value: name };
    }
    if (value.type === 'ArrayExpression') return { members: this.stringMembers(value) };
    return {};
  }

  private stringMembers(node: TSESTree.ArrayExpression): Member[] {
    const members: Member[] = [];
    for (const element of node.elements) {
      if (!element) continue;
      const item = unwrap(element);
      const value = stringValue(item);
      if (value !== undefined) members.push({ value, start: item.range[0], end: item.range[1] });
    }
    return members;
  }

  /** Members of a comma-separated string literal, with exact ranges; undefined if not csv. */
  private csv(node: Node, value: string): Member[] | undefined {
    if (!isCsvString(value)) return undefined;
    const [start, end] = node.range;
    const decoded = decodeBody(this.text, start + 1, end - 1, 'backslash', this.text[start], true);
    // JSX attribute strings have no escapes; if decoding disagrees, read the body as-is.
    const offsets = decoded.value === value ? decoded.offsets : decodeBody(this.text, start + 1, end - 1, 'none', '"', true).offsets;
    return offsets && offsets.length === value.length + 1 ? csvMembers(value, offsets) : undefined;
  }

  private pair(key: string, keyRange: [number, number], valueNode: Node, path: PathLink | undefined): void {
    const node = unwrap(valueNode);
    const base = { key, keyStart: keyRange[0], keyEnd: keyRange[1], path: materialize(path), start: keyRange[0], end: node.range[1] };
    const text = stringValue(node);
    if (text !== undefined) {
      const values = this.csv(node, text);
      this.pairs.push(values ? { ...base, value: text, values } : { ...base, value: text });
    } else if (node.type === 'Literal' && (typeof node.value === 'number' || typeof node.value === 'boolean')) {
      this.pairs.push({ ...base, value: node.raw });
    } else if (node.type === 'ArrayExpression') {
      const values = this.stringMembers(node);
      if (values.length > 0) this.pairs.push({ ...base, values });
    }
  }

  private jsxAttribute(node: TSESTree.JSXAttribute, path: PathLink | undefined): void {
    if (node.name.type !== 'JSXIdentifier' || !node.value) return;
    const value = node.value.type === 'JSXExpressionContainer' ? node.value.expression : node.value;
    if (value.type !== 'JSXEmptyExpression') this.pair(node.name.name, node.name.range, value, path);
  }

  private array(node: TSESTree.ArrayExpression, path: PathLink | undefined, bind: string | undefined): void {
    const members = this.stringMembers(node);
    if (members.length > 0) this.collect('list', bind, path, members, node.range);
  }

  private object(node: TSESTree.ObjectExpression, path: PathLink | undefined, bind: string | undefined): void {
    const members: Member[] = [];
    for (const property of node.properties) {
      if (property.type !== 'Property') continue;
      const key = keyName(property.key, property.computed);
      if (key !== undefined && !/^\d+$/.test(key)) members.push({ value: key, start: property.key.range[0], end: property.key.range[1] });
      const value = unwrap(property.value);
      const text = stringValue(value);
      if (text !== undefined) members.push({ value: text, start: value.range[0], end: value.range[1] });
    }
    if (members.length > 0) this.collect('map', bind, path, members, node.range);
  }

  private enumDeclaration(node: TSESTree.TSEnumDeclaration, path: PathLink | undefined): void {
    const members: Member[] = [];
    for (const member of node.body.members) {
      const name = member.id.type === 'Identifier' ? member.id.name : stringValue(member.id);
      if (name !== undefined) members.push({ value: name, start: member.id.range[0], end: member.id.range[1] });
      const init = member.initializer ? unwrap(member.initializer) : undefined;
      const value = init ? stringValue(init) : undefined;
      if (init && value !== undefined) members.push({ value, start: init.range[0], end: init.range[1] });
    }
    this.collect('enum', node.id.name, path, members, node.range);
  }

  /** `type Race = 'white' | 'black'` is an enum in all but name. */
  private unionAlias(node: TSESTree.TSTypeAliasDeclaration, path: PathLink | undefined): void {
    if (node.typeAnnotation.type !== 'TSUnionType') return;
    const members: Member[] = [];
    for (const type of node.typeAnnotation.types) {
      if (type.type !== 'TSLiteralType') continue;
      const value = stringValue(type.literal as Node);
      if (value !== undefined) members.push({ value, start: type.literal.range[0], end: type.literal.range[1] });
    }
    if (members.length > 0) this.collect('enum', node.id.name, path, members, node.range);
  }

  private csvCollection(node: Node, path: PathLink | undefined, bind: string | undefined): void {
    const value = stringValue(node);
    const members = value === undefined ? undefined : this.csv(node, value);
    if (members) this.collect('csv-string', bind, path, members, node.range);
  }

  private collect(form: Collection['form'], name: string | undefined, path: PathLink | undefined, members: Member[], range: [number, number]): void {
    this.collections.push({ form, ...(name !== undefined ? { name } : {}), path: materialize(path), members, start: range[0], end: range[1] });
  }
}

function ownName(node: Node): string | undefined {
  const id = (node as { id?: Node | null }).id;
  if (!id) return undefined;
  if (id.type === 'Identifier') return id.name;
  if (id.type === 'Literal') return String(id.value);
  if (id.type === 'TSQualifiedName') return dottedQualified(id);
  return undefined;
}

function dottedQualified(node: TSESTree.TSQualifiedName): string {
  const parts: string[] = [];
  let current: TSESTree.EntityName = node;
  for (let n = 0; n < MAX_DOTTED_PARTS && current.type === 'TSQualifiedName'; n++) {
    parts.push(current.right.name);
    current = current.left;
  }
  if (current.type === 'Identifier') parts.push(current.name);
  return parts.reverse().join('.');
}
