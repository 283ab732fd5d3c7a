// File kind → parser. A parser that throws (a syntax error, a hostile structure) does not cost
// the file: it is scanned with the generic tokenizer instead and the failure becomes a notice.
import { parseCsv } from './parsers/csv.js';
import { parseGeneric } from './parsers/generic.js';
import { parseJavaScript } from './parsers/javascript.js';
import { parseJson } from './parsers/json.js';
import { parseLabels } from './parsers/labels.js';
import { parseMarkdown } from './parsers/markdown.js';
import { parseNotebook } from './parsers/notebook.js';
import { parsePbtxt } from './parsers/pbtxt.js';
import { parsePython } from './parsers/python.js';
import { parseYaml } from './parsers/yaml.js';
import { stripDirectives } from './directives.js';
import type { Document, FileKind, ParseResult } from './types.js';

type Parser = (text: string, language: string) => ParseResult;

const PARSERS: Record<FileKind, Parser> = {
  python: (text) => parsePython(text),
  javascript: (text, language) => parseJavaScript(text, language),
  notebook: (text) => parseNotebook(text),
  json: (text) => parseJson(text),
  yaml: (text) => parseYaml(text),
  labels: (text) => parseLabels(text),
  csv: (text, language) => parseCsv(text, language === 'tsv' ? '\t' : undefined),
  pbtxt: (text) => parsePbtxt(text),
  source: (text, language) => parseGeneric(text, language),
  markdown: (text) => parseMarkdown(text),
  text: (text) => parseGeneric(text, 'text'),
};

/** The language the fallback tokenizer should assume for a kind that failed to parse. */
function fallbackLanguage(kind: FileKind, language: string): string {
  if (kind === 'javascript' || kind === 'json' || kind === 'notebook') return 'javascript';
  if (kind === 'python') return 'python';
  if (kind === 'yaml' || kind === 'pbtxt') return 'shell'; // '#' comments
  return kind === 'source' ? language : 'text';
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 300) ?? 'unknown error';
}

export function parseDocument(path: string, kind: FileKind, language: string, text: string): Document {
  let result: ParseResult;
  try {
    result = PARSERS[kind](text, language);
  } catch (error) {
    const parseError = oneLine(error);
    try {
      result = { ...parseGeneric(text, fallbackLanguage(kind, language)), parseError };
    } catch (fallbackError) {
      // The generic tokenizer is written never to throw; if it does, the file still gets a notice.
      result = { tokens: [], collections: [], pairs: [], calls: [], parseError: `${parseError}; ${oneLine(fallbackError)}` };
    }
  }
  return { ...stripDirectives(result), path, kind, language, text };
}
