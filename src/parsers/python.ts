// Python parser: a real tokenizer (strings with every prefix, f-string fields, comments,
// Unicode identifiers) and a light structural pass for collections, pairs and calls.
// Untrusted input: nothing here executes code, throws, or recurses on nesting depth.

import type { ParseResult, Token } from '../types.js';
import { IN_FIELD, lexPython } from './python/lexer.js';
import type { StringInfo } from './python/lexer.js';
import { Analyzer } from './python/structure.js';
import type { Group, Stream } from './python/operands.js';

export function parsePython(text: string): ParseResult {
  const lexed = lexPython(text);
  // The structural pass reads code only: no comments, no tokens inside f-string fields.
  const code: Token[] = [];
  const layout: number[] = [];
  const strings: (StringInfo | undefined)[] = [];
  for (let i = 0; i < lexed.tokens.length; i++) {
    const t = lexed.tokens[i] as Token;
    const where = lexed.layout[i] ?? IN_FIELD;
    if (t.type === 'comment' || where === IN_FIELD) continue;
    code.push(t);
    layout.push(where);
    strings.push(lexed.strings[i]);
  }
  const groups = new Array<Group | undefined>(code.length).fill(undefined);
  const stream: Stream = { text, tokens: code, strings, groups, csvCache: new Map() };
  const structure = new Analyzer(stream, layout).run();
  return { tokens: lexed.tokens, ...structure };
}
