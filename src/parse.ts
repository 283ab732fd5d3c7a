// File kind → parser. A parser that throws (a syntax error, a hostile structure) does not cost
// the file: it is scanned with the generic tokenizer instead and the failure becomes a notice.
import { stripDirectives } from './directives.js';
import { parseGeneric } from './parsers/generic.js';
import { mayHoldDirective } from './suppress/directive.js';
import type { Document, FileKind, ParseResult, Token } from './types.js';

type Parser = (text: string, language: string) => ParseResult;

// Parsers load on first use: a scan whose files never reach a parser (the prefilter turned them
// all away) never loads the YAML library or typescript-estree.
const LOADERS: Record<FileKind, () => Promise<Parser>> = {
  python: async () => (await import('./parsers/python.js')).parsePython,
  javascript: async () => (await import('./parsers/javascript.js')).parseJavaScript,
  notebook: async () => (await import('./parsers/notebook.js')).parseNotebook,
  json: async () => (await import('./parsers/json.js')).parseJson,
  yaml: async () => (await import('./parsers/yaml.js')).parseYaml,
  labels: async () => (await import('./parsers/labels.js')).parseLabels,
  csv: async () => {
    const { parseCsv } = await import('./parsers/csv.js');
    return (text, language) => parseCsv(text, language === 'tsv' ? '\t' : undefined);
  },
  pbtxt: async () => (await import('./parsers/pbtxt.js')).parsePbtxt,
  source: async () => parseGeneric,
  markdown: async () => (await import('./parsers/markdown.js')).parseMarkdown,
  text: async () => (text) => parseGeneric(text, 'text'),
};

const loaded = new Map<FileKind, Promise<Parser>>();

function parserFor(kind: FileKind): Promise<Parser> {
  let parser = loaded.get(kind);
  if (!parser) {
    parser = LOADERS[kind]();
    loaded.set(kind, parser);
  }
  return parser;
}

/** The language the fallback tokenizer should assume for a kind that failed to parse. */
export function fallbackLanguage(kind: FileKind, language: string): string {
  if (kind === 'javascript' || kind === 'json' || kind === 'notebook') return 'javascript';
  if (kind === 'python') return 'python';
  if (kind === 'yaml' || kind === 'pbtxt') return 'shell'; // '#' comments
  return kind === 'source' ? language : 'text';
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.slice(0, 300) ?? 'unknown error';
}

export async function parseDocument(path: string, kind: FileKind, language: string, text: string): Promise<Document> {
  return (await parseFile(path, kind, language, text)).doc;
}

export interface ParsedFile {
  /** The document rules read: directive text cut out of its comments. */
  doc: Document;
  /** The comments that may hold suppression directives, whole (before the cut). */
  directiveComments: Token[];
}

/** Parses a file and keeps the comments that may hold suppression directives. */
export async function parseFile(path: string, kind: FileKind, language: string, text: string): Promise<ParsedFile> {
  const parse = await parserFor(kind);
  let result: ParseResult;
  try {
    result = parse(text, language);
  } catch (error) {
    const parseError = oneLine(error);
    try {
      result = { ...parseGeneric(text, fallbackLanguage(kind, language)), parseError };
    } catch (fallbackError) {
      // The generic tokenizer is written never to throw; if it does, the file still gets a notice.
      result = { tokens: [], collections: [], pairs: [], calls: [], parseError: `${parseError}; ${oneLine(fallbackError)}` };
    }
  }
  const directiveComments = result.tokens.filter((t) => t.type === 'comment' && mayHoldDirective(t.value));
  return { doc: { ...stripDirectives(result), path, kind, language, text }, directiveComments };
}
