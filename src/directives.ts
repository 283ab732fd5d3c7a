// ethnolint's own comment directives (expectations in fixtures, suppressions) talk about rule
// ids such as "ethnicity-label"; rules must not read them as evidence. The part of a comment or
// prose token from the directive on is cut off before any rule sees the document; suppressions
// are read from the whole comments first (parse.ts keeps them, suppress/directive.ts reads them).
import type { ParseResult } from './types.js';

const DIRECTIVE = /ethnolint-[a-z-]+/;

export function stripDirectives(result: ParseResult): ParseResult {
  let changed = false;
  const tokens = result.tokens.map((token) => {
    if (token.type !== 'comment' && token.type !== 'text') return token;
    const at = token.value.search(DIRECTIVE);
    if (at < 0) return token;
    changed = true;
    return { ...token, value: token.value.slice(0, at), end: token.start + at };
  });
  return changed ? { ...result, tokens } : result;
}
