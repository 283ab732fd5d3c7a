// Reads inline suppression directives out of comment tokens, whatever the comment syntax:
//   ethnolint-disable-next-line <rule-id>[, <rule-id>] -- <reason>
//   ethnolint-disable-line <rule-id>[, …] -- <reason>
//   ethnolint-disable <rule-id>[, …] -- <reason>   …   ethnolint-enable [<rule-id>…]
// A directive must open a comment line (after the comment's own delimiters), so prose that
// merely mentions a directive is not one. Fixture markers (`ethnolint-expect: …`) are not
// directives.
import { positionAt } from '../positions.js';
import type { Token } from '../types.js';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids as written; empty means every rule. */
  rules: string[];
  /** The text after ` -- `, trimmed; undefined when there is none or it is empty. */
  reason?: string;
  /** 1-based position of `ethnolint-` in the document. */
  line: number;
  column: number;
  /** 1-based line on which the comment holding the directive ends (next-line targets the one after). */
  endLine: number;
}

const KEYWORD = /^ethnolint-(disable-next-line|disable-line|disable|enable)(?![\w-])/;
/** Comment openers and line decorations: # // /* /** * <!-- -- ; % %{ #| {- --[[ <# #= */
const LEADING = /^[\s#/*!<\-;%|={[]*/;
/** Block comment closers that may end the directive's line. */
const CLOSERS = ['-->', '*/', '#>', '-}', '|#', '%}', '=#', ']]'];
/** ` -- ` between the rule list and the reason (also at the very start: `disable -- reason`). */
const SEPARATOR = /(?:^|\s)--(?=\s|$)/;

/** Only comments that name a directive keyword need a closer look. */
export function mayHoldDirective(text: string): boolean {
  // One search for the common prefix; most files have none.
  for (let at = text.indexOf('ethnolint-'); at >= 0; at = text.indexOf('ethnolint-', at + 10)) {
    if (text.startsWith('disable', at + 10) || text.startsWith('enable', at + 10)) return true;
  }
  return false;
}

function stripClosers(text: string): string {
  let out = text.trimEnd();
  for (let changed = true; changed; ) {
    changed = false;
    for (const closer of CLOSERS) {
      if (out.endsWith(closer)) {
        out = out.slice(0, -closer.length).trimEnd();
        changed = true;
      }
    }
  }
  return out;
}

/** Parses the part of one comment line after the keyword: rule ids, then ` -- reason`. */
export function parseDirectiveBody(body: string): { rules: string[]; reason?: string } {
  const text = stripClosers(body);
  const separator = SEPARATOR.exec(text);
  const list = separator ? text.slice(0, separator.index) : text;
  const reason = separator ? text.slice(separator.index + separator[0].length).trim() : '';
  const rules = list.split(/[\s,]+/).filter((id) => id !== '');
  return reason === '' ? { rules } : { rules, reason };
}

/** Every directive in the comment tokens of a document whose text has these line starts. */
export function parseDirectives(comments: readonly Token[], lineStarts: readonly number[]): Directive[] {
  const out: Directive[] = [];
  for (const token of comments) {
    if (token.type !== 'comment' || !mayHoldDirective(token.value)) continue;
    const endLine = positionAt(lineStarts, Math.max(token.start, token.end - 1)).line;
    let offset = 0;
    for (const line of token.value.split(/\r\n|\r|\n/)) {
      const lead = LEADING.exec(line)?.[0].length ?? 0;
      const keyword = KEYWORD.exec(line.slice(lead));
      if (keyword) {
        const at = positionAt(lineStarts, token.start + offset + lead);
        const body = parseDirectiveBody(line.slice(lead + keyword[0].length));
        out.push({ kind: keyword[1] as DirectiveKind, ...body, line: at.line, column: at.column, endLine });
      }
      offset += line.length + (token.value.startsWith('\r\n', offset + line.length) ? 2 : 1);
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}
